/**
 * github-entra's error-catalogue additions, as data: (1) GitHub-specific causes of the Entra codes the
 * chain can produce for a workflow, for the `/errors/<code>/` pages ("which providers produce a code");
 * (2) the failures that have no code (GitHub, azure/login, Azure CLI), as text patterns that recognise a
 * pasted log line, for /inspect/ and for linking a log to a scenario.
 *
 * No new code is introduced: every AADSTS code here is already in src/engine/errors.ts. Sources:
 * ../shared/reference/other-providers.md §1 and ../shared/cases/real-world-cases.md B (per entry).
 */

/** GitHub-specific causes of one Entra code. */
export interface GithubCodeCauses {
  code: string;
  /** Most common first; each one sentence. */
  causes: readonly string[];
  /** Public reports of these causes. */
  sources: readonly string[];
  /** Scenario drafts (content/pending/github-entra/<slug>.yaml) that reproduce them. */
  scenarios: readonly string[];
}

/** GitHub causes for each Entra code a github-entra run can end with. */
export const GITHUB_CODE_CAUSES: Readonly<Record<string, GithubCodeCauses>> = {
  AADSTS700016: {
    code: 'AADSTS700016',
    causes: [
      "azure/login's client-id names no application or managed identity in the tenant: a stale value (a deleted and recreated app has a new client ID), a value from another environment, or another of the app's IDs such as its object ID.",
      'tenant-id names another tenant than the one the app registration or managed identity lives in.',
    ],
    sources: ['https://github.com/Azure/login/issues/561'],
    scenarios: ['github-wrong-client-id'],
  },
  AADSTS700211: {
    code: 'AADSTS700211',
    causes: [
      "The credential's issuer is https://token.actions.githubusercontent.com/ with a trailing slash; GitHub's iss has none.",
      'The enterprise turned on its own issuer URL (include_enterprise_slug), so iss ends with /<enterprise-slug> and the credential still has the standard issuer.',
      'A few 2023 runs showed a token iss with a trailing slash, so a credential without one failed (cause unknown).',
    ],
    sources: [
      'https://github.com/MicrosoftDocs/azure-docs/issues/97699',
      'https://github.com/Azure/login/issues/175',
      'https://github.com/jsr-io/jsr/issues/1485',
      'https://github.com/Azure/login/issues/360',
    ],
    scenarios: ['github-fic-issuer-trailing-slash', 'github-enterprise-issuer-slug'],
  },
  AADSTS70021: {
    code: 'AADSTS70021',
    causes: ["Older Entra ID versions answered every GitHub issuer, subject or audience mismatch with this combined code, e.g. a credential issuer with a trailing slash."],
    sources: ['https://github.com/MicrosoftDocs/azure-docs/issues/97699', 'https://github.com/Azure/login/issues/178'],
    scenarios: [],
  },
  AADSTS700212: {
    code: 'AADSTS700212',
    causes: [
      "azure/login's audience input is empty (e.g. an undefined variable), so GitHub sets aud to the owner URL https://github.com/<owner>.",
      'The credential is for a sovereign cloud (api://AzureADTokenExchangeChina, …) while the workflow requests the public-cloud audience, or the reverse.',
    ],
    sources: ['https://docs.github.com/en/actions/reference/security/oidc', 'https://github.com/hashicorp/terraform-provider-azuread/issues/1755'],
    scenarios: ['github-empty-audience-input'],
  },
  AADSTS700213: {
    code: 'AADSTS700213',
    causes: [
      'The credential is for an environment, but the job has no environment: key, so sub is the branch form.',
      'The credential is for a branch, but the job references an environment (e.g. environment: production added for approvals), so sub is the environment form.',
      'The credential is for pull_request, but the run was a push or a manual dispatch on a branch (or the reverse).',
      'The credential uses immutable subject IDs (repo:<owner>@<id>/<repo>@<id>:…) and the repository sends names, or the reverse.',
      'The organisation or repository customised the OIDC subject template, so sub is key:value pairs, not repo:….',
      'The credential names the reusable workflow\'s repository; sub always names the caller.',
      'The subject was written pull-request with a hyphen; GitHub writes pull_request.',
    ],
    sources: [
      'https://github.com/Azure/login/issues/379',
      'https://github.com/Azure/login/issues/453',
      'https://github.com/Azure/login/issues/617',
      'https://github.com/Freddy-DK/Fkh/issues/46',
      'https://github.com/Azure/login/issues/468',
      'https://github.com/Azure/azure-dev/issues/7374',
      'https://github.com/Azure/login/issues/178',
    ],
    scenarios: [
      'github-environment-credential-job-without-environment',
      'github-job-environment-credential-for-branch',
      'github-pull-request-credential-push-run',
      'github-immutable-credential-repository-sends-names',
      'github-immutable-repository-credential-uses-names',
      'github-organisation-subject-template',
      'github-reusable-workflow-credential-names-called-repository',
      'github-pull-request-subject-with-hyphen',
    ],
  },
  AADSTS7002138: {
    code: 'AADSTS7002138',
    causes: ['The owner, repository or environment is written in another letter case than on GitHub (e.g. kartAI vs kartai).'],
    sources: ['https://github.com/Azure/login/issues/573', 'https://github.com/Azure/login/issues/515', 'https://github.com/Azure/login/issues/517'],
    scenarios: ['github-owner-case-mismatch'],
  },
  AADSTS700024: {
    code: 'AADSTS700024',
    causes: ['A long job makes the Azure CLI exchange again (after about an hour, or for another resource) and it re-presents the GitHub token azure/login got at the start, which expired after 5 minutes.'],
    sources: ['https://github.com/Azure/login/issues/180', 'https://github.com/Azure/login/issues/372', 'https://github.com/Azure/azure-cli/issues/28708'],
    scenarios: ['github-long-job-stale-assertion'],
  },
};

/** A failure with no code, recognised from a log line. */
export interface GithubLogPattern {
  id: string;
  /** Matches the line as GitHub's log shows it (case-sensitive). */
  pattern: RegExp;
  /** The slot where the chain stops. */
  stage: 'admission' | 'authorization';
  /** One sentence: what it means. */
  meaning: string;
  sources: readonly string[];
  scenario?: string;
}

/** Log lines of failures that carry no AADSTS code (texts as quoted in other-providers.md §1.1, §1.2, §1.5). */
export const GITHUB_LOG_PATTERNS: readonly GithubLogPattern[] = [
  {
    id: 'id-token-permission',
    pattern: /Unable to get ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN) env variable|Please make sure to give write permissions to id-token in the workflow/,
    stage: 'admission',
    meaning: 'The job has no id-token: write permission, so the runner gave it no way to request an OIDC token.',
    sources: ['https://github.com/microsoft/ebpf-for-windows/pull/2867', 'https://github.com/actions/toolkit/blob/main/packages/core/src/oidc-utils.ts'],
    scenario: 'github-missing-id-token-permission',
  },
  {
    id: 'ghes-id-token-not-allowed',
    pattern: /The key 'id-token' is not allowed/,
    stage: 'admission',
    meaning: 'GitHub Enterprise Server older than 3.5 does not support OIDC and rejects the id-token permission.',
    sources: ['https://github.com/Azure/login/issues/228'],
  },
  {
    id: 'azure-login-missing-ids',
    pattern: /Not all values are present\. Ensure 'client-id' and 'tenant-id' are supplied\./,
    stage: 'admission',
    meaning: "azure/login got no client-id or no tenant-id (often a secret that is not defined where the job runs).",
    sources: ['https://github.com/Azure/login/blob/master/src/common/LoginConfig.ts'],
  },
  {
    id: 'azure-login-missing-subscription',
    pattern: /Ensure 'subscription-id' is supplied or 'allow-no-subscriptions' is 'true'\.|Ensure subscriptionId is supplied\./,
    stage: 'admission',
    meaning: 'azure/login got no subscription-id and allow-no-subscriptions is not true.',
    sources: ['https://github.com/Azure/login/blob/master/src/common/LoginConfig.ts'],
    scenario: 'github-missing-subscription-id-input',
  },
  {
    id: 'no-subscriptions-found',
    pattern: /No subscriptions found for \S+\./,
    stage: 'authorization',
    meaning: 'The exchange worked, but the identity has no role on any subscription, so az login has nothing to select.',
    sources: ['https://github.com/Azure/login/issues/213', 'https://github.com/Azure/login/issues/464', 'https://github.com/Azure/login/issues/556'],
    scenario: 'github-no-subscriptions-found',
  },
  {
    id: 'subscription-not-in-cloud',
    pattern: /The subscription of '[^']+' doesn't exist in cloud '[^']+'\./,
    stage: 'authorization',
    meaning: 'az login worked, but subscription-id is not a subscription the identity can see (a typo, or no role there).',
    sources: ['https://github.com/digitaldemocracy2030/kouchou-ai/issues/682'],
  },
];

/** The patterns a pasted text matches, in table order. */
export function recognizeGithubLog(text: string): GithubLogPattern[] {
  const t = text.slice(0, 100_000);
  return GITHUB_LOG_PATTERNS.filter((p) => p.pattern.test(t));
}

/**
 * The "Federated token details" azure/login printed, parsed from a pasted log (Azure/login
 * LoginConfig.ts format): issuer, subject claim, and in newer versions audience and job_workflow_ref.
 */
export function parseFederatedTokenDetails(text: string): { issuer?: string; subject?: string; audience?: string; jobWorkflowRef?: string } {
  const t = text.slice(0, 100_000);
  const grab = (label: string) => new RegExp(`^\\s*${label} - (\\S+)\\s*$`, 'm').exec(t)?.[1];
  const out: { issuer?: string; subject?: string; audience?: string; jobWorkflowRef?: string } = {};
  const issuer = grab('issuer');
  const subject = grab('subject claim');
  const audience = grab('audience');
  const jobWorkflowRef = grab('job_workflow_ref');
  if (issuer !== undefined) out.issuer = issuer;
  if (subject !== undefined) out.subject = subject;
  if (audience !== undefined) out.audience = audience;
  if (jobWorkflowRef !== undefined) out.jobWorkflowRef = jobWorkflowRef;
  return out;
}
