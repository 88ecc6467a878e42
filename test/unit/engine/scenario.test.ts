/**
 * Scenario files: validation with readable, located messages (parseScenario never throws,
 * resolveScenario throws ScenarioError), and the merge of the partial world over the default world.
 */
import { describe, expect, it } from 'vitest';
import {
  createKeyStore,
  DEFAULT_ISSUER,
  defaultWorld,
  parseScenario,
  resolveScenario,
  ScenarioError,
  simulate,
  type ScenarioIssue,
} from '../../../src/engine/index.ts';

function issuesOf(input: unknown): ScenarioIssue[] {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.issues;
}

describe('parseScenario', () => {
  it('accepts a minimal scenario and fills the defaults', () => {
    const r = parseScenario({ schema: 1, title: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ schema: 1, title: 'x', provider: 'aks-entra', tags: [], source: [], world: {} });
    expect(r.scenario.now).toBeUndefined();
    expect(r.world).toEqual(defaultWorld());
  });

  it('merges the partial world over the default world', () => {
    const r = parseScenario({
      schema: 1,
      title: 'trailing slash',
      now: '2026-01-15T10:00:00Z',
      world: { identity: { federatedCredentials: [{ name: 'fic-1', issuer: DEFAULT_ISSUER.slice(0, -1), subject: 'system:serviceaccount:dev:my-app-sa', audiences: ['api://AzureADTokenExchange'] }] } },
      expect: { outcome: 'denied', stage: 'federation-match', code: 'AADSTS700211' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.world.identity.federatedCredentials).toEqual([
      { name: 'fic-1', issuer: DEFAULT_ISSUER.slice(0, -1), subject: 'system:serviceaccount:dev:my-app-sa', audiences: ['api://AzureADTokenExchange'], createdSecondsAgo: 3600 },
    ]);
    expect(r.world.identity.clientId).toBe(defaultWorld().identity.clientId);
    expect(r.scenario.expect).toEqual({ outcome: 'denied', stage: 'federation-match', code: 'AADSTS700211' });
  });

  it('removes a default key with null', () => {
    const r = parseScenario({ schema: 1, title: 'x', world: { serviceAccount: { annotations: { 'azure.workload.identity/client-id': null } } } });
    expect(r.ok && r.world.serviceAccount.annotations).toEqual({});
  });

  it('rejects schema 2 at the path "schema"', () => {
    const issues = issuesOf({ schema: 2, title: 'x' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('schema');
  });

  it('rejects a missing title', () => {
    const issues = issuesOf({ schema: 1 });
    expect(issues.map((i) => i.path)).toEqual(['title']);
    expect(issues[0]!.message).toMatch(/missing/);
  });

  it('rejects a misspelt top-level field as an unknown field', () => {
    const issues = issuesOf({ schema: 1, title: 'x', wrold: {} });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain('unknown field');
    expect(issues[0]!.message).toContain('"wrold"');
  });

  it('rejects a misspelt field inside the world with its path', () => {
    const issues = issuesOf({ schema: 1, title: 'x', world: { pod: { lables: { a: 'b' } } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('world.pod');
    expect(issues[0]!.message).toContain('unknown field');
    expect(issues[0]!.message).toContain('"lables"');
  });

  it('rejects a misspelt field inside a FIC with an indexed path', () => {
    const w = defaultWorld();
    const issues = issuesOf({ schema: 1, title: 'x', world: { identity: { federatedCredentials: [{ ...w.identity.federatedCredentials[0], audience: 'x' }] } } });
    expect(issues).toEqual([expect.objectContaining({ path: 'world.identity.federatedCredentials[0]' })]);
    expect(issues[0]!.message).toContain('unknown field');
  });

  it('reports a wrong type with a dotted, indexed path', () => {
    const w = defaultWorld();
    const issues = issuesOf({ schema: 1, title: 'x', world: { identity: { federatedCredentials: [{ ...w.identity.federatedCredentials[0], subject: 42 }] } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('world.identity.federatedCredentials[0].subject');
    expect(issues[0]!.message).toMatch(/expected string/);
  });

  it('reports a missing field of a replaced array element as missing', () => {
    const issues = issuesOf({ schema: 1, title: 'x', world: { identity: { federatedCredentials: [{ name: 'a-b-c', issuer: DEFAULT_ISSUER, audiences: [] }] } } });
    expect(issues).toEqual([{ path: 'world.identity.federatedCredentials[0].subject', message: expect.stringMatching(/missing/) }]);
  });

  it('reports every problem, not just the first', () => {
    const issues = issuesOf({ schema: 1, title: 'x', world: { token: { expirationSeconds: 'long', issuedSecondsAgo: 1.5 }, resource: { kind: 'bucket' } } });
    expect(issues.map((i) => i.path).sort()).toEqual(['world.resource.kind', 'world.token.expirationSeconds', 'world.token.issuedSecondsAgo']);
    expect(issues.find((i) => i.path === 'world.resource.kind')!.message).toContain('"key-vault-secret"');
  });

  it('rejects a non-ISO now', () => {
    expect(issuesOf({ schema: 1, title: 'x', now: 'yesterday' }).map((i) => i.path)).toEqual(['now']);
  });

  it('rejects input that is not an object, without throwing', () => {
    for (const input of [null, undefined, 42, 'schema: 1', []]) {
      const r = parseScenario(input);
      expect(r.ok).toBe(false);
    }
  });
});

describe('resolveScenario', () => {
  it('returns the scenario and merged world when valid', () => {
    const { scenario, world } = resolveScenario({ schema: 1, title: 'x', world: { pod: { name: 'p' } } });
    expect(scenario.title).toBe('x');
    expect(world.pod.name).toBe('p');
  });

  it('throws a ScenarioError carrying the issues', () => {
    let caught: unknown;
    try {
      resolveScenario({ schema: 2, title: 'x', world: { pod: { lables: {} } } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const err = caught as ScenarioError;
    expect(err.name).toBe('ScenarioError');
    expect(err.issues.length).toBeGreaterThanOrEqual(1);
    expect(err.issues.map((i) => i.path)).toContain('schema');
    expect(err.message).toContain('schema:');
  });
});

describe('simulate', () => {
  const keys = createKeyStore();
  it('uses the scenario clock over the caller clock', async () => {
    const r = await simulate({ schema: 1, title: 'x', now: '2026-01-15T10:00:00Z' }, { now: new Date('2030-01-01T00:00:00Z'), keys });
    expect(r.now).toBe(Date.parse('2026-01-15T10:00:00Z') / 1000);
    expect(r.outcome).toBe('granted');
  });

  it('uses the caller clock when the scenario has none', async () => {
    const r = await simulate({ schema: 1, title: 'x' }, { now: new Date('2026-02-01T00:00:00Z'), keys });
    expect(r.now).toBe(Date.parse('2026-02-01T00:00:00Z') / 1000);
  });

  it('rejects an invalid scenario with ScenarioError', async () => {
    await expect(simulate({ schema: 1, title: 'x', world: { pod: { lables: {} } } }, { now: new Date(0), keys })).rejects.toBeInstanceOf(ScenarioError);
  });
});
