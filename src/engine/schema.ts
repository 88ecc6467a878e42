/**
 * The scenario file format (version 1) and the world it describes, as zod schemas.
 *
 * Contract: ../shared/design.md, "Scenario file". A scenario file states only what differs from the
 * provider's healthy default world (see `defaults.ts`); the engine deep-merges it (`merge.ts`) and then
 * validates the merged world with {@link WorldSchema}. Field names here are a public interface: add
 * fields (optional, so old files and share links keep working), never rename.
 *
 * Objects are `.strict()`: an unknown (e.g. misspelt) key is an error, not silently ignored. The JSON
 * Schema used by the playground's editors is generated from these schemas (`jsonSchemas.ts`), so a
 * misspelt field is underlined there too.
 */
import { z } from './zod.ts';

/**
 * A claim-override record. Zod would silently drop an own `__proto__` key (and the claim with it), so
 * such a key is rejected with a clear message instead.
 */
const claimRecord = z.preprocess((v, ctx) => {
  if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, '__proto__')) {
    ctx.addIssue({ code: 'custom', message: 'a claim named "__proto__" cannot be simulated', input: v });
  }
  return v;
}, z.record(z.string(), z.unknown()));

/** Seconds, as a whole number (all durations in the world are seconds, never milliseconds). */
const seconds = z.number().int();

/** One RSA signing key of the simulated cluster issuer. */
export const SigningKeySchema = z
  .object({
    name: z.string().min(1).describe('A local name for the key pair (the `kid` is derived from the public key, not from this name).'),
    published: z.boolean().default(true).describe('Whether the public key is in the issuer\'s JWKS (`/openid/v1/jwks`).'),
    retiredSecondsAgo: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Seconds since this key was rotated out. AKS keeps a retired key in the JWKS for 24 hours (86400 s), then drops it.'),
  })
  .strict()
  .describe('An RS256 key pair the API server can sign service account tokens with.');

export const OidcIssuerSchema = z
  .object({
    enabled: z.boolean().describe('`--enable-oidc-issuer` on AKS. When false, tokens carry `cluster.defaultIssuer`.'),
    url: z.string().describe('The issuer URL (`oidcIssuerProfile.issuerUrl`). On AKS it ends with `/`.'),
    reachable: z.boolean().default(true).describe('Whether Entra ID can reach the discovery document and JWKS over the internet.'),
    provisioned: z.boolean().default(true).describe('Whether the discovery document was ever deployed behind the URL (false: HTTP 404).'),
    discoveryIssuer: z
      .string()
      .optional()
      .describe('The `issuer` field the discovery document states, when it differs from `url` (misconfigured self-hosted issuer).'),
  })
  .strict();

export const WebhookSchema = z
  .object({
    installed: z.boolean().describe('Whether the Azure Workload Identity mutating admission webhook runs in the cluster.'),
    tenantId: z.string().optional().describe('The tenant the webhook injects as AZURE_TENANT_ID when the ServiceAccount has no tenant-id annotation (default: `identity.tenantId`).'),
    authorityHost: z.string().default('https://login.microsoftonline.com/').describe('AZURE_AUTHORITY_HOST the webhook injects (public cloud, with trailing slash).'),
  })
  .strict();

export const ClusterSchema = z
  .object({
    oidcIssuer: OidcIssuerSchema,
    defaultIssuer: z.string().describe('The issuer the API server uses when the OIDC issuer is not enabled.'),
    signingKeys: z.array(SigningKeySchema).describe('The service account signing keys. Published ones are in the JWKS.'),
    workloadIdentityWebhook: WebhookSchema,
    kubernetesVersion: z.string().default('1.31').describe('Kubernetes minor version, e.g. "1.31". Tokens from 1.29 and older carry no `jti`.'),
  })
  .strict();

export const ServiceAccountSchema = z
  .object({
    namespace: z.string().min(1),
    name: z.string().min(1),
    annotations: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .describe('The Kubernetes ServiceAccount the pod runs as.');

export const ContainerSchema = z
  .object({
    name: z.string().min(1),
    env: z.record(z.string(), z.string()).default({}).describe('Environment variables set in the manifest (a pre-set non-empty value wins over the webhook).'),
  })
  .strict();

export const PodSchema = z
  .object({
    name: z.string().min(1),
    namespace: z.string().optional().describe('Defaults to the ServiceAccount\'s namespace.'),
    serviceAccountName: z.string().optional().describe('Defaults to the ServiceAccount\'s name.'),
    labels: z.record(z.string(), z.string()).default({}),
    annotations: z.record(z.string(), z.string()).default({}),
    containers: z.array(ContainerSchema).default([{ name: 'app', env: {} }]),
    nodeName: z.string().default('aks-nodepool1-12345678-vmss000000'),
    createdBeforeWebhookLabel: z
      .boolean()
      .default(false)
      .describe('The pod was created before the label was added to its template (the webhook mutates on CREATE only).'),
  })
  .strict();

export const TokenSettingsSchema = z
  .object({
    audience: z.string().describe('The audience the projected volume requests (the webhook uses api://AzureADTokenExchange).'),
    expirationSeconds: seconds.describe('Requested token lifetime in seconds (TokenRequest minimum 600; the webhook accepts 3600–86400).'),
    issuedSecondsAgo: seconds.default(0).describe('How long ago the kubelet obtained the token, in seconds. Negative: the issuer\'s clock runs ahead of Entra\'s.'),
    signingKey: z.string().describe('Name of the `cluster.signingKeys` entry that signs the token.'),
    claims: claimRecord
      .default({})
      .describe('Raw claim overrides applied BEFORE signing. A null value removes the claim.'),
    tamperedAfterSigning: z.boolean().default(false).describe('Edit the payload after signing (the signature no longer matches).'),
    tamperedClaims: claimRecord
      .optional()
      .describe('With tamperedAfterSigning: the claims changed after signing (null removes). Default: `exp` stretched by 12 hours.'),
    appRereadSeconds: z
      .number()
      .int()
      .min(0)
      .nullable()
      .optional()
      .describe('Time travel: how often the app re-reads the token file, in seconds. 0 = before every exchange; 600 = the Azure SDK for Go (10-minute cache, the default); null = never (read once at start, the stale-token bug).'),
    kubeletRefresh: z
      .boolean()
      .optional()
      .describe('Time travel: whether the kubelet keeps refreshing the projected token (default true). It rewrites it once older than 80 % of its lifetime or 24 h.'),
  })
  .strict();

/** Matches the FIC name rule `^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$` (azure-cli `_create.py`). */
export const FIC_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]{2,119}$/;

export const FederatedCredentialSchema = z
  .object({
    name: z.string().describe('3–120 characters: letters, digits, "-" or "_", starting with a letter or digit.'),
    issuer: z.string().describe('Must equal the token\'s `iss` exactly, byte for byte (trailing slash included).'),
    subject: z.string().describe('Must equal the token\'s `sub` exactly and case-sensitively: system:serviceaccount:<namespace>:<name>.'),
    audiences: z.array(z.string()).describe('Exactly one value; must equal the token\'s `aud` (api://AzureADTokenExchange).'),
    description: z.string().optional(),
    createdSecondsAgo: seconds.min(0).default(3600).describe('Seconds since the FIC was written; right after creation it may not have propagated yet.'),
  })
  .strict()
  .describe('A federated identity credential: "trust tokens from this issuer, for this subject and audience".');

export const IdentitySchema = z
  .object({
    kind: z.enum(['user-assigned', 'app-registration', 'system-assigned']),
    name: z.string(),
    clientId: z.string().describe('The client ID (appId) the exchange must send as client_id.'),
    principalId: z.string().describe('The service principal\'s object ID; role assignments name it.'),
    tenantId: z.string().describe('The Entra tenant the identity lives in.'),
    resourceId: z.string().optional().describe('ARM ID of a user-assigned identity.'),
    federatedCredentials: z.array(FederatedCredentialSchema),
  })
  .strict();

/**
 * Another identity (user-assigned managed identity or app registration) that exists in the directory
 * besides `identity`. The pod may present its client ID by mistake: a stale AZURE_CLIENT_ID in the
 * manifest, the wrong client-id annotation, a value copied from another environment. Entra ID then
 * finds THIS identity and matches the token against ITS federated credentials (and, if one matches,
 * issues ITS access token). Only client IDs listed here or in `identity` exist: any other client ID is
 * unknown to the tenant (AADSTS700016).
 */
export const OtherIdentitySchema = z
  .object({
    kind: z.enum(['user-assigned', 'app-registration', 'system-assigned']).default('user-assigned'),
    name: z.string().min(1),
    clientId: z.string().describe('Its client ID (appId): the value the pod presents by mistake.'),
    principalId: z.string().optional().describe('Its service principal\'s object ID (absent: a GUID derived from the client ID).'),
    tenantId: z.string().optional().describe('The tenant it lives in (absent: the same tenant as `identity`).'),
    resourceId: z.string().optional().describe('ARM ID of a user-assigned identity.'),
    federatedCredentials: z
      .array(FederatedCredentialSchema)
      .default([])
      .describe('Its federated identity credentials (absent: none, e.g. an identity from the pod-managed identity era).'),
  })
  .strict()
  .describe('Another identity that exists in the directory, whose client ID the pod may present by mistake.');

export const RequestSchema = z
  .object({
    scope: z.string().describe('The scope of the client-credentials request, e.g. https://vault.azure.net/.default.'),
    clientId: z.string().optional().describe('client_id sent to Entra. Absent: AZURE_CLIENT_ID from the pod environment.'),
    tenantId: z.string().optional().describe('Tenant in the token URL. Absent: AZURE_TENANT_ID from the pod environment.'),
  })
  .strict();

export const ResourceSchema = z
  .object({
    kind: z.enum(['key-vault-secret', 'storage-blob', 'arm']),
    id: z.string().describe('ARM ID of the resource (for Key Vault: the vault).'),
    secret: z.string().optional().describe('Secret name (key-vault-secret).'),
    permissionModel: z.enum(['rbac', 'access-policy']).default('rbac').describe('Key Vault permission model.'),
    accessPolicies: z
      .array(z.object({ objectId: z.string(), secretPermissions: z.array(z.string()) }).strict())
      .default([])
      .describe('Key Vault access policies (used when permissionModel is access-policy).'),
  })
  .strict();

export const RoleAssignmentSchema = z
  .object({
    principalId: z.string(),
    role: z.string(),
    scope: z.string().describe('Applies to the resource when it equals the resource ID or is an ancestor of it.'),
    createdSecondsAgo: seconds.min(0).default(86400).describe('Seconds since the assignment was created; RBAC can take up to ~10 minutes to propagate.'),
  })
  .strict();

/** The complete world after the scenario's partial world is merged over the defaults. */
export const WorldSchema = z
  .object({
    cluster: ClusterSchema,
    serviceAccount: ServiceAccountSchema,
    pod: PodSchema,
    token: TokenSettingsSchema,
    identity: IdentitySchema,
    request: RequestSchema,
    resource: ResourceSchema,
    roleAssignments: z.array(RoleAssignmentSchema),
    otherIdentities: z
      .array(OtherIdentitySchema)
      .optional()
      .describe('Other identities that exist in the directory besides `identity` (absent: none). Role assignments may name their principal IDs too.'),
  })
  .strict();

export const STAGE_IDS = [
  'admission',
  'projected-token',
  'client-lookup',
  'federation-match',
  'issuer-discovery',
  'signature',
  'lifetime',
  'access-token',
  'authorization',
] as const;

export const StageIdSchema = z.enum(STAGE_IDS);

export const ExpectSchema = z
  .object({
    outcome: z.enum(['granted', 'denied']).optional(),
    stage: StageIdSchema.optional(),
    code: z.string().optional(),
  })
  .strict();

/**
 * A scenario file. `world` is partial: any subset of {@link WorldSchema}'s fields; `null` removes a key.
 * `now` is an ISO 8601 date-time; absent means "the clock the caller passes in".
 */
export const ScenarioSchema = z
  .object({
    schema: z.literal(1),
    title: z.string().min(1),
    provider: z
      .string()
      .default('aks-entra')
      .describe('Registry id of the provider (src/engine/providers/registry.ts); absent: aks-entra. Checked against the registry when the scenario is resolved.'),
    now: z.iso.datetime({ offset: true }).optional(),
    summary: z.string().optional().describe('One paragraph: what someone did, and what happens.'),
    fix: z.string().optional(),
    tags: z.array(z.string()).default([]),
    source: z.array(z.string()).default([]).describe('Public links this scenario reproduces.'),
    world: z.record(z.string(), z.unknown()).default({}),
    expect: ExpectSchema.optional(),
  })
  .strict();

export type SigningKey = z.infer<typeof SigningKeySchema>;
export type FederatedCredential = z.infer<typeof FederatedCredentialSchema>;
export type OtherIdentity = z.infer<typeof OtherIdentitySchema>;
export type World = z.infer<typeof WorldSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type StageId = (typeof STAGE_IDS)[number];
export type Expect = z.infer<typeof ExpectSchema>;
