/**
 * The GitHub Actions ID token as GitHub mints it: issuer, sub forms, audience, lifetime, claim set.
 * Rules: shared/reference/other-providers.md §1.1–§1.4; GitHub OIDC reference ("Example subject claims",
 * "Customizing the subject claims", enterprise issuer).
 */
import { describe, expect, it } from 'vitest';
import {
  claimExplanations,
  CONTEXT_KEY_UNCERTAIN,
  explainGithubField,
  githubAudience,
  githubIssuer,
  githubJobWorkflowRef,
  githubSubject,
  githubTokenClaims,
  IMMUTABLE_TEMPLATE_UNCERTAIN,
  NBF_UNCERTAIN,
  subjectTemplateInForce,
} from '../../../../src/engine/providers/github-entra/claims.ts';
import { defaultGithub } from '../../../../src/engine/providers/github-entra/defaults.ts';
import type { GithubWorld } from '../../../../src/engine/providers/github-entra/schema.ts';

const NOW = Date.parse('2026-01-15T10:00:00Z') / 1000;
const gh = (over: Partial<GithubWorld> = {}): GithubWorld => ({ ...defaultGithub(), ...over });

describe('githubIssuer', () => {
  it('is https://token.actions.githubusercontent.com without a trailing slash by default', () => {
    expect(githubIssuer(gh())).toBe('https://token.actions.githubusercontent.com');
  });
  it('ends with the enterprise slug when include_enterprise_slug is on, and not when it is off', () => {
    expect(githubIssuer(gh({ enterprise: { slug: 'octocat-inc', includeEnterpriseSlug: true } }))).toBe('https://token.actions.githubusercontent.com/octocat-inc');
    expect(githubIssuer(gh({ enterprise: { slug: 'octocat-inc', includeEnterpriseSlug: false } }))).toBe('https://token.actions.githubusercontent.com');
  });
  it('is https://<host>/_services/token on GHES', () => {
    expect(githubIssuer(gh({ ghes: { host: 'ghe.example.com', version: '3.12' } }))).toBe('https://ghe.example.com/_services/token');
  });
});

describe('githubSubject: default template', () => {
  it('branch push: repo:<owner>/<repo>:ref:refs/heads/<branch>', () => {
    expect(githubSubject(gh()).value).toBe('repo:contoso/webapp:ref:refs/heads/main');
  });
  it('tag: repo:<owner>/<repo>:ref:refs/tags/<tag>', () => {
    expect(githubSubject(gh({ ref: 'refs/tags/v1.2.0', event: 'release' })).value).toBe('repo:contoso/webapp:ref:refs/tags/v1.2.0');
  });
  it('pull_request event: repo:<owner>/<repo>:pull_request (underscore)', () => {
    expect(githubSubject(gh({ event: 'pull_request' })).value).toBe('repo:contoso/webapp:pull_request');
  });
  it('workflow_dispatch and schedule use the branch form', () => {
    expect(githubSubject(gh({ event: 'workflow_dispatch', ref: 'refs/heads/dev' })).value).toBe('repo:contoso/webapp:ref:refs/heads/dev');
    expect(githubSubject(gh({ event: 'schedule' })).value).toBe('repo:contoso/webapp:ref:refs/heads/main');
  });
  it('environment wins over branch, tag and pull_request', () => {
    expect(githubSubject(gh({ environment: 'production' })).value).toBe('repo:contoso/webapp:environment:production');
    expect(githubSubject(gh({ environment: 'production', event: 'pull_request' })).value).toBe('repo:contoso/webapp:environment:production');
    expect(githubSubject(gh({ environment: 'production', ref: 'refs/tags/v1' })).value).toBe('repo:contoso/webapp:environment:production');
  });
  it('keeps the owner, repo and environment case as written', () => {
    expect(githubSubject(gh({ owner: 'kartAI', environment: 'Prod' })).value).toBe('repo:kartAI/webapp:environment:Prod');
  });
  it('immutable subject claims put the numeric IDs in the repo segment', () => {
    const s = githubSubject(gh({ immutableSubjects: true }));
    expect(s.value).toBe('repo:contoso@98765432/webapp@612345678:ref:refs/heads/main');
    expect(s.immutable).toBe(true);
  });
  it('a reusable workflow does not change sub (it names the caller)', () => {
    const called = gh({ reusableWorkflow: { repository: 'contoso/shared-workflows', file: 'azure-deploy.yml', ref: 'refs/heads/main' } });
    expect(githubSubject(called).value).toBe('repo:contoso/webapp:ref:refs/heads/main');
    expect(githubJobWorkflowRef(called)).toBe('contoso/shared-workflows/.github/workflows/azure-deploy.yml@refs/heads/main');
    expect(githubJobWorkflowRef(gh())).toBe('contoso/webapp/.github/workflows/deploy.yml@refs/heads/main');
  });
});

describe('subjectTemplateInForce', () => {
  const org = { includeClaimKeys: ['repository_owner', 'repository_visibility', 'workflow'] };
  it('an org template alone changes nothing: the repository has not opted in', () => {
    expect(subjectTemplateInForce(gh({ subjectTemplate: { org } })).source).toBe('github-default');
  });
  it('use_default: false without keys takes the org template', () => {
    expect(subjectTemplateInForce(gh({ subjectTemplate: { org, repo: { useDefault: false } } }))).toEqual({ source: 'org-template', keys: org.includeClaimKeys });
  });
  it('use_default: false without keys and no org template is GitHub\'s default', () => {
    expect(subjectTemplateInForce(gh({ subjectTemplate: { repo: { useDefault: false } } })).source).toBe('github-default');
  });
  it('use_default: true ignores the repository keys', () => {
    expect(subjectTemplateInForce(gh({ subjectTemplate: { org, repo: { useDefault: true, includeClaimKeys: ['repo'] } } })).source).toBe('github-default');
  });
  it('repository keys win over the org template', () => {
    expect(subjectTemplateInForce(gh({ subjectTemplate: { org, repo: { useDefault: false, includeClaimKeys: ['repo'] } } }))).toEqual({ source: 'repo-template', keys: ['repo'] });
  });
});

describe('githubSubject: customised template', () => {
  it('joins key:value pairs with ":" (Azure/login #468 form)', () => {
    const g = gh({
      repositoryVisibility: 'internal',
      workflowName: 'manual-deployment',
      owner: 'my_org',
      subjectTemplate: { org: { includeClaimKeys: ['repository_owner', 'repository_visibility', 'workflow'] }, repo: { useDefault: false } },
    });
    const s = githubSubject(g);
    expect(s.value).toBe('repository_owner:my_org:repository_visibility:internal:workflow:manual-deployment');
    expect(s.template).toBe('org-template');
    expect(s.uncertain).toBeUndefined();
  });
  it('repo + context + job_workflow_ref with an environment: the documented example form', () => {
    const g = gh({
      owner: 'octo-org',
      repo: 'octo-repo',
      environment: 'prod',
      reusableWorkflow: { repository: 'octo-org/octo-automation', file: 'oidc.yml', ref: 'refs/heads/main' },
      subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo', 'context', 'job_workflow_ref'] } },
    });
    const s = githubSubject(g);
    expect(s.value).toBe('repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main');
    expect(s.uncertain).toBeUndefined();
  });
  it('marks the context key uncertain when the job has no environment', () => {
    const s = githubSubject(gh({ subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo', 'context'] } } }));
    expect(s.value).toBe('repo:contoso/webapp:ref:refs/heads/main');
    expect(s.uncertain).toContain(CONTEXT_KEY_UNCERTAIN);
  });
  it('marks the repo key uncertain on a repository with immutable subjects', () => {
    const s = githubSubject(gh({ immutableSubjects: true, subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo'] } } }));
    expect(s.value).toBe('repo:contoso@98765432/webapp@612345678');
    expect(s.uncertain).toContain(IMMUTABLE_TEMPLATE_UNCERTAIN);
  });
  it('renders IDs as strings and marks a key without a value uncertain', () => {
    const s = githubSubject(gh({ subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repository_owner_id', 'environment'] } } }));
    expect(s.value).toBe('repository_owner_id:98765432:environment:');
    expect(s.uncertain).toMatch(/no "environment" claim/);
  });
});

describe('githubAudience', () => {
  it('is azure/login\'s audience input (default api://AzureADTokenExchange)', () => {
    expect(githubAudience(gh())).toBe('api://AzureADTokenExchange');
  });
  it('is the owner URL https://github.com/<owner> when no audience is requested', () => {
    const g = gh();
    g.azureLogin.audience = '';
    expect(githubAudience(g)).toBe('https://github.com/contoso');
  });
});

describe('githubTokenClaims', () => {
  it('mints iss, sub, aud and a 5-minute lifetime with nbf 600 s before iat (uncertain)', () => {
    const { payload, header, uncertain } = githubTokenClaims(gh(), NOW);
    expect(payload.iss).toBe('https://token.actions.githubusercontent.com');
    expect(payload.sub).toBe('repo:contoso/webapp:ref:refs/heads/main');
    expect(payload.aud).toBe('api://AzureADTokenExchange');
    expect(payload.iat).toBe(NOW);
    expect(payload.exp).toBe(NOW + 300);
    expect(payload.nbf).toBe(NOW - 600);
    expect(uncertain).toContain(NBF_UNCERTAIN);
    expect(header).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'github-actions-oidc-key' });
    expect(githubTokenClaims(gh(), NOW, 'k1').header.kid).toBe('k1');
  });
  it('counts tokenIssuedSecondsAgo back from now', () => {
    const { payload } = githubTokenClaims(gh({ tokenIssuedSecondsAgo: 3300 }), NOW);
    expect(payload.iat).toBe(NOW - 3300);
    expect(payload.exp).toBe(NOW - 3000);
  });
  it('carries the documented GitHub claims, IDs as strings, and no environment claim without an environment', () => {
    const { payload } = githubTokenClaims(gh(), NOW);
    expect(payload).toMatchObject({
      ref: 'refs/heads/main',
      repository: 'contoso/webapp',
      repository_owner: 'contoso',
      repository_id: '612345678',
      repository_owner_id: '98765432',
      event_name: 'push',
      ref_type: 'branch',
      job_workflow_ref: 'contoso/webapp/.github/workflows/deploy.yml@refs/heads/main',
      repository_visibility: 'private',
      runner_environment: 'github-hosted',
      workflow: 'Deploy',
      head_ref: '',
      base_ref: '',
    });
    expect('environment' in payload).toBe(false);
    expect(Object.keys(payload).slice(0, 3)).toEqual(['jti', 'sub', 'aud']);
    expect(Object.keys(payload).slice(-4)).toEqual(['iss', 'nbf', 'exp', 'iat']);
  });
  it('adds environment when the job references one, right after sub', () => {
    const { payload } = githubTokenClaims(gh({ environment: 'dev' }), NOW);
    expect(payload.environment).toBe('dev');
    expect(Object.keys(payload).slice(0, 3)).toEqual(['jti', 'sub', 'environment']);
  });
  it('pull_request: ref refs/pull/<n>/merge, head_ref and base_ref set', () => {
    const { payload } = githubTokenClaims(gh({ event: 'pull_request', pullRequest: { number: 7, headRef: 'fix-login' } }), NOW);
    expect(payload).toMatchObject({ ref: 'refs/pull/7/merge', head_ref: 'fix-login', base_ref: 'main', event_name: 'pull_request', sub: 'repo:contoso/webapp:pull_request' });
  });
  it('tag runs have ref_type tag', () => {
    expect(githubTokenClaims(gh({ ref: 'refs/tags/v1' }), NOW).payload.ref_type).toBe('tag');
  });
  it('jti is deterministic per run and iat, and differs between attempts', () => {
    const a = githubTokenClaims(gh(), NOW).payload.jti;
    expect(a).toBe(githubTokenClaims(gh(), NOW).payload.jti);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(githubTokenClaims(gh({ runAttempt: 2 }), NOW).payload.jti).not.toBe(a);
  });
  it('the enterprise issuer token carries the enterprise claim', () => {
    const { payload } = githubTokenClaims(gh({ enterprise: { slug: 'octocat-inc', includeEnterpriseSlug: true } }), NOW);
    expect(payload.enterprise).toBe('octocat-inc');
    expect(payload.iss).toBe('https://token.actions.githubusercontent.com/octocat-inc');
  });
  it('flags the GHES default audience as uncertain', () => {
    const g = gh({ ghes: { host: 'ghe.example.com', version: '3.12' } });
    g.azureLogin.audience = '';
    const t = githubTokenClaims(g, NOW);
    expect(t.payload.aud).toBe('https://ghe.example.com/contoso');
    expect(t.uncertain.join(' ')).toMatch(/Enterprise Server/);
  });
});

describe('claimExplanations', () => {
  it('explains every header field and every claim a token can carry', () => {
    const rich = gh({ environment: 'dev', enterprise: { slug: 'e', includeEnterpriseSlug: true } });
    const { header, payload } = githubTokenClaims(rich, NOW);
    for (const k of Object.keys(header)) expect(explainGithubField('header', k), k).toBeTruthy();
    for (const k of Object.keys(payload)) expect(explainGithubField('payload', k), k).toBeTruthy();
  });
  it('names a source in every sentence and returns undefined for unknown or inherited names', () => {
    for (const s of [...Object.values(claimExplanations.header), ...Object.values(claimExplanations.payload)]) expect(s).toMatch(/\((.*(reference|#|\.md|\.ts|\.yml).*)\)/);
    expect(explainGithubField('payload', 'toString')).toBeUndefined();
    expect(explainGithubField('payload', 'kubernetes.io')).toBeUndefined();
  });
});
