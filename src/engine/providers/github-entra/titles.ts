/**
 * github-entra stage titles, in contract order: GitHub's and azure/login's terms where the slot's meaning
 * differs from a cluster, the shared Entra titles elsewhere.
 */
import type { StageId } from '../../schema.ts';

export const GITHUB_ENTRA_STAGE_TITLES: Record<StageId, string> = {
  admission: 'Job permissions and azure/login inputs',
  'projected-token': 'GitHub Actions ID token',
  'client-lookup': 'Client lookup at Entra ID',
  'federation-match': 'Federated identity credential match',
  'issuer-discovery': 'GitHub OIDC discovery',
  signature: 'Token signature',
  lifetime: 'Token lifetime',
  'access-token': 'Access token',
  authorization: 'Subscription and Azure authorization',
};
