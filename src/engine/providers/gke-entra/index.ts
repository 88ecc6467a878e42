/**
 * `gke-entra`: GKE service account tokens federated into Microsoft Entra ID (other-providers.md §2.3).
 * Pure stage helpers; the provider registry wires them into the nine stages:
 * - admission → {@link gkeAdmission} (three states),
 * - projected-token → `iss` from {@link gkeIssuer} (+ its shape checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts) and
 *   {@link gkeFicHints} (location near misses),
 * - issuer-discovery → {@link gkeDiscovery} replaces the aks-entra stage,
 * - client-lookup, signature, lifetime, access-token, authorization → aks-entra stages unchanged.
 */
export * from './schema.ts';
export * from './issuer.ts';
export * from './discovery.ts';
export * from './admission.ts';
export * from './defaults.ts';

import { q } from '../../format.ts';
import { clusterHints } from '../../kubernetes/hints.ts';
import { clusterProvider } from '../cluster-common/provider.ts';
import { ficIssuerHints } from '../cluster-common/issuer.ts';
import { GkeEntraWorldSchema, type GkeEntraWorld } from './schema.ts';
import { gkeFicHints, gkeIssuer } from './issuer.ts';
import { gkeDiscovery, gkeDiscoveryDocument } from './discovery.ts';
import { gkeAdmission } from './admission.ts';
import { defaultGkeWorld } from './defaults.ts';

const FORM = 'https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>';

/** The gke-entra provider (registry entry). */
export const gkeEntra = clusterProvider<GkeEntraWorld>({
  id: 'gke-entra',
  title: 'Google GKE → Microsoft Entra ID',
  worldSchema: GkeEntraWorldSchema,
  defaultWorld: defaultGkeWorld,
  issuer: (w) => gkeIssuer(w.cluster.platform),
  issuerShapeFix: () => `The issuer is ${FORM}, with the cluster's own location (zone or region).`,
  admission: gkeAdmission,
  discovery: gkeDiscovery,
  discoveryDocument: (_w, issuer) => gkeDiscoveryDocument(issuer).served,
  ficHints: (iss, fics) => [...ficIssuerHints(iss, fics), ...gkeFicHints(iss, fics)],
  hints: clusterHints({
    // No gcloud command is in the reference: name the form, not an invented command.
    issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)}, the token's iss (${FORM}, no trailing slash).`,
    unknownKidFix: 'Restart the pod so the kubelet fetches a token signed with a key the cluster publishes now (GKE key retention after a rotation is not documented in our sources).',
  }),
});
