/**
 * The chain: runs the nine aks-entra stages, in the contract's order, over a complete world.
 *
 * Order and codes: ../shared/design.md ("Stages"); rules: ../shared/reference/workload-identity.md.
 * Microsoft does not document the order in which Entra ID checks a client assertion; the order here
 * (client, lifetime sanity, federated credential match, discovery, signature, time window) is inferred
 * from error codes and real reports (reference D2) and is flagged as such in the results.
 */
import { base64url, compactVerify, importJWK } from 'jose';
import type { StageId, World } from './schema.ts';
import { STAGE_IDS } from './schema.ts';
import type { Artifacts, ChainResult, Check, ConfigError, StageResult, TokenArtifact } from './types.ts';
import { ERROR_CATALOGUE, errorPagePath } from './errors.ts';
import { createKeyStore, derivedUuid, discoveryDocument, discoveryUrl, jwksDocument, replacePayload, signToken, type IssuerKey, type KeyStore } from './issuer.ts';
import { resolveScenario } from './scenario.ts';
import { configErrors, credentialWrites } from './config.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from './defaults.ts';

/** Human titles of the stages, in contract order. */
export const STAGE_TITLES: Record<StageId, string> = {
  admission: 'Pod admission (workload identity webhook)',
  'projected-token': 'Projected service account token (TokenRequest)',
  'client-lookup': 'Client lookup at Entra ID',
  'federation-match': 'Federated identity credential match',
  'issuer-discovery': 'Issuer discovery (OIDC metadata and JWKS)',
  signature: 'Token signature',
  lifetime: 'Token lifetime',
  'access-token': 'Managed identity access token',
  authorization: 'Authorization at the resource',
};

/** Annotation and label keys read by the Azure Workload Identity webhook (`pkg/webhook/consts.go`). */
export const WI = {
  useLabel: 'azure.workload.identity/use',
  clientId: 'azure.workload.identity/client-id',
  tenantId: 'azure.workload.identity/tenant-id',
  expiration: 'azure.workload.identity/service-account-token-expiration',
  skipContainers: 'azure.workload.identity/skip-containers',
  tokenFile: '/var/run/secrets/azure/tokens/azure-identity-token',
} as const;

/** Audiences the webhook / Entra use for token exchange per cloud (reference C5). */
export const EXCHANGE_AUDIENCES = [
  'api://AzureADTokenExchange',
  'api://AzureADTokenExchangeUSGov',
  'api://AzureADTokenExchangeChina',
  'api://AzureADTokenExchangeUSNat',
  'api://AzureADTokenExchangeUSSec',
];

/** How long AKS keeps publishing a rotated-out signing key, seconds (reference B2). */
export const RETIRED_KEY_GRACE_SECONDS = 86400;

/** Whether a signing key is in the JWKS now: published, and not retired for 24 h or more. */
export function keyIsPublished(k: { published: boolean; retiredSecondsAgo?: number | undefined }): boolean {
  return k.published && (k.retiredSecondsAgo === undefined || k.retiredSecondsAgo < RETIRED_KEY_GRACE_SECONDS);
}

/** Entra ID uses at most this many keys from an issuer's JWKS. */
export const ENTRA_MAX_JWKS_KEYS = 100;

/** Maximum lifetime Entra accepts for an external token: 1 day 1 hour, in seconds (AADSTS70023). */
export const MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS = 25 * 3600;
/** Webhook bounds for the token expiration annotation, seconds (B3). */
export const WEBHOOK_MIN_EXPIRATION = 3600;
export const WEBHOOK_MAX_EXPIRATION = 86400;
/** TokenRequest minimum expirationSeconds (A3). */
export const TOKENREQUEST_MIN_EXPIRATION = 600;
/** How long a new federated identity credential may take to propagate, seconds (modelled value). */
export const FIC_PROPAGATION_SECONDS = 60;
/** How long a new role assignment may take to propagate, seconds ("up to ten minutes", E2). */
export const RBAC_PROPAGATION_SECONDS = 600;

/** Issuers of Entra ID's own tokens (v1 and v2 endpoints, public and sovereign clouds). */
export const ENTRA_ISSUER_PATTERN = /^https:\/\/(login\.microsoftonline\.(com|us)|login\.chinacloudapi\.cn|sts\.windows\.net|sts\.chinacloudapi\.cn)\//i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const q = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Formats seconds since the epoch as Entra prints times: `2026-01-15T10:00:00.0000000Z`. */
export function entraTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const d = new Date(Math.trunc(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return d.toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

interface Ctx {
  world: World;
  now: number;
  keys: KeyStore;
  artifacts: Artifacts;
  /** Effective values derived along the way. */
  env: Record<string, string>;
  clientId?: string;
  tenantId?: string;
  expirationSeconds: number;
  issuerInUse: string;
  payload?: Record<string, unknown>;
  header?: Record<string, unknown>;
  jwt?: string;
  matchedFicIndex?: number;
  resourceAudience?: string;
  /** Where the client ID came from: the app's own option, the container spec, or the webhook (annotation). */
  clientIdSource?: ClientIdSource;
  /** The identity Entra ID found by the request's client_id (set by client-lookup). */
  caller?: DirectoryIdentity;
}

/** Where the client_id the SDK sends came from. */
export type ClientIdSource = 'request-option' | 'container-env' | 'annotation';

/**
 * An identity that exists in the directory, as Entra ID sees it when it resolves a client_id:
 * `world.identity` (no `otherIndex`), or `world.otherIdentities[otherIndex]` with its defaults filled in.
 */
export interface DirectoryIdentity {
  kind: World['identity']['kind'];
  name: string;
  clientId: string;
  principalId: string;
  tenantId: string;
  resourceId?: string | undefined;
  federatedCredentials: World['identity']['federatedCredentials'];
  /** Index in `world.otherIdentities`; undefined for `world.identity`. */
  otherIndex?: number;
}

/**
 * Every identity of the world that exists in the directory: `world.identity` first, then
 * `world.otherIdentities` (tenant absent = `identity.tenantId`; principal ID absent = a GUID derived
 * from the client ID).
 */
export function directoryIdentities(world: World): DirectoryIdentity[] {
  const others = (world.otherIdentities ?? []).map((o, i): DirectoryIdentity => ({
    kind: o.kind,
    name: o.name,
    clientId: o.clientId,
    principalId: o.principalId ?? derivedUuid(`principal:${o.clientId}`),
    tenantId: o.tenantId ?? world.identity.tenantId,
    resourceId: o.resourceId,
    federatedCredentials: o.federatedCredentials,
    otherIndex: i,
  }));
  return [{ ...world.identity }, ...others];
}

/** Entra ID compares GUIDs (client IDs, tenant IDs) without regard to letter case; other strings exactly. */
function sameId(a: string, b: string): boolean {
  return a === b || (GUID.test(a) && a.toLowerCase() === b.toLowerCase());
}

/**
 * The identity Entra ID finds for a client_id in a tenant (reference D2 step 1), or undefined when no
 * identity of the world has that client ID in that tenant (AADSTS700016).
 */
export function findClient(world: World, clientId: string, tenantId: string): DirectoryIdentity | undefined {
  return directoryIdentities(world).find((c) => sameId(clientId, c.clientId) && sameId(tenantId, c.tenantId));
}

/** Where to correct a client ID that names the wrong identity, by where the value came from. */
function clientIdFix(source: ClientIdSource | undefined, world: World): string {
  const want = `${world.identity.name}'s client ID (${world.identity.clientId})`;
  if (source === 'request-option') return `The app passes this client ID in its own options, which wins over AZURE_CLIENT_ID: pass ${want}, or drop the option so AZURE_CLIENT_ID is used.`;
  if (source === 'container-env') {
    return `The container spec sets AZURE_CLIENT_ID itself, and the webhook never overwrites a variable that is already set: delete it from the manifest so the webhook injects ${want} from the ServiceAccount annotation, then roll the pods.`;
  }
  return `Put ${want} in the ServiceAccount annotation ${WI.clientId} (az identity show -g <rg> -n ${world.identity.name} --query clientId -o tsv), then recreate the pods so the webhook injects it.`;
}

/** A stage result without its id and title (added by the runner). */
export type Stage = Omit<StageResult, 'id' | 'title'>;

function pass(summary: string, checks: Check[], extra: Partial<Stage> = {}): Stage {
  return { status: checks.every((c) => c.ok) ? 'pass' : 'warn', summary, checks, ...extra };
}

/** A failure whose code is in the catalogue: status, error field and HTTP status come from there. */
function failCode(code: string, summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  const info = ERROR_CATALOGUE[code];
  return {
    status: 'fail',
    code,
    summary,
    checks,
    message,
    fix,
    ...(info?.httpStatus !== undefined ? { httpStatus: info.httpStatus } : {}),
    ...(info?.error !== undefined ? { error: info.error } : {}),
    ...(info?.uncertain !== undefined ? { uncertain: info.uncertain } : {}),
    learnMore: [errorPagePath(code)],
    ...extra,
  };
}

function fail(summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  return { status: 'fail', summary, checks, message, fix, ...extra };
}

/** Annotation/label keys that look like `wanted` but are not it (typos the webhook silently ignores). */
function nearMisses(map: Record<string, string>, wanted: string): string[] {
  const norm = (k: string) => k.toLowerCase().replace(/[_\s.]/g, '-');
  return Object.keys(map).filter((k) => k !== wanted && norm(k) === norm(wanted));
}

// ---------------------------------------------------------------------------------------------------
// Stage 1: admission

/**
 * The token expiration the webhook applies, as `getServiceAccountTokenExpiration` in the Azure Workload
 * Identity webhook does: a non-empty pod annotation wins over a non-empty ServiceAccount annotation;
 * the value is parsed like Go's strconv.ParseInt (optional sign, digits, nothing else) and must be
 * 3600–86400 seconds. `raw` is undefined when neither annotation is set (the volume's own value applies).
 */
export function webhookExpiration(world: World): { source?: 'pod' | 'serviceAccount'; raw?: string; seconds?: number; error?: string } {
  const podV = world.pod.annotations[WI.expiration];
  const saV = world.serviceAccount.annotations[WI.expiration];
  const source = podV ? 'pod' : saV ? 'serviceAccount' : undefined;
  const raw = podV || saV || undefined;
  if (raw === undefined || source === undefined) return {};
  if (!/^[+-]?\d+$/.test(raw)) return { source, raw, error: `strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax` };
  const seconds = Number(raw);
  if (!Number.isSafeInteger(seconds) || seconds < WEBHOOK_MIN_EXPIRATION || seconds > WEBHOOK_MAX_EXPIRATION) {
    return { source, raw, error: `token expiration ${Number.isSafeInteger(seconds) ? seconds : raw.replace(/^\+/, '')} not valid. Expected value to be between ${WEBHOOK_MIN_EXPIRATION} and ${WEBHOOK_MAX_EXPIRATION}` };
  }
  return { source, raw, seconds };
}

/**
 * What the Azure SDK's WorkloadIdentityCredential says when the webhook injected nothing into the app's
 * container: the Azure SDK for Go's construction error for the first missing setting, checked in its
 * order (client ID, token file, tenant ID; `os.LookupEnv`, so a variable set to "" counts as set), where
 * options passed by the app (`request.clientId`, `request.tenantId`) come first. Source:
 * azure-sdk-for-go `sdk/azidentity/workload_identity.go`; reference B4 and G.
 */
export function sdkUnconfiguredMessage(world: World, env: Record<string, string>): string {
  if (!world.request.clientId && env.AZURE_CLIENT_ID === undefined) return 'no client ID specified. Check pod configuration or set ClientID in the options';
  if (env.AZURE_FEDERATED_TOKEN_FILE === undefined) return 'no token file specified. Check pod configuration or set TokenFilePath in the options';
  if (!world.request.tenantId && env.AZURE_TENANT_ID === undefined) return 'no tenant ID specified. Check pod configuration or set TenantID in the options';
  return `open ${env.AZURE_FEDERATED_TOKEN_FILE}: no such file or directory`;
}

function admission(ctx: Ctx): Stage {
  const { world } = ctx;
  const { pod, serviceAccount: sa, cluster } = world;
  const checks: Check[] = [];
  const podNs = pod.namespace ?? sa.namespace;
  const podSa = pod.serviceAccountName ?? sa.name;

  checks.push({ name: 'workload identity webhook installed', expected: 'installed', actual: cluster.workloadIdentityWebhook.installed ? 'installed' : 'not installed', ok: cluster.workloadIdentityWebhook.installed });
  if (!cluster.workloadIdentityWebhook.installed) {
    return fail(
      'No mutating webhook ran, so the pod got no AZURE_* variables and no projected token volume. The SDK finds no token file.',
      checks,
      'failed to read the service account token from the filesystem: open : no such file or directory',
      'Install the Azure Workload Identity webhook (on AKS: az aks update --enable-workload-identity), then recreate the pod.',
      { error: 'CredentialUnavailableError' },
    );
  }

  // Every namespace has a ServiceAccount named "default" (created by Kubernetes), without annotations.
  const usesDefaultSa = podSa === 'default' && sa.name !== 'default' && podNs === sa.namespace;
  const saExists = podNs === sa.namespace && (podSa === sa.name || usesDefaultSa);
  checks.push({ name: 'pod spec.serviceAccountName', expected: q(`${sa.namespace}/${sa.name}`), actual: q(`${podNs}/${podSa}`), ok: saExists && !usesDefaultSa });
  if (usesDefaultSa) {
    return fail(
      `The pod runs as the namespace's "default" ServiceAccount, not "${sa.name}". "default" carries no ${WI.clientId} annotation, so no AZURE_CLIENT_ID is injected, and its token's subject would be system:serviceaccount:${podNs}:default.`,
      checks,
      'no client ID specified. Check pod configuration or set ClientID in the options',
      `Set spec.serviceAccountName: ${sa.name} in the pod template (a pod without serviceAccountName runs as "default").`,
      { error: 'CredentialUnavailableError' },
    );
  }
  if (!saExists) {
    return fail(
      `The pod names ServiceAccount "${podSa}" in namespace "${podNs}", which does not exist, so the API server refuses to create the pod.`,
      checks,
      `pods "${pod.name}" is forbidden: error looking up service account ${podNs}/${podSa}: serviceaccount "${podSa}" not found`,
      `Set spec.serviceAccountName to "${sa.name}" and run the pod in namespace "${sa.namespace}", or create that ServiceAccount.`,
      { httpStatus: 403 },
    );
  }

  const label = pod.labels[WI.useLabel];
  const labelOk = label === 'true';
  const labelTypos = nearMisses(pod.labels, WI.useLabel);
  checks.push({
    name: `pod label ${WI.useLabel}`,
    expected: '"true"',
    actual: q(label),
    ok: labelOk,
    note: 'The webhook selects pods by this label (objectSelector) and mutates only pods that carry exactly "true".',
  });
  if (!labelOk) {
    const hint = labelTypos.length
      ? ` The pod has ${labelTypos.map((k) => `"${k}"`).join(', ')}, which the webhook does not read.`
      : label !== undefined
        ? ` The value must be exactly the string "true" (lower case).`
        : '';
    return fail(
      `The pod does not carry the label ${WI.useLabel}: "true", so the webhook skipped it: no AZURE_* variables, no projected token.${hint}`,
      checks,
      sdkUnconfiguredMessage(world, world.pod.containers[0]?.env ?? {}),
      `Add the label ${WI.useLabel}: "true" to the pod template (metadata.labels of the pod, not of the ServiceAccount), then recreate the pod.`,
      { error: 'CredentialUnavailableError' },
    );
  }

  checks.push({ name: 'pod created after the label was in its template', expected: 'yes', actual: pod.createdBeforeWebhookLabel ? 'no' : 'yes', ok: !pod.createdBeforeWebhookLabel, note: 'The webhook mutates pods on CREATE only.' });
  if (pod.createdBeforeWebhookLabel) {
    return fail(
      'This pod was created before the label was added. The webhook only acts when a pod is created, so the running pod was never mutated.',
      checks,
      sdkUnconfiguredMessage(world, world.pod.containers[0]?.env ?? {}),
      'Recreate the pod (for a Deployment: kubectl rollout restart deployment/<name>).',
      { error: 'CredentialUnavailableError' },
    );
  }

  // Token expiration annotation: a non-empty pod value overrides the ServiceAccount's (B3).
  const expiration = webhookExpiration(world);
  if (expiration.raw !== undefined) {
    const where = expiration.source === 'pod' ? 'pod' : 'ServiceAccount';
    checks.push({ name: `${where} annotation ${WI.expiration}`, expected: `${WEBHOOK_MIN_EXPIRATION}–${WEBHOOK_MAX_EXPIRATION} seconds`, actual: q(expiration.raw), ok: !expiration.error });
    if (expiration.error) {
      return fail(
        'The webhook refuses to admit the pod because the requested token expiration is not a number between 3600 and 86400 seconds.',
        checks,
        `admission webhook "mutation.azure-workload-identity.io" denied the request: ${expiration.error}`,
        `Set ${WI.expiration} to a number of seconds between ${WEBHOOK_MIN_EXPIRATION} and ${WEBHOOK_MAX_EXPIRATION}, or remove it (default 3600).`,
        { httpStatus: 400 },
      );
    }
    ctx.expirationSeconds = expiration.seconds!;
  }

  // The app runs in the first container. The webhook skips containers listed in the skip-containers
  // annotation (";"-separated, whitespace trimmed) and injects nothing into them.
  const container = world.pod.containers[0] ?? { name: 'app', env: {} };
  const skipped = (pod.annotations[WI.skipContainers] ?? '').split(';').map((c) => c.trim()).filter(Boolean);
  const isSkipped = skipped.includes(container.name);
  checks.push({ name: `container "${container.name}" not in ${WI.skipContainers}`, expected: 'not skipped', actual: isSkipped ? 'skipped' : 'not skipped', ok: !isSkipped });
  if (isSkipped) {
    return fail(
      `The pod annotation ${WI.skipContainers} lists the app's container "${container.name}", so the webhook injected nothing into it: no AZURE_* variables, no token mount.`,
      checks,
      sdkUnconfiguredMessage(world, world.pod.containers[0]?.env ?? {}),
      `Remove "${container.name}" from the ${WI.skipContainers} annotation (list only sidecars that must not get the identity).`,
      { error: 'CredentialUnavailableError' },
    );
  }
  // Env vars the webhook injects; a pre-set non-empty value in the manifest wins.

  const annClient = sa.annotations[WI.clientId];
  const injected: Record<string, string | undefined> = {
    AZURE_CLIENT_ID: annClient,
    AZURE_TENANT_ID: sa.annotations[WI.tenantId] ?? cluster.workloadIdentityWebhook.tenantId ?? world.identity.tenantId,
    AZURE_FEDERATED_TOKEN_FILE: WI.tokenFile,
    AZURE_AUTHORITY_HOST: cluster.workloadIdentityWebhook.authorityHost,
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(container.env)) env[k] = v;
  for (const [k, v] of Object.entries(injected)) {
    if (v !== undefined && v !== '' && !(env[k] !== undefined && env[k] !== '')) env[k] = v;
  }
  ctx.env = env;
  ctx.artifacts.env = { ...env };

  const clientTypos = nearMisses(sa.annotations, WI.clientId);
  // The Azure SDKs treat an empty client ID option as unset.
  const effectiveClient = world.request.clientId || env.AZURE_CLIENT_ID;
  checks.push({
    name: `ServiceAccount annotation ${WI.clientId}`,
    expected: 'the managed identity\'s client ID',
    actual: q(annClient),
    ok: annClient !== undefined && annClient !== '',
    note: 'Copied into AZURE_CLIENT_ID. The key must be spelt exactly so (hyphen, not underscore).',
  });
  if (effectiveClient === undefined || effectiveClient === '') {
    const hint = clientTypos.length ? ` The ServiceAccount has ${clientTypos.map((k) => `"${k}"`).join(', ')}, which the webhook ignores.` : '';
    return fail(
      `AZURE_CLIENT_ID was not injected because the ServiceAccount has no ${WI.clientId} annotation, and the app sets no client ID itself.${hint}`,
      checks,
      'no client ID specified. Check pod configuration or set ClientID in the options',
      `Annotate the ServiceAccount: ${WI.clientId}: <client ID of the managed identity>, then recreate the pod.`,
      { error: 'CredentialUnavailableError' },
    );
  }
  if (annClient === undefined || annClient === '') {
    checks[checks.length - 1]!.note = 'Missing, but the app passes a client ID itself, so the exchange can still be made.';
  }
  checks.push({ name: 'AZURE_FEDERATED_TOKEN_FILE', expected: q(WI.tokenFile), actual: q(env.AZURE_FEDERATED_TOKEN_FILE), ok: env.AZURE_FEDERATED_TOKEN_FILE === WI.tokenFile });
  ctx.clientId = effectiveClient;
  ctx.clientIdSource = world.request.clientId ? 'request-option' : container.env.AZURE_CLIENT_ID ? 'container-env' : 'annotation';
  ctx.tenantId = world.request.tenantId || env.AZURE_TENANT_ID;
  const r = pass(
    'The webhook mutated the pod: it injected AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST, and a projected token volume at /var/run/secrets/azure/tokens.',
    checks,
  );
  if (r.status === 'warn') {
    r.fix =
      env.AZURE_FEDERATED_TOKEN_FILE !== WI.tokenFile
        ? `The container sets AZURE_FEDERATED_TOKEN_FILE to ${q(env.AZURE_FEDERATED_TOKEN_FILE)} itself, which wins over the webhook's ${WI.tokenFile}. Remove it unless a token really is mounted there.`
        : `Annotate the ServiceAccount with ${WI.clientId} so every pod gets AZURE_CLIENT_ID.`;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Stage 2: projected token

async function projectedToken(ctx: Ctx): Promise<Stage> {
  const { world } = ctx;
  const { cluster, token } = world;
  const checks: Check[] = [];
  const issuer = cluster.oidcIssuer.enabled ? cluster.oidcIssuer.url : cluster.defaultIssuer;
  ctx.issuerInUse = issuer;
  checks.push({
    name: 'issuer the API server signs with',
    expected: cluster.oidcIssuer.enabled ? 'the public OIDC issuer URL' : 'the public OIDC issuer URL (OIDC issuer is disabled)',
    actual: q(issuer),
    ok: cluster.oidcIssuer.enabled,
    note: 'With the OIDC issuer disabled the token carries the in-cluster default issuer, which Entra ID cannot discover.',
  });

  const exp = ctx.expirationSeconds;
  const expOk = exp >= TOKENREQUEST_MIN_EXPIRATION && exp <= 2 ** 32;
  checks.push({ name: 'TokenRequest spec.expirationSeconds', expected: `≥ ${TOKENREQUEST_MIN_EXPIRATION} seconds`, actual: `${exp} seconds`, ok: expOk });
  if (!expOk) {
    const why = exp < TOKENREQUEST_MIN_EXPIRATION ? 'may not specify a duration less than 10 minutes' : 'may not specify a duration larger than 2^32 seconds';
    return fail(
      'The API server rejects the TokenRequest, so the kubelet cannot write a token into the pod.',
      checks,
      `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${exp}: ${why}`,
      `Request at least ${TOKENREQUEST_MIN_EXPIRATION} seconds (the workload identity webhook uses 3600 by default).`,
      { httpStatus: 422 },
    );
  }

  const known = EXCHANGE_AUDIENCES.includes(token.audience);
  checks.push({ name: 'requested audience', expected: q(TOKEN_EXCHANGE_AUDIENCE), actual: q(token.audience), ok: known, note: 'Entra ID only matches audiences against the federated credential; this is what the credential must hold.' });

  const keyDef = cluster.signingKeys.find((k) => k.name === token.signingKey);
  checks.push({ name: 'signing key', expected: `one of the cluster's keys (${cluster.signingKeys.map((k) => k.name).join(', ') || 'none'})`, actual: q(token.signingKey), ok: !!keyDef });
  if (!keyDef) {
    return fail(
      `The API server has no signing key named "${token.signingKey}", so it cannot sign the token.`,
      checks,
      `no signing key "${token.signingKey}" configured for --service-account-signing-key-file`,
      'Set token.signingKey to one of cluster.signingKeys.',
    );
  }
  const key = await ctx.keys.get(keyDef.name);

  // Claim set (claims.go), serialized with sorted keys as go-jose does.
  const iat = ctx.now - token.issuedSecondsAgo;
  const ns = world.serviceAccount.namespace;
  const minor = Number(/^1\.(\d+)/.exec(cluster.kubernetesVersion)?.[1] ?? '31');
  const uid = (kind: string, name: string) => derivedUuid(`${issuer}|${kind}|${ns}|${name}`);
  const kio: Record<string, unknown> = { namespace: ns };
  if (minor >= 30) kio.node = { name: world.pod.nodeName, uid: uid('node', world.pod.nodeName) };
  kio.pod = { name: world.pod.name, uid: uid('pod', world.pod.name) };
  kio.serviceaccount = { name: world.serviceAccount.name, uid: uid('sa', world.serviceAccount.name) };
  const base: Record<string, unknown> = {
    aud: [token.audience],
    exp: iat + exp,
    iat,
    iss: issuer,
    ...(minor >= 30 ? { jti: derivedUuid(`${issuer}|jti|${ns}|${world.pod.name}|${iat}`) } : {}),
    'kubernetes.io': kio,
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${world.serviceAccount.name}`,
  };
  const payload = applyClaims(base, token.claims);
  let jwt = await signToken(payload, key);
  let finalPayload = payload;
  if (token.tamperedAfterSigning) {
    const tampered = token.tamperedClaims ?? { exp: (typeof payload.exp === 'number' ? payload.exp : iat + exp) + 43200 };
    finalPayload = applyClaims(payload, tampered);
    jwt = replacePayload(jwt, finalPayload);
  }
  ctx.jwt = jwt;
  ctx.payload = finalPayload;
  ctx.header = { alg: 'RS256', kid: key.kid };
  const art: TokenArtifact = { jwt, header: { ...ctx.header }, payload: finalPayload };
  ctx.artifacts.token = art;

  const overridden = Object.keys(token.claims);
  const summary =
    `The kubelet requested a token through TokenRequest and wrote it to ${WI.tokenFile}: iss ${q(finalPayload.iss)}, sub ${q(finalPayload.sub)}, aud ${q(finalPayload.aud)}.` +
    (overridden.length ? ` Claims overridden before signing: ${overridden.join(', ')}.` : '') +
    (token.tamperedAfterSigning ? ' The payload was edited after signing.' : '');
  const r = pass(summary, checks);
  if (r.status === 'warn') {
    r.fix = !cluster.oidcIssuer.enabled
      ? 'Enable the OIDC issuer (az aks update --enable-oidc-issuer) and restart pods so tokens carry the public issuer URL.'
      : `Request the audience ${TOKEN_EXCHANGE_AUDIENCE} (the webhook's default) unless your cloud needs a sovereign-cloud value.`;
  }
  return r;
}

/**
 * The `/.default` scope for what someone wrote as a scope: the resource identifier (scheme and host of a
 * URL-like value, e.g. `https://graph.microsoft.com/User.Read` → `https://graph.microsoft.com/.default`)
 * followed by `/.default`.
 */
export function defaultScopeFor(scope: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)/i.exec(scope.trim());
  return `${m ? m[1] : scope.trim().replace(/\/+$/, '')}/.default`;
}

/** Applies claim overrides: a `null` value removes the claim. Returns a new object with sorted keys. */
export function applyClaims(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete out[k];
    // defineProperty, not assignment: a claim named "__proto__" must stay an ordinary claim.
    else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

// ---------------------------------------------------------------------------------------------------
// Stage 3: client lookup

function audList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

function clientLookup(ctx: Ctx): Stage {
  const { world } = ctx;
  const checks: Check[] = [];
  const clientId = ctx.clientId ?? '';
  const tenant = ctx.tenantId ?? '';
  const authority = ctx.env.AZURE_AUTHORITY_HOST ?? world.cluster.workloadIdentityWebhook.authorityHost;
  const url = `${authority.replace(/\/+$/, '')}/${tenant}/oauth2/v2.0/token`;
  ctx.artifacts.exchangeRequest = {
    url,
    form: {
      scope: world.request.scope,
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: ctx.jwt ?? '',
      grant_type: 'client_credentials',
    },
  };

  const tenantOk = sameId(tenant, world.identity.tenantId);
  checks.push({ name: 'tenant in the token URL', expected: q(world.identity.tenantId), actual: q(tenant), ok: tenantOk });
  // Entra ID treats GUIDs case-insensitively.
  const clientOk = sameId(clientId, world.identity.clientId);
  // Another identity of the directory may own this client ID: Entra ID then finds THAT identity.
  const caller = findClient(world, clientId, tenant);
  const other = caller?.otherIndex !== undefined ? caller : undefined;
  checks.push({
    name: 'client_id',
    expected: `${q(world.identity.clientId)} (client ID of ${world.identity.name})`,
    actual: other ? `${q(clientId)} (client ID of ${other.name}, another identity)` : q(clientId),
    ok: clientOk,
    ...(other
      ? { note: `This client ID belongs to ${other.name}, which exists in the tenant too. Entra ID cannot know which identity was meant: it takes the one the client ID names, and checks the token against that identity's federated credentials.` }
      : {}),
  });
  if (!caller) {
    const looksLikeArmId = clientId.startsWith('/subscriptions/');
    return failCode(
      'AADSTS700016',
      !clientOk
        ? `Entra ID has no application or managed identity with client ID ${q(clientId)} in tenant ${q(tenant)}.${looksLikeArmId ? ' The value is an ARM resource ID, not a client ID.' : ''}`
        : `The request went to tenant ${q(tenant)}, but the identity lives in tenant ${q(world.identity.tenantId)}.`,
      checks,
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      !clientOk
        ? `Put the managed identity's client ID (a GUID: az identity show --query clientId) in the ServiceAccount annotation ${WI.clientId}${looksLikeArmId ? ', not its resource ID' : ''}.`
        : `Send the request to the identity's tenant: set ${WI.tenantId} on the ServiceAccount (or AZURE_TENANT_ID) to ${world.identity.tenantId}.`,
    );
  }

  ctx.caller = caller;
  const scope = world.request.scope;
  const scopeOk = scope.endsWith('/.default');
  checks.push({ name: 'scope', expected: '<resource>/.default', actual: q(scope), ok: scopeOk, note: 'Client-credentials requests must ask for the resource\'s /.default scope.' });
  if (!scopeOk) {
    return failCode(
      'AADSTS1002012',
      'The client-credentials request asks for a scope that does not end in /.default, which Entra ID refuses.',
      checks,
      `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      `Request ${defaultScopeFor(scope)}${defaultScopeFor(scope) === 'https://vault.azure.net/.default' ? ' (Key Vault\'s /.default scope)' : ' (for Key Vault: https://vault.azure.net/.default)'}.`,
    );
  }

  const shape = checkAssertionIssuer(ctx.payload ?? {});
  checks.push(...shape.checks);
  if (shape.status === 'fail') return { ...shape, checks };
  const life = checkAssertionLifetime(ctx.payload ?? {});
  checks.push(...life.checks);
  if (life.status === 'fail') return { ...life, checks };
  const order = 'Microsoft does not document the order of its checks; this order is inferred from error codes and real reports.';
  if (other) {
    return pass(
      `Entra ID found ${other.name} (${other.kind} identity) by this client ID: an identity that exists, but not ${world.identity.name}, the one set up for this pod. From here on Entra ID checks the token against ${other.name}'s federated credentials, not ${world.identity.name}'s.`,
      checks,
      { fix: clientIdFix(ctx.clientIdSource, world), uncertain: order },
    );
  }
  return pass(`Entra ID found ${world.identity.name} (${world.identity.kind} identity) by its client ID in the tenant; the scope and the assertion's lifetime are acceptable.`, checks, {
    uncertain: order,
  });
}

/**
 * Entra ID's checks on the assertion's issuer before any credential lookup: no whitespace around `iss`
 * (entra-docs considerations: the exchange is blocked; code not documented) and not a token Entra ID
 * issued itself (AADSTS700222, MicrosoftDocs/azure-docs #90276).
 */
export function checkAssertionIssuer(p: Record<string, unknown>): Stage {
  const checks: Check[] = [];
  const iss = typeof p.iss === 'string' ? p.iss : '';
  if (iss !== iss.trim()) {
    checks.push({ name: 'assertion iss has no surrounding whitespace', expected: q(iss.trim()), actual: q(iss), ok: false });
    return fail(
      'The token\'s iss claim starts or ends with whitespace; Entra ID blocks such assertions.',
      checks,
      'The exchange is refused because the assertion issuer has leading or trailing whitespace.',
      'Fix the issuer configuration (--service-account-issuer) so iss carries no whitespace.',
      { uncertain: 'Microsoft documents that whitespace around iss blocks the exchange, but not which AADSTS code is returned.' },
    );
  }
  const entraIssued = ENTRA_ISSUER_PATTERN.test(iss);
  checks.push({ name: 'assertion issuer is not Entra ID itself', expected: 'an external OIDC issuer', actual: q(iss), ok: !entraIssued });
  if (entraIssued) {
    return failCode(
      'AADSTS700222',
      'The client assertion was issued by Entra ID itself. Entra ID refuses its own tokens on the federated credential path.',
      checks,
      'AADSTS700222: AAD-issued tokens may not be used for federated identity flows.',
      'Present a token from an external OIDC issuer (the cluster\'s service account token), not an Entra ID access token.',
    );
  }
  return pass('The assertion comes from an external issuer.', checks);
}

/**
 * Entra ID's sanity check of an external token's lifetime: `exp − iat` must be at most 1 day 1 hour
 * (90 000 s) and `iat` must be present (a missing iat counts as 0). Fails with AADSTS70023.
 * Source: reference D2 step 2 / D3 (MicrosoftDocs/azure-docs #86916). Times are NumericDate seconds.
 */
export function checkAssertionLifetime(p: Record<string, unknown>): Stage {
  const checks: Check[] = [];
  const iat = p.iat;
  const exp = p.exp;
  const hasIat = typeof iat === 'number';
  const life = typeof exp === 'number' ? exp - (hasIat ? iat : 0) : NaN;
  const lifeOk = hasIat && typeof exp === 'number' && life <= MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS;
  checks.push({
    name: 'assertion lifetime (exp − iat)',
    expected: `≤ ${MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS} seconds (1 day 1 hour), iat present`,
    actual: hasIat ? (typeof exp === 'number' ? `${life} seconds` : exp === undefined ? 'exp missing' : `exp is ${q(exp)}`) : iat === undefined ? 'iat missing' : `iat is ${q(iat)}`,
    ok: lifeOk,
  });
  if (!lifeOk) {
    return failCode(
      'AADSTS70023',
      hasIat
        ? typeof exp === 'number'
          ? `The token is valid for ${life} seconds; Entra ID accepts external tokens of at most 25 hours.`
          : p.exp === undefined
            ? 'The token has no exp claim, so its lifetime cannot be bounded.'
            : `The token's exp claim is ${q(p.exp)}, not a NumericDate (seconds since 1970), so its lifetime cannot be bounded.`
        : 'The token has no iat claim, so Entra ID counts it as issued at 0 and its lifetime as far too long.',
      checks,
      `AADSTS70023: External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at ${entraTime(hasIat ? iat : 0)}. Token expires on ${entraTime(typeof exp === 'number' ? exp : 0)}.`,
      'Request a shorter token (the webhook allows at most 86400 seconds) and keep the iat claim.',
    );
  }
  return pass('The assertion\'s lifetime is within 25 hours.', checks);
}

// ---------------------------------------------------------------------------------------------------
// Stage 4: federated identity credential match

/** The fields of a federated identity credential that matching reads. */
export interface FicLike {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  /** Seconds since it was written; undefined = unknown (treated as propagated). */
  createdSecondsAgo?: number | undefined;
}

/** The federated credentials Entra ID stored for `who` (refused writes left out), in document order. */
function storedOf(world: World, who: DirectoryIdentity): FicLike[] {
  return credentialWrites(world, who.otherIndex)
    .filter((w) => w.stored)
    .map((w) => who.federatedCredentials[w.index]!);
}

function federationMatch(ctx: Ctx): Stage {
  const caller = ctx.caller ?? directoryIdentities(ctx.world)[0]!;
  const all = caller.federatedCredentials;
  const writes = credentialWrites(ctx.world, caller.otherIndex);
  const stored = writes.filter((w) => w.stored).map((w) => all[w.index]!);
  const r = matchFederatedCredentials(ctx.payload ?? {}, stored, caller.name);
  const refused = writes.filter((w) => w.refusedBecause.length > 0);
  // A later write of the same name updates the credential in place: the earlier settings are gone.
  const replaced = writes.filter((w) => w.replacedBy !== undefined);
  if (replaced.length && r.status === 'fail') {
    const first = replaced[0]!;
    r.summary = `${r.summary} The credential "${all[first.index]!.name}" was written twice; the later entry (#${first.replacedBy! + 1}) overwrote the earlier one (#${first.index + 1}), whose settings Entra ID no longer has.`;
  }
  if (refused.length) {
    const names = refused.map((w) => `"${all[w.index]!.name}"`);
    const why = (w: (typeof refused)[number]) => `"${all[w.index]!.name}": ${w.refusedBecause.map((e) => e.message).join(' ')}`;
    r.checks.unshift({
      name: 'credentials Entra ID stored',
      expected: `all ${all.length}`,
      actual: `${stored.length} (refused when written: ${names.join(', ')})`,
      ok: false,
      note: 'A credential that breaks a rule when it is written (name, exactly one audience, unique issuer and subject, at most 20) is refused, so Entra ID never stores it and it cannot match.',
    });
    const refusedText = `${refused.length === 1 ? 'The credential' : `${refused.length} credentials`} ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''} ${refused.length === 1 ? 'was' : 'were'} refused when written and never stored (${why(refused[0]!)}${refused.length > 1 ? ' …' : ''}).`;
    if (r.status === 'fail') {
      r.summary = stored.length === 0 ? `${refusedText} With no credential stored, none can match: ${r.summary}` : `${r.summary} ${refusedText}`;
      r.fix = `${r.fix ?? ''} First fix the refused write${refused.length === 1 ? '' : 's'}: ${why(refused[0]!)}`.trim();
    } else {
      r.status = 'warn';
      r.summary = `${r.summary} ${refusedText}`;
      r.fix = `Fix or remove the refused write${refused.length === 1 ? '' : 's'}: ${why(refused[0]!)}`;
    }
  }
  if (r.matchedIndex !== undefined) r.matchedIndex = all.indexOf(stored[r.matchedIndex]!);
  ctx.matchedFicIndex = r.matchedIndex;
  const { matchedIndex: _ignored, ...stage } = r;
  if (caller.otherIndex !== undefined) return wrongIdentityMatch(ctx, caller, stage, stored.length === 0);
  return stage;
}

/**
 * The federated credential match when the client ID named another identity than `world.identity`:
 * the result stands (Entra ID matched against `caller`'s credentials), but the summary and fix point at
 * the client ID, and say whether `world.identity`'s credentials would have matched.
 */
function wrongIdentityMatch(ctx: Ctx, caller: DirectoryIdentity, stage: Stage, noneStored: boolean): Stage {
  const { world } = ctx;
  const meant = world.identity;
  const intended = matchFederatedCredentials(ctx.payload ?? {}, storedOf(world, { ...meant }), meant.name);
  const whose = { name: "identity whose credentials Entra ID searched", expected: `${meant.name} (the identity set up for this pod)`, actual: `${caller.name} (named by the client ID)`, ok: false };
  const checks = [whose, ...stage.checks];
  const then =
    intended.status === 'fail'
      ? ` Note that ${meant.name}'s own credentials would not match either (${intended.code ?? 'no match'}): ${intended.summary}`
      : ` ${meant.name} has a credential that matches this token, so the client ID is the only thing to change.`;
  if (stage.status === 'fail') {
    return {
      ...stage,
      checks,
      summary: `Entra ID searched ${caller.name}'s federated credentials because the request's client_id is ${caller.name}'s. ${noneStored ? 'That identity has no federated credentials at all.' : stage.summary} The credential for this pod is on ${meant.name}.`,
      fix: `${clientIdFix(ctx.clientIdSource, world)}${then}`,
    };
  }
  return {
    ...stage,
    status: 'warn',
    checks,
    summary: `${stage.summary} But that credential is on ${caller.name}, not ${meant.name}: the pod will act as ${caller.name}, with ${caller.name}'s role assignments.`,
    fix: `${clientIdFix(ctx.clientIdSource, world)}${then}`,
  };
}

/**
 * Entra ID's federated identity credential lookup for a client assertion's claims (reference C3, D2
 * step 3): issuer, then subject, then audience, each compared exactly and case-sensitively. Returns a
 * passing stage with `matchedIndex`, or a failure with AADSTS700211 (issuer), AADSTS7002138 (subject
 * equal only ignoring case), AADSTS700213 (subject), AADSTS700212 (audience) or AADSTS70021 (matched
 * credential written less than {@link FIC_PROPAGATION_SECONDS} ago).
 */
export function matchFederatedCredentials(p: Record<string, unknown>, fics: readonly FicLike[], identityName: string): Stage & { matchedIndex?: number } {
  const iss = typeof p.iss === 'string' ? p.iss : '';
  const sub = typeof p.sub === 'string' ? p.sub : '';
  const auds = audList(p.aud);
  const checks: Check[] = [];
  const closest = (field: 'issuer' | 'subject', value: string, list: readonly FicLike[] = fics) =>
    list.map((f) => f[field]).sort((a, b) => similarity(b, value) - similarity(a, value))[0];

  const byIssuer = fics.filter((f) => f.issuer === iss);
  checks.push({ name: "credential's issuer = the token's iss", expected: q(iss), actual: fics.length ? q(byIssuer[0]?.issuer ?? closest('issuer', iss)) : '(no federated credentials)', ok: byIssuer.length > 0, note: 'Expected is the token\'s iss; actual is the closest issuer among the identity\'s credentials. Compared byte for byte, trailing slash included.' });
  const generic = 'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.';
  if (!byIssuer.length) {
    const near = closest('issuer', iss);
    let hint = '';
    if (near !== undefined) {
      if (near.replace(/\/+$/, '') === iss.replace(/\/+$/, '')) hint = iss.endsWith('/') ? ' The credential\'s issuer lacks the trailing slash the token has.' : ' The credential\'s issuer has a trailing slash the token does not have.';
      else if (near.trim() === iss.trim()) hint = ' They differ only in leading or trailing whitespace.';
      else if (near.toLowerCase() === iss.toLowerCase()) hint = ' They differ only in letter case.';
    }
    if (!fics.length) {
      // Reference D2 step 3 gives AADSTS700211 when no credential has the token's issuer; it does not say
      // which code an identity with no credential at all gets.
      return failCode(
        'AADSTS700211',
        `No federated identity credential exists on ${identityName} at all, so none can match the token (issuer ${q(iss)}).`,
        checks,
        `AADSTS700211: No matching federated identity record found for presented assertion issuer '${iss}'. ${generic}`,
        `Create a federated credential on the identity with issuer ${q(iss)}, subject ${q(sub)} and audience ${q(auds[0] ?? TOKEN_EXCHANGE_AUDIENCE)} (az identity federated-credential create).`,
        { uncertain: NO_CREDENTIALS_UNCERTAIN },
      );
    }
    return failCode(
      'AADSTS700211',
      `No federated identity credential on ${identityName} has the issuer ${q(iss)}.${hint}`,
      checks,
      `AADSTS700211: No matching federated identity record found for presented assertion issuer '${iss}'. ${generic}`,
      `Set the federated credential's issuer to exactly ${q(iss)} (copy it from az aks show --query oidcIssuerProfile.issuerUrl).`,
    );
  }
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  checks.push({ name: "credential's subject = the token's sub", expected: q(sub), actual: q(bySubject[0]?.subject ?? closest('subject', sub, byIssuer)), ok: bySubject.length > 0, note: 'Expected is the token\'s sub; actual is the closest subject among the credentials with this issuer. Case-sensitive exact match: system:serviceaccount:<namespace>:<name>.' });
  if (!bySubject.length) {
    const caseOnly = byIssuer.some((f) => f.subject.toLowerCase() === sub.toLowerCase());
    if (caseOnly) {
      return failCode(
        'AADSTS7002138',
        'A federated credential\'s subject equals the token\'s sub only when letter case is ignored. Entra ID compares case-sensitively.',
        checks,
        // Wording as Entra ID printed it in Azure/login #515 (2025); reference D3.
        `AADSTS7002138: No matching federated identity record found for presented assertion subject '${sub}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`,
        `Write the subject with exactly the token's case: ${q(sub)}.`,
      );
    }
    return failCode(
      'AADSTS700213',
      `A federated credential trusts this issuer, but none names the subject ${q(sub)}.${
        byIssuer.some((f) => /[*?]/.test(f.subject))
          ? ' A credential\'s subject contains "*" or "?": classic federated credentials have no wildcards, so those characters are compared literally.'
          : ''
      }`,
      checks,
      `AADSTS700213: No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      `Set the federated credential's subject to ${q(sub)}, or add a credential for this namespace and ServiceAccount.`,
    );
  }
  const byAudience = bySubject.filter((f) => f.audiences.some((a) => auds.includes(a)));
  checks.push({ name: "credential's audience is in the token's aud", expected: q(auds), actual: q(bySubject[0]?.audiences), ok: byAudience.length > 0, note: 'Expected is the token\'s aud; actual is the audiences of the credential whose issuer and subject match. The credential\'s audience must be one of the token\'s aud values.' });
  if (!byAudience.length) {
    return failCode(
      'AADSTS700212',
      `Issuer and subject match, but the credential's audience is not among the token's aud ${q(auds)}.`,
      checks,
      `AADSTS700212: No matching federated identity record found for presented assertion audience '${auds.join(',')}'. ${generic}`,
      `Make the credential's audience and the token's audience the same: ${TOKEN_EXCHANGE_AUDIENCE} unless you use a sovereign cloud.`,
    );
  }
  const fic = byAudience[0]!;
  const matchedIndex = fics.indexOf(fic);
  if (fic.createdSecondsAgo === undefined) return { ...pass(`Federated credential "${fic.name}" trusts this issuer, subject and audience.`, checks), matchedIndex };
  const propagated = fic.createdSecondsAgo >= FIC_PROPAGATION_SECONDS;
  checks.push({ name: `credential "${fic.name}" propagated`, expected: `created ≥ ${FIC_PROPAGATION_SECONDS} s ago`, actual: `${fic.createdSecondsAgo} s ago`, ok: propagated });
  if (!propagated) {
    return failCode(
      'AADSTS70021',
      `The matching credential "${fic.name}" was written ${fic.createdSecondsAgo} seconds ago and has not reached every Entra ID replica yet.`,
      checks,
      `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'.`,
      'Wait a little and retry: a new federated credential takes from seconds to a few minutes to propagate.',
      { uncertain: `How long propagation takes is not documented precisely ("a few seconds" to "several minutes"); the simulator uses ${FIC_PROPAGATION_SECONDS} s.` },
    );
  }
  return { ...pass(`Federated credential "${fic.name}" trusts this issuer, subject and audience.`, checks), matchedIndex };
}

/** What is not known about the answer for an identity that holds no federated credential at all. */
export const NO_CREDENTIALS_UNCERTAIN =
  'Microsoft does not document the code for an identity that holds no federated credential at all. The simulator applies the issuer rule (no credential has this issuer: AADSTS700211); older Entra ID versions answered with the combined AADSTS70021.';

/** Length of the common prefix plus common suffix: a cheap closeness score for picking the nearest value. */
function similarity(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return i + j - Math.abs(a.length - b.length) / 100;
}

// ---------------------------------------------------------------------------------------------------
// Stage 5: issuer discovery

async function issuerDiscovery(ctx: Ctx): Promise<Stage> {
  const { world } = ctx;
  const { oidcIssuer } = world.cluster;
  const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
  const url = discoveryUrl(iss);
  const checks: Check[] = [];
  const isClusterIssuer = oidcIssuer.enabled && iss === oidcIssuer.url;
  const isPublicHttps = /^https:\/\//.test(iss) && !/\.svc(\.cluster\.local)?(\/|$)/.test(iss) && !/^https:\/\/(localhost|127\.|10\.|192\.168\.)/.test(iss);
  const reachable = isClusterIssuer ? oidcIssuer.reachable : false;
  checks.push({ name: `GET ${url}`, expected: 'reachable from the internet', actual: reachable ? 'reachable' : isPublicHttps && !isClusterIssuer ? 'no such issuer' : 'unreachable', ok: reachable });
  const msg = 'Request to External OIDC endpoint failed.';
  if (!reachable) {
    return failCode(
      'AADSTS50166',
      isClusterIssuer
        ? 'Entra ID could not reach the issuer\'s discovery document: it is not publicly readable from the internet.'
        : `Entra ID cannot fetch a discovery document for ${q(iss)}: that host is not a public issuer it can reach.`,
      checks,
      `AADSTS50166: ${msg}`,
      isClusterIssuer
        ? 'Make the discovery document and JWKS publicly readable (only public keys live there), e.g. remove the storage firewall or private endpoint.'
        : 'Tokens must carry a public HTTPS issuer: enable the cluster OIDC issuer and use its URL.',
    );
  }
  checks.push({ name: 'discovery document served', expected: 'HTTP 200', actual: oidcIssuer.provisioned ? 'HTTP 200' : 'HTTP 404', ok: oidcIssuer.provisioned });
  if (!oidcIssuer.provisioned) {
    return failCode(
      'AADSTS90061',
      'The issuer URL answers, but no discovery document was ever deployed behind it (HTTP 404).',
      checks,
      `AADSTS90061: ${msg}`,
      'Reconcile the cluster (az aks update -g <rg> -n <cluster>) so AKS redeploys the issuer documents, or contact support.',
    );
  }
  const docIssuer = oidcIssuer.discoveryIssuer ?? oidcIssuer.url;
  const keys: IssuerKey[] = [];
  for (const k of world.cluster.signingKeys) if (keyIsPublished(k)) keys.push(await ctx.keys.get(k.name));
  ctx.artifacts.discovery = discoveryDocument(docIssuer);
  ctx.artifacts.jwks = jwksDocument(keys);
  checks.push({ name: 'discovery document issuer', expected: q(iss), actual: q(docIssuer), ok: docIssuer === iss, note: 'OpenID Connect Discovery 1.0 §4.3: the issuer in the document must equal the issuer it was fetched for.' });
  checks.push({ name: `GET ${ctx.artifacts.discovery.jwks_uri as string}`, expected: 'JWKS with at least one key', actual: `${keys.length} key(s)`, ok: true });
  if (docIssuer !== iss) {
    return fail(
      'The discovery document names a different issuer than the token, so the issuer\'s metadata cannot be trusted for this token.',
      checks,
      `AADSTS50166: ${msg}`,
      'Serve a discovery document whose issuer field is exactly the token\'s iss.',
      { code: 'AADSTS50166', httpStatus: 400, error: 'invalid_request', uncertain: 'Which code Entra ID returns when the discovery issuer differs from iss is not documented; AADSTS50166 is a guess.', learnMore: [errorPagePath('AADSTS50166')] },
    );
  }
  return pass(`Entra ID fetched the discovery document and the JWKS (${keys.length} key${keys.length === 1 ? '' : 's'}).`, checks);
}

// ---------------------------------------------------------------------------------------------------
// Stage 6: signature

async function signature(ctx: Ctx): Promise<Stage> {
  const r = await verifyWithJwks(ctx.jwt ?? '', ctx.header ?? {}, ctx.payload ?? {}, ctx.artifacts.jwks);
  const used = ctx.world.cluster.signingKeys.find((k) => k.name === ctx.world.token.signingKey);
  if (r.code === 'AADSTS7000272' && used?.retiredSecondsAgo !== undefined && used.retiredSecondsAgo >= RETIRED_KEY_GRACE_SECONDS) {
    r.summary = `The token was signed with key "${used.name}", rotated out ${humanDuration(used.retiredSecondsAgo)} ago. AKS keeps a retired key in the JWKS for 24 hours; once it is gone, tokens it signed cannot be verified.`;
  }
  return r;
}

/** Imported RS256 public keys by the JSON text of their JWK (see {@link importVerificationKey}). */
const verificationKeys = new Map<string, Promise<Awaited<ReturnType<typeof importJWK>>>>();
/** How many imported keys {@link importVerificationKey} keeps; the oldest is dropped first. */
const VERIFICATION_KEY_CACHE_SIZE = 64;

/**
 * `importJWK(jwk, 'RS256')`, remembered by the JWK's JSON text: the same JWKS entry (every run of the
 * chain publishes the same few keys) is turned into a WebCrypto key once, not on every run. The JSON
 * text holds every field `importJWK` reads, so equal texts give equal keys. Only the import is cached:
 * each token is still verified in full. Rejects like `importJWK` (a failed import is not remembered).
 */
export function importVerificationKey(jwk: Record<string, unknown>): ReturnType<typeof importJWK> {
  const id = JSON.stringify(jwk);
  let key = verificationKeys.get(id);
  if (!key) {
    key = importJWK(jwk as Parameters<typeof importJWK>[0], 'RS256');
    if (id.length <= 16_384) {
      if (verificationKeys.size >= VERIFICATION_KEY_CACHE_SIZE) verificationKeys.delete(verificationKeys.keys().next().value!);
      verificationKeys.set(id, key);
      key.catch(() => {
        if (verificationKeys.get(id) === key) verificationKeys.delete(id);
      });
    }
  }
  return key;
}

/**
 * Entra ID's signature check (reference D2 step 5): find the JWK whose `kid` equals the header's kid
 * (missing: AADSTS7000272), then verify the RS256 signature with jose. A bad signature fails without a
 * code (the real code was not found in our sources; the result says so).
 */
export async function verifyWithJwks(jwt: string, header: Record<string, unknown>, payload: Record<string, unknown>, jwks: { keys: Record<string, unknown>[] }): Promise<Stage> {
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const keys = jwks.keys;
  // Entra ID keeps only the first 100 signing keys it downloads from an issuer's JWKS (entra-docs
  // workload-identity-federation.md).
  const jwk = keys.slice(0, ENTRA_MAX_JWKS_KEYS).find((k) => k.kid === kid);
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const checks: Check[] = [{ name: 'header kid in the JWKS', expected: keys.length ? `one of ${keys.map((k) => q(k.kid)).join(', ')}` : '(JWKS is empty)', actual: q(kid), ok: !!jwk }];
  if (!jwk) {
    return failCode(
      'AADSTS7000272',
      'The token was signed with a key the issuer no longer (or not yet) publishes in its JWKS, so Entra ID cannot verify it.',
      checks,
      `AADSTS7000272: The certificate with identifier ${kid} used to sign the federated credential could not be found in the metadata of identity provider ${iss}. Please validate that your Identity Provider's metadata exposes the key used to sign the incoming token.`,
      'Publish the signing key in the JWKS, or restart the pod so the kubelet fetches a token signed with a current key (after a rotation AKS keeps the old key for 24 h).',
    );
  }
  let ok = false;
  try {
    const key = await importVerificationKey(jwk);
    await compactVerify(jwt, key, { algorithms: ['RS256'] });
    ok = true;
  } catch {
    ok = false;
  }
  checks.push({ name: 'RS256 signature', expected: 'verifies with the JWKS key', actual: ok ? 'verifies' : 'does not verify', ok });
  if (!ok) {
    return fail(
      'The kid is known, but the signature does not match the header and payload: the token was changed after the issuer signed it.',
      checks,
      'The client assertion\'s signature is invalid.',
      'Use the token exactly as the kubelet wrote it; no one can change a claim without the issuer\'s private key.',
      { uncertain: 'The exact AADSTS code Entra ID returns for a bad signature was not found in our sources.' },
    );
  }
  return pass(`The signature verifies with the published key ${kid.slice(0, 8)}…, so the claims are exactly what the issuer signed.`, checks);
}

// ---------------------------------------------------------------------------------------------------
// Stage 7: lifetime

function lifetime(ctx: Ctx): Stage {
  return checkTimeWindow(ctx.payload ?? {}, ctx.now);
}

/**
 * Entra ID's time-window check on the client assertion (reference D2 step 6): `nbf ≤ now < exp`, in
 * NumericDate seconds (RFC 7519 §4.1.4/4.1.5). Fails with AADSTS700024; the skew allowance is not
 * documented, so boundary failures carry an `uncertain` note.
 */
export function checkTimeWindow(p: Record<string, unknown>, now: number): Stage {
  const nbf = typeof p.nbf === 'number' ? p.nbf : undefined;
  const exp = typeof p.exp === 'number' ? p.exp : undefined;
  const checks: Check[] = [];
  const nbfOk = nbf === undefined || nbf <= now;
  const expOk = exp !== undefined && now < exp;
  checks.push({ name: 'nbf ≤ now', expected: `≤ ${entraTime(now)}`, actual: nbf === undefined ? '(absent)' : entraTime(nbf), ok: nbfOk });
  checks.push({ name: 'now < exp', expected: `> ${entraTime(now)}`, actual: exp === undefined ? '(absent)' : entraTime(exp), ok: expOk });
  if (!nbfOk || !expOk) {
    // Any not-yet-valid failure, and an expiry within 5 minutes, may be absorbed by an undocumented skew allowance.
    const nearEdge = (nbf !== undefined && !nbfOk) || (exp !== undefined && !expOk && now - exp <= 300);
    return failCode(
      'AADSTS700024',
      !expOk
        ? exp === undefined
          ? 'The token has no exp claim.'
          : `The token expired ${humanDuration(now - exp)} ago. Something presented an old copy instead of re-reading the token file.`
        : `The token is not valid for another ${humanDuration((nbf ?? now) - now)}: the issuer's clock runs ahead of Entra ID's.`,
      checks,
      `AADSTS700024: Client assertion is not within its valid time range. Current time: ${entraTime(now)}, assertion valid from ${entraTime(nbf ?? 0)}, expiry time of assertion ${entraTime(exp ?? 0)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
      !expOk
        ? 'Re-read the token file before every exchange (current Azure SDKs do); the kubelet refreshes it at 80% of its lifetime.'
        : 'Fix the clock on the cluster\'s nodes / control plane (NTP).',
      nearEdge ? { uncertain: 'Entra ID may tolerate a few minutes of clock skew; the allowance is not documented, so this boundary case may pass in reality.' } : {},
    );
  }
  return pass(`Entra ID's clock is inside the token's validity window; it expires in ${humanDuration((exp ?? now) - now)}.`, checks);
}

/** "59 min", "2 h 5 min", "3 d 1 h", "45 s": a compact duration from seconds. */
export function humanDuration(totalSeconds: number): string {
  const s = Math.abs(Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} d${h ? ` ${h} h` : ''}`;
}

// ---------------------------------------------------------------------------------------------------
// Stage 8: access token

function accessToken(ctx: Ctx): Stage {
  const { world } = ctx;
  const resource = world.request.scope.replace(/\/\.default$/, '');
  ctx.resourceAudience = resource;
  const id = ctx.caller ?? directoryIdentities(world)[0]!;
  const wrong = id.otherIndex !== undefined;
  const claims: Record<string, unknown> = {
    aud: resource,
    iss: `https://sts.windows.net/${id.tenantId}/`,
    iat: ctx.now,
    nbf: ctx.now,
    exp: ctx.now + 86399,
    appid: id.clientId,
    appidacr: '2',
    idtyp: 'app',
    oid: id.principalId,
    sub: id.principalId,
    tid: id.tenantId,
    ver: '1.0',
    ...(id.kind === 'user-assigned' && id.resourceId ? { xms_mirid: id.resourceId } : {}),
  };
  ctx.artifacts.accessToken = claims;
  return pass(
    `Entra ID issued an access token for ${id.name} (appid ${id.clientId}, oid ${id.principalId}) with audience ${q(resource)}.${wrong ? ` That is not ${world.identity.name}, the identity set up for this pod: from here on the pod acts as ${id.name}.` : ''}`,
    [
      { name: 'token_type', expected: 'Bearer', actual: 'Bearer', ok: true },
      { name: 'aud', expected: 'the resource from the scope', actual: q(resource), ok: true },
      { name: 'oid (the principal role assignments name)', expected: q(wrong ? world.identity.principalId : id.principalId), actual: q(id.principalId), ok: !wrong },
    ],
    {
      uncertain: 'Access-token lifetime varies (about 24 h for managed identities) and the xms_mirid claim on this path is not confirmed.',
      ...(wrong ? { fix: clientIdFix(ctx.clientIdSource, world) } : {}),
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Stage 9: authorization

const KV_SECRET_READERS = ['Key Vault Secrets User', 'Key Vault Secrets Officer', 'Key Vault Administrator'];
const ARM_READERS = ['Reader', 'Contributor', 'Owner'];
const BLOB_READERS = ['Storage Blob Data Reader', 'Storage Blob Data Contributor', 'Storage Blob Data Owner'];

/** True when role-assignment scope `scope` equals `resourceId` or is an ancestor of it (ARM IDs are case-insensitive). */
export function scopeCovers(scope: string, resourceId: string): boolean {
  const s = scope.replace(/\/+$/, '').toLowerCase();
  const r = resourceId.replace(/\/+$/, '').toLowerCase();
  return s === '' || s === '/' ? true : r === s || r.startsWith(`${s}/`);
}

function authorization(ctx: Ctx): Stage {
  const { world } = ctx;
  const res = world.resource;
  const id = ctx.caller ?? directoryIdentities(world)[0]!;
  const aud = ctx.resourceAudience ?? '';
  const checks: Check[] = [];
  const expectedAud = res.kind === 'key-vault-secret' ? 'https://vault.azure.net' : res.kind === 'arm' ? 'https://management.azure.com' : 'https://storage.azure.com';
  const audOk = aud.replace(/\/+$/, '') === expectedAud;
  checks.push({ name: 'access token aud', expected: q(expectedAud), actual: q(aud), ok: audOk });
  if (!audOk) {
    if (res.kind === 'key-vault-secret') {
      return failCode('AKV10022', 'The access token was issued for another resource, so Key Vault refuses it.', checks, `AKV10022: Invalid audience. Expected ${expectedAud}, found: ${aud}.`, `Request the scope ${expectedAud}/.default.`);
    }
    return fail('The access token was issued for another resource, so the service refuses it.', checks, `401 Unauthorized: the token audience ${aud} is not ${expectedAud}`, `Request the scope ${expectedAud}/.default.`, { httpStatus: 401 });
  }

  const [roles, action] =
    res.kind === 'key-vault-secret'
      ? [KV_SECRET_READERS, 'Microsoft.KeyVault/vaults/secrets/getSecret/action']
      : res.kind === 'arm'
        ? [ARM_READERS, `${res.id.split('/providers/')[1]?.split('/').slice(0, 2).join('/') ?? 'Microsoft.Resources/subscriptions/resourceGroups'}/read`]
        : [BLOB_READERS, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'];

  if (res.kind === 'key-vault-secret' && res.permissionModel === 'access-policy') {
    const pol = res.accessPolicies.find((p) => p.objectId === id.principalId);
    const ok = !!pol && pol.secretPermissions.map((s) => s.toLowerCase()).some((s) => s === 'get' || s === 'all');
    checks.push({ name: 'access policy for the principal', expected: `secret permission "get" for ${id.principalId}`, actual: pol ? q(pol.secretPermissions) : '(no policy)', ok });
    if (!ok) {
      const vault = res.id.split('/').pop() ?? '';
      return fail(
        'The vault uses access policies, not Azure RBAC: role assignments are ignored, and no policy gives this identity the "get" secret permission.',
        checks,
        `The user, group or application 'appid=${id.clientId};oid=${id.principalId};iss=https://sts.windows.net/${id.tenantId}/' does not have secrets get permission on key vault '${vault};location=eastus'.`,
        'Add an access policy with secret permission "get" for the identity\'s principal ID, or switch the vault to the Azure RBAC permission model and assign Key Vault Secrets User.',
        { code: 'AccessDenied', httpStatus: 403, error: 'Forbidden', learnMore: [errorPagePath('AccessDenied')], uncertain: ERROR_CATALOGUE.AccessDenied?.uncertain },
      );
    }
    return pass(`The vault's access policy lets ${id.name} read secrets.`, checks);
  }

  const mine = world.roleAssignments.filter((a) => a.principalId === id.principalId);
  const applicable = mine.filter((a) => scopeCovers(a.scope, res.id) && roles.includes(a.role));
  const effective = applicable.filter((a) => a.createdSecondsAgo >= RBAC_PROPAGATION_SECONDS);
  checks.push({
    name: `role assignment allowing ${action}`,
    expected: `${roles.join(' / ')} for ${id.principalId} at the resource or above`,
    actual: mine.length ? mine.map((a) => `${a.role} at ${a.scope}`).join('; ') : '(none for this principal)',
    ok: applicable.length > 0,
  });
  const target = res.kind === 'key-vault-secret' ? `${res.id}/secrets/${res.secret ?? 'secret'}` : res.id;
  const denied = (summary: string, fix: string, extra: Partial<Stage> = {}) => {
    if (res.kind === 'key-vault-secret') {
      const vault = res.id.split('/').pop() ?? '';
      return failCode(
        'ForbiddenByRbac',
        summary,
        checks,
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${id.clientId};oid=${id.principalId};iss=https://sts.windows.net/${id.tenantId}/\r\nAction: '${action}'\r\nResource: '${target.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${vault};location=eastus`,
        fix,
        extra,
      );
    }
    if (res.kind === 'arm') {
      return failCode('AuthorizationFailed', summary, checks, `The client '${id.clientId}' with object id '${id.principalId}' does not have authorization to perform action '${action}' over scope '${res.id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`, fix, extra);
    }
    return failCode('AuthorizationPermissionMismatch', summary, checks, 'This request is not authorized to perform this operation using this permission.', fix, extra);
  };
  if (!applicable.length) {
    const wrongRole = mine.find((a) => scopeCovers(a.scope, res.id));
    const wrongIdentity = id.otherIndex !== undefined;
    return denied(
      (wrongRole
        ? `${id.name} has "${wrongRole.role}" here, but that role does not include ${action}${res.kind !== 'arm' ? ' (a data action: Owner and Contributor do not grant it)' : ''}.`
        : `${id.name} has no role assignment that reaches ${res.id}. Authentication worked; authorization did not.`) +
        (wrongIdentity ? ` The pod signed in as ${id.name} because it presented ${id.name}'s client ID; the role assignments of ${world.identity.name}, the identity set up for this pod, do not apply.` : ''),
      wrongIdentity
        ? clientIdFix(ctx.clientIdSource, world)
        : `az role assignment create --assignee-object-id ${id.principalId} --assignee-principal-type ServicePrincipal --role "${roles[0]}" --scope ${res.id}`,
    );
  }
  if (!effective.length) {
    const a = applicable[0]!;
    checks.push({ name: `assignment "${a.role}" propagated`, expected: `created ≥ ${RBAC_PROPAGATION_SECONDS} s ago`, actual: `${a.createdSecondsAgo} s ago`, ok: false });
    return denied(
      `The role assignment "${a.role}" was created ${a.createdSecondsAgo} seconds ago and has not propagated yet.`,
      'Wait and retry: role assignments can take up to about ten minutes to take effect.',
      { uncertain: `Propagation time varies; the simulator denies for the first ${RBAC_PROPAGATION_SECONDS} s.` },
    );
  }
  const a = effective[0]!;
  return pass(`"${a.role}" assigned at ${a.scope} allows ${action}: the pod reads ${res.kind === 'key-vault-secret' ? `secret ${res.secret ?? ''}` : 'the resource'}.`, checks);
}

// ---------------------------------------------------------------------------------------------------

const RUNNERS: Record<StageId, (ctx: Ctx) => Stage | Promise<Stage>> = {
  admission,
  'projected-token': projectedToken,
  'client-lookup': clientLookup,
  'federation-match': federationMatch,
  'issuer-discovery': issuerDiscovery,
  signature,
  lifetime,
  'access-token': accessToken,
  authorization,
};

/** Options for {@link runChain}. */
export interface RunOptions {
  /** Entra ID's clock (and the cluster's, unless the token says otherwise). */
  now: Date;
  /** Key store to reuse generated keys; a new one is made when absent (slow: RSA key generation). */
  keys?: KeyStore;
}

/**
 * Runs all nine stages over a complete, valid world. Never throws: an unexpected internal error is
 * reported as a failed stage. Stages after the first failure are `skipped`.
 */
export async function runChain(world: World, opts: RunOptions): Promise<ChainResult> {
  const now = Math.floor(opts.now.getTime() / 1000);
  const issuer = world.cluster.oidcIssuer.enabled ? world.cluster.oidcIssuer.url : world.cluster.defaultIssuer;
  const ctx: Ctx = {
    world,
    now,
    keys: opts.keys ?? createKeyStore(),
    artifacts: { issuer, discovery: discoveryDocument(issuer), jwks: { keys: [] }, env: {} },
    env: {},
    expirationSeconds: world.token.expirationSeconds,
    issuerInUse: issuer,
  };
  const stages: StageResult[] = [];
  let failed: StageResult | undefined;
  for (const id of STAGE_IDS) {
    const title = STAGE_TITLES[id];
    if (failed) {
      stages.push({ id, status: 'skipped', title, summary: `Not reached: the chain stopped at "${failed.title}".`, checks: [] });
      continue;
    }
    let r: Stage;
    try {
      r = await RUNNERS[id](ctx);
    } catch (e) {
      r = fail('The simulator hit an internal error at this stage.', [], e instanceof Error ? e.message : String(e), 'Report this as a bug with the scenario that caused it.');
    }
    const sr: StageResult = { id, title, ...r };
    stages.push(sr);
    if (sr.status === 'fail') failed = sr;
  }
  // Keys for the JWKS/discovery artifacts even when discovery was not reached.
  if (!ctx.artifacts.jwks.keys.length) {
    try {
      const keys: IssuerKey[] = [];
      for (const k of world.cluster.signingKeys) if (keyIsPublished(k)) keys.push(await ctx.keys.get(k.name));
      ctx.artifacts.jwks = jwksDocument(keys);
    } catch {
      /* leave empty */
    }
  }
  const result: ChainResult = {
    outcome: failed ? 'denied' : 'granted',
    stages,
    configErrors: configErrors(world),
    now,
    world,
    artifacts: ctx.artifacts,
  };
  if (failed) {
    result.failedStage = failed.id;
    if (failed.code) result.code = failed.code;
    const also = laterEntraFailures(failed, ctx);
    if (also.length) {
      const list = also.map((a) => `${a.what} (${a.code})`).join(' and ');
      const note = `The token would also fail ${list}. Microsoft does not document the order of Entra ID's checks, so the real answer may be ${also.map((a) => a.code).join(' or ')} instead.`;
      failed.uncertain = failed.uncertain ? `${failed.uncertain} ${note}` : note;
    }
  }
  return result;
}

/**
 * Entra ID checks that come AFTER the failing one in the simulator's inferred order and would fail too,
 * on the same assertion: the federated credential match (after a lifetime-sanity failure) and the time
 * window (after a match, discovery or signature failure). Since the real order is undocumented (reference
 * D2), the code Entra ID actually returns may be one of these; the result says so in `uncertain`.
 */
function laterEntraFailures(failed: StageResult, ctx: Ctx): { what: string; code: string }[] {
  const p = ctx.payload;
  if (!p || !failed.code) return [];
  const out: { what: string; code: string }[] = [];
  if (failed.code === 'AADSTS70023') {
    const who = ctx.caller ?? directoryIdentities(ctx.world)[0]!;
    const m = matchFederatedCredentials(p, storedOf(ctx.world, who), who.name);
    if (m.status === 'fail' && m.code && m.code !== 'AADSTS70021') out.push({ what: 'the federated credential match', code: m.code });
  }
  const laterThanMatch = failed.code === 'AADSTS70023' || ['federation-match', 'issuer-discovery', 'signature'].includes(failed.id);
  if (laterThanMatch && checkTimeWindow(p, ctx.now).status === 'fail') out.push({ what: 'the time window check', code: 'AADSTS700024' });
  return out;
}

/** Options for {@link simulate}. */
export interface SimulateOptions {
  /** Clock to use when the scenario has no `now`. Default: the current time. */
  now?: Date;
  keys?: KeyStore;
}

/**
 * Validates a scenario object (parsed from YAML/JSON), merges it over the default world and runs the
 * chain. The scenario's `now` wins over `opts.now`.
 * @throws ScenarioError when the scenario is invalid (its `issues` name each field).
 */
export async function simulate(input: unknown, opts: SimulateOptions = {}): Promise<ChainResult> {
  const { scenario, world } = resolveScenario(input);
  const now = scenario.now ? new Date(scenario.now) : (opts.now ?? new Date());
  return runChain(world, { now, ...(opts.keys ? { keys: opts.keys } : {}) });
}

/** Decodes a base64url JSON segment, or returns undefined. Exposed for the UI's token panel. */
export function decodeSegment(seg: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(seg)));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
