/**
 * /inspect/ and `inspect` on a GitHub Actions token: the subject a credential needs for this job, why
 * GitHub built that form (other-providers.md §1.3), and what a credential written for another kind of run
 * (environment vs branch vs pull_request, Azure/login #379 and #453) would need.
 */
import { describe, expect, it } from 'vitest';
import { githubSubjectAdvice, parseGithubSubject } from '../../../src/engine/inspect/githubSubject.ts';
import { inspect } from '../../../src/engine/inspect.ts';
import { formatReport } from '../../../src/cli/inspect.ts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const NOW = new Date('2026-01-15T10:01:00Z');
const iat = Math.floor(NOW.getTime() / 1000) - 60;
const base = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'api://AzureADTokenExchange',
  repository: 'contoso/webapp',
  ref: 'refs/heads/main',
  event_name: 'push',
  iat,
  nbf: iat - 600,
  exp: iat + 300,
};
const token = (claims: Record<string, unknown>) => `${b64({ typ: 'JWT', alg: 'RS256', kid: 'k1' })}.${b64({ ...base, ...claims })}.c2ln`;
const fic = (name: string, subject: string) => ({ name, issuer: base.iss, subject, audiences: ['api://AzureADTokenExchange'] });

describe('parseGithubSubject', () => {
  it.each([
    ['repo:contoso/webapp:environment:production', 'environment', 'production'],
    ['repo:contoso/webapp:pull_request', 'pull_request', undefined],
    ['repo:contoso/webapp:ref:refs/heads/main', 'branch', 'main'],
    ['repo:contoso/webapp:ref:refs/tags/v1.2.0', 'tag', 'v1.2.0'],
    ['repo:contoso@123/webapp@456:ref:refs/heads/main', 'branch', 'main'],
    ['repository_owner:my_org:repository_visibility:internal:workflow:deploy', 'custom', undefined],
  ])('%s → %s', (sub, form, value) => {
    const p = parseGithubSubject(sub);
    expect(p.form).toBe(form);
    expect(p.value).toBe(value);
  });
});

describe('githubSubjectAdvice', () => {
  it('a job with an environment needs the environment subject, and says the environment wins', () => {
    const a = githubSubjectAdvice({ ...base, sub: 'repo:contoso/webapp:environment:production', environment: 'production' })!;
    expect(a.needed).toBe('repo:contoso/webapp:environment:production');
    expect(a.form).toBe('environment');
    expect(a.reason).toMatch(/environment "production".*wins over the branch/);
  });
  it('a credential for an environment while the job has none: add the environment line or change the subject', () => {
    const a = githubSubjectAdvice({ ...base, sub: 'repo:contoso/webapp:ref:refs/heads/main' }, [fic('prod', 'repo:contoso/webapp:environment:production')])!;
    expect(a.formMismatches).toHaveLength(1);
    expect(a.formMismatches[0]!.explanation).toContain('add the line "environment: production" to the job');
    expect(a.formMismatches[0]!.explanation).toContain('repo:contoso/webapp:environment:production');
    expect(a.formMismatches[0]!.explanation).toContain('set the credential\'s subject to repo:contoso/webapp:ref:refs/heads/main');
  });
  it('a pull_request credential for a push run (Azure/login #453) is a form mismatch; a same-form typo is not', () => {
    const a = githubSubjectAdvice({ ...base, sub: 'repo:contoso/webapp:ref:refs/heads/main' }, [fic('pr', 'repo:contoso/webapp:pull_request'), fic('typo', 'repo:contoso/webapp:ref:refs/heads/mian')])!;
    expect(a.formMismatches.map((m) => m.credential)).toEqual(['pr']);
    expect(a.formMismatches[0]!.explanation).toMatch(/for a pull_request run.*comes from a run on the branch "main"/);
  });
  it('names immutable subject claims and customised templates', () => {
    expect(githubSubjectAdvice({ ...base, sub: 'repo:contoso@11/webapp@22:ref:refs/heads/main' })!.notes.join(' ')).toMatch(/immutable subject claims/);
    const custom = githubSubjectAdvice({ ...base, sub: 'repository_owner:my_org:workflow:deploy' })!;
    expect(custom.form).toBe('custom');
    expect(custom.reason).toMatch(/customised the subject template/);
  });
  it('is undefined without a string sub', () => {
    expect(githubSubjectAdvice({ ...base })).toBeUndefined();
    expect(githubSubjectAdvice(undefined)).toBeUndefined();
  });
});

describe('inspect() and the CLI report on a GitHub Actions token', () => {
  it('carries the advice and prints it, headed as a GitHub token', async () => {
    const r = await inspect({ token: token({ sub: 'repo:contoso/webapp:ref:refs/heads/main' }), fics: JSON.stringify([fic('prod', 'repo:contoso/webapp:environment:production')]) }, { now: NOW });
    expect(r.githubSubject?.needed).toBe('repo:contoso/webapp:ref:refs/heads/main');
    expect(r.federation?.code).toBe('AADSTS700213');
    // GitHub's wording, not a Kubernetes namespace or az aks show.
    expect(r.federation?.fix).toContain('the subject GitHub built for this job');
    expect(r.federation?.fix).not.toMatch(/namespace|ServiceAccount/);
    const text = formatReport(r, { fics: 'fics.json' }, { clock: 'now-option', scenarios: [], humanDuration: (s) => `${s} s` });
    expect(text).toContain('GitHub Actions subject');
    expect(text).toContain('A federated credential for this job needs subject: repo:contoso/webapp:ref:refs/heads/main');
    expect(text).toContain('Compared with a GitHub Actions token');
    expect(text).not.toContain('Compared with an AKS token');
  });
  it('gives no GitHub advice for a Kubernetes token', async () => {
    const r = await inspect({ token: token({ iss: 'https://eastus.oic.prod-aks.azure.com/t/c/', sub: 'system:serviceaccount:dev:app' }) }, { now: NOW });
    expect(r.githubSubject).toBeUndefined();
  });
  it('an EKS token\'s issuer fix names the token\'s iss, not az aks show', async () => {
    const iss = 'https://oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B';
    const r = await inspect({ token: token({ iss, sub: 'system:serviceaccount:dev:app' }), fics: JSON.stringify([{ name: 'x', issuer: `${iss}/`, subject: 'system:serviceaccount:dev:app', audiences: ['api://AzureADTokenExchange'] }]) }, { now: NOW });
    expect(r.federation?.code).toBe('AADSTS700211');
    expect(r.federation?.fix).toContain(iss);
    expect(r.federation?.fix).not.toContain('az aks');
  });
});
