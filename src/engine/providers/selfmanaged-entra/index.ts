/**
 * `selfmanaged-entra`: service account tokens of a self-managed cluster (kubeadm, kind, k3s, OpenShift,
 * CAPZ) federated into Microsoft Entra ID, with discovery and JWKS hosted by the owner
 * (other-providers.md §2.4). Pure stage helpers; the provider registry wires them into the nine stages
 * (see ../cluster-common/WIRING.md):
 * - admission → {@link selfManagedAdmission} (three states),
 * - projected-token → `iss` from {@link selfManagedIssuer} (first --service-account-issuer, + its checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts),
 * - issuer-discovery → {@link selfManagedDiscovery} replaces the aks-entra stage,
 * - signature → aks-entra stage on the JWKS of {@link selfManagedJwksKeyNames}, refined by
 *   {@link selfManagedSignature},
 * - client-lookup, lifetime, access-token, authorization → aks-entra stages unchanged.
 */
export * from './schema.ts';
export * from './issuer.ts';
export * from './keys.ts';
export * from './discovery.ts';
export * from './signature.ts';
export * from './admission.ts';
export * from './defaults.ts';

import { q } from '../../format.ts';
import { clusterHints } from '../../kubernetes/hints.ts';
import { clusterProvider } from '../cluster-common/provider.ts';
import { ficIssuerHints } from '../cluster-common/issuer.ts';
import { SelfManagedEntraWorldSchema, type SelfManagedEntraWorld } from './schema.ts';
import { issuerFlagHint, selfManagedIssuer } from './issuer.ts';
import { selfManagedDiscovery, selfManagedDiscoveryDocument } from './discovery.ts';
import { selfManagedJwksKeyNames } from './keys.ts';
import { selfManagedSignature } from './signature.ts';
import { selfManagedAdmission } from './admission.ts';
import { defaultSelfManagedWorld } from './defaults.ts';

/** The selfmanaged-entra provider (registry entry). */
export const selfManagedEntra = clusterProvider<SelfManagedEntraWorld>({
  id: 'selfmanaged-entra',
  title: 'Self-managed cluster → Microsoft Entra ID',
  worldSchema: SelfManagedEntraWorldSchema,
  defaultWorld: defaultSelfManagedWorld,
  issuer: (w) => {
    const i = selfManagedIssuer(w.cluster.platform);
    const hint = issuerFlagHint(w.cluster.platform.distribution);
    return { issuer: i.issuer, checks: i.checks, uncertain: i.checks.every((c) => c.ok) ? undefined : hint.uncertain };
  },
  issuerShapeFix: (w) => `Set --service-account-issuer (first value) to the public https URL where the discovery document is hosted (${issuerFlagHint(w.cluster.platform.distribution).text}).`,
  admission: selfManagedAdmission,
  discovery: selfManagedDiscovery,
  discoveryDocument: (w) => {
    const d = selfManagedDiscoveryDocument(w);
    return { issuer: d.issuer, jwks_uri: d.jwks_uri, response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: [...new Set(d.algs)].sort() };
  },
  jwksKeys: async (w, keys) => {
    const out = [];
    for (const name of selfManagedJwksKeyNames(w)) out.push(await keys.get(name));
    return out;
  },
  ficHints: ficIssuerHints,
  signature: selfManagedSignature,
  hints: clusterHints({
    issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)}: the first --service-account-issuer value, byte for byte (trailing slash included).`,
    unknownKidFix: 'Upload the JWKS again (azwi jwks --public-keys sa.pub) so it holds the key that signs the tokens, or restart the pod so it gets a token signed with a published key.',
  }),
});
