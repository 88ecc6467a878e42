/**
 * GitHub-flavoured fix texts for the shared Entra stages (client-lookup, federation-match, lifetime):
 * the shared stages decide pass/fail and the code; for a github-entra run the engine replaces their
 * AKS-worded `fix` with these. Each function names its sources in its docstring, and
 * {@link GITHUB_HINT_SOURCES} lists them as data.
 *
 * Sources: ../shared/reference/other-providers.md §1.1–§1.5 ("ref. §1.x"), the issues it cites, and
 * ../shared/cases/real-world-cases.md B (C21–C32).
 */
import { githubDefaultAudience, githubSubject } from './claims.ts';
import { AZURE_LOGIN_DEFAULT_AUDIENCE, GITHUB_ISSUER, type GithubWorld } from './schema.ts';

const q = (s: string) => JSON.stringify(s);
const COPY_SUBJECT = 'Copy the value from the "subject claim - " line azure/login prints in the step\'s log.';

/** A subject that carries immutable numeric IDs: repo:<owner>@<digits>/<repo>@<digits>:… */
const IMMUTABLE_FORM = /^repo:[^/:@]+@\d+\/[^/:@]+@\d+:/;

/** Public sources of each hint, by function name. */
export const GITHUB_HINT_SOURCES: Readonly<Record<string, readonly string[]>> = {
  clientIdFix: ['https://github.com/Azure/login/issues/561', 'workload-identity.md D3 (AADSTS700016)'],
  tenantFix: ['workload-identity.md D3 (AADSTS700016: "You may have sent your authentication request to the wrong tenant")'],
  issuerFix: [
    'https://github.com/MicrosoftDocs/azure-docs/issues/97699',
    'https://github.com/Azure/login/issues/175',
    'https://github.com/Azure/login/issues/360',
    'https://github.com/jsr-io/jsr/issues/1485',
    'https://docs.github.com/en/actions/reference/security/oidc',
  ],
  subjectFix: [
    'https://docs.github.com/en/actions/reference/security/oidc',
    'https://github.com/Azure/login/issues/379',
    'https://github.com/Azure/login/issues/453',
    'https://github.com/Azure/login/issues/178',
    'https://github.com/Azure/login/issues/468',
    'https://github.com/Azure/login/issues/573',
    'https://github.com/Azure/login/issues/617',
    'https://github.com/Azure/login/pull/619',
    'https://github.com/Freddy-DK/Fkh/issues/46',
  ],
  audienceFix: ['https://github.com/Azure/login/blob/master/action.yml', 'https://github.com/hashicorp/terraform-provider-azuread/issues/1755', 'workload-identity.md C5'],
  expiredFix: ['https://github.com/Azure/login/issues/180', 'https://github.com/Azure/login/issues/372', 'https://github.com/Azure/login/issues/290'],
  expiredSummary: ['https://github.com/Azure/login/issues/180', 'https://github.com/Azure/login/issues/372'],
  subjectCheckNote: ['https://docs.github.com/en/actions/reference/security/oidc', 'workload-identity.md C3'],
};

/**
 * AADSTS700016 (client-lookup): azure/login sends its `client-id` input as the client ID
 * (`az login --service-principal -u <client-id>`; Azure/login AzureCliLogin.ts). Azure/login #561 shows
 * the code through azure/login v2; the causes are workload-identity.md D3's.
 */
function clientIdFix(g: GithubWorld): string {
  return `azure/login sends its client-id input (${g.azureLogin.clientId ?? 'absent'}) as the client ID. Set client-id to the Application (client) ID of the app registration, or the client ID of the managed identity, that holds the federated credential (not its object ID), and check that the secret behind it, e.g. AZURE_CLIENT_ID, holds that value where this job runs.`;
}

/** AADSTS700016 with the wrong tenant: azure/login sends the exchange to its `tenant-id` input. D3. */
function tenantFix(g: GithubWorld): string {
  return `azure/login sends the exchange to its tenant-id input (${g.azureLogin.tenantId ?? 'absent'}). Set tenant-id to the Directory (tenant) ID where the app registration or managed identity lives (az account show --query tenantId -o tsv).`;
}

/**
 * AADSTS700211 (federation-match, issuer). GitHub's issuer has no trailing slash (MicrosoftDocs/azure-docs
 * #97699, Azure/login #175); some tokens were observed with one (Azure/login #360); an enterprise custom
 * issuer ends with the slug (GitHub OIDC reference; jsr-io/jsr #1485); GHES uses https://<host>/_services/token.
 * `ficIssuer` is the closest issuer among the identity's credentials, when known.
 */
function issuerFix(iss: string, ficIssuer?: string): string {
  if (ficIssuer !== undefined && ficIssuer === `${iss}/`) {
    return `GitHub's issuer has no trailing slash: set the credential's issuer to exactly ${q(iss)}.`;
  }
  if (iss.endsWith('/') && ficIssuer === iss.replace(/\/+$/, '')) {
    return `This token's iss ends with a slash (${q(iss)}); such tokens have been reported without a known cause. Entra ID compares byte for byte, so the credential must hold exactly the iss the token carries.`;
  }
  if (iss.startsWith(`${GITHUB_ISSUER}/`) && !iss.endsWith('/')) {
    return `Your enterprise issues tokens from its own issuer URL (include_enterprise_slug is on), so iss is ${q(iss)}. Set the credential's issuer to that value, or have an enterprise owner turn the custom issuer off.`;
  }
  if (iss === GITHUB_ISSUER && ficIssuer !== undefined && ficIssuer.startsWith(`${GITHUB_ISSUER}/`) && ficIssuer !== `${GITHUB_ISSUER}/`) {
    return `The credential expects an enterprise issuer (${q(ficIssuer)}), but this token comes from GitHub's standard issuer ${q(iss)}: the enterprise's include_enterprise_slug setting is off or the repository is outside that enterprise. Use ${q(iss)} in the credential, or turn the setting on.`;
  }
  if (iss.endsWith('/_services/token')) {
    return `On GitHub Enterprise Server the issuer is https://<host>/_services/token: set the credential's issuer to exactly ${q(iss)}.`;
  }
  return `Set the credential's issuer to exactly ${q(iss)} (GitHub's issuer, no trailing slash).`;
}

/**
 * AADSTS700213 / AADSTS7002138 (federation-match, subject): why this job's `sub` has its form and what to
 * change. Rules: GitHub OIDC reference "Example subject claims" (environment wins, pull_request, branch,
 * tag); entity-type mismatches (Azure/login #379, #453); `pull-request` typo (Azure/login #178); customised
 * templates (Azure/login #468); case (Azure/login #515, #573); immutable subjects both ways (Azure/login
 * #617 and PR #619; Freddy-DK/Fkh #46); reusable workflows name the caller (GitHub OIDC reference).
 * `ficSubject` is the closest subject among the credentials with the token's issuer, when known.
 */
function subjectFix(sub: string, g: GithubWorld, ficSubject?: string): string {
  const s = githubSubject(g);
  const repo = `${g.owner}/${g.repo}`;
  if (s.template !== 'github-default') {
    const where = s.template === 'repo-template' ? 'The repository' : 'The organisation (and the repository opted in with use_default: false)';
    return `${where} customised the OIDC subject template (include_claim_keys ${JSON.stringify(s.keys)}), so sub is ${q(sub)}, not a repo:…:ref:… subject. Set the credential's subject to exactly that, or return the repository to GitHub's default template (PUT /repos/${repo}/actions/oidc/customization/sub with {"use_default": true}). ${COPY_SUBJECT}`;
  }
  if (ficSubject !== undefined) {
    if (ficSubject !== sub && ficSubject.toLowerCase() === sub.toLowerCase()) {
      return `The credential's subject differs from ${q(sub)} only in letter case. GitHub writes the owner, repository and environment names with the case they have on GitHub, and Entra ID compares case-sensitively: write ${q(sub)} exactly. ${COPY_SUBJECT}`;
    }
    const ficImmutable = IMMUTABLE_FORM.test(ficSubject);
    if (s.immutable && !ficImmutable) {
      return `This repository uses immutable subject claims, so sub carries the numeric owner and repository IDs: ${q(sub)}. Write the credential's subject in that form (the IDs are repository_owner_id and repository_id).`;
    }
    if (!s.immutable && ficImmutable) {
      return `The credential's subject uses the immutable form with numeric IDs (${q(ficSubject)}, as the Azure portal now suggests), but this repository still sends names: ${q(sub)}. Remove the IDs from the credential's subject, or enable immutable subject claims for the repository.`;
    }
    if (ficSubject.endsWith(':pull-request')) {
      return `GitHub writes pull_request with an underscore: the subject for pull request runs is ${q(`repo:${repo}:pull_request`)}.`;
    }
    if (g.reusableWorkflow && ficSubject.startsWith(`repo:${g.reusableWorkflow.repository}:`) && g.reusableWorkflow.repository !== repo) {
      return `The job runs the reusable workflow ${g.reusableWorkflow.repository}/.github/workflows/${g.reusableWorkflow.file}, but sub names the CALLER repository and ref: ${q(sub)}. The called workflow only appears in job_workflow_ref. Give the credential the caller's subject.`;
    }
    const ficEnv = /:environment:(.*)$/.exec(ficSubject)?.[1];
    if (ficEnv !== undefined && g.environment === undefined) {
      return `The credential is for environment "${ficEnv}", but the job has no environment: key, so sub is the ${g.event === 'pull_request' ? 'pull_request' : 'branch'} form ${q(sub)}. Add environment: ${ficEnv} to the job, or add a credential with the subject ${q(sub)}.`;
    }
    if (ficEnv !== undefined && g.environment !== undefined && ficEnv !== g.environment) {
      return `The job references environment "${g.environment}", the credential names "${ficEnv}": set the credential's subject to ${q(sub)}, or change the job's environment.`;
    }
    if (ficEnv === undefined && g.environment !== undefined) {
      return `The job references environment "${g.environment}", and an environment wins over branch, tag and pull_request: sub is ${q(sub)}. Give the credential that subject (entity type Environment), or remove environment: from the job.`;
    }
    if (ficSubject.endsWith(':pull_request') && g.event !== 'pull_request') {
      return `This run was a ${g.event} on ${g.ref}, so sub is ${q(sub)}; the pull_request subject only comes from pull_request events. Add a credential with the subject ${q(sub)} (entity type Branch${g.ref.startsWith('refs/tags/') ? ' or Tag' : ''}).`;
    }
    if (/:ref:/.test(ficSubject) && g.event === 'pull_request') {
      return `This run was triggered by a pull_request event, so sub is ${q(sub)}, not a branch subject. Add a credential with the subject ${q(sub)} (entity type Pull request).`;
    }
  }
  if (g.environment === undefined && g.event !== 'pull_request') {
    return `The job has no environment: key, so sub is the ${g.ref.startsWith('refs/tags/') ? 'tag' : 'branch'} form: set the credential's subject to exactly ${q(sub)}. ${COPY_SUBJECT}`;
  }
  return `Set the credential's subject to exactly ${q(sub)}. ${COPY_SUBJECT}`;
}

/**
 * AADSTS700212 (federation-match, audience). azure/login requests api://AzureADTokenExchange unless its
 * `audience` input says otherwise (action.yml); an empty input gives GitHub's default aud, the owner URL
 * (GitHub OIDC reference); sovereign clouds use their own audience (workload-identity.md C5; C31).
 */
function audienceFix(aud: string, g: GithubWorld, ficAudience?: string): string {
  if (!g.azureLogin.audience && aud === githubDefaultAudience(g)) {
    return `azure/login requested no audience (its audience input is empty), so GitHub set aud to the owner URL ${q(aud)}. Remove the empty audience input so azure/login asks for ${AZURE_LOGIN_DEFAULT_AUDIENCE}, or set it to that value.`;
  }
  if (ficAudience !== undefined) {
    return `The token's aud is ${q(aud)} (azure/login's audience input) and the credential's audience is ${q(ficAudience)}: make them the same, ${AZURE_LOGIN_DEFAULT_AUDIENCE} in the public cloud or the sovereign cloud's own value (e.g. api://AzureADTokenExchangeChina).`;
  }
  return `Make azure/login's audience input and the credential's audience the same: ${AZURE_LOGIN_DEFAULT_AUDIENCE} (azure/login's default) unless you use a sovereign cloud.`;
}

/**
 * AADSTS700024 (lifetime). GitHub ID tokens live 5 minutes; azure/login exchanges once and the CLI later
 * re-presents the stored assertion (Azure/login #180, #372; maintainer statement in #290; ref. §1.4).
 */
function expiredFix(): string {
  return 'GitHub ID tokens live 5 minutes and azure/login exchanges its token once. When a later az command needs a new Azure token (the first one lasts about an hour, or a command asks for another resource), the Azure CLI presents the same GitHub token again, long expired. Run azure/login again right before the steps that need Azure, or split the long job so each part logs in for itself.';
}

/**
 * AADSTS700024 summary for an expired GitHub token, `expiredSecondsAgo` seconds past its exp (replaces
 * the shared stage's token-file wording). Azure/login #180, #372; ref. §1.4.
 */
function expiredSummary(expiredSecondsAgo: number): string {
  const min = Math.round(expiredSecondsAgo / 60);
  return `The GitHub ID token expired ${min >= 1 ? `${min} min` : `${Math.max(0, Math.round(expiredSecondsAgo))} s`} ago: it lives 5 minutes, and this exchange re-presented the token azure/login got earlier in the job.`;
}

/**
 * The note on the shared matcher's subject check, in GitHub's terms (replaces the Kubernetes
 * `system:serviceaccount:<namespace>:<name>` wording). GitHub OIDC reference; workload-identity.md C3.
 */
function subjectCheckNote(): string {
  return "Expected is the token's sub; actual is the closest subject among the credentials with this issuer. Case-sensitive exact match, no wildcards: repo:<owner>/<repo>: followed by environment:<name>, pull_request or ref:<ref>, unless a customised template is in force.";
}

/** GitHub-flavoured fix texts (and two wording replacements) for the shared Entra stages. */
export const githubHints = { clientIdFix, tenantFix, issuerFix, subjectFix, audienceFix, expiredFix, expiredSummary, subjectCheckNote } as const;
