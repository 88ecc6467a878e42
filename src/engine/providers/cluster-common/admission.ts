/**
 * `admission` on a cluster without the managed AKS add-on (eks-entra, gke-entra, selfmanaged-entra).
 *
 * Three states instead of pass/fail (other-providers.md §2.1):
 * - `webhook`: the open-source Azure Workload Identity webhook is installed (Helm). It behaves as on AKS,
 *   so the aks-entra admission stage runs unchanged; this helper only adds checks to it.
 * - `hand-written`: no webhook, but the manifest itself carries the token volume and AZURE_* variables
 *   (the "written by hand" route of §2.1, argoproj/argo-cd #29437).
 * - `not-installed`: no webhook and nothing written by hand. The `azure.workload.identity/use` label is
 *   simply ignored and nothing is injected — "no mutation happened", not a webhook error. **[inference]**
 *   in the reference (the webhook is an ordinary mutating webhook); the symptom text is the one reported in
 *   Azure/azure-workload-identity #461 (real-world-cases C08).
 *
 * Pure: no clock, no network; never throws for a schema-valid world.
 */
import type { Stage } from '../../stage.ts';
import { sdkUnconfiguredMessage } from '../../kubernetes/admission.ts';
import { WI } from '../../kubernetes/constants.ts';
import type { Check, World } from '../../types.ts';
import { failStage, joinUncertain, passStage, quote } from './stage.ts';
import type { ClusterPod } from './schema.ts';
import { AZURE_TOKEN_FILE } from './schema.ts';

/** The audience Entra ID's token exchange expects (public cloud; workload-identity.md B3, C5). */
export const AZURE_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** TokenRequest minimum `expirationSeconds` (workload-identity.md A3). */
export const MIN_PROJECTED_EXPIRATION = 600;

/** The C08 symptom: the quick-start app reads an empty token path (Azure/azure-workload-identity #461). */
export const EMPTY_TOKEN_PATH_MESSAGE = 'failed to read the service account token from the filesystem: open : no such file or directory';

/** The aks-entra world with the non-AKS pod (extra cluster fields of a provider are allowed). */
export type ClusterWorld = Omit<World, 'pod'> & { pod: ClusterPod };

/** Which of the three admission states the pod is in. */
export type AdmissionState = 'webhook' | 'hand-written' | 'not-installed';

/** Another projected token in the pod that the app could read by mistake (e.g. the EKS IRSA token). */
export interface OtherTokenFile {
  path: string;
  /** Its `aud` (a single value, as a projected volume requests one audience). */
  audience: string;
  expirationSeconds: number;
  /** Short name for messages, e.g. "IRSA token (EKS Pod Identity Webhook)". */
  label: string;
}

/** The token the app actually presents, when it is not the one the Azure webhook mounts. */
export interface PresentedToken {
  source: 'hand-written' | 'other';
  /** The volume's audience; undefined = the API server's default audiences (workload-identity.md A2). */
  audience?: string;
  expirationSeconds: number;
  label: string;
}

/** Result of {@link clusterAdmission}. */
export interface ClusterAdmission {
  state: AdmissionState;
  /**
   * The full admission stage for `hand-written` and `not-installed`. Undefined for `webhook`: run the
   * aks-entra admission stage and append {@link checks} to it.
   */
  stage?: Stage;
  /** Checks this helper made (for `webhook`: to append to the aks-entra stage). */
  checks: Check[];
  /** The path the app reads its token from (AZURE_FEDERATED_TOKEN_FILE as the app sees it), if any. */
  tokenFile?: string;
  /**
   * Set when the app reads a token other than the webhook's: the projected-token stage must mint THAT
   * token's audience and lifetime instead of `world.token.audience` / `expirationSeconds`.
   */
  presented?: PresentedToken;
  /** Variables the app sees in its first container that came from the manifest (not from a webhook). */
  env: Record<string, string>;
}

/**
 * Runs the non-AKS admission rules. `platform` names the cluster kind in summaries ("EKS", "GKE",
 * "this self-managed cluster"); `otherTokens` lists other projected tokens in the pod (EKS: the IRSA
 * token) so that an app pointed at one of them is detected.
 */
export function clusterAdmission(world: ClusterWorld, platform: string, otherTokens: OtherTokenFile[] = []): ClusterAdmission {
  const installed = world.cluster.workloadIdentityWebhook.installed;
  const env = { ...(world.pod.containers[0]?.env ?? {}) };
  const vol = world.pod.handWrittenTokenVolume;
  const checks: Check[] = [];
  checks.push({
    name: 'Azure Workload Identity webhook (Helm chart)',
    expected: 'installed, or the token volume and AZURE_* variables written by hand',
    actual: installed ? 'installed' : vol ? 'not installed; hand-written token volume' : 'not installed',
    ok: installed || !!vol || !!env.AZURE_FEDERATED_TOKEN_FILE,
    note: `${platform} has no managed Azure add-on: the webhook is installed from github.com/Azure/azure-workload-identity, or the manifest carries everything itself (other-providers.md §2.1).`,
  });
  const label = world.pod.labels[WI.useLabel];

  if (installed) {
    // The webhook never overwrites a variable the manifest already sets (workload-identity.md B3).
    const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE || AZURE_TOKEN_FILE;
    const other = otherTokens.find((t) => t.path === tokenFile);
    if (other) checks.push(wrongFileCheck(tokenFile, other));
    if (vol) {
      checks.push({ name: 'hand-written token volume', expected: 'none (the webhook mounts its own)', actual: `audience ${quote(vol.audience)} at ${vol.path}`, ok: true, note: 'With the webhook installed, its own volume and variables are used; the hand-written volume is not read unless AZURE_FEDERATED_TOKEN_FILE points to it.' });
    }
    const presented = other
      ? { source: 'other' as const, audience: other.audience, expirationSeconds: other.expirationSeconds, label: other.label }
      : vol && env.AZURE_FEDERATED_TOKEN_FILE === vol.path
        ? { source: 'hand-written' as const, ...(vol.audience !== undefined ? { audience: vol.audience } : {}), expirationSeconds: vol.expirationSeconds, label: 'hand-written token volume' }
        : undefined;
    return { state: 'webhook', checks, tokenFile, ...(presented ? { presented } : {}), env };
  }

  const file = env.AZURE_FEDERATED_TOKEN_FILE;
  const other = file ? otherTokens.find((t) => t.path === file) : undefined;
  if (!vol && !other) {
    checks.push({ name: `pod label ${WI.useLabel}`, expected: 'read by the webhook', actual: label === undefined ? '(absent)' : `${quote(label)}, ignored: no webhook watches it`, ok: false });
    const summary =
      `No mutation happened: ${platform} runs no Azure Workload Identity webhook, so ${label === 'true' ? `the label ${WI.useLabel}: "true" is simply ignored` : 'nothing acts on the pod'} and the pod gets no AZURE_* variables and no projected Azure token.`;
    const fix = `Install the Azure Workload Identity webhook with Helm (it needs the cluster's tenant ID) and recreate the pod, or write the projected token volume (audience ${AZURE_EXCHANGE_AUDIENCE}) and AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE into the manifest.`;
    const message = file ? `open ${file}: no such file or directory` : EMPTY_TOKEN_PATH_MESSAGE;
    return {
      state: 'not-installed',
      stage: failStage(summary, checks, message, fix, {
        error: 'CredentialUnavailableError',
        uncertain: 'Other-providers.md §2.1 infers this state from the webhook being an ordinary mutating webhook; the message is the quick-start sample\'s (Azure/azure-workload-identity #461). Other SDKs word the missing-configuration error differently.',
      }),
      checks,
      ...(file ? { tokenFile: file } : {}),
      env,
    };
  }

  // Hand-written configuration: the manifest (or the app) carries the variables and the token.
  const missing = (['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_FEDERATED_TOKEN_FILE'] as const).filter((k) => env[k] === undefined);
  const optClient = !!world.request.clientId;
  const optTenant = !!world.request.tenantId;
  const stillMissing = missing.filter((k) => !(k === 'AZURE_CLIENT_ID' && optClient) && !(k === 'AZURE_TENANT_ID' && optTenant));
  checks.push({
    name: 'AZURE_* variables in the manifest',
    expected: 'AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE',
    actual: stillMissing.length ? `missing ${stillMissing.join(', ')}` : 'all set',
    ok: stillMissing.length === 0,
    note: 'Without the webhook nothing injects them; the Azure SDK reads them to build its workload identity credential (workload-identity.md B4).',
  });
  if (stillMissing.length) {
    return {
      state: 'hand-written',
      stage: failStage(
        `The pod has a hand-written token volume but not every variable the SDK needs: ${stillMissing.join(', ')} ${stillMissing.length === 1 ? 'is' : 'are'} not set, and no webhook adds ${stillMissing.length === 1 ? 'it' : 'them'}.`,
        checks,
        sdkUnconfiguredMessage(world as World, env),
        `Set ${stillMissing.join(', ')} in the container's env (AZURE_FEDERATED_TOKEN_FILE=${vol?.path ?? AZURE_TOKEN_FILE}).`,
        { error: 'CredentialUnavailableError' },
      ),
      checks,
      ...(file ? { tokenFile: file } : {}),
      env,
    };
  }
  const tokenFile = file as string;
  if (other) {
    checks.push(wrongFileCheck(tokenFile, other));
    return {
      state: 'hand-written',
      stage: passStage(`No webhook ran; the manifest sets the AZURE_* variables itself, but AZURE_FEDERATED_TOKEN_FILE points to the ${other.label}.`, checks, {
        fix: `Point AZURE_FEDERATED_TOKEN_FILE at a token with audience ${AZURE_EXCHANGE_AUDIENCE} (a projected volume of its own), not at the ${other.label}.`,
        uncertain: 'That an app reusing another token file gets AADSTS700212 is an inference from the audience rule; no public report was found (other-providers.md §2.2).',
      }),
      checks,
      tokenFile,
      presented: { source: 'other', audience: other.audience, expirationSeconds: other.expirationSeconds, label: other.label },
      env,
    };
  }
  const v = vol!;
  const pathOk = tokenFile === v.path;
  checks.push({ name: 'AZURE_FEDERATED_TOKEN_FILE', expected: quote(v.path), actual: quote(tokenFile), ok: pathOk, note: 'It must name the file the projected volume writes (mountPath + path).' });
  if (!pathOk) {
    return {
      state: 'hand-written',
      stage: failStage(
        `AZURE_FEDERATED_TOKEN_FILE names ${tokenFile}, but the hand-written volume writes the token to ${v.path}.`,
        checks,
        `open ${tokenFile}: no such file or directory`,
        `Set AZURE_FEDERATED_TOKEN_FILE=${v.path}, or mount the volume where the variable points.`,
        { error: 'CredentialUnavailableError' },
      ),
      checks,
      tokenFile,
      env,
    };
  }
  const expOk = Number.isFinite(v.expirationSeconds) && v.expirationSeconds >= MIN_PROJECTED_EXPIRATION;
  checks.push({ name: 'volume expirationSeconds', expected: `≥ ${MIN_PROJECTED_EXPIRATION}`, actual: String(v.expirationSeconds), ok: expOk, note: 'TokenRequest minimum, 10 minutes (workload-identity.md A3).' });
  if (!expOk) {
    return {
      state: 'hand-written',
      stage: failStage(
        `The hand-written volume asks for ${v.expirationSeconds} seconds; Kubernetes accepts at least ${MIN_PROJECTED_EXPIRATION} (10 minutes), so the pod is not admitted.`,
        checks,
        undefined,
        `Set expirationSeconds to at least ${MIN_PROJECTED_EXPIRATION} (3600 is the usual value).`,
        { uncertain: 'The rule is the TokenRequest minimum (workload-identity.md A3); the exact wording of the pod validation error for a projected volume is not in our sources.' },
      ),
      checks,
      tokenFile,
      env,
    };
  }
  const audOk = v.audience === AZURE_EXCHANGE_AUDIENCE;
  checks.push({
    name: 'volume serviceAccountToken.audience',
    expected: quote(AZURE_EXCHANGE_AUDIENCE),
    actual: v.audience === undefined ? '(absent: the API server\'s default audiences)' : quote(v.audience),
    ok: audOk,
    note: 'The federated credential\'s audience must be in the token\'s aud; a wrong audience is refused at the credential match (AADSTS700212).',
  });
  return {
    state: 'hand-written',
    stage: passStage(
      audOk
        ? 'No webhook ran; the manifest carries the projected token volume and the AZURE_* variables itself.'
        : 'No webhook ran; the manifest carries the token volume and variables, but the volume requests the wrong audience.',
      checks,
      audOk ? {} : { fix: `Set the volume's serviceAccountToken.audience to ${AZURE_EXCHANGE_AUDIENCE}.` },
    ),
    checks,
    tokenFile,
    presented: { source: 'hand-written', ...(v.audience !== undefined ? { audience: v.audience } : {}), expirationSeconds: v.expirationSeconds, label: 'hand-written token volume' },
    env,
  };
}

function wrongFileCheck(tokenFile: string, other: OtherTokenFile): Check {
  return {
    name: 'token file the app reads',
    expected: `a token with audience ${quote(AZURE_EXCHANGE_AUDIENCE)}`,
    actual: `${tokenFile}: the ${other.label}, audience ${quote(other.audience)}`,
    ok: false,
    note: 'A pre-set AZURE_FEDERATED_TOKEN_FILE wins over the webhook\'s value (workload-identity.md B3); Entra ID then sees the other token\'s audience.',
  };
}

/** Re-exported for providers that add their own uncertainty notes. */
export { joinUncertain };
