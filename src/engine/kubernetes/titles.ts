/**
 * The stage titles of every Kubernetes-cluster provider (aks-entra, eks-entra, gke-entra, selfmanaged-entra), in contract order (design.md, "Stages").
 */
import type { StageId } from '../schema.ts';

/** Human titles of the stages, in contract order. */
export const CLUSTER_STAGE_TITLES: Record<StageId, string> = {
  admission: 'Pod admission (workload identity webhook)',
  'projected-token': 'Projected service account token (TokenRequest)',
  'client-lookup': 'Client lookup at Entra ID',
  'federation-match': 'Federated identity credential match',
  'issuer-discovery': 'Issuer discovery (OIDC metadata and JWKS)',
  signature: 'Token signature',
  lifetime: 'Token lifetime',
  'access-token': 'Managed identity access token',
  authorization: 'Authorization at the resource',
};
