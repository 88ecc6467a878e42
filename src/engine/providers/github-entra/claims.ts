/**
 * The GitHub Actions OIDC token as GitHub mints it for a job: issuer, `sub` (default template, immutable
 * form, customised templates), audience, lifetime, the other claims and the JOSE header; plus one-line
 * explanations of every field for the token panel.
 *
 * Sources: ../shared/reference/other-providers.md §1.1–§1.4 ("ref. §1.x"); the GitHub OIDC reference
 * https://docs.github.com/en/actions/reference/security/oidc ("Example subject claims", the example token,
 * "Customizing the subject claims", "Customizing the issuer value for an enterprise"), read in github/docs
 * `about-security-hardening-with-openid-connect.md`; actions/toolkit `packages/core/src/oidc-utils.ts`.
 * Pure: the clock is passed in, `jti` is derived (derivedUuid), nothing random.
 */
import { derivedUuid } from '../../issuer.ts';
import { GITHUB_ISSUER, type GithubWorld } from './schema.ts';

/** ID tokens live 5 minutes: exp = iat + 300 (docs example; actions/toolkit #2048; ref. §1.4). */
export const GITHUB_TOKEN_LIFETIME_SECONDS = 300;

/** nbf = iat − 600 in the docs example (ref. §1.4; uncertain, see {@link NBF_UNCERTAIN}). */
export const GITHUB_NBF_BEFORE_IAT_SECONDS = 600;

/** What is not known about `nbf`. */
export const NBF_UNCERTAIN =
  "GitHub's documented example token has nbf 600 s before iat; whether every real token uses that offset is not confirmed (other-providers.md §1.4). The simulator uses iat − 600.";

/** What is not known about the `context` key of a customised template. */
export const CONTEXT_KEY_UNCERTAIN =
  'GitHub documents `context` as "the part that follows the repository in the default sub format" and shows it only for a job with an environment (environment:<name>); the branch, tag and pull_request forms are inferred from that sentence.';

/** What is not known about customised templates on a repository with immutable subject claims. */
export const IMMUTABLE_TEMPLATE_UNCERTAIN =
  'How immutable subject claims render the `repo` key of a customised template is not documented; the simulator writes the same <owner>@<id>/<repo>@<id> form as in the default template.';

/** A placeholder key ID: GitHub's `kid` values are opaque; a signer should pass the kid of its own key. */
export const GITHUB_PLACEHOLDER_KID = 'github-actions-oidc-key';

/**
 * The issuer (`iss`) of the job's token (ref. §1.1): `https://<host>/_services/token` on GitHub Enterprise
 * Server; `https://token.actions.githubusercontent.com/<slug>` when the enterprise set
 * `include_enterprise_slug`; otherwise `https://token.actions.githubusercontent.com`, never a trailing slash.
 */
export function githubIssuer(g: GithubWorld): string {
  if (g.ghes) return `https://${g.ghes.host}/_services/token`;
  if (g.enterprise?.includeEnterpriseSlug) return `${GITHUB_ISSUER}/${g.enterprise.slug}`;
  return GITHUB_ISSUER;
}

/**
 * GitHub's `aud` when the caller asks for no audience: "the URL of the repository owner"
 * (GitHub OIDC reference), https://github.com/<owner>; on GHES https://<host>/<owner> (inferred).
 */
export function githubDefaultAudience(g: GithubWorld): string {
  return g.ghes ? `https://${g.ghes.host}/${g.owner}` : `https://github.com/${g.owner}`;
}

/**
 * The `aud` the token gets: azure/login passes its `audience` input to core.getIDToken(audience), which
 * appends `&audience=` only for a non-empty value (oidc-utils.ts); otherwise GitHub's default (ref. §1.2).
 */
export function githubAudience(g: GithubWorld): string {
  return g.azureLogin.audience ? g.azureLogin.audience : githubDefaultAudience(g);
}

/** The `ref` claim: refs/pull/<n>/merge for pull_request events, otherwise the branch or tag ref. */
export function githubRefClaim(g: GithubWorld): string {
  return g.event === 'pull_request' ? `refs/pull/${g.pullRequest.number}/merge` : g.ref;
}

/**
 * `job_workflow_ref`: `<owner>/<repo>/.github/workflows/<file>@<ref>` of the workflow that runs the job;
 * for a reusable workflow the CALLED one (GitHub OIDC reference; ref. §1.2, §1.3).
 */
export function githubJobWorkflowRef(g: GithubWorld): string {
  const rw = g.reusableWorkflow;
  if (rw) return `${rw.repository}/.github/workflows/${rw.file}@${rw.ref}`;
  return `${g.owner}/${g.repo}/.github/workflows/${g.workflowFile}@${githubRefClaim(g)}`;
}

/**
 * The repository segment of `sub`: `<owner>/<repo>`, or `<owner>@<owner-id>/<repo>@<repo-id>` with
 * immutable subject claims (github/docs PR #45221; ref. §1.3). Always the caller's repository.
 */
export function githubRepoSegment(g: GithubWorld): string {
  return g.immutableSubjects ? `${g.owner}@${g.ownerId}/${g.repo}@${g.repoId}` : `${g.owner}/${g.repo}`;
}

/**
 * The part of the default `sub` after the repository (GitHub OIDC reference, "Example subject claims";
 * ref. §1.3): `environment:<env>` when the job references an environment (wins over everything);
 * `pull_request` for a pull_request event; `ref:refs/heads/<branch>` or `ref:refs/tags/<tag>` otherwise.
 */
export function githubSubjectContext(g: GithubWorld): string {
  if (g.environment !== undefined) return `environment:${g.environment}`;
  if (g.event === 'pull_request') return 'pull_request';
  return `ref:${g.ref}`;
}

/** Which template builds `sub`. */
export type SubjectTemplateSource = 'github-default' | 'repo-template' | 'org-template';

/**
 * The subject template in force for the repository (GitHub REST API OIDC docs; Pulumi
 * ActionsRepositoryOidcSubjectClaimCustomizationTemplate table; ref. §1.3): no repository setting →
 * GitHub's default (an org template applies only to repositories that opted in); `use_default: true` →
 * default; `use_default: false` with keys → those keys; without keys → the org template if set, else default.
 */
export function subjectTemplateInForce(g: GithubWorld): { source: SubjectTemplateSource; keys?: readonly string[] } {
  const repo = g.subjectTemplate.repo;
  if (!repo || repo.useDefault) return { source: 'github-default' };
  if (repo.includeClaimKeys && repo.includeClaimKeys.length) return { source: 'repo-template', keys: repo.includeClaimKeys };
  const org = g.subjectTemplate.org;
  if (org && org.includeClaimKeys.length) return { source: 'org-template', keys: org.includeClaimKeys };
  return { source: 'github-default' };
}

/** The token's `sub` and how it was built. */
export interface GithubSubject {
  /** The `sub` claim. */
  value: string;
  /** Which template built it. */
  template: SubjectTemplateSource;
  /** The claim keys of a customised template. */
  keys?: readonly string[];
  /** The default-template tail (environment / pull_request / ref form), also what `context` expands to. */
  context: string;
  /** Whether the repository segment carries numeric IDs. */
  immutable: boolean;
  /** What is not confirmed about this rendering. */
  uncertain?: string;
}

/**
 * Builds `sub` the way GitHub does (ref. §1.3). Default template: `repo:<repo segment>:<context>`.
 * Customised template: each key as `key:value`, joined with `:`; `repo` renders as `repo:<owner>/<repo>`
 * ("the sub claim uses the shortened form repo", GitHub docs), `context` as the default tail (uncertain
 * beyond the environment form), any other key as `key:<that claim's value>`.
 */
export function githubSubject(g: GithubWorld): GithubSubject {
  const context = githubSubjectContext(g);
  const t = subjectTemplateInForce(g);
  const immutable = g.immutableSubjects;
  if (!t.keys) return { value: `repo:${githubRepoSegment(g)}:${context}`, template: t.source, context, immutable };
  const values = githubClaimValues(g);
  const notes = new Set<string>();
  const parts = t.keys.map((k) => {
    if (k === 'repo') {
      if (immutable) notes.add(IMMUTABLE_TEMPLATE_UNCERTAIN);
      return `repo:${githubRepoSegment(g)}`;
    }
    if (k === 'context') {
      if (g.environment === undefined) notes.add(CONTEXT_KEY_UNCERTAIN);
      return context;
    }
    const v = values[k];
    if (v === undefined) notes.add(`The token has no "${k}" claim for this job; how GitHub renders a template key without a value is not documented (the simulator writes "${k}:").`);
    return `${k}:${v ?? ''}`;
  });
  const uncertain = [...notes].join(' ') || undefined;
  return { value: parts.join(':'), template: t.source, keys: t.keys, context, immutable, ...(uncertain ? { uncertain } : {}) };
}

/**
 * GitHub's custom claims for the job (string values, as in the docs example, where IDs are strings too),
 * without the time claims, `jti`, `sub` and `aud`. `environment` only when the job references one.
 */
export function githubClaimValues(g: GithubWorld): Record<string, string> {
  const isPr = g.event === 'pull_request';
  const out: Record<string, string> = {};
  if (g.environment !== undefined) out.environment = g.environment;
  Object.assign(out, {
    ref: githubRefClaim(g),
    sha: g.sha,
    repository: `${g.owner}/${g.repo}`,
    repository_owner: g.owner,
    actor_id: String(g.actorId),
    repository_visibility: g.repositoryVisibility,
    repository_id: String(g.repoId),
    repository_owner_id: String(g.ownerId),
    run_id: String(g.runId),
    run_number: String(g.runNumber),
    run_attempt: String(g.runAttempt),
    runner_environment: g.runnerEnvironment,
    actor: g.actor,
    workflow: g.workflowName,
    head_ref: isPr ? g.pullRequest.headRef : '',
    base_ref: isPr ? g.ref.replace(/^refs\/heads\//, '') : '',
    event_name: g.event,
    ref_type: !isPr && g.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    job_workflow_ref: githubJobWorkflowRef(g),
  });
  if (g.enterprise?.includeEnterpriseSlug) out.enterprise = g.enterprise.slug;
  return out;
}

/** The decoded token: JOSE header and payload, and what is uncertain about it. */
export interface GithubToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Notes on modelled-but-unconfirmed parts (nbf offset, template rendering, GHES audience). */
  uncertain: string[];
}

/**
 * The token GitHub mints for this job at `nowSeconds − tokenIssuedSecondsAgo` (NumericDate seconds):
 * claims in the order of GitHub's documented example, `aud` a single string, `nbf = iat − 600`
 * (uncertain), `exp = iat + 300`; header `{typ: "JWT", alg: "RS256", kid}` (GitHub OIDC reference; the
 * docs example also shows `x5t`, not modelled). `kid` should be the signing key's own.
 */
export function githubTokenClaims(g: GithubWorld, nowSeconds: number, kid: string = GITHUB_PLACEHOLDER_KID): GithubToken {
  const iat = nowSeconds - g.tokenIssuedSecondsAgo;
  const sub = githubSubject(g);
  const { environment, enterprise, ...rest } = githubClaimValues(g);
  const payload: Record<string, unknown> = {
    jti: derivedUuid(`github|${g.owner}/${g.repo}|${g.runId}|${g.runAttempt}|${iat}`),
    sub: sub.value,
    ...(environment !== undefined ? { environment } : {}),
    aud: githubAudience(g),
    ...rest,
    ...(enterprise !== undefined ? { enterprise } : {}),
    iss: githubIssuer(g),
    nbf: iat - GITHUB_NBF_BEFORE_IAT_SECONDS,
    exp: iat + GITHUB_TOKEN_LIFETIME_SECONDS,
    iat,
  };
  const uncertain = [NBF_UNCERTAIN];
  if (sub.uncertain) uncertain.push(sub.uncertain);
  if (g.ghes && !g.azureLogin.audience) uncertain.push('On GitHub Enterprise Server the default audience is assumed to be the owner URL on that host (https://<host>/<owner>), by analogy with github.com.');
  return { header: { typ: 'JWT', alg: 'RS256', kid }, payload, uncertain };
}

const REF = 'GitHub OIDC reference';

/**
 * One sentence per header parameter and claim of a GitHub Actions ID token, with its source, for the
 * token panel. Data only; the UI looks fields up with {@link explainGithubField}.
 */
export const claimExplanations: Readonly<{ header: Readonly<Record<string, string>>; payload: Readonly<Record<string, string>> }> = {
  header: {
    typ: `Type: GitHub sets JWT (${REF}).`,
    alg: `Signature algorithm: RS256, the only one Entra ID supports for issuers (${REF}; workload-identity.md C3).`,
    kid: `Key ID: which key of GitHub's JWKS signed the token; Entra ID fetches that JWKS from the issuer's discovery document (${REF}).`,
  },
  payload: {
    jti: `Token ID: unique per token (${REF}).`,
    sub: `Subject: repo:<owner>/<repo>: followed by environment:<name>, pull_request, or ref:<ref>, unless the org or repo customised the template; Entra ID compares it with the credential's subject exactly and case-sensitively (${REF}, "Example subject claims"; other-providers.md §1.3).`,
    environment: `The environment the job references; when present, the default sub uses it instead of the branch (${REF}).`,
    aud: `Audience: what azure/login asked for (api://AzureADTokenExchange by default); without an audience GitHub writes the owner URL https://github.com/<owner>, which no Entra credential holds (Azure/login action.yml; ${REF}).`,
    ref: `The git ref the run is for: refs/heads/<branch>, refs/tags/<tag>, or refs/pull/<n>/merge for a pull request (${REF}).`,
    sha: `The commit SHA the run is for (${REF}).`,
    repository: `owner/repo of the repository the workflow runs in (the caller, for a reusable workflow) (${REF}).`,
    repository_owner: `The user or organisation that owns the repository (${REF}).`,
    actor_id: `Numeric ID of the account that triggered the run (${REF}).`,
    repository_visibility: `public, private or internal (${REF}).`,
    repository_id: `Numeric repository ID; in sub only when immutable subject claims are on (${REF}; github/docs PR #45221).`,
    repository_owner_id: `Numeric owner ID; in sub only when immutable subject claims are on (${REF}; github/docs PR #45221).`,
    run_id: `ID of the workflow run (${REF}).`,
    run_number: `How many times this workflow has run in the repository (${REF}).`,
    run_attempt: `Which attempt of the run this is (re-runs count up) (${REF}).`,
    runner_environment: `github-hosted or self-hosted runner (${REF}).`,
    actor: `The account that triggered the run (${REF}).`,
    workflow: `The workflow's name (${REF}).`,
    head_ref: `Source branch of a pull request; empty otherwise (${REF}).`,
    base_ref: `Target branch of a pull request; empty otherwise (${REF}).`,
    event_name: `The event that triggered the run; only pull_request changes the default sub (${REF}).`,
    ref_type: `branch or tag (${REF}).`,
    job_workflow_ref: `The workflow file that runs the job, with its ref; for a reusable workflow the CALLED file, while sub still names the caller (${REF}, "reusable workflows"). azure/login prints it (Azure/login LoginConfig.ts).`,
    enterprise: `The enterprise slug, present when the enterprise uses its own issuer URL (${REF}, "Customizing the issuer value for an enterprise").`,
    iss: `Issuer: https://token.actions.githubusercontent.com, no trailing slash (with an enterprise slug or GHES host where configured); the credential's issuer must equal it byte for byte (${REF}; other-providers.md §1.1).`,
    nbf: `Not before: 600 s before iat in GitHub's example token (the exact offset of real tokens is not confirmed) (${REF}; other-providers.md §1.4).`,
    exp: `Expiry: 5 minutes after iat; a later exchange of the same token fails with AADSTS700024 (${REF}; Azure/login #180, #372).`,
    iat: `Issued at: when azure/login requested the token from the runner's ACTIONS_ID_TOKEN_REQUEST_URL (${REF}; actions/toolkit oidc-utils.ts).`,
  },
};

/** The explanation of a GitHub token header parameter or claim, or `undefined` for an unknown field. */
export function explainGithubField(part: 'header' | 'payload', name: string): string | undefined {
  const table = claimExplanations[part];
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
