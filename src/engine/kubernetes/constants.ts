/**
 * Kubernetes, AKS and Azure Workload Identity webhook facts (reference: ../shared/reference/workload-identity.md,
 * sections A and B). Data only.
 */

/** Annotation and label keys read by the Azure Workload Identity webhook (`pkg/webhook/consts.go`). */
export const WI = {
  useLabel: 'azure.workload.identity/use',
  clientId: 'azure.workload.identity/client-id',
  tenantId: 'azure.workload.identity/tenant-id',
  expiration: 'azure.workload.identity/service-account-token-expiration',
  skipContainers: 'azure.workload.identity/skip-containers',
  tokenFile: '/var/run/secrets/azure/tokens/azure-identity-token',
} as const;

/** How long AKS keeps publishing a rotated-out signing key, seconds (reference B2). */
export const RETIRED_KEY_GRACE_SECONDS = 86400;

/** Whether a signing key is in the JWKS now: published, and not retired for 24 h or more. */
export function keyIsPublished(k: { published: boolean; retiredSecondsAgo?: number | undefined }): boolean {
  return k.published && (k.retiredSecondsAgo === undefined || k.retiredSecondsAgo < RETIRED_KEY_GRACE_SECONDS);
}

/** Webhook bounds for the token expiration annotation, seconds (B3). */
export const WEBHOOK_MIN_EXPIRATION = 3600;
export const WEBHOOK_MAX_EXPIRATION = 86400;
/** TokenRequest minimum expirationSeconds (A3). */
export const TOKENREQUEST_MIN_EXPIRATION = 600;
