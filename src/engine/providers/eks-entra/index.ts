/**
 * `eks-entra`: Amazon EKS service account tokens federated into Microsoft Entra ID
 * (other-providers.md §2.2). Pure stage helpers; the provider registry wires them into the nine stages:
 * - admission → {@link eksAdmission} (three states; IRSA token detection),
 * - projected-token → `iss` from {@link eksIssuer} (+ its shape checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts),
 * - issuer-discovery → {@link eksDiscovery} replaces the aks-entra stage,
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
import { EksEntraWorldSchema, type EksEntraWorld } from './schema.ts';
import { eksIssuer } from './issuer.ts';
import { eksDiscovery, eksDiscoveryDocument } from './discovery.ts';
import { eksAdmission } from './admission.ts';
import { defaultEksWorld } from './defaults.ts';

/** The AWS CLI command that prints the cluster's issuer (AWS EKS user guide, irsa-fetch-keys.html). */
const DESCRIBE = 'aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer --output text';

/** The eks-entra provider (registry entry). */
export const eksEntra = clusterProvider<EksEntraWorld>({
  id: 'eks-entra',
  title: 'Amazon EKS → Microsoft Entra ID',
  worldSchema: EksEntraWorldSchema,
  defaultWorld: defaultEksWorld,
  issuer: (w) => eksIssuer(w.cluster.platform),
  issuerShapeFix: () => `Copy region and OIDC ID from ${DESCRIBE}.`,
  admission: eksAdmission,
  discovery: eksDiscovery,
  discoveryDocument: (_w, issuer) => eksDiscoveryDocument(issuer).served,
  ficHints: ficIssuerHints,
  hints: clusterHints({
    issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)} (copy it from ${DESCRIBE}: no trailing slash, upper-case ID).`,
    unknownKidFix: 'Restart the pod so the kubelet fetches a token signed with a key EKS publishes now (EKS rotates the OIDC signing key every seven days; AWS EKS user guide, irsa-fetch-keys.html).',
  }),
});
