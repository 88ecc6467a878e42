/**
 * World-schema extension for `gke-entra`: a Google Kubernetes Engine cluster's service account tokens
 * federated into Microsoft Entra ID. The aks-entra world (src/engine/schema.ts) plus `cluster.platform`
 * (the GKE facts that fix the issuer) and the non-AKS pod (cluster-common/schema.ts).
 *
 * Source: other-providers.md §2.3.
 */
import { z } from '../../zod.ts';
import { ClusterSchema, WorldSchema } from '../../schema.ts';
import { ClusterPodSchema } from '../cluster-common/schema.ts';

export const GkePlatformSchema = z
  .object({
    kind: z.literal('gke').describe('Platform tag: a GKE cluster.'),
    project: z
      .string()
      .min(1)
      .describe('The Google Cloud project in the issuer path `projects/<project>` (the project ID, e.g. "k8s-prow", in the one public example; kubernetes/k8s.io #3807).'),
    location: z
      .string()
      .min(1)
      .describe('The cluster\'s location: a region ("us-central1") for a regional cluster or a zone ("us-central1-f") for a zonal one. It is part of the issuer.'),
    cluster: z.string().min(1).describe('The cluster name, the last segment of the issuer.'),
    discoveryAvailable: z
      .boolean()
      .default(true)
      .describe('Whether the GKE API serves the cluster\'s .well-known/openid-configuration and /jwks to anonymous callers. Default true (evidence says yes, unconfirmed by Google); false simulates "discovery not available for this cluster".'),
  })
  .strict()
  .describe('The GKE facts that determine the token issuer `https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>` (no trailing slash).');

export const GkeClusterSchema = ClusterSchema.extend({
  platform: GkePlatformSchema,
});

/** The complete gke-entra world. */
export const GkeEntraWorldSchema = WorldSchema.extend({
  cluster: GkeClusterSchema,
  pod: ClusterPodSchema,
});

export type GkePlatform = z.infer<typeof GkePlatformSchema>;
export type GkeEntraWorld = z.infer<typeof GkeEntraWorldSchema>;
