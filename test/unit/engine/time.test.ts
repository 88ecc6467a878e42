import { describe, expect, it } from 'vitest';
import { advanceWorld, createKeyStore, defaultWorld, runChain } from '../../../src/engine/index.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const keys = createKeyStore();
const at = (elapsed: number) => new Date(NOW.getTime() + elapsed * 1000);

describe('advanceWorld (time travel)', () => {
  it('elapsed 0 changes nothing', () => {
    const w = defaultWorld();
    expect(advanceWorld(w, 0).world).toEqual({ ...w, token: { ...w.token, issuedSecondsAgo: 0 } });
  });

  it('the kubelet refreshes a 1 h token at 80 % (2880 s); an app that re-reads before each exchange presents the fresh one', () => {
    const w = defaultWorld();
    w.token.appRereadSeconds = 0;
    const before = advanceWorld(w, 2879).timeline;
    expect(before.fileTokenAgeSeconds).toBe(2879);
    expect(before.refreshes).toBe(0);
    expect(before.nextRefreshInSeconds).toBe(1);
    const after = advanceWorld(w, 2881);
    expect(after.timeline.refreshes).toBe(1);
    expect(after.timeline.fileTokenAgeSeconds).toBe(1);
    expect(after.world.token.issuedSecondsAgo).toBe(1);
  });

  it('a 24 h token is refreshed after 24 h × 80 % = 19.2 h, and a 48 h one after 24 h (the 24 h cap)', () => {
    const w = defaultWorld();
    w.token.expirationSeconds = 86400;
    expect(advanceWorld(w, 1).timeline.refreshEverySeconds).toBe(69120);
    w.token.expirationSeconds = 172800;
    expect(advanceWorld(w, 1).timeline.refreshEverySeconds).toBe(86400);
  });

  it('an app that never re-reads presents the first token forever: AADSTS700024 once it expires', async () => {
    const w = defaultWorld();
    w.token.appRereadSeconds = null;
    const r1 = advanceWorld(w, 3599);
    expect((await runChain(r1.world, { now: at(3599), keys })).outcome).toBe('granted');
    const r2 = advanceWorld(w, 3601);
    expect(r2.timeline.presentedIsStale).toBe(true);
    const res = await runChain(r2.world, { now: at(3601), keys });
    expect(res.code).toBe('AADSTS700024');
  });

  it('the default (Go SDK, 10-minute cache) never presents an expired token with a 1 h lifetime', async () => {
    const w = defaultWorld();
    for (const t of [0, 599, 2900, 3500, 3601, 7200, 86400]) {
      const r = advanceWorld(w, t);
      expect(r.timeline.presentedTokenAgeSeconds).toBeLessThan(3600);
      expect((await runChain(r.world, { now: at(t), keys })).outcome).toBe('granted');
    }
  });

  it('without kubelet refresh every reader ends up with an expired token', async () => {
    const w = defaultWorld();
    w.token.kubeletRefresh = false;
    w.token.appRereadSeconds = 0;
    const r = advanceWorld(w, 4000);
    expect(r.timeline.nextRefreshInSeconds).toBeUndefined();
    expect((await runChain(r.world, { now: at(4000), keys })).code).toBe('AADSTS700024');
  });

  it('propagation delays run out: a FIC written 10 s ago works 60 s later; a role assigned 60 s ago works after 10 min', async () => {
    const w = defaultWorld();
    w.identity.federatedCredentials[0]!.createdSecondsAgo = 10;
    w.roleAssignments[0]!.createdSecondsAgo = 60;
    expect((await runChain(advanceWorld(w, 0).world, { now: at(0), keys })).code).toBe('AADSTS70021');
    expect((await runChain(advanceWorld(w, 60).world, { now: at(60), keys })).code).toBe('ForbiddenByRbac');
    expect((await runChain(advanceWorld(w, 540).world, { now: at(540), keys })).outcome).toBe('granted');
  });

  it('a retired signing key leaves the JWKS 24 h after rotation', async () => {
    const w = defaultWorld();
    w.cluster.signingKeys = [
      { name: 'sa-key-1', published: true, retiredSecondsAgo: 3600 },
      { name: 'sa-key-2', published: true },
    ];
    w.token.appRereadSeconds = null;
    w.token.kubeletRefresh = false;
    w.token.expirationSeconds = 86400;
    w.token.issuedSecondsAgo = 7200; // signed with sa-key-1 before the rotation an hour ago
    // Still in the JWKS 1 h after rotation …
    expect((await runChain(advanceWorld(w, 0).world, { now: at(0), keys })).outcome).toBe('granted');
    // … gone 23 h later (24 h after rotation), while the stale token is still within its lifetime.
    const later = advanceWorld(w, 82800);
    expect((await runChain(later.world, { now: at(82800), keys })).code).toBe('AADSTS7000272');
  });

  it('does not modify its input', () => {
    const w = defaultWorld();
    const copy = structuredClone(w);
    advanceWorld(w, 99999);
    expect(w).toEqual(copy);
  });
});

describe('advanceWorld and key rotation', () => {
  it('a token refreshed after the rotation is signed with the current key, so the chain keeps working', async () => {
    const w = defaultWorld();
    w.cluster.signingKeys = [
      { name: 'sa-key-1', published: true, retiredSecondsAgo: 60 },
      { name: 'sa-key-2', published: true },
    ];
    w.token.appRereadSeconds = 0;
    const r = advanceWorld(w, 90000);
    expect(r.world.token.signingKey).toBe('sa-key-2');
    expect((await runChain(r.world, { now: at(90000), keys })).outcome).toBe('granted');
  });
});

describe('the token presented at the start of time travel', () => {
  it('is the world\'s own token at offset 0, and stays until the app\'s first re-read', async () => {
    const w = defaultWorld();
    w.token.issuedSecondsAgo = 90000; // a copy cached a day ago; the kubelet has renewed the file since
    w.token.appRereadSeconds = 600;
    const t0 = advanceWorld(w, 0);
    expect(t0.timeline.presentedTokenAgeSeconds).toBe(90000);
    expect(t0.timeline.presentedIsStale).toBe(true);
    expect(t0.world.token.issuedSecondsAgo).toBe(90000);
    expect(advanceWorld(w, 599).timeline.presentedTokenAgeSeconds).toBe(90599);
    const reread = advanceWorld(w, 600);
    expect(reread.timeline.presentedIsStale).toBe(false);
    expect(reread.timeline.presentedTokenAgeSeconds).toBeLessThan(3600);
    const k = await keys;
    expect((await runChain(t0.world, { now: at(0), keys: k })).code).toBe('AADSTS700024');
    expect((await runChain(reread.world, { now: at(600), keys: k })).outcome).toBe('granted');
  });

  it('never changes when the app never re-reads (appRereadSeconds: null)', async () => {
    const w = defaultWorld();
    w.token.issuedSecondsAgo = 90000;
    w.token.appRereadSeconds = null;
    for (const t of [0, 600, 3600, 86400]) {
      const r = advanceWorld(w, t);
      expect(r.timeline.presentedTokenAgeSeconds).toBe(90000 + t);
      expect((await runChain(r.world, { now: at(t), keys: await keys })).code).toBe('AADSTS700024');
    }
  });
});
