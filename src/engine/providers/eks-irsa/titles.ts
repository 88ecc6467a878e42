/**
 * Stage titles of eks-irsa: the nine contract slots (schema.ts STAGE_IDS), named for what AWS does in each.
 * | slot | what runs |
 * |---|---|
 * | admission | Amazon EKS Pod Identity Webhook mutates the pod |
 * | projected-token | kubelet writes the token (aud sts.amazonaws.com) |
 * | client-lookup | STS: RoleArn and the IAM OIDC provider (exists, audience list) |
 * | federation-match | the IAM role's trust policy |
 * | issuer-discovery | STS fetches discovery and JWKS |
 * | signature | the token's signature |
 * | lifetime | the token's expiry |
 * | access-token | STS issues temporary credentials |
 * | authorization | the role's identity-based policies at the resource (S3, Secrets Manager) |
 */
import type { StageId } from '../../schema.ts';

export const IRSA_STAGE_TITLES: Record<StageId, string> = {
  admission: 'Pod Identity Webhook',
  'projected-token': 'Projected service account token',
  'client-lookup': 'STS request and IAM OIDC provider',
  'federation-match': 'IAM role trust policy',
  'issuer-discovery': 'STS fetches discovery and JWKS',
  signature: 'Token signature',
  lifetime: 'Token expiry',
  'access-token': 'STS temporary credentials',
  authorization: 'IAM permissions at the resource',
};
