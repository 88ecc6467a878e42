/**
 * Entra ID facts every Entra-side provider shares (reference: ../shared/reference/workload-identity.md,
 * sections C and D). Data only.
 */

/** Audiences the webhook / Entra use for token exchange per cloud (reference C5). */
export const EXCHANGE_AUDIENCES = [
  'api://AzureADTokenExchange',
  'api://AzureADTokenExchangeUSGov',
  'api://AzureADTokenExchangeChina',
  'api://AzureADTokenExchangeUSNat',
  'api://AzureADTokenExchangeUSSec',
];

/** Entra ID uses at most this many keys from an issuer's JWKS. */
export const ENTRA_MAX_JWKS_KEYS = 100;

/** Maximum lifetime Entra accepts for an external token: 1 day 1 hour, in seconds (AADSTS70023). */
export const MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS = 25 * 3600;

/** How long a new federated identity credential may take to propagate, seconds (modelled value). */
export const FIC_PROPAGATION_SECONDS = 60;

/** Issuers of Entra ID's own tokens (v1 and v2 endpoints, public and sovereign clouds). */
export const ENTRA_ISSUER_PATTERN = /^https:\/\/(login\.microsoftonline\.(com|us)|login\.chinacloudapi\.cn|sts\.windows\.net|sts\.chinacloudapi\.cn)\//i;
