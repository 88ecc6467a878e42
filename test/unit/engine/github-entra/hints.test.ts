/**
 * GitHub-flavoured fix texts for the shared Entra stages.
 * Rules: shared/reference/other-providers.md §1.1–§1.4 and the issues cited there.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_HINT_SOURCES, githubHints } from '../../../../src/engine/providers/github-entra/hints.ts';
import { githubSubject } from '../../../../src/engine/providers/github-entra/claims.ts';
import { defaultGithub } from '../../../../src/engine/providers/github-entra/defaults.ts';
import type { GithubWorld } from '../../../../src/engine/providers/github-entra/schema.ts';

const ISS = 'https://token.actions.githubusercontent.com';
const gh = (over: Partial<GithubWorld> = {}): GithubWorld => ({ ...defaultGithub(), ...over });
const fixFor = (g: GithubWorld, fic?: string) => githubHints.subjectFix(githubSubject(g).value, g, fic);

describe('githubHints.subjectFix', () => {
  it('environment credential, job without environment: says the job has no environment: key and gives the branch subject (Azure/login #379)', () => {
    const f = fixFor(gh(), 'repo:contoso/webapp:environment:test-slot');
    expect(f).toMatch(/no environment: key/);
    expect(f).toContain('"repo:contoso/webapp:ref:refs/heads/main"');
    expect(f).toContain('environment: test-slot');
  });
  it('pull_request credential, push run: only pull_request events give that subject (Azure/login #453)', () => {
    const f = fixFor(gh({ ref: 'refs/heads/feature-x' }), 'repo:contoso/webapp:pull_request');
    expect(f).toMatch(/only comes from pull_request events/);
    expect(f).toContain('"repo:contoso/webapp:ref:refs/heads/feature-x"');
  });
  it('branch credential, pull_request run', () => {
    expect(fixFor(gh({ event: 'pull_request' }), 'repo:contoso/webapp:ref:refs/heads/main')).toMatch(/pull_request event.*"repo:contoso\/webapp:pull_request"/);
  });
  it('branch credential, job with an environment: the environment wins', () => {
    expect(fixFor(gh({ environment: 'production' }), 'repo:contoso/webapp:ref:refs/heads/main')).toMatch(/environment wins/);
  });
  it('two different environments', () => {
    expect(fixFor(gh({ environment: 'prod' }), 'repo:contoso/webapp:environment:staging')).toMatch(/references environment "prod", the credential names "staging"/);
  });
  it('pull-request with a hyphen (Azure/login #178)', () => {
    expect(fixFor(gh({ event: 'pull_request' }), 'repo:contoso/webapp:pull-request')).toMatch(/underscore/);
  });
  it('case-only difference (Azure/login #573)', () => {
    expect(fixFor(gh({ owner: 'kartAI' }), 'repo:kartai/webapp:ref:refs/heads/main')).toMatch(/only in letter case/);
  });
  it('immutable subjects both ways (Azure/login #617; Freddy-DK/Fkh #46)', () => {
    expect(fixFor(gh({ immutableSubjects: true }), 'repo:contoso/webapp:ref:refs/heads/main')).toMatch(/uses immutable subject claims/);
    expect(fixFor(gh({ environment: 'production' }), 'repo:contoso@98765432/webapp@612345678:environment:production')).toMatch(/Remove the IDs/);
  });
  it('customised template wins over every other explanation (Azure/login #468)', () => {
    const g = gh({ subjectTemplate: { org: { includeClaimKeys: ['repository_owner', 'workflow'] }, repo: { useDefault: false } } });
    const f = fixFor(g, 'repo:contoso/webapp:ref:refs/heads/main');
    expect(f).toMatch(/organisation .* customised the OIDC subject template/);
    expect(f).toContain('"repository_owner:contoso:workflow:Deploy"');
    expect(f).toContain('use_default');
  });
  it('reusable workflow: sub names the caller, not the called repository', () => {
    const g = gh({ reusableWorkflow: { repository: 'contoso/shared', file: 'login.yml', ref: 'refs/heads/main' } });
    expect(fixFor(g, 'repo:contoso/shared:ref:refs/heads/main')).toMatch(/CALLER/);
  });
  it('without a known credential subject, still explains the branch form and says where to copy the subject', () => {
    const f = fixFor(gh());
    expect(f).toMatch(/no environment: key/);
    expect(f).toMatch(/subject claim - /);
  });
});

describe('githubHints.issuerFix', () => {
  it('trailing slash on the credential (MicrosoftDocs/azure-docs #97699)', () => {
    expect(githubHints.issuerFix(ISS, `${ISS}/`)).toBe(`GitHub's issuer has no trailing slash: set the credential's issuer to exactly "${ISS}".`);
  });
  it('observed tokens with a trailing slash (Azure/login #360)', () => {
    expect(githubHints.issuerFix(`${ISS}/`, ISS)).toMatch(/without a known cause/);
  });
  it('enterprise custom issuer in either direction', () => {
    expect(githubHints.issuerFix(`${ISS}/octocat-inc`, ISS)).toMatch(/include_enterprise_slug is on/);
    expect(githubHints.issuerFix(ISS, `${ISS}/octocat-inc`)).toMatch(/setting is off/);
  });
  it('GHES and default', () => {
    expect(githubHints.issuerFix('https://ghe.example.com/_services/token', ISS)).toMatch(/Enterprise Server/);
    expect(githubHints.issuerFix(ISS, 'https://example.com')).toMatch(/exactly "https:\/\/token\.actions\.githubusercontent\.com"/);
  });
});

describe('githubHints: audience, lifetime, client', () => {
  it('empty audience input: explains the owner-URL aud', () => {
    const g = gh();
    g.azureLogin.audience = '';
    expect(githubHints.audienceFix('https://github.com/contoso', g)).toMatch(/requested no audience/);
  });
  it('credential audience differs (sovereign cloud)', () => {
    expect(githubHints.audienceFix('api://AzureADTokenExchange', gh(), 'api://AzureADTokenExchangeChina')).toMatch(/make them the same/);
  });
  it('expired token: long jobs re-present the stale assertion (Azure/login #180, #372)', () => {
    expect(githubHints.expiredFix()).toMatch(/5 minutes.*once.*again/s);
  });
  it('client and tenant fixes name the azure/login inputs and their values', () => {
    expect(githubHints.clientIdFix(gh())).toContain(defaultGithub().azureLogin.clientId!);
    expect(githubHints.clientIdFix(gh())).toMatch(/not its object ID/);
    expect(githubHints.tenantFix(gh())).toMatch(/tenant-id input/);
  });
  it('every hint lists public sources', () => {
    for (const name of Object.keys(githubHints)) {
      expect(GITHUB_HINT_SOURCES[name]?.length, name).toBeGreaterThan(0);
    }
  });
});

describe('githubHints: wording replacements', () => {
  it('expiredSummary says how long ago, and why (5-minute token re-presented)', () => {
    expect(githubHints.expiredSummary(3000)).toMatch(/^The GitHub ID token expired 50 min ago: it lives 5 minutes/);
    expect(githubHints.expiredSummary(20)).toMatch(/expired 20 s ago/);
  });
  it('subjectCheckNote speaks GitHub, not Kubernetes', () => {
    expect(githubHints.subjectCheckNote()).toMatch(/repo:<owner>\/<repo>:/);
    expect(githubHints.subjectCheckNote()).not.toMatch(/serviceaccount/);
  });
});
