/**
 * The playground's framework-free modules: the store (debounced edits, last good result kept, stale runs
 * dropped), the JSON editor parsing, and the diagram model (frames, node statuses, label sanitizing).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runChain } from '../../src/engine/chain.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import type { ChainResult, World } from '../../src/engine/types.ts';
import {
  animationFrames,
  finalFrame,
  LIGHT_PALETTE,
  mermaidDefinition,
  NODES,
  nodeStatus,
  sanitizeLabel,
} from '../../src/components/playground/diagram.ts';
import { locatePath, parseFederatedCredentials, pathSegments } from '../../src/components/playground/jsonText.ts';
import { createPlaygroundStore, DEBOUNCE_MS, initialWorld, textsFor, type Engine } from '../../src/components/playground/store.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const keys = createKeyStore();
const realEngine: Engine = { run: (world, now) => runChain(world, { now, keys }) };

describe('parseFederatedCredentials', () => {
  it('accepts the default credentials and applies defaults', () => {
    const text = JSON.stringify([{ name: 'a-b', issuer: 'https://x/', subject: 's', audiences: ['api://AzureADTokenExchange'] }]);
    const r = parseFederatedCredentials(text);
    expect(r.ok && r.value[0]!.createdSecondsAgo).toBe(3600);
  });

  it('reports a JSON syntax error with line and column', () => {
    const r = parseFederatedCredentials('[\n  {\n    "name": "a",\n  }\n]');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^JSON syntax error: /);
    expect(r.error.line).toBe(4);
    expect(r.error.column).toBeGreaterThanOrEqual(1);
  });

  it('points at a misspelt field', () => {
    const text = '[\n  {\n    "name": "a-b",\n    "issuer": "https://x/",\n    "subjet": "s",\n    "audiences": []\n  }\n]';
    const r = parseFederatedCredentials(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('unknown field "subjet"');
    expect(r.error).toMatchObject({ line: 5, column: 5 });
  });

  it('points at a value of the wrong type', () => {
    const text = '[\n  {\n    "name": "a-b",\n    "issuer": "https://x/",\n    "subject": "s",\n    "audiences": "api://AzureADTokenExchange"\n  }\n]';
    const r = parseFederatedCredentials(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.path).toBe('[0].audiences');
    expect(r.error.line).toBe(6);
  });

  it('refuses something that is not an array', () => {
    const r = parseFederatedCredentials('{"name": "x"}');
    expect(!r.ok && r.error.message).toMatch(/Expected a JSON array/);
  });
});

describe('locatePath / pathSegments', () => {
  it('parses bracketed paths', () => {
    expect(pathSegments('[1].name')).toEqual([1, 'name']);
    expect(pathSegments('a.b[2]["x.y"]')).toEqual(['a', 'b', 2, 'x.y']);
  });
  it('finds a path in JSON text', () => {
    expect(locatePath('[\n  {"a": 1},\n  {"name": "x"}\n]', [1, 'name'])).toEqual({ line: 3, column: 4 });
  });
});

describe('store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts with texts that describe the initial world and runs the engine once started', async () => {
    const run = vi.fn(realEngine.run);
    const store = createPlaygroundStore({ run }, () => NOW);
    const s0 = store.getState();
    expect(s0.texts).toEqual(textsFor(initialWorld()).texts);
    expect(s0.result).toBeUndefined();
    store.start();
    store.start();
    await vi.waitFor(() => expect(store.getState().result).toBeDefined());
    expect(run).toHaveBeenCalledTimes(1);
    expect(store.getState().result!.outcome).toBe('granted');
    expect(store.getState().busy).toBe(false);
  });

  it('applies an edit after the debounce and re-runs the chain', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.start();
    await vi.waitFor(() => expect(store.getState().result).toBeDefined());
    const text = store.getState().texts.fic.replace('serviceaccount:dev:', 'serviceaccount:prod:');
    store.setText('fic', text);
    expect(store.getState().texts.fic).toBe(text);
    expect(store.getState().busy).toBe(true);
    expect(store.getState().world.identity.federatedCredentials[0]!.subject).toBe('system:serviceaccount:dev:my-app-sa');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    await vi.waitFor(() => expect(store.getState().result!.outcome).toBe('denied'));
    expect(store.getState().result!.code).toBe('AADSTS700213');
    expect(store.getState().world.identity.federatedCredentials[0]!.subject).toBe('system:serviceaccount:prod:my-app-sa');
  });

  it('keeps the last good world and result when an editor is invalid, and records its error', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.start();
    await vi.waitFor(() => expect(store.getState().result).toBeDefined());
    const before = store.getState().result;
    const world = store.getState().world;
    store.setText('pod', 'kind: Pod\napiVersion: v1\nmetadata: {}\n');
    await store.flush();
    const s = store.getState();
    expect(s.errors.pod?.message).toBe('metadata.name is missing: every Pod needs a name.');
    expect(s.world).toBe(world);
    expect(s.result).toBe(before);
    // Fixing it clears the error.
    store.setText('pod', textsFor(initialWorld()).texts.pod);
    await store.flush();
    expect(store.getState().errors.pod).toBeUndefined();
  });

  it('validates the token request fields', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.setSetting('expirationSeconds', '12.5');
    await store.flush();
    expect(store.getState().errors.expirationSeconds?.message).toMatch(/whole number/);
    store.setSetting('expirationSeconds', '7200');
    await store.flush();
    expect(store.getState().errors.expirationSeconds).toBeUndefined();
    expect(store.getState().world.token.expirationSeconds).toBe(7200);
  });

  it('drops the result of a run that a newer run overtook', async () => {
    const resolvers: ((r: ChainResult) => void)[] = [];
    const worlds: World[] = [];
    const engine: Engine = {
      run: (w) => {
        worlds.push(w);
        return new Promise((resolve) => resolvers.push(resolve));
      },
    };
    const store = createPlaygroundStore(engine, () => NOW);
    store.start(); // run 1
    store.setSetting('issuedSecondsAgo', '10');
    void store.flush(); // run 2 starts at once; its promise settles only when resolved below
    expect(resolvers).toHaveLength(2);
    const fake = (tag: string) => ({ outcome: 'granted', code: tag }) as unknown as ChainResult;
    resolvers[1]!(fake('second'));
    await vi.waitFor(() => expect(store.getState().result?.code).toBe('second'));
    resolvers[0]!(fake('first'));
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().result?.code).toBe('second');
    expect(store.getState().resultVersion).toBe(1);
  });

  it('reset restores the default texts, clears errors and bumps textsVersion', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.setText('sa', 'not: [valid');
    await store.flush();
    expect(store.getState().errors.sa).toBeDefined();
    store.reset();
    const s = store.getState();
    expect(s.errors).toEqual({});
    expect(s.texts).toEqual(textsFor(initialWorld()).texts);
    expect(s.textsVersion).toBe(1);
  });
});

describe('diagram model', () => {
  let granted: ChainResult;
  let denied: ChainResult;
  beforeEach(async () => {
    granted = await runChain(initialWorld(), { now: NOW, keys });
    const w = initialWorld();
    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:prod:my-app-sa';
    denied = await runChain(w, { now: NOW, keys });
  });

  it('animates each stage (checking, then its status) and ends on the final frame', () => {
    const frames = animationFrames(granted);
    expect(Object.values(frames[0]!).every((s) => s === 'waiting')).toBe(true);
    expect(frames).toHaveLength(1 + 9 * 2);
    expect(frames[1]!.admission).toBe('checking');
    expect(frames[2]!.admission).toBe('pass');
    expect(frames.at(-1)).toEqual(finalFrame(granted));
  });

  it('after a failure, turns the remaining stages skipped in one frame', () => {
    const frames = animationFrames(denied);
    // waiting, then 4 stages × 2 frames, then one frame with the 5 skipped stages
    expect(frames).toHaveLength(1 + 4 * 2 + 1);
    expect(frames.at(-1)).toEqual(finalFrame(denied));
    expect(finalFrame(denied)['federation-match']).toBe('fail');
    expect(finalFrame(denied).authorization).toBe('skipped');
  });

  it('gives the failing node its code, and later nodes "skipped"', () => {
    const f = finalFrame(denied);
    const entra = NODES.find((n) => n.id === 'entra')!;
    expect(nodeStatus(entra, f, denied)).toEqual({ status: 'fail', code: 'AADSTS700213' });
    expect(nodeStatus(NODES.find((n) => n.id === 'mi')!, f, denied).status).toBe('skipped');
    expect(nodeStatus(NODES.find((n) => n.id === 'pod')!, f, denied).status).toBe('pass');
    const def = mermaidDefinition(denied, f, LIGHT_PALETTE, { direction: 'LR' });
    expect(def).toContain('✗\u00a0AADSTS700213');
    expect(def).toContain('class entra fail');
    expect(def).toContain('class mi skipped');
  });

  it('sanitizes labels so editor input cannot inject Mermaid syntax or HTML', () => {
    expect(sanitizeLabel('evil"]; click pod call alert(1) <img src=x onerror=alert(1)>')).not.toMatch(/["<>;()[\]]/);
    const w = structuredClone(granted.world);
    w.pod.name = 'x"] --> y[<script>alert(1)</script>';
    const def = mermaidDefinition({ ...granted, world: w }, finalFrame(granted), LIGHT_PALETTE, { direction: 'TB' });
    expect(def).not.toContain('<script>');
    expect(def).not.toContain('x"]');
    // Only the six node definitions and the fixed group/edge lines carry quotes.
    expect(def.match(/\["/g)).toHaveLength(8);
  });
});
