/**
 * Stage 1, `admission`, on a cluster running the Azure Workload Identity webhook (the AKS add-on, or the
 * same webhook installed with Helm elsewhere): the webhook mutates the pod (label,
 * ServiceAccount annotations, environment, projected token volume). Sources: Azure/azure-workload-identity
 * `pkg/webhook` (consts.go, webhook.go); reference B3, B4 and G.
 */
import type { Check, World } from '../types.ts';
import { fail, nearMisses, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import { WEBHOOK_MAX_EXPIRATION, WEBHOOK_MIN_EXPIRATION, WI } from './constants.ts';
import type { ClusterContext } from './context.ts';

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

/** The webhook admits and mutates the pod, or the chain stops here (no token, or the pod is refused). */
export function admission(ctx: ClusterContext): Stage {
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
