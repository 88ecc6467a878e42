/**
 * The EKS facts that fix a cluster's token issuer, shared by every provider whose issuer is an EKS cluster
 * (eks-entra, eks-irsa): the `cluster.platform` schema and the fictional default region and OIDC ID.
 * Moved from eks-entra/schema.ts and eks-entra/defaults.ts so eks-irsa does not import another provider.
 */
import { z } from '../../zod.ts';

export const EksPlatformSchema = z
  .object({
    kind: z.literal('eks').describe('Platform tag: an Amazon EKS cluster.'),
    region: z
      .string()
      .min(1)
      .describe('The AWS region of the cluster, e.g. "us-east-1". It is part of the issuer host `oidc.eks.<region>.amazonaws.com` (`.amazonaws.com.cn` for cn-* regions).'),
    oidcId: z
      .string()
      .describe('The cluster\'s OIDC ID, the last path segment of the issuer. EKS generates it as upper-case hex; a federated credential must copy it byte for byte.'),
  })
  .strict()
  .describe('The EKS facts that determine the token issuer `https://oidc.eks.<region>.amazonaws.com/id/<oidcId>` (no trailing slash).');

export type EksPlatform = z.infer<typeof EksPlatformSchema>;

export const EKS_DEFAULT_REGION = 'us-east-1';
/** A fictional upper-case hex OIDC ID (the shape EKS generates). */
export const EKS_DEFAULT_OIDC_ID = 'B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B';
