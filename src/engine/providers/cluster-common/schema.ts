/**
 * World-schema pieces shared by the non-AKS cluster providers (eks-entra, gke-entra, selfmanaged-entra).
 *
 * These clusters reuse the aks-entra world (cluster, serviceAccount, pod, token and the same Entra side,
 * src/engine/schema.ts); what is new is how the Azure token gets into the pod when no managed add-on
 * runs. Source: other-providers.md §2.1 — the workload only needs AZURE_CLIENT_ID, AZURE_TENANT_ID,
 * AZURE_FEDERATED_TOKEN_FILE and a valid token at that path, from the open-source Azure Workload Identity
 * webhook installed with Helm, or written by hand (a projected volume with
 * `audience: api://AzureADTokenExchange`) — summary of the Entra "supported scenarios" section quoted in
 * argoproj/argo-cd #29437.
 */
import { z } from '../../zod.ts';
import { PodSchema } from '../../schema.ts';

/** Where the Azure Workload Identity webhook mounts the token (workload-identity.md B3, classic path). */
export const AZURE_TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';

/**
 * A projected `serviceAccountToken` volume written into the pod manifest by hand, instead of being
 * injected by the webhook. The environment variables go in `pod.containers[].env` as usual.
 */
export const HandWrittenTokenVolumeSchema = z
  .object({
    audience: z
      .string()
      .optional()
      .describe('`serviceAccountToken.audience` of the volume. Must be api://AzureADTokenExchange for Entra ID. Absent: the API server\'s default audiences (`--api-audiences`, which default to the issuer; workload-identity.md A2).'),
    path: z
      .string()
      .default(AZURE_TOKEN_FILE)
      .describe('Full path of the token file in the container (volume mountPath + serviceAccountToken.path). AZURE_FEDERATED_TOKEN_FILE must point here.'),
    expirationSeconds: z
      .number()
      .int()
      .default(3600)
      .describe('`serviceAccountToken.expirationSeconds`, seconds (default 3600, minimum 600; without the webhook nothing caps it at 86400).'),
  })
  .strict()
  .describe('A hand-written projected service account token volume (no webhook involved).');

/** The pod of a non-AKS cluster: the aks-entra pod plus an optional hand-written token volume. */
export const ClusterPodSchema = PodSchema.extend({
  handWrittenTokenVolume: HandWrittenTokenVolumeSchema.optional().describe(
    'A projected token volume written by hand in the pod spec (absent: none). Used when the Azure Workload Identity webhook is not installed.',
  ),
});

export type HandWrittenTokenVolume = z.infer<typeof HandWrittenTokenVolumeSchema>;
export type ClusterPod = z.infer<typeof ClusterPodSchema>;
