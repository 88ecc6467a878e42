/**
 * The presenter view's rules (presenterModel.ts): steps through a real chain result, the keyboard map, the
 * reducer (play, reset, scenarios, time travel) and the messages windows exchange; the deck names only
 * scenarios that exist, with notes and a short name for every stage; the presenter's large-type diagram.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import { STAGE_IDS } from '../../src/engine/schema.ts';
import type { ChainResult } from '../../src/engine/types.ts';
import { initialWorld } from '../../src/components/playground/store.ts';
import { finalFrame, LIGHT_PALETTE, mermaidDefinition } from '../../src/components/playground/diagram.ts';
import { DECK, STAGE_NOTES, STAGE_SHORT_TITLES } from '../../src/components/workshop/deck.ts';
import {
  actionForKey,
  ALL_STEPS,
  clampStep,
  focusStage,
  frameAt,
  INITIAL_STATE,
  lastStep,
  parseSyncMessage,
  reduce,
  sanitizeState,
  SHORTCUTS,
  type PresenterState,
} from '../../src/components/workshop/presenterModel.ts';

const keys = createKeyStore();
const NOW = new Date('2026-01-15T10:00:00Z');
let granted: ChainResult;
let deniedAtMatch: ChainResult;

async function results() {
  granted ??= await runChain(initialWorld(), { now: NOW, keys });
  if (!deniedAtMatch) {
    const w = initialWorld();
    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:dev:other';
    deniedAtMatch = await runChain(w, { now: NOW, keys });
  }
}

describe('steps through a chain result', () => {
  it('a granted chain has 9 steps; each reveals one stage in order', async () => {
    await results();
    expect(lastStep(granted)).toBe(9);
    expect(Object.values(frameAt(granted, 0))).toEqual(Array(9).fill('waiting'));
    const f3 = frameAt(granted, 3);
    expect(STAGE_IDS.map((id) => f3[id])).toEqual(['pass', 'pass', 'pass', ...Array(6).fill('waiting')]);
    expect(focusStage(granted, 3)).toBe('client-lookup');
    expect(Object.values(frameAt(granted, ALL_STEPS))).toEqual(Array(9).fill('pass'));
  });

  it('a chain failing at stage 4 has 5 steps: the failure, then the rest skipped at once', async () => {
    await results();
    expect(deniedAtMatch.failedStage).toBe('federation-match');
    expect(lastStep(deniedAtMatch)).toBe(5);
    const f4 = frameAt(deniedAtMatch, 4);
    expect(f4['federation-match']).toBe('fail');
    expect(f4['issuer-discovery']).toBe('waiting');
    expect(focusStage(deniedAtMatch, 4)).toBe('federation-match');
    const f5 = frameAt(deniedAtMatch, 5);
    expect(STAGE_IDS.slice(4).map((id) => f5[id])).toEqual(Array(5).fill('skipped'));
    expect(focusStage(deniedAtMatch, 5)).toBeUndefined();
    expect(clampStep(40, deniedAtMatch)).toBe(5);
  });
});

describe('reducer', () => {
  const deck = 12;
  it('steps forward and back within the result, and stops playing on a manual step', () => {
    let s = reduce(INITIAL_STATE, { type: 'next' }, deck, 5);
    expect(s.step).toBe(1);
    s = reduce({ ...s, step: 5 }, { type: 'next' }, deck, 5);
    expect(s.step).toBe(5);
    s = reduce({ ...s, playing: true }, { type: 'prev' }, deck, 5);
    expect(s).toMatchObject({ step: 4, playing: false });
    expect(reduce(s, { type: 'prev' }, deck, 5).step).toBe(3);
    expect(reduce({ ...s, step: 0 }, { type: 'prev' }, deck, 5).step).toBe(0);
  });

  it('plays tick by tick and stops at the last step; play at the end restarts', () => {
    let s = reduce(INITIAL_STATE, { type: 'toggle-play', by: 'w1' }, deck, 2);
    expect(s).toMatchObject({ playing: true, driver: 'w1', step: 0 });
    s = reduce(s, { type: 'tick' }, deck, 2);
    s = reduce(s, { type: 'tick' }, deck, 2);
    expect(s).toMatchObject({ step: 2, playing: false });
    expect(reduce(s, { type: 'tick' }, deck, 2)).toBe(s);
    expect(reduce(s, { type: 'toggle-play', by: 'w2' }, deck, 2)).toMatchObject({ step: 0, playing: true, driver: 'w2' });
  });

  it('reset and scenario changes go back to step 0 and the real start time; scenarios wrap around', () => {
    const busy: PresenterState = { scenario: 3, step: 4, playing: true, elapsed: 3600, reread: null };
    expect(reduce(busy, { type: 'reset' }, deck, 9)).toEqual({ scenario: 3, step: 0, playing: false, elapsed: 0, reread: undefined });
    expect(reduce(busy, { type: 'scenario', delta: 1 }, deck, 9)).toEqual({ scenario: 4, step: 0, playing: false, elapsed: 0 });
    expect(reduce({ ...busy, scenario: 11 }, { type: 'scenario', delta: 1 }, deck, 9).scenario).toBe(0);
    expect(reduce({ ...busy, scenario: 0 }, { type: 'scenario', delta: -1 }, deck, 9).scenario).toBe(11);
    expect(reduce(busy, { type: 'goto-scenario', index: 99 }, deck, 9).scenario).toBe(11);
  });

  it('time travel adds to the offset and shows the whole chain', () => {
    const s = reduce(INITIAL_STATE, { type: 'advance', seconds: 3600 }, deck, 9);
    expect(s).toMatchObject({ elapsed: 3600, step: ALL_STEPS });
    expect(reduce(s, { type: 'set-elapsed', seconds: 0 }, deck, 9).elapsed).toBe(0);
    expect(reduce(s, { type: 'set-reread', value: null }, deck, 9).reread).toBeNull();
  });

  it('accepts a state from another window only when it is valid', () => {
    const good = { scenario: 2, step: 3, playing: false, elapsed: 60, reread: 600, driver: 'x' };
    expect(reduce(INITIAL_STATE, { type: 'replace', state: good }, deck, 9)).toEqual(good);
    for (const bad of [null, { ...good, scenario: 12 }, { ...good, step: -1 }, { ...good, playing: 'yes' }, { ...good, elapsed: 1.5 }]) {
      expect(sanitizeState(bad, deck)).toBeUndefined();
    }
    expect(parseSyncMessage({ type: 'hello', from: 'a' }, deck)).toEqual({ type: 'hello', from: 'a' });
    expect(parseSyncMessage({ type: 'state', from: 'a', state: good }, deck)).toEqual({ type: 'state', from: 'a', state: good });
    expect(parseSyncMessage({ type: 'state', from: 'a', state: { ...good, scenario: 'x' } }, deck)).toBeUndefined();
    expect(parseSyncMessage({ type: 'other', from: 'a' }, deck)).toBeUndefined();
  });
});

describe('keyboard map', () => {
  it('maps the shortcuts shown in the legend to their actions', () => {
    expect(actionForKey('ArrowRight', 'me')).toEqual({ type: 'next' });
    expect(actionForKey('PageDown', 'me')).toEqual({ type: 'next' });
    expect(actionForKey('ArrowLeft', 'me')).toEqual({ type: 'prev' });
    expect(actionForKey(' ', 'me')).toEqual({ type: 'toggle-play', by: 'me' });
    expect(actionForKey('r', 'me')).toEqual({ type: 'reset' });
    expect(actionForKey('N', 'me')).toEqual({ type: 'scenario', delta: 1 });
    expect(actionForKey('p', 'me')).toEqual({ type: 'scenario', delta: -1 });
    expect(actionForKey('t', 'me')).toEqual({ type: 'advance', seconds: 3600 });
    expect(actionForKey('m', 'me')).toEqual({ type: 'advance', seconds: 600 });
    expect(actionForKey('T', 'me')).toEqual({ type: 'advance', seconds: 86400 });
    expect(actionForKey('0', 'me')).toEqual({ type: 'set-elapsed', seconds: 0 });
    expect(actionForKey('f', 'me')).toBe('fullscreen');
    expect(actionForKey('x', 'me')).toBeUndefined();
    for (const s of SHORTCUTS) for (const k of s.keys) expect(actionForKey(k, 'me'), k).toBeDefined();
  });
});

describe('deck', () => {
  it('names existing scenarios once each, and every stage has notes', () => {
    const slugs = DECK.map((d) => d.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(existsSync(new URL(`../../content/scenarios/${s}.yaml`, import.meta.url)), s).toBe(true);
    for (const id of STAGE_IDS) {
      expect(STAGE_NOTES[id].say.length).toBeGreaterThan(40);
      expect(STAGE_NOTES[id].ask).toMatch(/\?$/);
    }
  });

  it('has a distinct short name for every stage, shorter than its full title', async () => {
    await results();
    const names = STAGE_IDS.map((id) => STAGE_SHORT_TITLES[id]);
    expect(new Set(names).size).toBe(STAGE_IDS.length);
    for (const id of STAGE_IDS) {
      const full = granted.stages.find((s) => s.id === id)!.title;
      expect(STAGE_SHORT_TITLES[id].length, id).toBeLessThanOrEqual(Math.min(full.length, 18));
    }
  });
});

describe("the presenter's diagram definition", () => {
  it('sets a larger font size and wrapping width, and leaves out the small per-stage line', async () => {
    await results();
    const f = finalFrame(deniedAtMatch);
    const plain = mermaidDefinition(deniedAtMatch, f, LIGHT_PALETTE, { direction: 'LR' });
    const large = mermaidDefinition(deniedAtMatch, f, LIGHT_PALETTE, { direction: 'LR', fontSize: 20, wrapWidth: 180, stagesLine: 'none' });
    // The playground's definition is unchanged: no size of its own, the per-stage line in <small>.
    expect(plain).not.toMatch(/fontSize|wrappingWidth/);
    expect(plain).toContain('<small>client ✓ · match ✗ · lifetime –</small>');
    // The presenter's: both settings in the front matter (before its closing ---), no small type at all.
    const front = large.split('\n---\n')[0]!;
    expect(front).toContain('    wrappingWidth: 180');
    expect(front).toContain('    fontSize: "20px"');
    expect(large).not.toContain('<small>');
    expect(large).toContain('✗\u00a0AADSTS700213');
    // Everything else is the same drawing.
    const body = (d: string) => d.split('\n---\n')[1];
    expect(body(large)).toBe(body(plain)!.replace(/<br\/><small>[^<]*<\/small>/g, ''));
  });
});
