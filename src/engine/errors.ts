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
  /** Typical causes, most common first. */
  causes: string[];
  /** What to change. */
  fix: string;
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
    causes: [
      "The ServiceAccount's client-id annotation holds the identity's ARM resource ID or its principal (object) ID instead of its client ID.",
      "The request went to the wrong tenant (tenant-id annotation or AZURE_TENANT_ID points elsewhere).",
      "The container sets AZURE_CLIENT_ID itself, and that value wins over the webhook's, naming an identity that no longer exists. (If that identity still exists, Entra ID finds it and the answer is a credential mismatch instead: AADSTS700211 or AADSTS700213.)",
      "The managed identity was deleted and recreated: it has a new client ID.",
    ],
    fix: "Put the identity's client ID (az identity show -g <rg> -n <name> --query clientId -o tsv) in the azure.workload.identity/client-id annotation, send the request to the identity's tenant, and recreate the pod.",
    stage: 'client-lookup',
    httpStatus: 400,
    error: 'unauthorized_client',
    meaning: 'No application or managed identity with this client ID exists in the tenant the request was sent to.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/108526',
    uncertain: 'Reports show this code with HTTP 400 and the `error` field unauthorized_client, others with invalid_client; which one a given request gets is not documented.',
  },
  AADSTS1002012: {
    code: 'AADSTS1002012',
    causes: [
      "The app asks for a scope such as https://vault.azure.net/secrets.read or a bare resource URL instead of <resource>/.default.",
    ],
    fix: "Request <resource>/.default, e.g. https://vault.azure.net/.default or https://management.azure.com/.default.",
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
    causes: [
      "The token was requested with a lifetime over 25 hours (a hand-made TokenRequest or a non-webhook volume).",
      "The token has no iat claim (a custom issuer).",
    ],
    fix: "Keep tokens at most 24 hours (the webhook allows 3600–86400 s) and make sure they carry iat.",
    stage: 'client-lookup',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'The external token lives longer than Entra accepts (exp − iat over 1 day 1 hour), or has no iat.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/86916',
    uncertain:
      'Microsoft does not document whether this check runs before or after the federated credential match. The `error` field was invalid_request in one report and invalid_client in another (Azure/azure-sdk-for-python #32124); the HTTP status was not captured.',
  },
  AADSTS700222: {
    code: 'AADSTS700222',
    causes: [
      "A token issued by Entra ID (login.microsoftonline.com or sts.windows.net) was presented as the client assertion of a generic federated credential.",
    ],
    fix: "Present the Kubernetes service account token (or another external OIDC token). For managed identity → app federation, use the dedicated managed-identity-as-credential feature.",
    stage: 'client-lookup',
    error: 'invalid_client',
    meaning: 'The client assertion is a token Entra ID issued itself; the generic federated credential path does not accept those.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/90276',
    uncertain: 'The HTTP status was not captured; where in Entra\'s order this check runs is inferred.',
  },
  AADSTS70021: {
    code: 'AADSTS70021',
    causes: [
      "A federated credential was created seconds ago and has not propagated to every Entra ID replica.",
      "Older Entra ID versions return this combined code for any issuer, subject or audience mismatch.",
      "The pod presents the client ID of another identity that exists (a stale AZURE_CLIENT_ID in the manifest, an override in the app's config, the wrong client-id annotation): Entra ID checks that identity's credentials, which do not trust this token.",
    ],
    fix: "Wait a minute and retry. If it persists, compare issuer, subject and audience character by character with the token.",
    stage: 'federation-match',
    httpStatus: 400,
    error: 'invalid_request',
    meaning: 'No federated identity credential matched (the older combined code; also seen while a new credential propagates).',
    system: 'Microsoft Entra ID',
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations',
  },
  AADSTS700211: {
    code: 'AADSTS700211',
    causes: [
      "The credential's issuer lacks the trailing slash of the AKS issuer URL (or has one the issuer lacks).",
      "The OIDC issuer is not enabled, so tokens carry https://kubernetes.default.svc.cluster.local.",
      "The credential names another cluster's issuer (cluster recreated, or a copy from another environment).",
      "The client ID names a different identity that exists (a stale AZURE_CLIENT_ID in the container spec, the wrong client-id annotation, a value copied from another environment), and that identity has no credential for this cluster, or none at all. The credential that would match is on the identity the request did not name.",
    ],
    fix: "Copy the issuer byte for byte from az aks show --query oidcIssuerProfile.issuerUrl -o tsv into the credential.",
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'No federated identity credential on this identity has an issuer equal to the token’s iss.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/1200',
  },
  AADSTS700212: {
    code: 'AADSTS700212',
    causes: [
      "The credential's audience is not api://AzureADTokenExchange (e.g. api://AzureADMyOrg).",
      "The default in-pod token (audience: the API server) was presented instead of the workload identity token.",
      "Cloud mismatch: the token has a sovereign-cloud audience and the credential the public one, or the reverse.",
    ],
    fix: "Use the same audience on both sides: api://AzureADTokenExchange in the public cloud.",
    stage: 'federation-match',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'Issuer and subject matched a federated identity credential, but its audience is not in the token’s aud.',
    system: 'Microsoft Entra ID',
    source: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
  },
  AADSTS700213: {
    code: 'AADSTS700213',
    causes: [
      "The credential names another namespace or ServiceAccount than the pod runs as.",
      "A typo or stray whitespace in the subject.",
      "The pod runs in a namespace the credential was never created for.",
      "The client ID names a different identity that exists, e.g. the annotation copied from another namespace's manifest: that identity trusts this cluster, but for its own namespace and ServiceAccount.",
    ],
    fix: "Set the subject to system:serviceaccount:<namespace>:<serviceaccount> exactly as in the token's sub, or add a credential for that pair.",
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
    causes: [
      "The subject differs only in letter case (e.g. a namespace written My-App in the credential).",
    ],
    fix: "Write the subject with exactly the case the token has; matching has been case-sensitive since August 2024.",
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
    causes: [
      "The issuer's documents are behind a storage firewall, a private endpoint or a VPN.",
      "A federated credential names an in-cluster issuer (such as https://kubernetes.default.svc.cluster.local) that Entra ID cannot reach. Without such a credential the exchange stops earlier, with AADSTS700211, because Entra ID matches credentials before it fetches anything.",
    ],
    fix: "Make the discovery document and JWKS publicly readable over HTTPS; they only hold public keys.",
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
    causes: [
      "The AKS issuer endpoint was never deployed or its deployment failed (HTTP 404 behind a valid URL).",
    ],
    fix: "Reconcile the cluster (az aks update -g <rg> -n <cluster>) and check that curl <issuer>.well-known/openid-configuration answers.",
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
    causes: [
      "The signing key was rotated more than 24 hours ago and a pod still presents a token signed with the old key.",
      "A self-managed issuer rotated its key without publishing the new one in the JWKS.",
    ],
    fix: "Restart pods so they get freshly signed tokens, and make sure the JWKS publishes every key in use.",
    stage: 'signature',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'The key ID (kid) in the token header is not among the keys the issuer publishes in its JWKS.',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/1232',
  },
  AADSTS700024: {
    code: 'AADSTS700024',
    causes: [
      "The app read the token file once and keeps presenting the old token after it expired.",
      "The node's or control plane's clock runs ahead of Entra ID's (token not yet valid).",
    ],
    fix: "Re-read the token file before each exchange (current Azure SDKs do) and keep clocks in sync with NTP.",
    stage: 'lifetime',
    httpStatus: 401,
    error: 'invalid_client',
    meaning: 'The client assertion is expired or not yet valid at Entra’s clock (nbf ≤ now < exp fails).',
    system: 'Microsoft Entra ID',
    source: 'https://github.com/Azure/azure-workload-identity/issues/693',
  },
  ForbiddenByRbac: {
    code: 'ForbiddenByRbac',
    causes: [
      "No role assignment for the identity's principal at the vault or above.",
      "The assigned role has no data actions (Owner, Contributor, Key Vault Reader cannot read secret values).",
      "The assignment was made minutes ago and has not propagated.",
      "The pod signed in as another identity than the one holding the role: its client ID names a second identity that also trusts this ServiceAccount.",
    ],
    fix: "Assign Key Vault Secrets User to the identity's principal ID at the vault (or secret) scope, and allow up to ten minutes.",
    stage: 'authorization',
    httpStatus: 403,
    error: 'Forbidden',
    meaning: 'Key Vault (RBAC permission model) found no role assignment that allows this data action for the caller.',
    system: 'Azure Key Vault',
    source: 'https://learn.microsoft.com/azure/key-vault/general/rbac-guide',
  },
  AccessDenied: {
    code: 'AccessDenied',
    causes: [
      "The vault uses the access-policy permission model; role assignments are ignored there.",
      "No access policy grants the identity's principal the secret permission.",
    ],
    fix: "Add an access policy (secret: get) for the principal ID, or switch the vault to Azure RBAC and assign Key Vault Secrets User.",
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
    causes: [
      "The app requested a token for Azure Resource Manager (https://management.azure.com/.default) and sent it to Key Vault.",
    ],
    fix: "Request https://vault.azure.net/.default for Key Vault calls.",
    stage: 'authorization',
    httpStatus: 401,
    error: 'Unauthorized',
    meaning: 'The access token was issued for another resource (its aud is not https://vault.azure.net).',
    system: 'Azure Key Vault',
    source: 'https://learn.microsoft.com/azure/key-vault/general/authentication',
  },
  AuthorizationFailed: {
    code: 'AuthorizationFailed',
    causes: [
      "No role assignment for the identity at the resource, its resource group or subscription.",
      "The role was assigned to another principal (e.g. the cluster's kubelet identity).",
    ],
    fix: "Assign a role with the needed action to the identity's principal ID at the right scope.",
    stage: 'authorization',
    httpStatus: 403,
    error: 'AuthorizationFailed',
    meaning: 'Azure Resource Manager found no role assignment that allows this action at this scope for the caller.',
    system: 'Azure Resource Manager',
    source: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting',
  },
  AuthorizationPermissionMismatch: {
    code: 'AuthorizationPermissionMismatch',
    causes: [
      "The identity has Owner or Contributor (management-plane roles) but no Storage Blob Data role.",
    ],
    fix: "Assign Storage Blob Data Reader (or Contributor) at the storage account or container scope.",
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
