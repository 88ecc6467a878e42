/**
 * World-schema extension for `eks-entra`: an Amazon EKS cluster's service account tokens federated
 * into Microsoft Entra ID. The world is the aks-entra world (src/engine/schema.ts) plus
 * `cluster.platform` (the EKS facts that fix the issuer) and the non-AKS pod
 * (`pod.handWrittenTokenVolume`, cluster-common/schema.ts).
 *
 * Sources: other-providers.md §2.2; workload-identity.md F1 (issuer form, IRSA annotations, injected
 * token path); real-world-cases C34 (China-partition issuer host).
 */
import { z } from '../../zod.ts';
import { ClusterSchema, WorldSchema } from '../../schema.ts';
import { ClusterPodSchema } from '../cluster-common/schema.ts';

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

export const EksClusterSchema = ClusterSchema.extend({
  platform: EksPlatformSchema,
});

/** The complete eks-entra world. */
export const EksEntraWorldSchema = WorldSchema.extend({
  cluster: EksClusterSchema,
  pod: ClusterPodSchema,
});

export type EksPlatform = z.infer<typeof EksPlatformSchema>;
export type EksEntraWorld = z.infer<typeof EksEntraWorldSchema>;
