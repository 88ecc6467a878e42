/** Regression tests for engine bugs found while writing the unit tests (webhook expiration parsing, empty client ID, RBAC propagation check, scope fix, __proto__ claims). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, DEFAULT_CLIENT_ID, DEFAULT_PRINCIPAL_ID, DEFAULT_VAULT_ID, defaultWorld, runChain, type KeyStore } from '../../../src/engine/index.ts';
import { deepMerge } from '../../../src/engine/merge.ts';
import { WorldSchema } from '../../../src/engine/schema.ts';
import { configErrors } from '../../../src/engine/config.ts';
const NOW = new Date('2026-01-15T10:00:00Z');
const EXPIRY = 'azure.workload.identity/service-account-token-expiration';
let keys: KeyStore;
beforeAll(() => { keys = createKeyStore(); });
const world = (p: Record<string, unknown>) => WorldSchema.parse(deepMerge(defaultWorld(), p));
const run = (p: Record<string, unknown>) => runChain(world(p), { now: NOW, keys });

describe('engine bugs', () => {
  it('B1: an empty pod expiration annotation falls back to the ServiceAccount value / default (webhook checks != "")', async () => {
    const r = await run({ pod: { annotations: { [EXPIRY]: '' } }, serviceAccount: { annotations: { [EXPIRY]: '7200' } } });
    expect(r.stages[0]!.status).toBe('pass');
    const p = r.artifacts.token!.payload as { exp: number; iat: number };
    expect(p.exp - p.iat).toBe(7200);
  });
  it('B1b: an empty pod expiration annotation is no write-time error', () => {
    expect(configErrors(world({ pod: { annotations: { [EXPIRY]: '' } } }))).toEqual([]);
  });
  it('B2: configErrors does not report the ServiceAccount expiration when a valid pod annotation overrides it', () => {
    const w = world({ serviceAccount: { annotations: { [EXPIRY]: '600' } }, pod: { annotations: { [EXPIRY]: '7200' } } });
    expect(configErrors(w)).toEqual([]);
  });
  it('B3: configErrors does not report a webhook denial for a pod the webhook never sees (no use label)', () => {
    const w = world({ pod: { labels: { 'azure.workload.identity/use': null }, annotations: { [EXPIRY]: '600' } } });
    expect(configErrors(w)).toEqual([]);
  });
  it('B4: request.clientId "" behaves like absent (SDK falls back to AZURE_CLIENT_ID)', async () => {
    const r = await run({ request: { clientId: '' } });
    expect(r.outcome).toBe('granted');
  });
  it('B5: a failing authorization stage (RBAC not propagated) shows a failing check', async () => {
    const r = await run({ roleAssignments: [{ principalId: DEFAULT_PRINCIPAL_ID, role: 'Key Vault Secrets User', scope: DEFAULT_VAULT_ID, createdSecondsAgo: 60 }] });
    const s = r.stages.find((x) => x.status === 'fail')!;
    expect(s.checks.some((c) => !c.ok)).toBe(true);
  });
  it('B6: the AADSTS1002012 fix suggests <resource>/.default, not <scope>/.default', async () => {
    const r = await run({ request: { scope: 'https://graph.microsoft.com/User.Read' } });
    expect(r.stages[2]!.fix).toContain('https://graph.microsoft.com/.default');
    expect(r.stages[2]!.fix).not.toContain('User.Read/.default');
  });
  it('B7: a "__proto__" claim override is rejected with a clear message, never silently dropped', () => {
    const r = WorldSchema.safeParse(deepMerge(defaultWorld(), { token: { claims: JSON.parse('{"__proto__": {"x": 1}}') } }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(' ')).toContain('"__proto__" cannot be simulated');
  });
  it('B8: a non-numeric expiration annotation gives the webhook parse error, not the range message', async () => {
    const r = await run({ pod: { annotations: { [EXPIRY]: 'abc' } } });
    expect(r.stages[0]!.message).toContain('strconv.ParseInt: parsing "abc": invalid syntax');
  });
  void DEFAULT_CLIENT_ID;
});

describe('engine fixes from the scenario review', () => {
  it('a 21st federated credential is refused when written, so a pod that needs it gets AADSTS700213', async () => {
    const base = defaultWorld().identity.federatedCredentials[0]!;
    const fics = Array.from({ length: 20 }, (_, i) => ({ ...base, name: `fic-${i}`, subject: `system:serviceaccount:ns${i}:sa` }));
    fics.push({ ...base, name: 'fic-20' }); // the one the pod needs, written 21st
    const r = await run({ identity: { federatedCredentials: fics } });
    expect(r.configErrors.map((e) => e.code)).toContain('BadRequest');
    expect(r.code).toBe('AADSTS700213');
  });
  it('a duplicate issuer+subject credential is not stored; the first one still matches', async () => {
    const base = defaultWorld().identity.federatedCredentials[0]!;
    const r = await run({ identity: { federatedCredentials: [base, { ...base, name: 'dup', audiences: ['api://other'] }] } });
    expect(r.outcome).toBe('granted');
    expect(r.configErrors).toHaveLength(1);
  });
  it('skip-containers naming the app container leaves it without the identity (admission fails)', async () => {
    const r = await run({ pod: { annotations: { 'azure.workload.identity/skip-containers': 'sidecar; app' } } });
    expect(r.failedStage).toBe('admission');
    expect(r.stages[0]!.summary).toContain('skip-containers');
  });
  it('skip-containers naming only a sidecar changes nothing for the app', async () => {
    const r = await run({ pod: { annotations: { 'azure.workload.identity/skip-containers': 'sidecar' } } });
    expect(r.outcome).toBe('granted');
  });
  it('a pre-set AZURE_FEDERATED_TOKEN_FILE warns with a fix about that variable', async () => {
    const r = await run({ pod: { containers: [{ name: 'app', env: { AZURE_FEDERATED_TOKEN_FILE: '/tmp/token' } }] } });
    expect(r.stages[0]!.status).toBe('warn');
    expect(r.stages[0]!.fix).toContain('AZURE_FEDERATED_TOKEN_FILE');
  });
  it('whitespace around iss blocks the exchange at client lookup, marked uncertain', async () => {
    const iss = defaultWorld().cluster.oidcIssuer.url;
    const r = await run({ token: { claims: { iss: ` ${iss}` } } });
    expect(r.failedStage).toBe('client-lookup');
    expect(r.stages[2]!.uncertain).toBeTruthy();
  });
});

describe('FIC wildcards and JWKS size', () => {
  it('a "*" in a credential subject is literal: AADSTS700213 with an explanation', async () => {
    const base = defaultWorld().identity.federatedCredentials[0]!;
    const r = await run({ identity: { federatedCredentials: [{ ...base, subject: 'system:serviceaccount:dev:*' }] } });
    expect(r.code).toBe('AADSTS700213');
    expect(r.stages[3]!.summary).toContain('no wildcards');
  });
});

describe('fixes from the newcomer test', () => {
  it('a pod without serviceAccountName runs as the namespace\'s "default" ServiceAccount (which exists, without annotations)', async () => {
    const r = await run({ pod: { serviceAccountName: 'default' } });
    expect(r.failedStage).toBe('admission');
    expect(r.stages[0]!.summary).toContain('"default" ServiceAccount');
    expect(r.stages[0]!.message).toContain('no client ID specified');
  });
  it('client_id GUIDs compare case-insensitively', async () => {
    const r = await run({ request: { clientId: DEFAULT_CLIENT_ID.toUpperCase() } });
    expect(r.outcome).toBe('granted');
  });
  it('inspect flags an Entra-issued token with AADSTS700222, like the chain', async () => {
    const { inspect } = await import('../../../src/engine/inspect.ts');
    const payload = { iss: 'https://login.microsoftonline.com/t/v2.0', sub: 'x', aud: ['api://AzureADTokenExchange'], iat: 1, exp: 3601, nbf: 1 };
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const res = await inspect({ token: `${b64({ alg: 'RS256', kid: 'k' })}.${b64(payload)}.c2ln` }, { now: NOW });
    expect(res.assertion?.code).toBe('AADSTS700222');
  });
  it('the /.default fix does not repeat itself', async () => {
    const r = await run({ request: { scope: 'https://vault.azure.net' } });
    expect(r.code).toBe('AADSTS1002012');
    expect(r.stages[2]!.fix).not.toMatch(/e\.g\. https:\/\/vault\.azure\.net\/\.default\.$/);
  });
});
