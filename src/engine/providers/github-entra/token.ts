/**
 * The `projected-token` slot of github-entra: azure/login calls core.getIDToken(audience) and GitHub mints
 * the job's ID token; azure/login then prints "Federated token details". Nothing here can fail the way a
 * Kubernetes TokenRequest can: GitHub mints whatever the job is. A requested audience that no Entra
 * credential will hold is a warning here and a failure at federation-match (AADSTS700212).
 *
 * Sources: ../shared/reference/other-providers.md §1.2–§1.4; actions/toolkit
 * `packages/core/src/oidc-utils.ts`; Azure/login `src/common/LoginConfig.ts` (`getFederatedToken`, `jwtParser`).
 */
import type { Check } from '../../types.ts';
import { githubSubject, githubTokenClaims, GITHUB_NBF_BEFORE_IAT_SECONDS, GITHUB_TOKEN_LIFETIME_SECONDS, NBF_UNCERTAIN } from './claims.ts';
import { AZURE_LOGIN_DEFAULT_AUDIENCE, GITHUB_ISSUER, type GithubWorld } from './schema.ts';
import { joinUncertain, passStage, quote, type Stage } from './stage.ts';

/**
 * The audiences Entra ID federated credentials use, public cloud first (workload-identity.md C5): the
 * values azure/login's `audience` input is expected to hold.
 */
export const ENTRA_EXCHANGE_AUDIENCES: readonly string[] = [
  'api://AzureADTokenExchange',
  'api://AzureADTokenExchangeUSGov',
  'api://AzureADTokenExchangeChina',
  'api://AzureADTokenExchangeUSNat',
  'api://AzureADTokenExchangeUSSec',
];

/**
 * The lines azure/login prints after it got the token, exactly as `getFederatedToken` formats them
 * (Azure/login LoginConfig.ts; newer versions print audience and job_workflow_ref too, Azure/login #573).
 */
export function federatedTokenDetails(payload: Record<string, unknown>): string {
  const s = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return `Federated token details:\n issuer - ${s(payload.iss)}\n subject claim - ${s(payload.sub)}\n audience - ${s(payload.aud)}\n job_workflow_ref - ${s(payload.job_workflow_ref)}`;
}

/** Result of the projected-token slot. */
export interface GithubProjectedToken {
  stage: Stage;
  /** The token's claims (what azure/login passes to az login --federated-token, decoded). */
  payload: Record<string, unknown>;
  /** The JOSE header `{typ, alg, kid}`. */
  header: Record<string, unknown>;
  /** The "Federated token details" block azure/login prints. */
  details: string;
}

/** Why `sub` has the form it has, in one sentence (GitHub OIDC reference; ref. §1.3). */
function subjectRule(g: GithubWorld): string {
  const s = githubSubject(g);
  if (s.template !== 'github-default') {
    return `The ${s.template === 'repo-template' ? 'repository' : 'organisation'} customised the subject template (include_claim_keys ${JSON.stringify(s.keys)}), so sub is those claims as key:value pairs joined with ":".`;
  }
  const ids = s.immutable ? ' Immutable subject claims are on, so the repository part carries the numeric owner and repository IDs.' : '';
  if (g.environment !== undefined) return `The job references environment "${g.environment}", and the environment form wins over branch, tag and pull_request.${ids}`;
  if (g.event === 'pull_request') return `The run was triggered by a pull_request event and the job has no environment, so sub is the pull_request form.${ids}`;
  const kind = g.ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  return `The job has no environment: key and the event is ${g.event}, so sub is the ${kind} form (ref:${g.ref}).${ids}${g.reusableWorkflow ? ' The job runs a reusable workflow: sub still names the caller; the called file is only in job_workflow_ref.' : ''}`;
}

/**
 * Runs the projected-token slot at `nowSeconds` (NumericDate seconds): mints the token
 * ({@link githubTokenClaims}) and reports what GitHub put in it. `kid` is the signing key's ID.
 * Passes; warns when azure/login asked for no audience or for one no Entra credential uses.
 */
export function githubProjectedToken(g: GithubWorld, nowSeconds: number, kid?: string): GithubProjectedToken {
  const token = githubTokenClaims(g, nowSeconds, kid);
  const p = token.payload;
  const requested = g.azureLogin.audience;
  const checks: Check[] = [];
  checks.push({
    name: 'issuer (iss)',
    expected: g.ghes || g.enterprise?.includeEnterpriseSlug ? 'the configured GitHub issuer' : quote(GITHUB_ISSUER),
    actual: quote(p.iss),
    ok: true,
    note: 'No trailing slash. A federated credential must hold this string byte for byte (other-providers.md §1.1).',
  });
  const audOk = ENTRA_EXCHANGE_AUDIENCES.includes(requested);
  checks.push({
    name: 'audience azure/login requested',
    expected: quote(AZURE_LOGIN_DEFAULT_AUDIENCE),
    actual: requested ? quote(requested) : `(none) → GitHub's default aud ${quote(p.aud)}`,
    ok: audOk,
    note: 'azure/login passes its audience input to core.getIDToken(audience); an empty input requests no audience and GitHub writes the owner URL instead (actions/toolkit oidc-utils.ts; GitHub OIDC reference).',
  });
  checks.push({ name: 'subject (sub)', expected: 'built from the job', actual: quote(p.sub), ok: true, note: subjectRule(g) });
  const life = (p.exp as number) - (p.iat as number);
  checks.push({
    name: 'lifetime (exp − iat)',
    expected: `${GITHUB_TOKEN_LIFETIME_SECONDS} s`,
    actual: `${life} s`,
    ok: life === GITHUB_TOKEN_LIFETIME_SECONDS,
    note: `GitHub ID tokens live 5 minutes and cannot be lengthened (actions/toolkit #2048). nbf is iat − ${GITHUB_NBF_BEFORE_IAT_SECONDS} s. ${NBF_UNCERTAIN}`,
  });
  checks.push({ name: 'job_workflow_ref', expected: 'the workflow file that runs the job', actual: quote(p.job_workflow_ref), ok: true });

  const details = federatedTokenDetails(p);
  const uncertain = joinUncertain(...token.uncertain.filter((u) => u !== NBF_UNCERTAIN));
  const extra: Partial<Stage> = { message: details, ...(uncertain ? { uncertain } : {}) };
  if (!audOk) {
    extra.fix = requested
      ? `Set azure/login's audience input to the audience of the federated credential, normally ${AZURE_LOGIN_DEFAULT_AUDIENCE} (its default when the input is left out).`
      : `Leave azure/login's audience input out (its default is ${AZURE_LOGIN_DEFAULT_AUDIENCE}) or set it to that value; an empty value makes GitHub use the owner URL.`;
  }
  return {
    stage: passStage(
      audOk
        ? 'GitHub minted an ID token for the job and azure/login printed its details.'
        : `GitHub minted an ID token, but its aud is ${quote(p.aud)}, which no Entra ID federated credential uses.`,
      checks,
      extra,
    ),
    payload: p,
    header: token.header,
    details,
  };
}
