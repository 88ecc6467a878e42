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
import { EksPlatformSchema } from '../eks-common/platform.ts';

export { EksPlatformSchema, type EksPlatform } from '../eks-common/platform.ts';

export const EksClusterSchema = ClusterSchema.extend({
  platform: EksPlatformSchema,
});

/** The complete eks-entra world. */
export const EksEntraWorldSchema = WorldSchema.extend({
  cluster: EksClusterSchema,
  pod: ClusterPodSchema,
});

export type EksEntraWorld = z.infer<typeof EksEntraWorldSchema>;
