/**
 * Properties of the github-entra building blocks over arbitrary (schema-valid) GitHub worlds: they never
 * throw, every stage is well formed, and the token keeps GitHub's invariants (no trailing slash on the
 * github.com issuer, 5-minute lifetime, environment wins, sub names the caller). Frozen clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GithubSchema, type GithubWorld } from '../../../../src/engine/providers/github-entra/schema.ts';
import { defaultGithub } from '../../../../src/engine/providers/github-entra/defaults.ts';
import { githubAdmission } from '../../../../src/engine/providers/github-entra/admission.ts';
import { githubProjectedToken } from '../../../../src/engine/providers/github-entra/token.ts';
import { githubIssuerDiscovery } from '../../../../src/engine/providers/github-entra/discovery.ts';
import { subscriptionLogin } from '../../../../src/engine/providers/github-entra/authorization.ts';
import { githubSubject } from '../../../../src/engine/providers/github-entra/claims.ts';
import { githubHints } from '../../../../src/engine/providers/github-entra/hints.ts';
import type { StageResult } from '../../../../src/engine/types.ts';

const NOW = Date.parse('2026-01-15T10:00:00Z') / 1000;
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const key = fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/);

const world: fc.Arbitrary<GithubWorld> = fc
  .record({
    owner: word,
    repo: word,
    immutableSubjects: fc.boolean(),
    event: fc.constantFrom('push', 'pull_request', 'workflow_dispatch', 'schedule', 'release'),
    ref: fc.oneof(word.map((w) => `refs/heads/${w}`), word.map((w) => `refs/tags/${w}`)),
    environment: fc.option(word, { nil: undefined }),
    idToken: fc.constantFrom('write', 'read', 'none', 'absent'),
    reusable: fc.option(fc.record({ repository: fc.tuple(word, word).map(([a, b]) => `${a}/${b}`), file: word, ref: word.map((w) => `refs/heads/${w}`) }), { nil: undefined }),
    orgKeys: fc.option(fc.array(key, { minLength: 1, maxLength: 4 }), { nil: undefined }),
    repoTemplate: fc.option(fc.record({ useDefault: fc.boolean(), includeClaimKeys: fc.option(fc.array(key, { maxLength: 4 }), { nil: undefined }) }), { nil: undefined }),
    enterprise: fc.option(fc.record({ slug: word, includeEnterpriseSlug: fc.boolean() }), { nil: undefined }),
    ghes: fc.option(fc.record({ host: word.map((w) => `${w}.example.com`), version: fc.tuple(fc.nat(4), fc.nat(20)).map(([a, b]) => `${a}.${b}`) }), { nil: undefined }),
    clientId: fc.option(word, { nil: undefined }),
    tenantId: fc.option(word, { nil: undefined }),
    subscriptionId: fc.option(word, { nil: undefined }),
    allowNoSubscriptions: fc.boolean(),
    audience: fc.oneof(fc.constant(''), fc.constant('api://AzureADTokenExchange'), word),
    ago: fc.integer({ min: -86400, max: 864000 }),
  })
  .map((r) => {
    const g: Record<string, unknown> = {
      ...defaultGithub(),
      owner: r.owner,
      repo: r.repo,
      immutableSubjects: r.immutableSubjects,
      event: r.event,
      ref: r.ref,
      permissions: { idToken: r.idToken },
      subjectTemplate: { ...(r.orgKeys ? { org: { includeClaimKeys: r.orgKeys } } : {}), ...(r.repoTemplate ? { repo: r.repoTemplate } : {}) },
      azureLogin: { clientId: r.clientId, tenantId: r.tenantId, subscriptionId: r.subscriptionId, allowNoSubscriptions: r.allowNoSubscriptions, audience: r.audience },
      tokenIssuedSecondsAgo: r.ago,
    };
    if (r.environment !== undefined) g.environment = r.environment;
    if (r.reusable) g.reusableWorkflow = r.reusable;
    if (r.enterprise) g.enterprise = r.enterprise;
    if (r.ghes) g.ghes = r.ghes;
    return GithubSchema.parse(JSON.parse(JSON.stringify(g)));
  });

function wellFormed(s: Omit<StageResult, 'id' | 'title'>): void {
  expect(['pass', 'fail', 'warn']).toContain(s.status);
  expect(s.summary.length).toBeGreaterThan(0);
  for (const c of s.checks) {
    expect(typeof c.name).toBe('string');
    expect(typeof c.expected).toBe('string');
    expect(typeof c.actual).toBe('string');
    expect(typeof c.ok).toBe('boolean');
  }
  if (s.status === 'fail') {
    expect(s.message).toBeTruthy();
    expect(s.fix).toBeTruthy();
  }
  if (s.status === 'pass') expect(s.checks.every((c) => c.ok)).toBe(true);
}

describe('github-entra properties', () => {
  it('every building block returns a well-formed result and never throws', () => {
    fc.assert(
      fc.property(world, (g) => {
        const adm = githubAdmission(g);
        wellFormed(adm.stage);
        if (adm.stage.status === 'fail') expect(adm.env).toEqual({});
        const tok = githubProjectedToken(g, NOW);
        wellFormed(tok.stage);
        wellFormed(githubIssuerDiscovery(g).stage);
        const sub = subscriptionLogin({ clientId: 'c', principalId: 'p', allowNoSubscriptions: g.azureLogin.allowNoSubscriptions, roleAssignments: [], ...(g.azureLogin.subscriptionId ? { subscriptionId: g.azureLogin.subscriptionId } : {}) });
        if (sub.failure) wellFormed(sub.failure);
        const p = tok.payload;
        for (const f of [
          githubHints.subjectFix(String(p.sub), g, 'repo:x/y:environment:z'),
          githubHints.subjectFix(String(p.sub), g),
          githubHints.issuerFix(String(p.iss), 'https://token.actions.githubusercontent.com/'),
          githubHints.audienceFix(String(p.aud), g),
          githubHints.clientIdFix(g),
          githubHints.tenantFix(g),
        ]) expect(f.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps GitHub invariants: 5-minute lifetime, no slash on the issuer, environment wins, sub names the caller', () => {
    fc.assert(
      fc.property(world, (g) => {
        const { payload: p } = githubProjectedToken(g, NOW);
        expect((p.exp as number) - (p.iat as number)).toBe(300);
        expect(String(p.iss).endsWith('/')).toBe(false);
        const sub = String(p.sub);
        const customised = g.subjectTemplate.repo && !g.subjectTemplate.repo.useDefault && (g.subjectTemplate.repo.includeClaimKeys?.length || g.subjectTemplate.org);
        if (!customised) {
          expect(sub.startsWith(g.immutableSubjects ? `repo:${g.owner}@` : `repo:${g.owner}/${g.repo}:`)).toBe(true);
          if (g.environment !== undefined) expect(sub.endsWith(`:environment:${g.environment}`)).toBe(true);
          if (g.reusableWorkflow) {
            const { reusableWorkflow: _rw, ...caller } = g;
            expect(sub).toBe(githubSubject(caller).value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
