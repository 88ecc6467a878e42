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
      expect(errs).toEqual([{ code: 'BadRequest', message: expect.stringContaining(`Federated Identity Credential name '${name}' is invalid.`), path: `${FICS}[0].name`, rule: expect.stringContaining('starts with a letter or a digit') }]);
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

describe('writes addressed by name: a second credential with the same name updates the first (reference C1, C2)', () => {
  const good = () => defaultWorld().identity.federatedCredentials[0]!;

  it('stores only the later write, marks the earlier as replaced, and says so in a note (not a refusal)', () => {
    const w = withFics([ficN(0, { name: 'same' }), ficN(1, { name: 'same' })]);
    const writes = credentialWrites(w);
    expect(writes.map((x) => [x.stored, x.replacedBy, x.replaces])).toEqual([
      [false, 1, undefined],
      [true, undefined, 0],
    ]);
    expect(writes.every((x) => x.refusedBecause.length === 0)).toBe(true);
    expect(storedCredentials(w)).toEqual([ficN(1, { name: 'same' })]);
    const errs = configErrors(w);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ kind: 'replaced', path: `${FICS}[1]` });
    expect(errs[0]!.message).toMatch(/named 'same' was already stored \(identity\.federatedCredentials\[0\]\)/);
    expect(errs[0]!.message).toMatch(/updated it in place/);
    // ARM (a user-assigned identity): the overwrite is certain; Graph (an app registration): marked uncertain.
    expect(errs[0]!.uncertain).toBeUndefined();
    const app = withFics([ficN(0, { name: 'same' }), ficN(1, { name: 'same' })]);
    app.identity.kind = 'app-registration';
    expect(configErrors(app)[0]!.uncertain).toMatch(/upsert by name/);
  });

  it("applies to another identity's credentials too, with that identity's path", () => {
    const w = defaultWorld();
    w.otherIdentities = [{ kind: 'user-assigned', name: 'id-other', clientId: '0f3c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', federatedCredentials: [ficN(0, { name: 'same' }), ficN(1, { name: 'same' })] } as NonNullable<World['otherIdentities']>[number]];
    expect(credentialWrites(w, 0).map((x) => x.stored)).toEqual([false, true]);
    const errs = configErrors(w);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ kind: 'replaced', path: 'otherIdentities[0].federatedCredentials[1]' });
    expect(errs[0]!.message).toContain('(otherIdentities[0].federatedCredentials[0])');
  });

  it('the overwrite takes no new slot: 20 distinct names plus a rewrite of one of them are all accepted', () => {
    const fics = [...Array.from({ length: 20 }, (_, i) => ficN(i)), ficN(21, { name: ficN(5).name })];
    const errs = configErrors(withFics(fics));
    expect(errs.map((e) => e.kind)).toEqual(['replaced']);
    expect(storedCredentials(withFics(fics))).toHaveLength(20);
  });

  it('rewriting a credential under its own name with the same issuer and subject is not a duplicate', () => {
    const w = withFics([ficN(0), ficN(0, { audiences: ['api://AzureADTokenExchangeUSGov'] })]);
    expect(configErrors(w).map((e) => e.kind)).toEqual(['replaced']);
    expect(storedCredentials(w)[0]!.audiences).toEqual(['api://AzureADTokenExchangeUSGov']);
  });

  it('a refused write of the same name leaves the stored credential untouched', () => {
    const w = withFics([ficN(0, { name: 'same' }), ficN(1, { name: 'same', audiences: [] })]);
    expect(configErrors(w).map((e) => e.kind ?? 'refused')).toEqual(['refused']);
    expect(storedCredentials(w)).toEqual([ficN(0, { name: 'same' })]);
  });

  it('in the chain: a correct credential overwritten by a wrong one of the same name no longer matches, and the stage says why', async () => {
    const r = await runChain(withFics([good(), { ...good(), issuer: good().issuer.replace(/\/$/, '') }]), { now: NOW, keys });
    expect([r.outcome, r.code]).toEqual(['denied', 'AADSTS700211']);
    const s = r.stages.find((x) => x.id === 'federation-match')!;
    expect(s.summary).toMatch(/written twice; the later entry \(#2\) overwrote the earlier one \(#1\)/);
    expect(r.configErrors.map((e) => e.kind)).toEqual(['replaced']);
    // The other way round, the later (correct) one is what Entra ID holds: granted, no refusal.
    const ok = await runChain(withFics([{ ...good(), subject: 'system:serviceaccount:x:y' }, good()]), { now: NOW, keys });
    expect(ok.outcome).toBe('granted');
    expect(ok.stages.find((x) => x.id === 'federation-match')!.status).toBe('pass');
  });
});

describe('an http:// issuer is accepted when written, with an uncertain warning', () => {
  it('is stored (no refusal) and gets a warning marked uncertain', () => {
    const w = withFics([ficN(0, { issuer: 'http://issuer.example/' })]);
    expect(credentialWrites(w).map((x) => x.stored)).toEqual([true]);
    const errs = configErrors(w);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ kind: 'warning', code: 'InsecureIssuer', path: `${FICS}[0].issuer` });
    expect(errs[0]!.message).toMatch(/https/);
    expect(errs[0]!.uncertain).toMatch(/record no refusal/);
  });

  it('says nothing for an https issuer', () => {
    expect(configErrors(withFics([ficN(0, { issuer: 'https://issuer.example/' })]))).toEqual([]);
  });
});
