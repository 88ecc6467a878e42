/**
 * The GitHub part of a `github-entra` world: the workflow job that runs `azure/login`, the repository and
 * organisation settings that shape its OIDC token, and azure/login's inputs. The Entra side (identity,
 * federated credentials, request, role assignments) is the shared world of src/engine/schema.ts.
 *
 * Sources (cited per field): ../shared/reference/other-providers.md §1 ("ref. §1.x" below); the GitHub
 * OIDC reference https://docs.github.com/en/actions/reference/security/oidc ("GitHub OIDC reference");
 * actions/toolkit `packages/core/src/oidc-utils.ts`; Azure/login `action.yml` and
 * `src/common/LoginConfig.ts`.
 *
 * Objects are `.strict()` (a misspelt key is an error) and every string is length-capped, as in the
 * shared schema. A scenario states only what differs from {@link GITHUB_DEFAULTS} (defaults.ts); `null`
 * in a scenario removes an optional key (merge.ts), e.g. `environment: null`.
 */
import { z } from '../../zod.ts';

/** GitHub's issuer on github.com: no trailing slash (ref. §1.1; GitHub OIDC reference). */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** azure/login's `audience` input default (Azure/login `action.yml`; ref. §1.2). */
export const AZURE_LOGIN_DEFAULT_AUDIENCE = 'api://AzureADTokenExchange';

/** GitHub Enterprise Server gained OIDC for Actions in 3.5 (ref. §1.1, Azure/login #228). */
export const GHES_MIN_OIDC_VERSION = '3.5';

/** A subject-template claim key: letters, digits and underscores only (GitHub REST OIDC docs; ref. §1.3). */
export const CLAIM_KEY_PATTERN = /^[A-Za-z0-9_]+$/;

const text = (max: number) => z.string().min(1).max(max);
const claimKey = z
  .string()
  .min(1)
  .max(64)
  .regex(CLAIM_KEY_PATTERN, 'a claim key may contain only letters, digits and underscores (GitHub REST API, OIDC customization)');
const claimKeys = z.array(claimKey).max(32);

/** The events the simulator offers. `event_name` in the token is this value (GitHub OIDC reference). */
export const GITHUB_EVENTS = ['push', 'pull_request', 'workflow_dispatch', 'schedule', 'release'] as const;

export const GithubPermissionsSchema = z
  .object({
    idToken: z
      .enum(['write', 'read', 'none', 'absent'])
      .describe(
        "The job's (or workflow's) `permissions: id-token:` value; `absent` = not listed. Only `write` makes the runner set ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (ref. §1.2; actions/toolkit oidc-utils.ts).",
      ),
  })
  .strict()
  .describe('The job permissions that decide whether the job may request an OIDC token.');

export const ReusableWorkflowSchema = z
  .object({
    repository: text(140).describe('`owner/repo` of the called (reusable) workflow, as in `uses: owner/repo/.github/workflows/file.yml@ref`.'),
    file: text(255).describe('File name of the called workflow under .github/workflows/.'),
    ref: text(255).describe('The ref the caller pins, e.g. refs/heads/main. It appears in `job_workflow_ref` only.'),
  })
  .strict()
  .describe(
    'The job calls a reusable workflow that runs azure/login. `sub` still describes the CALLER repository and ref; the called workflow appears only in `job_workflow_ref` (GitHub OIDC reference, "reusable workflows"; ref. §1.3; Azure/login #453).',
  );

export const SubjectTemplateSchema = z
  .object({
    org: z
      .object({
        includeClaimKeys: claimKeys.min(1).describe('`include_claim_keys` of `PUT /orgs/{org}/actions/oidc/customization/sub`.'),
      })
      .strict()
      .optional()
      .describe('The organisation template. It changes no repository until that repository opts in with `use_default: false` (GitHub docs note quoted by tspascoal/gh-oidc-sub; ref. §1.3).'),
    repo: z
      .object({
        useDefault: z.boolean().describe('`use_default`: true = GitHub\'s default template (keys ignored).'),
        includeClaimKeys: claimKeys
          .optional()
          .describe('`include_claim_keys`. With `use_default: false` and no keys: the org template if set, otherwise GitHub\'s default (Pulumi table; ref. §1.3).'),
      })
      .strict()
      .optional()
      .describe('The repository setting of `PUT /repos/{owner}/{repo}/actions/oidc/customization/sub`. Absent: never set (GitHub\'s default template).'),
  })
  .strict()
  .describe('OIDC subject-claim customization (GitHub REST API, "Actions OIDC"; ref. §1.3).');

export const EnterpriseSchema = z
  .object({
    slug: text(100).describe('The enterprise slug.'),
    includeEnterpriseSlug: z
      .boolean()
      .describe(
        '`include_enterprise_slug` of `PUT /enterprises/{enterprise}/actions/oidc/customization/issuer`. True: `iss` becomes https://token.actions.githubusercontent.com/<slug> (GitHub docs, "Customizing the issuer value for an enterprise"; ref. §1.1).',
      ),
  })
  .strict()
  .describe('GitHub Enterprise Cloud enterprise that owns the organisation.');

export const GhesSchema = z
  .object({
    host: text(253).describe('GitHub Enterprise Server host name; the issuer is https://<host>/_services/token (GHES OIDC reference; ref. §1.1).'),
    version: z
      .string()
      .regex(/^\d+\.\d+(\.\d+)?$/, 'a GHES version such as 3.12')
      .describe('GHES version. Below 3.5 a workflow with `id-token` in `permissions` is rejected: "The key \'id-token\' is not allowed" (Azure/login #228; ref. §1.1).'),
  })
  .strict()
  .describe('The job runs on GitHub Enterprise Server instead of github.com.');

export const AzureLoginInputsSchema = z
  .object({
    clientId: text(200)
      .optional()
      .describe('`client-id`: the app registration\'s or managed identity\'s client ID. Absent (or an unset secret): azure/login refuses to start (LoginConfig.ts validate; ref. §1.5).'),
    tenantId: text(200).optional().describe('`tenant-id`: the tenant the identity lives in (LoginConfig.ts; ref. §1.5).'),
    subscriptionId: text(200)
      .optional()
      .describe('`subscription-id`. Required unless allow-no-subscriptions is true (LoginConfig.ts validate; ref. §1.5).'),
    allowNoSubscriptions: z
      .boolean()
      .default(false)
      .describe('`allow-no-subscriptions`: log in even when the identity has no role on any subscription (az login --allow-no-subscriptions; ref. §1.5).'),
    audience: z
      .string()
      .max(400)
      .default(AZURE_LOGIN_DEFAULT_AUDIENCE)
      .describe(
        '`audience`: passed to core.getIDToken(audience). Default api://AzureADTokenExchange (action.yml). An empty string requests no audience, and GitHub then sets aud to https://github.com/<owner> (actions/toolkit oidc-utils.ts; GitHub OIDC reference; ref. §1.2).',
      ),
  })
  .strict()
  .describe('The `with:` inputs of the azure/login step.');

export const PullRequestSchema = z
  .object({
    number: z.number().int().positive().max(1e9).describe('Pull request number; the run\'s ref is refs/pull/<number>/merge.'),
    headRef: text(255).describe('The PR\'s source branch (`head_ref` claim, GitHub OIDC reference).'),
  })
  .strict();

/** The GitHub part of a github-entra world. */
export const GithubSchema = z
  .object({
    owner: text(39).describe('Repository owner (user or organisation) exactly as GitHub spells it; `sub` keeps its case and Entra compares case-sensitively (ref. §1.3; Azure/login #573).'),
    repo: text(100).describe('Repository name exactly as GitHub spells it.'),
    ownerId: z.number().int().positive().max(1e12).describe('Numeric owner ID (`repository_owner_id` claim; in `sub` only with immutable subject claims).'),
    repoId: z.number().int().positive().max(1e12).describe('Numeric repository ID (`repository_id` claim; in `sub` only with immutable subject claims).'),
    immutableSubjects: z
      .boolean()
      .default(false)
      .describe(
        'Immutable subject claims: `sub` reads repo:<owner>@<owner-id>/<repo>@<repo-id>:… . On by default for repositories created or renamed on or after 15 July 2026; opt-in for older ones (github/docs PR #45221; GitHub changelog 2026-04-23; ref. §1.3).',
      ),
    workflowFile: text(255).describe('The workflow file under .github/workflows/ (in `job_workflow_ref`).'),
    workflowName: text(255).describe('The workflow\'s `name:` (the `workflow` claim).'),
    event: z.enum(GITHUB_EVENTS).describe('The event that triggered the run (`event_name`). Only `pull_request` changes the default `sub` (GitHub OIDC reference, "Example subject claims").'),
    ref: z
      .string()
      .max(255)
      .regex(/^refs\/(heads|tags)\/\S+$/, 'a full ref such as refs/heads/main or refs/tags/v1.0.0')
      .describe('The branch or tag the run is for, e.g. refs/heads/main or refs/tags/v1.0.0. For pull_request it is the base branch (`base_ref`); the run itself is on refs/pull/<n>/merge.'),
    pullRequest: PullRequestSchema.default({ number: 1, headRef: 'feature' }).describe('Used when event is pull_request.'),
    environment: text(255)
      .optional()
      .describe('The job\'s `environment:` name. When set it wins: sub is repo:<owner>/<repo>:environment:<env> (GitHub OIDC reference; ref. §1.3). Absent: no environment.'),
    permissions: GithubPermissionsSchema.describe(GithubPermissionsSchema.description ?? ''),
    reusableWorkflow: ReusableWorkflowSchema.optional().describe(ReusableWorkflowSchema.description ?? ''),
    subjectTemplate: SubjectTemplateSchema.default({}).describe(SubjectTemplateSchema.description ?? ''),
    enterprise: EnterpriseSchema.optional().describe(EnterpriseSchema.description ?? ''),
    ghes: GhesSchema.optional().describe(GhesSchema.description ?? ''),
    azureLogin: AzureLoginInputsSchema.describe(AzureLoginInputsSchema.description ?? ''),
    tokenIssuedSecondsAgo: z
      .number()
      .int()
      .min(-86400)
      .max(10 * 86400)
      .default(0)
      .describe(
        'Seconds since azure/login fetched the ID token. azure/login exchanges it once; a later az command that re-presents it after its 5 minutes fails with AADSTS700024 (Azure/login #180, #372; ref. §1.4).',
      ),
    actor: text(39).default('octocat').describe('The user who triggered the run (`actor`).'),
    actorId: z.number().int().positive().max(1e12).default(583231).describe('`actor_id`.'),
    sha: z.string().regex(/^[0-9a-f]{40}$/, 'a 40-character commit SHA').describe('The commit SHA (`sha`).'),
    runId: z.number().int().positive().max(1e13).describe('`run_id`.'),
    runNumber: z.number().int().positive().max(1e9).default(42).describe('`run_number`.'),
    runAttempt: z.number().int().positive().max(100).default(1).describe('`run_attempt`.'),
    repositoryVisibility: z.enum(['public', 'private', 'internal']).default('private').describe('`repository_visibility`.'),
    runnerEnvironment: z.enum(['github-hosted', 'self-hosted']).default('github-hosted').describe('`runner_environment`.'),
  })
  .strict()
  .describe('The GitHub Actions job that runs azure/login, and the settings that shape its OIDC token.');

export type GithubWorld = z.infer<typeof GithubSchema>;
export type GithubWorldInput = z.input<typeof GithubSchema>;
export type GithubEvent = (typeof GITHUB_EVENTS)[number];
