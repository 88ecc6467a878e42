/**
 * The `admission` slot of github-entra: what must hold before azure/login can ask GitHub for a token.
 * There is no pod and no webhook; the job's `permissions` play that role (ref. §1.2), after GHES has
 * accepted the workflow (ref. §1.1) and azure/login has accepted its inputs (ref. §1.5).
 *
 * Order, as the real systems run: (1) GitHub Enterprise Server older than 3.5 rejects a workflow that
 * names `id-token` in `permissions` before any job starts; (2) azure/login `LoginConfig.validate()` checks
 * its inputs before any token request; (3) the runner sets ACTIONS_ID_TOKEN_REQUEST_URL and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN only for `id-token: write`, and core.getIDToken() throws without them.
 *
 * Sources: ../shared/reference/other-providers.md §1.1, §1.2, §1.5; actions/toolkit
 * `packages/core/src/oidc-utils.ts`; Azure/login `src/common/LoginConfig.ts` and `src/main.ts`.
 */
import type { Check } from '../../types.ts';
import { GHES_MIN_OIDC_VERSION, type GithubWorld } from './schema.ts';
import { failStage, passStage, quote, type Stage } from './stage.ts';

/** What azure/login's `main` appends to every error it fails the step with (Azure/login src/main.ts). */
export const AZURE_LOGIN_FAILED_SUFFIX = ". Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.";

/** The step's failure line for an error whose text is `errorText` (`${error}` of a JS Error: "Error: …"). */
export function azureLoginFailedLine(errorText: string): string {
  return `Error: Login failed with ${errorText}${AZURE_LOGIN_FAILED_SUFFIX}`;
}

/** LoginConfig.validate(): client-id or tenant-id missing (ref. §1.5). */
export const MISSING_CLIENT_OR_TENANT = "Using auth-type: SERVICE_PRINCIPAL. Not all values are present. Ensure 'client-id' and 'tenant-id' are supplied.";

/**
 * LoginConfig.validate(): no subscription-id and allow-no-subscriptions not true. Wording of azure/login v2
 * (LoginConfig.ts, and a v2 run log that shows it with the doubled final period); older versions said
 * "Ensure subscriptionId is supplied." (ref. §1.5).
 */
export const MISSING_SUBSCRIPTION = "Ensure 'subscription-id' is supplied or 'allow-no-subscriptions' is 'true'.";

/** actions/toolkit oidc-utils.ts: the request URL is read first, so its message is the one users see. */
export const NO_REQUEST_URL = 'Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable';

/** azure/login's hint when getIDToken fails (LoginConfig.ts `getFederatedToken`, as printed by v2 runs). */
export const ID_TOKEN_PERMISSION_HINT = 'Please make sure to give write permissions to id-token in the workflow.';

/** GHES older than 3.5 refuses `id-token` in `permissions` (Azure/login #228; ref. §1.1). */
export const GHES_ID_TOKEN_NOT_ALLOWED = "The key 'id-token' is not allowed";

/** Result of the admission slot. */
export interface GithubAdmission {
  stage: Stage;
  /** What the runner set for the job (empty when it set nothing). Values are display strings. */
  env: Record<string, string>;
  /** The client ID azure/login will send (its `client-id` input), when supplied. */
  clientId?: string;
  /** The tenant azure/login will send the exchange to (its `tenant-id` input), when supplied. */
  tenantId?: string;
}

/** Parses "3.4" / "3.12.1" into [major, minor]; compares as numbers, so 3.10 > 3.5. */
function versionAtLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

/**
 * Runs the admission slot for the job (ref. §1.1, §1.2, §1.5). Never throws. Returns the stage, the
 * runner-provided OIDC variables, and the client and tenant azure/login will use.
 */
export function githubAdmission(g: GithubWorld): GithubAdmission {
  const { clientId, tenantId, subscriptionId, allowNoSubscriptions } = g.azureLogin;
  const ids = { ...(clientId !== undefined ? { clientId } : {}), ...(tenantId !== undefined ? { tenantId } : {}) };
  const checks: Check[] = [];

  if (g.ghes) {
    const ok = versionAtLeast(g.ghes.version, GHES_MIN_OIDC_VERSION);
    checks.push({
      name: 'GitHub Enterprise Server version',
      expected: `≥ ${GHES_MIN_OIDC_VERSION} (OIDC for Actions)`,
      actual: g.ghes.version,
      ok,
      note: 'GitHub Enterprise Server supports OIDC tokens for Actions from 3.5 (Azure/login #228; other-providers.md §1.1).',
    });
    if (!ok && g.permissions.idToken !== 'absent') {
      return {
        stage: failStage(
          `GitHub Enterprise Server ${g.ghes.version} does not know the id-token permission, so it rejects the workflow file and no job runs.`,
          checks,
          GHES_ID_TOKEN_NOT_ALLOWED,
          `Upgrade GitHub Enterprise Server to ${GHES_MIN_OIDC_VERSION} or later to use OIDC; on older servers azure/login can only log in with a client secret (creds).`,
          { uncertain: 'Only this fragment of the workflow validation error is quoted in the report (Azure/login #228); the file, line and column GitHub prints around it are not reproduced.' },
        ),
        env: {},
        ...ids,
      };
    }
  }

  const haveIds = clientId !== undefined && tenantId !== undefined;
  checks.push({ name: "azure/login inputs 'client-id' and 'tenant-id'", expected: 'both supplied', actual: `client-id ${clientId === undefined ? '(absent)' : 'supplied'}, tenant-id ${tenantId === undefined ? '(absent)' : 'supplied'}`, ok: haveIds, note: 'An unset secret (${{ secrets.AZURE_CLIENT_ID }} in a repository or environment that lacks it) arrives as an empty input, which counts as absent.' });
  if (!haveIds) {
    return {
      stage: failStage(
        'azure/login checks its inputs before it asks GitHub for a token: without a client ID and a tenant ID it stops at once.',
        checks,
        azureLoginFailedLine(`Error: ${MISSING_CLIENT_OR_TENANT}`),
        `Pass client-id and tenant-id to azure/login (usually \${{ secrets.AZURE_CLIENT_ID }} and \${{ secrets.AZURE_TENANT_ID }}), and check that those secrets exist where this job runs${g.environment !== undefined ? ` (secrets of the environment "${g.environment}" reach only jobs that reference it, GitHub docs on environments)` : ''}.`,
      ),
      env: {},
      ...ids,
    };
  }
  const subOk = subscriptionId !== undefined || allowNoSubscriptions;
  checks.push({ name: "azure/login input 'subscription-id' (or allow-no-subscriptions: true)", expected: 'supplied', actual: subscriptionId !== undefined ? 'supplied' : `absent, allow-no-subscriptions ${allowNoSubscriptions}`, ok: subOk });
  if (!subOk) {
    return {
      stage: failStage(
        'azure/login needs a subscription to select after login, unless allow-no-subscriptions is true; it stops before asking GitHub for a token.',
        checks,
        azureLoginFailedLine(`Error: ${MISSING_SUBSCRIPTION}`),
        "Pass subscription-id to azure/login, or set allow-no-subscriptions: true if the job only needs Microsoft Entra ID (for example Microsoft Graph).",
        { uncertain: 'azure/login v1 printed "Ensure subscriptionId is supplied." for the same check; the v2 wording is shown.' },
      ),
      env: {},
      ...ids,
    };
  }

  const write = g.permissions.idToken === 'write';
  checks.push({
    name: 'job permissions id-token',
    expected: '"write"',
    actual: g.permissions.idToken === 'absent' ? '(not listed)' : quote(g.permissions.idToken),
    ok: write,
    note: 'Only `id-token: write` lets the job request an OIDC token (other-providers.md §1.2); and once a `permissions:` block lists any permission, every unlisted one is none (GitHub workflow syntax, `permissions`).',
  });
  checks.push({ name: 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN', expected: 'set by the runner', actual: write ? 'set' : '(not set)', ok: write, note: 'core.getIDToken() reads both variables (actions/toolkit oidc-utils.ts).' });
  if (!write) {
    return {
      stage: failStage(
        `The job has ${g.permissions.idToken === 'absent' ? 'no id-token permission' : `id-token: ${g.permissions.idToken}`}, so the runner sets no OIDC request variables and azure/login cannot get a token from GitHub.`,
        checks,
        `Error: ${ID_TOKEN_PERMISSION_HINT}\n${azureLoginFailedLine(`Error: Error message: ${NO_REQUEST_URL}`)}`,
        'Add `permissions: id-token: write` to the job (or the workflow), together with any other permission the job needs, e.g. `contents: read`.',
        {
          uncertain:
            'The wording varies by azure/login version: v1 printed "Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable. Please make sure to give write permissions to id-token in the workflow." and went on to a malformed-token error from Entra ID; the newest source prefixes the hint with "Failed to fetch federated token from GitHub."',
        },
      ),
      env: {},
      ...ids,
    };
  }

  return {
    stage: passStage('The job may request an OIDC token: the runner set the request URL and token, and azure/login has a client ID, a tenant and a subscription to use.', checks),
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: '(set by the runner)', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '***' },
    ...ids,
  };
}
