/**
 * Time travel: the playground store's optional offset (`setElapsed`: the engine runs on the world as it is
 * later, at the clock plus the offset) and the time-travel control's view model (token timeline, what runs
 * out). Every verdict comes from the real engine.
 */
import { describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import { advanceWorld } from '../../src/engine/time.ts';
import type { World } from '../../src/engine/types.ts';
import { createPlaygroundStore, initialWorld, type Engine } from '../../src/components/playground/store.ts';
import { offsetLabel, rereadLabel, timeView } from '../../src/components/workshop/timeModel.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const keys = createKeyStore();
const calls: { world: World; now: Date }[] = [];
const engine: Engine = {
  run: (world, now) => {
    calls.push({ world, now });
    return runChain(world, { now, keys });
  },
};

function staleWorld(reread: number | null): World {
  const w = initialWorld();
  w.token.appRereadSeconds = reread;
  return w;
}

describe('store time travel (setElapsed)', () => {
  it('runs the chain on the advanced world at the clock plus the offset, and reset returns to now', async () => {
    const store = createPlaygroundStore(engine, () => NOW, { initial: () => staleWorld(null) });
    store.start();
    await store.flush();
    expect(store.getState().result?.outcome).toBe('granted');

    calls.length = 0;
    store.setElapsed(25 * 3600);
    await store.flush();
    const s = store.getState();
    expect(s.elapsedSeconds).toBe(90000);
    expect(calls.at(-1)!.now.toISOString()).toBe('2026-01-16T11:00:00.000Z');
    // The app never re-reads: it presents the 25-hour-old token; the editors' world is unchanged.
    expect(calls.at(-1)!.world.token.issuedSecondsAgo).toBe(90000);
    expect(s.world.token.issuedSecondsAgo).toBe(0);
    expect(s.result?.outcome).toBe('denied');
    expect(s.result?.failedStage).toBe('lifetime');
    expect(s.result?.code).toBe('AADSTS700024');

    store.reset();
    await store.flush();
    expect(store.getState().elapsedSeconds).toBe(0);
    expect(store.getState().result?.outcome).toBe('granted');
  });

  it('an app that re-reads the file every 10 minutes stays granted a day later', async () => {
    const store = createPlaygroundStore(engine, () => NOW, { initial: () => staleWorld(600) });
    store.start();
    store.setElapsed(25 * 3600);
    await store.flush();
    expect(store.getState().result?.outcome).toBe('granted');
  });

  it('does not re-run for the same offset, refuses a negative one, and loading a scenario resets it', async () => {
    const store = createPlaygroundStore(engine, () => NOW);
    store.start();
    store.setElapsed(600);
    await store.flush();
    calls.length = 0;
    store.setElapsed(600);
    await store.flush();
    expect(calls).toHaveLength(0);
    expect(() => store.setElapsed(-1)).toThrow(RangeError);
    expect(() => store.setElapsed(Number.NaN)).toThrow(RangeError);
    expect(store.loadScenario(initialWorld(), { title: 'x' })).toEqual({ ok: true });
    expect(store.getState().elapsedSeconds).toBe(0);
  });
});

describe('time-travel view model', () => {
  it('labels offsets and re-read intervals', () => {
    expect(offsetLabel(0)).toBe('now');
    expect(offsetLabel(93600)).toBe('now + 1 d 2 h');
    expect(rereadLabel(null)).toMatch(/^never/);
    expect(rereadLabel(0)).toMatch(/every token exchange/);
    expect(rereadLabel(600)).toMatch(/10 min/);
  });

  it('reports the kubelet refresh and a stale presented token from advanceWorld', async () => {
    const w = staleWorld(null);
    const v0 = timeView(w, 0);
    expect(v0.timeline.refreshEverySeconds).toBe(2880); // 80 % of 1 h
    expect(v0.timeline.nextRefreshInSeconds).toBe(2880);
    expect(v0.watches.find((x) => x.id === 'token-expiry')?.state).toBe('waiting');

    const later = 2 * 3600;
    const result = await runChain(timeViewWorld(w, later), { now: new Date(NOW.getTime() + later * 1000), keys });
    const v = timeView(w, later, result);
    expect(v.timeline.presentedIsStale).toBe(true);
    expect(v.timeline.presentedTokenAgeSeconds).toBe(7200);
    const expiry = v.watches.find((x) => x.id === 'token-expiry')!;
    expect(expiry.state).toBe('bad');
    expect(expiry.code).toBe('AADSTS700024');
    expect(expiry.detail).toMatch(/^1 h ago/);
  });

  it('counts down a new federated credential and role assignment, and a retired key leaving the JWKS', () => {
    const w = initialWorld();
    w.identity.federatedCredentials[0]!.createdSecondsAgo = 5;
    w.roleAssignments[0]!.createdSecondsAgo = 30;
    w.cluster.signingKeys = [
      { name: 'sa-key-1', published: true, retiredSecondsAgo: 0 },
      { name: 'sa-key-2', published: true },
    ];
    const at0 = timeView(w, 0);
    expect(at0.watches.map((x) => [x.id, x.state])).toEqual([
      ['token-expiry', 'waiting'],
      ['fic-0', 'waiting'],
      ['role-0', 'waiting'],
      ['key-0', 'waiting'],
    ]);
    expect(at0.watches.find((x) => x.id === 'fic-0')!.detail).toMatch(/^in 55 s/);
    const at2m = timeView(w, 120);
    expect(at2m.watches.find((x) => x.id === 'fic-0')!.state).toBe('done');
    expect(at2m.watches.find((x) => x.id === 'role-0')!.state).toBe('waiting');
    expect(timeView(w, 600).watches.find((x) => x.id === 'role-0')!.state).toBe('done');
    // The default app re-reads every 10 min, so after a day it presents a token signed with the new key.
    expect(timeView(w, 90000).watches.find((x) => x.id === 'key-0')!.state).toBe('done');
  });

  it('does not watch credentials and assignments that propagated before the start', () => {
    const v = timeView(initialWorld(), 0);
    expect(v.watches.map((x) => x.id)).toEqual(['token-expiry']);
  });
});

function timeViewWorld(w: World, s: number): World {
  return advanceWorld(w, s).world;
}
