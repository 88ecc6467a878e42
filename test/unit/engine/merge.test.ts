/**
 * The scenario merge (design.md, "Scenario file"): objects merge key by key, arrays replace, a null
 * removes the key, except inside token.claims where null is kept (it means "remove this claim from the
 * token"). Neither input is modified, and defaultWorld() hands out independent copies.
 */
import { describe, expect, it } from 'vitest';
import { advanceWorld } from '../../../src/engine/time.ts';
import { deepMerge, defaultWorld, DEFAULT_ISSUER, parseScenario, TOKEN_EXCHANGE_AUDIENCE } from '../../../src/engine/index.ts';

type Obj = Record<string, any>;

describe('deepMerge', () => {
  it('merges objects key by key, at every depth', () => {
    const base = { a: 1, b: { c: 2, d: { e: 3, f: 4 } } };
    const out = deepMerge(base, { b: { d: { f: 40, g: 50 } }, h: 6 });
    expect(out).toEqual({ a: 1, b: { c: 2, d: { e: 3, f: 40, g: 50 } }, h: 6 });
  });

  it('replaces arrays instead of merging them', () => {
    const out = deepMerge({ list: [1, 2, 3], objs: [{ a: 1, b: 2 }] }, { list: [9], objs: [{ a: 5 }] });
    expect(out).toEqual({ list: [9], objs: [{ a: 5 }] });
  });

  it('replaces an object by a scalar, and a scalar by an object', () => {
    expect(deepMerge({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(deepMerge({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('removes a key whose patch value is null', () => {
    const out = deepMerge({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { d: null } });
    expect(out).toEqual({ b: { c: 2 } });
    expect(out as Obj).not.toHaveProperty('a');
  });

  it('drops nulls inside an object that replaces a non-object', () => {
    expect(deepMerge({ a: 1 }, { a: { x: null, y: 2 } })).toEqual({ a: { y: 2 } });
  });

  it('keeps null inside token.claims (claim removal is decided when the token is minted)', () => {
    const base = defaultWorld();
    const out = deepMerge(base, { token: { claims: { iat: null, sub: 'x' } } }) as Obj;
    expect(out.token.claims).toEqual({ iat: null, sub: 'x' });
    expect(out.token.audience).toBe(TOKEN_EXCHANGE_AUDIENCE);
  });

  it('keeps null inside token.claims even when the base has no claims object', () => {
    const out = deepMerge({ token: {} }, { token: { claims: { nbf: null } } }) as Obj;
    expect(out.token.claims).toEqual({ nbf: null });
  });

  it('keeps nested nulls under token.claims', () => {
    const out = deepMerge(defaultWorld(), { token: { claims: { 'kubernetes.io': { node: null } } } }) as Obj;
    expect(out.token.claims).toEqual({ 'kubernetes.io': { node: null } });
  });

  it('still removes token.claims itself when it is set to null', () => {
    const out = deepMerge(defaultWorld(), { token: { claims: null } }) as Obj;
    expect(out.token).not.toHaveProperty('claims');
  });

  it('merges a claims patch over existing claims', () => {
    const out = deepMerge({ token: { claims: { a: 1, b: 2 } } }, { token: { claims: { b: null, c: 3 } } }) as Obj;
    expect(out.token.claims).toEqual({ a: 1, b: null, c: 3 });
  });

  it('keeps token.appRereadSeconds: null ("the app never re-reads its token file"), unlike leaving the key out', () => {
    const out = deepMerge(defaultWorld(), { token: { appRereadSeconds: null } }) as Obj;
    expect(out.token).toHaveProperty('appRereadSeconds', null);
    // Also when the patch brings a whole new token object (nulls are stripped there otherwise).
    expect(deepMerge({}, { token: { appRereadSeconds: null, kubeletRefresh: null } })).toEqual({ token: { appRereadSeconds: null } });
    // A number replaces it; other token keys are still removed by null.
    expect((deepMerge(out, { token: { appRereadSeconds: 600 } }) as Obj).token.appRereadSeconds).toBe(600);
    const refresh = deepMerge({ token: { kubeletRefresh: false, appRereadSeconds: 0 } }, { token: { kubeletRefresh: null } }) as Obj;
    expect(refresh.token).toEqual({ appRereadSeconds: 0 });
  });

  it('a scenario file with token.appRereadSeconds: null presents a stale token a day later', () => {
    const never = parseScenario({ schema: 1, title: 'read once', world: { token: { appRereadSeconds: null } } });
    const dflt = parseScenario({ schema: 1, title: 'default re-read', world: {} });
    expect(never.ok && dflt.ok).toBe(true);
    if (!never.ok || !dflt.ok) return;
    expect(never.world.token.appRereadSeconds).toBeNull();
    expect(dflt.world.token.appRereadSeconds).toBeUndefined();
    expect(advanceWorld(never.world, 86400).timeline).toMatchObject({ appRereadSeconds: null, presentedIsStale: true });
    expect(advanceWorld(dflt.world, 86400).timeline).toMatchObject({ appRereadSeconds: 600, presentedIsStale: false });
  });

  it('does not modify either input', () => {
    const base = defaultWorld();
    const baseCopy = structuredClone(base);
    const patch = { cluster: { oidcIssuer: { url: 'https://x/' } }, identity: { federatedCredentials: [{ name: 'n' }] }, pod: { labels: null } };
    const patchCopy = structuredClone(patch);
    const out = deepMerge(base, patch) as Obj;
    expect(base).toEqual(baseCopy);
    expect(patch).toEqual(patchCopy);
    // The result shares no objects with the inputs.
    out.cluster.oidcIssuer.reachable = false;
    out.identity.federatedCredentials[0].name = 'changed';
    out.serviceAccount.annotations.extra = 'y';
    expect(base).toEqual(baseCopy);
    expect(patch).toEqual(patchCopy);
  });

  it('never changes Object.prototype through a "__proto__" key in the patch (as JSON.parse makes it)', () => {
    const patch = JSON.parse('{"pod": {"__proto__": {"polluted": "yes", "labels": {"a": "1"}}}, "__proto__": {"polluted": "yes"}}') as unknown;
    deepMerge(defaultWorld(), patch);
    deepMerge({ pod: {} }, patch);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('labels');
  });

  it('merges keys named like inherited members ("toString", "constructor") as plain own keys, and skips undefined values', () => {
    const out = deepMerge({ a: 1 }, { toString: { x: 1 }, constructor: 2, b: undefined, a: undefined }) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['a', 'constructor', 'toString']);
    expect(out.toString).toEqual({ x: 1 });
    expect(out.constructor).toBe(2);
    expect(out.a).toBe(1);
    expect(deepMerge({ a: 1 }, { toString: undefined })).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" key of a JSON patch as an own key, not as the prototype', () => {
    const out = deepMerge({ a: 1 }, JSON.parse('{"__proto__": {"b": 2}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect((out as { b?: unknown }).b).toBeUndefined();
  });

  it('returns a copy of the base for an empty or undefined patch', () => {
    const base = defaultWorld();
    const a = deepMerge(base, {}) as Obj;
    const b = deepMerge(base, undefined) as Obj;
    expect(a).toEqual(base);
    expect(b).toEqual(base);
    a.pod.labels.x = '1';
    expect(base.pod.labels).not.toHaveProperty('x');
  });

  it('applied to the default world changes only what the patch names', () => {
    const base = defaultWorld();
    const out = deepMerge(base, { identity: { federatedCredentials: [{ ...base.identity.federatedCredentials[0], issuer: DEFAULT_ISSUER.slice(0, -1) }] } }) as Obj;
    expect(out.identity.federatedCredentials[0].issuer).toBe(DEFAULT_ISSUER.slice(0, -1));
    expect(out.identity.federatedCredentials).toHaveLength(1);
    expect({ ...out, identity: base.identity }).toEqual(base);
  });
});

describe('defaultWorld', () => {
  it('returns a fresh deep copy on every call', () => {
    const a = defaultWorld();
    const b = defaultWorld();
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    a.pod.labels['azure.workload.identity/use'] = 'false';
    a.identity.federatedCredentials.push({ ...a.identity.federatedCredentials[0]!, name: 'second' });
    a.cluster.signingKeys[0]!.published = false;
    a.token.claims.x = 1;
    const c = defaultWorld();
    expect(c).toEqual(b);
    expect(c.pod.labels['azure.workload.identity/use']).toBe('true');
    expect(c.identity.federatedCredentials).toHaveLength(1);
    expect(c.cluster.signingKeys[0]!.published).toBe(true);
    expect(c.token.claims).toEqual({});
  });

  it('is internally consistent: FIC issuer, subject and audience match what the cluster mints', () => {
    const w = defaultWorld();
    const fic = w.identity.federatedCredentials[0]!;
    expect(fic.issuer).toBe(w.cluster.oidcIssuer.url);
    expect(fic.issuer.endsWith('/')).toBe(true);
    expect(fic.subject).toBe(`system:serviceaccount:${w.serviceAccount.namespace}:${w.serviceAccount.name}`);
    expect(fic.audiences).toEqual([w.token.audience]);
    expect(w.serviceAccount.annotations['azure.workload.identity/client-id']).toBe(w.identity.clientId);
    expect(w.roleAssignments[0]!.principalId).toBe(w.identity.principalId);
  });
});
