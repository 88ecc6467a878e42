/**
 * The error catalogue: every code the simulator can produce, as data. Stage results take their HTTP
 * status, OAuth `error` field and message text from here, so the same wording appears in the playground,
 * the CLI and (later) the `/errors/<code>/` pages.
 *
 * Message texts follow the real systems' wording as recorded in ../shared/reference/workload-identity.md
 * (sections A3, B3, D1, D3, E2), with identifiers filled in from the simulated world. Where the reference
 * did not capture a detail (an HTTP status, an `error` field), the entry says so in `uncertain`.
 */
import type { StageId } from './schema.ts';

/** One catalogue entry. */
export interface ErrorInfo {
  code: string;
  stage: StageId;
  /** HTTP status of the failing response, when known. */
  httpStatus?: number;
  /** OAuth 2.0 `error` field (RFC 6749 §5.2) or the service's error code field, when known. */
  error?: string;
  /** One sentence: what the code means. */
  meaning: string;
  /** Which system prints it. */
  system: 'Microsoft Entra ID' | 'Azure Key Vault' | 'Azure Resource Manager' | 'Azure Storage';
  /** Public source for the code and wording. */
  source: string;
  /** What is not confirmed about this entry. */
  uncertain?: string;
}

const ENTRA_SRC = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';

/** The catalogue, keyed by code. */
export const ERROR_CATALOGUE: Record<string, ErrorInfo> = {
  AADSTS700016: {
    code: 'AADSTS700016',
    stage: 'client-lookup',
    httpStatus: 400,
    error: 'unauthorized_client',
    meaning: 'No application or managed identity with this client ID exists in the tenant the request was sent to.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/108526',
  },
  AADSTS1002012: {
    code: 'AADSTS1002012',
    stage: 'client-lookup',
    httpStatus: 400,
    error: 'invalid_scope',
    meaning: 'A client-credentials request must ask for `<resource>/.default`; any other scope is refused.',
    system: 'Microsoft Entra ID',
    source: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow',
    uncertain: 'The HTTP status and `error` field were not captured in our sources; 400 invalid_scope is the usual form.',
  },
  AADSTS70023: {
    code: 'AADSTS70023',
    stage: 'client-lookup',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'The external token lives longer than Entra accepts (exp − iat over 1 day 1 hour), or has no iat.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/86916',
    uncertain: 'Microsoft does not document whether this check runs before or after the federated credential match.',
  },
  AADSTS700222: {
    code: 'AADSTS700222',
    stage: 'client-lookup',
    error: 'invalid_client',
    meaning: 'The client assertion is a token Entra ID issued itself; the generic federated credential path does not accept those.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/90276',
    uncertain: 'The HTTP status was not captured; where in Entra\'s order this check runs is inferred.',
  },
  AADSTS70021: {
    code: 'AADSTS70021',
    stage: 'federation-match',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'No federated identity credential matched (the older combined code; also seen while a new credential propagates).',
    system: 'Microsoft Entra ID',
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations',
  },
  AADSTS700211: {
    code: 'AADSTS700211',
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'No federated identity credential on this identity has an issuer equal to the token’s iss.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/1200',
  },
  AADSTS700212: {
    code: 'AADSTS700212',
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'Issuer and subject matched a federated identity credential, but its audience is not in the token’s aud.',
    system: 'Microsoft Entra ID',
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
  },
  AADSTS700213: {
    code: 'AADSTS700213',
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'A federated identity credential has the token’s issuer, but none has its subject.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/login/issues/482',
    uncertain: 'The HTTP status and `error` field were not captured; 401 invalid_client as for AADSTS700211 is assumed.',
  },
  AADSTS7002138: {
    code: 'AADSTS7002138',
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'The subject matches a federated identity credential only when case is ignored; matching is case-sensitive since August 2024.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/login/issues/515',
    uncertain: 'The HTTP status and `error` field were not captured; 401 invalid_client is assumed.',
  },
  AADSTS50166: {
    code: 'AADSTS50166',
    stage: 'issuer-discovery',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'Entra ID could not fetch the issuer’s discovery document or JWKS from the internet.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/1130',
    uncertain: 'AADSTS50166, AADSTS90061 and AADSTS501661 all print "Request to External OIDC endpoint failed."; which one appears for which cause is not documented.',
  },
  AADSTS90061: {
    code: 'AADSTS90061',
    stage: 'issuer-discovery',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'The request to the external OIDC endpoint failed: seen when the issuer’s discovery document was never deployed.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/605',
    uncertain: 'AADSTS50166, AADSTS90061 and AADSTS501661 all print "Request to External OIDC endpoint failed."; which one appears for which cause is not documented.',
  },
  AADSTS7000272: {
    code: 'AADSTS7000272',
    stage: 'signature',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'The key ID (kid) in the token header is not among the keys the issuer publishes in its JWKS.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/1232',
  },
  AADSTS700024: {
    code: 'AADSTS700024',
    stage: 'lifetime',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'The client assertion is expired or not yet valid at Entra’s clock (nbf ≤ now < exp fails).',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/693',
  },
  ForbiddenByRbac: {
    code: 'ForbiddenByRbac',
    stage: 'authorization',
    httpStatus: 403,
    error: 'Forbidden',
    meaning: 'Key Vault (RBAC permission model) found no role assignment that allows this data action for the caller.',
    system: 'Azure Key Vault',
    source: 'https://learn.microsoft.com/azure/key-vault/general/rbac-guide',
  },
  AccessDenied: {
    code: 'AccessDenied',
    stage: 'authorization',
    httpStatus: 403,
    error: 'Forbidden',
    meaning: 'The vault uses access policies (not Azure RBAC) and no policy gives the caller this secret permission; role assignments are ignored.',
    system: 'Azure Key Vault',
    source: 'https://github.com/turbot/steampipe-plugin-azure/issues/127',
    uncertain: 'Seen as HTTP 403 with outer code "Forbidden" and inner code "AccessDenied" in a third-party report; the exact wording varies by permission.',
  },
  AKV10022: {
    code: 'AKV10022',
    stage: 'authorization',
    httpStatus: 401,
    error: 'Unauthorized',
    meaning: 'The access token was issued for another resource (its aud is not https://vault.azure.net).',
    system: 'Azure Key Vault',
    source: 'https://learn.microsoft.com/azure/key-vault/general/authentication',
  },
  AuthorizationFailed: {
    code: 'AuthorizationFailed',
    stage: 'authorization',
    httpStatus: 403,
    error: 'AuthorizationFailed',
    meaning: 'Azure Resource Manager found no role assignment that allows this action at this scope for the caller.',
    system: 'Azure Resource Manager',
    source: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting',
  },
  AuthorizationPermissionMismatch: {
    code: 'AuthorizationPermissionMismatch',
    stage: 'authorization',
    httpStatus: 403,
    error: 'AuthorizationPermissionMismatch',
    meaning: 'Azure Storage found no data-plane role (e.g. Storage Blob Data Reader) that allows this operation for the caller.',
    system: 'Azure Storage',
    source: 'https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access',
    uncertain: 'Not in our collected reports; taken from the Azure Storage error code list.',
  },
};

/** Site-relative link to the error page of `code` (lower-case code in the path). */
export function errorPagePath(code: string): string {
  return `/errors/${code.toLowerCase()}/`;
}

/** The `ENTRA_SRC` reference page for all AADSTS codes. */
export const ENTRA_ERROR_CODES_URL = ENTRA_SRC;
