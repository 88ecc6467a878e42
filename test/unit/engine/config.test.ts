/**
 * Write-time checks (`configErrors`): what Entra ID or the workload identity webhook refuses when the
 * configuration is written, each with a code, the real message and a path into the world.
 * Rules: shared/reference/workload-identity.md C1 (name pattern), C3 (20 FICs, unique issuer+subject,
 * exactly one audience), B3 (expiration bounds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, DEFAULT_ISSUER, defaultWorld, runChain, type KeyStore, type World } from '../../../src/engine/index.ts';
import { configErrors, credentialWrites, storedCredentials } from '../../../src/engine/config.ts';
import type { FederatedCredential } from '../../../src/engine/schema.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const EXPIRY = 'azure.workload.identity/service-account-token-expiration';
const FICS = 'identity.federatedCredentials';

let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

function ficN(i: number, over: Partial<FederatedCredential> = {}): FederatedCredential {
  return {
    name: `fic-${i}`,
    issuer: DEFAULT_ISSUER,
    subject: `system:serviceaccount:ns${i}:sa`,
    audiences: ['api://AzureADTokenExchange'],
    createdSecondsAgo: 3600,
    ...over,
  };
}

function withFics(fics: FederatedCredential[]): World {
  const w = defaultWorld();
  w.identity.federatedCredentials = fics;
  return w;
}

describe('configErrors', () => {
  it('is an empty list for the default world', () => {
    expect(configErrors(defaultWorld())).toEqual([]);
  });

  it('accepts 20 federated credentials', () => {
    expect(configErrors(withFics(Array.from({ length: 20 }, (_, i) => ficN(i))))).toEqual([]);
  });

  it('refuses a 21st federated credential, pointing at it', () => {
    const errs = configErrors(withFics(Array.from({ length: 21 }, (_, i) => ficN(i))));
    expect(errs).toHaveLength(1);
    expect(errs[0]!.path).toBe(`${FICS}[20]`);
    expect(errs[0]!.message).toMatch(/20/);
    expect(errs[0]!.code).toBeTruthy();
  });

  it('refuses a duplicate issuer + subject at the second credential', () => {
    const errs = configErrors(withFics([ficN(0), ficN(1), ficN(2, { name: 'again', subject: 'system:serviceaccount:ns0:sa' })]));
    expect(errs).toEqual([{ code: 'BadRequest', message: expect.stringContaining('Issuer and subject combination already exists for this Managed Identity'), path: `${FICS}[2]` }]);
  });

  it('allows the same subject under another issuer, and the same issuer for another subject', () => {
    expect(configErrors(withFics([ficN(0), ficN(1, { subject: ficN(0).subject, issuer: 'https://other.example/' }), ficN(2)]))).toEqual([]);
  });

  it('refuses two audiences', () => {
    const errs = configErrors(withFics([ficN(0), ficN(1, { audiences: ['api://AzureADTokenExchange', 'api://other'] })]));
    expect(errs).toEqual([{ code: 'BadRequest', message: 'Federated identity credentials must have exactly one audience.', path: `${FICS}[1].audiences` }]);
  });

  it('refuses zero audiences', () => {
    const errs = configErrors(withFics([ficN(0, { audiences: [] })]));
    expect(errs).toEqual([{ code: 'BadRequest', message: 'Federated identity credentials must have exactly one audience.', path: `${FICS}[0].audiences` }]);
  });

  it.each([
    ['a', false],
    ['ab', false],
    ['-abc', false],
    ['_abc', false],
    ['has space', false],
    ['dot.name', false],
    ['x'.repeat(121), false],
    ['ok_name-1', true],
    ['abc', true],
    ['9ab', true],
    ['A--', true],
    ['x'.repeat(120), true],
  ])('FIC name %j valid: %s', (name, valid) => {
    const errs = configErrors(withFics([ficN(0, { name })]));
    if (valid) {
      expect(errs).toEqual([]);
    } else {
      expect(errs).toEqual([{ code: 'BadRequest', message: expect.stringContaining(`Federated Identity Credential name '${name}' is invalid.`), path: `${FICS}[0].name` }]);
    }
  });

  it.each([
    ['pod', 'pod.annotations'],
    ['serviceAccount', 'serviceAccount.annotations'],
  ] as const)('refuses an out-of-range expiration annotation on the %s', (where, pathPrefix) => {
    const w = defaultWorld();
    w[where].annotations[EXPIRY] = '600';
    expect(configErrors(w)).toEqual([
      { code: 'WebhookDenied', message: 'token expiration 600 not valid. Expected value to be between 3600 and 86400', path: `${pathPrefix}["${EXPIRY}"]` },
    ]);
  });

  it.each(['3599', '86401', '100000'])('refuses expiration %s', (v) => {
    const w = defaultWorld();
    w.serviceAccount.annotations[EXPIRY] = v;
    expect(configErrors(w).map((e) => e.code)).toEqual(['WebhookDenied']);
  });

  it.each(['3600', '7200', '86400'])('accepts expiration %s', (v) => {
    const w = defaultWorld();
    w.pod.annotations[EXPIRY] = v;
    expect(configErrors(w)).toEqual([]);
  });

  it('lists every problem in document order', () => {
    const errs = configErrors(withFics([ficN(0, { name: 'a', audiences: [] }), ficN(1), ficN(2, { subject: ficN(1).subject, name: 'dup' })]));
    expect(errs.map((e) => e.path)).toEqual([`${FICS}[0].name`, `${FICS}[0].audiences`, `${FICS}[2]`]);
  });

  it('replays writes: a refused credential stores nothing, so it neither blocks a later duplicate nor counts towards 20', () => {
    // Credential 0 is refused (bad name); credential 1 has the same issuer and subject and is stored.
    const refusedFirst = withFics([ficN(0, { name: 'a' }), ficN(1, { subject: ficN(0).subject })]);
    expect(configErrors(refusedFirst).map((e) => e.path)).toEqual([`${FICS}[0].name`]);
    expect(credentialWrites(refusedFirst).map((w) => w.stored)).toEqual([false, true]);
    expect(storedCredentials(refusedFirst).map((f) => f.name)).toEqual([ficN(1).name]);
    // 21 writes of which one is refused: the other 20 fit.
    const fics = Array.from({ length: 21 }, (_, i) => ficN(i, i === 3 ? { audiences: [] } : {}));
    expect(configErrors(withFics(fics)).map((e) => e.path)).toEqual([`${FICS}[3].audiences`]);
    expect(storedCredentials(withFics(fics))).toHaveLength(20);
  });

  it('in the chain: the stored-credentials check fails and the stage warns when a write was refused, or says why nothing matched', async () => {
    const keys = await createKeyStore();
    const good = defaultWorld().identity.federatedCredentials[0]!;
    const warn = await runChain(withFics([good, { ...good, name: 'x' }]), { now: NOW, keys });
    const s = warn.stages.find((x) => x.id === 'federation-match')!;
    expect(warn.outcome).toBe('granted');
    expect(s.status).toBe('warn');
    expect(s.checks[0]).toMatchObject({ name: 'credentials Entra ID stored', ok: false, expected: 'all 2' });
    expect(s.summary).toContain('"x" was refused when written');
    expect(s.fix).toContain("name 'x' is invalid");
    const none = await runChain(withFics([{ ...good, audiences: ['a', 'b'] }]), { now: NOW, keys });
    const f = none.stages.find((x) => x.id === 'federation-match')!;
    expect([none.outcome, f.status, f.code]).toEqual(['denied', 'fail', 'AADSTS700211']);
    expect(f.summary).toMatch(/^The credential ".+" was refused when written and never stored \(.*exactly one audience.*\)\. With no credential stored, none can match/);
  });
});

describe('configErrors in the chain result', () => {
  it('is [] for the default world and lists the problems otherwise, while the chain still runs', async () => {
    expect((await runChain(defaultWorld(), { now: NOW, keys })).configErrors).toEqual([]);
    const w = withFics([ficN(0, { name: 'x' }), { ...defaultWorld().identity.federatedCredentials[0]!, audiences: ['api://AzureADTokenExchange', 'api://x'] }]);
    const r = await runChain(w, { now: NOW, keys });
    expect(r.configErrors.map((e) => e.path)).toEqual([`${FICS}[0].name`, `${FICS}[1].audiences`]);
    // The chain runs on what Entra ID would have stored: both writes are refused, so nothing matches.
    expect(r.outcome).toBe('denied');
    expect(r.code).toBe('AADSTS700211');
    const match = r.stages.find((s) => s.id === 'federation-match')!;
    expect(match.checks[0]!.actual).toContain('refused when written');
  });
});
