/**
 * The playground's framework-free modules: the store (debounced edits, last good result kept, stale runs
 * dropped, scenarios loaded, the simulated clock), the JSON and advanced YAML editors' parsing, share links
 * (loading, copying), and the diagram model (frames, node statuses, label sanitizing).
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
import { locatePath, parseFederatedCredentials, pathLocator, pathSegments } from '../../src/components/playground/jsonText.ts';
import {
  createPlaygroundStore,
  DEBOUNCE_MS,
  initialWorld,
  MAX_EDITOR_BYTES,
  normalizeWorld,
  textsFor,
  utf8Length,
  type Engine,
} from '../../src/components/playground/store.ts';
import { ADVANCED_SECTIONS, OPTIONAL_SECTIONS, advancedYaml, applyAdvancedYaml, changedSections } from '../../src/components/playground/advancedText.ts';
import { isAdvancedPath } from '../../src/components/playground/AdvancedEditor.tsx';
import {
  CUSTOM_TITLE,
  formatSimulatedTime,
  hasShareParam,
  loadShareHash,
  playgroundShareUrl,
  shareTitle,
  stateFragment,
} from '../../src/components/playground/shareLink.ts';
import { parseScenario, resolveScenario } from '../../src/engine/scenario.ts';
import { decodeShare, namedScenarioShare, shareFragment } from '../../src/lib/share.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

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
  it('pathLocator answers many paths from one parse, the same as locatePath', () => {
    const text = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ name: `fic-${i}`, subject: 's' })), null, 2);
    const locate = pathLocator(text);
    for (const path of [[0], [49, 'subject'], [7, 'missing'], [99]]) expect(locate(path)).toEqual(locatePath(text, path));
    expect(locate([49, 'subject'])).toEqual({ line: 1 + 49 * 4 + 3, column: 5 });
    expect(pathLocator('[ not json')([0])).toBeUndefined();
  });
  it('pathLocator parses the text once for 1,000 lookups (what the playground does per edit)', () => {
    const text = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ name: `fic-${i}`, issuer: 'https://issuer.example/', subject: 's' })), null, 2);
    const t0 = performance.now();
    locatePath(text, [999, 'name']);
    const once = performance.now() - t0;
    const locate = pathLocator(text);
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) locate([i, 'name']);
    // 1,000 re-parses would take ~1,000 × `once`; one parse plus 1,000 walks takes a few parses' time at most.
    expect(performance.now() - t1).toBeLessThan(Math.max(once * 20, 50));
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

  it('applies an edit at once (no debounce: the next microtask) and re-runs the chain', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.start();
    await vi.waitFor(() => expect(store.getState().result).toBeDefined());
    const text = store.getState().texts.fic.replace('serviceaccount:dev:', 'serviceaccount:prod:');
    store.setText('fic', text);
    expect(store.getState().texts.fic).toBe(text);
    expect(store.getState().busy).toBe(true);
    expect(store.getState().world.identity.federatedCredentials[0]!.subject).toBe('system:serviceaccount:dev:my-app-sa');
    expect(DEBOUNCE_MS).toBe(0);
    await Promise.resolve(); // no timer to advance: the edit applies in the next microtask
    expect(store.getState().world.identity.federatedCredentials[0]!.subject).toBe('system:serviceaccount:prod:my-app-sa');
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

  it('does not apply a text over MAX_EDITOR_BYTES: keeps it as typed, says how large it is and the limit, keeps world and result', async () => {
    const run = vi.fn(realEngine.run);
    const store = createPlaygroundStore({ run }, () => NOW);
    store.start();
    await vi.waitFor(() => expect(store.getState().result).toBeDefined());
    const { world, result } = store.getState();
    const credential = { issuer: 'https://issuer.example/', subject: 'system:serviceaccount:dev:my-app-sa', audiences: ['api://AzureADTokenExchange'] };
    const big = JSON.stringify(Array.from({ length: 5200 }, (_, i) => ({ name: `fic-${i}`, ...credential })), null, 2);
    expect(big.length).toBeGreaterThan(3 * MAX_EDITOR_BYTES);
    store.setText('fic', big);
    const s = store.getState();
    expect(s.texts.fic).toBe(big);
    expect(s.errors.fic?.message).toBe(
      `Too large: this text is ${Math.ceil(big.length / 1024).toLocaleString('en-US')} KB, and an editor takes at most 256 KB. Shorten it (or undo the paste) to apply it; until then the last text that applied stays in effect.`,
    );
    expect(s.busy).toBe(false);
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    await store.flush();
    expect(store.getState().world).toBe(world);
    expect(store.getState().result).toBe(result);
    expect(store.getState().errors.fic).toBeDefined();
    expect(run).toHaveBeenCalledTimes(1);

    // An edit still waiting when the big text arrives is dropped: it cannot clear the message afterwards.
    const edited = textsFor(initialWorld()).texts.fic.replace('serviceaccount:dev:', 'serviceaccount:prod:');
    store.setText('fic', edited);
    store.setText('fic', `${big} `);
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    await store.flush();
    expect(store.getState().errors.fic?.message).toMatch(/^Too large/);
    expect(store.getState().world).toBe(world);

    // A text that fits applies as usual.
    store.setText('fic', edited);
    await store.flush();
    expect(store.getState().errors.fic).toBeUndefined();
    expect(store.getState().result!.code).toBe('AADSTS700213');
  });

  it('the limit is in UTF-8 bytes, exactly: MAX_EDITOR_BYTES fits, one byte more does not; form fields too', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    // A YAML comment of 2-byte characters, padded to an exact byte count.
    const pad = (bytes: number) => `# ${'\u00e9'.repeat(Math.floor((bytes - 3) / 2))}${'x'.repeat((bytes - 3) % 2)}\n`;
    expect(utf8Length(pad(MAX_EDITOR_BYTES))).toBe(MAX_EDITOR_BYTES);
    expect(utf8Length('a\u00e9\u20ac\ud83d\ude00')).toBe(1 + 2 + 3 + 4);
    store.setText('sa', pad(MAX_EDITOR_BYTES));
    await store.flush();
    expect(store.getState().errors.sa?.message).toBeDefined(); // parsed: a comment is no ServiceAccount
    expect(store.getState().errors.sa?.message).not.toMatch(/Too large/);
    store.setText('sa', pad(MAX_EDITOR_BYTES + 1));
    expect(store.getState().errors.sa?.message).toMatch(/^Too large: this text is 257 KB, and an editor takes at most 256 KB\./);
    store.setSetting('audience', 'a'.repeat(MAX_EDITOR_BYTES + 1));
    expect(store.getState().errors.audience?.message).toMatch(/^Too large/);
    await store.flush();
    expect(store.getState().world.token.audience).toBe(initialWorld().token.audience);
  });

  it('refuses to load a scenario whose editor text would be over the limit', () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    const w = initialWorld();
    const fic = w.identity.federatedCredentials[0]!;
    w.identity.federatedCredentials = Array.from({ length: 2000 }, (_, i) => ({ ...fic, name: `fic-${i}` }));
    const before = store.getState();
    const r = store.loadScenario(w, { title: 'big' });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^The scenario is too large: as text, its federated credentials would be [\d,]+ KB, and an editor takes at most 256 KB\.$/) });
    expect(store.getState()).toBe(before);
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

// ---------------------------------------------------------------------------------------------------
// The advanced editor (cluster, identity, request, resource, role assignments, and the token and pod
// fields no other input shows), share-link loading, the simulated clock and the playground's own links.

const SCENARIO_DIR = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));
const NAMED = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, data: parseYaml(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as { provider?: string } }))
  // The playground's editors edit aks-entra worlds (and load only that provider); other providers'
  // scenarios are read on their own pages.
  .filter(({ data }) => (data.provider ?? 'aks-entra') === 'aks-entra')
  .map(({ file, data }) => {
    const r = parseScenario(data);
    if (!r.ok) throw new Error(`${file}: ${r.issues.map((i) => i.message).join('; ')}`);
    return { file, scenario: r.scenario, world: r.world };
  });

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('advanced editor text', () => {
  const base = initialWorld();
  const text = advancedYaml(base);

  it('shows the advanced sections, and not what the other inputs own', () => {
    const doc = parseYaml(text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc)).toEqual(ADVANCED_SECTIONS.filter((k) => !OPTIONAL_SECTIONS.includes(k)));
    expect(doc.cluster!.oidcIssuer).toMatchObject({ reachable: true, provisioned: true, url: base.cluster.oidcIssuer.url });
    expect(doc.identity).not.toHaveProperty('federatedCredentials');
    expect(Object.keys(doc.token!).sort()).toEqual(['claims', 'signingKey', 'tamperedAfterSigning']);
    expect(doc.pod).toEqual({ createdBeforeWebhookLabel: false });
    expect(doc.roleAssignments).toEqual(base.roleAssignments);
    // Where the missing fields are is said in the text.
    expect(text).toContain('# The federated credentials are in their own editor above.');
  });

  it('shows otherIdentities when the world has them, reads edits to them, and removing the section means none', () => {
    // Without other identities the section is absent and a comment says it exists.
    expect(text).toMatch(/# Optional: otherIdentities/);
    expect(base.otherIdentities).toBeUndefined();
    const other = { name: 'id-old-pod-identity', clientId: '0f3c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', federatedCredentials: [] };
    const withOther = applyAdvancedYaml(base, `${text}\notherIdentities:\n  - name: ${other.name}\n    clientId: "${other.clientId}"\n`);
    expect(withOther.ok).toBe(true);
    if (!withOther.ok) return;
    expect(withOther.world.otherIdentities).toHaveLength(1);
    expect(withOther.world.otherIdentities![0]).toMatchObject({ name: other.name, clientId: other.clientId });
    expect(changedSections(base, withOther.world)).toEqual(['otherIdentities']);
    // Its own text shows the section (and no hint comment), and reads back to the same world.
    const text2 = advancedYaml(withOther.world);
    expect((parseYaml(text2) as Record<string, unknown>).otherIdentities).toBeDefined();
    expect(text2).not.toMatch(/# Optional: otherIdentities/);
    const again = applyAdvancedYaml(withOther.world, text2);
    expect(again.ok && again.world).toEqual(withOther.world);
    // Removing the section: no other identities, the world as before.
    const removed = applyAdvancedYaml(withOther.world, text);
    expect(removed.ok && removed.world).toEqual(base);
    // A wrong field inside it is located in the text.
    const bad = applyAdvancedYaml(base, `${text}\notherIdentities:\n  - name: x\n`);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/otherIdentities\[0\]\.clientId/);
  });

  it('reads its own text back into the same world', () => {
    const r = applyAdvancedYaml(base, text);
    expect(r.ok && r.world).toEqual(base);
  });

  it('reads back the advanced part of every named scenario unchanged', () => {
    for (const { file, world } of NAMED) {
      const w = normalizeWorld(world);
      const r = applyAdvancedYaml(w, advancedYaml(w));
      expect(r.ok ? r.world : r.error, file).toEqual(w);
    }
  });

  it('applies an edit to its section only: reachable: false', () => {
    const r = applyAdvancedYaml(base, text.replace('reachable: true', 'reachable: false'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.world.cluster.oidcIssuer.reachable).toBe(false);
    expect({ ...r.world, cluster: base.cluster }).toEqual(base);
  });

  it('keeps the fields other inputs own, and sets pod.createdBeforeWebhookLabel', () => {
    const w = structuredClone(base);
    w.token.audience = 'api://other';
    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:x:y';
    const r = applyAdvancedYaml(w, advancedYaml(w).replace('createdBeforeWebhookLabel: false', 'createdBeforeWebhookLabel: true'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.world.pod.createdBeforeWebhookLabel).toBe(true);
    expect(r.world.token.audience).toBe('api://other');
    expect(r.world.identity.federatedCredentials).toEqual(w.identity.federatedCredentials);
    expect(r.world.pod.name).toBe(w.pod.name);
  });

  it('restores the default of a removed optional field, and replaces arrays whole', () => {
    const edited = text
      .split('\n')
      .filter((l) => !l.includes('provisioned: true') && !l.includes('kubernetesVersion'))
      .join('\n')
      .replace(/roleAssignments:\n(?: {4}.*\n| {2}- .*\n)+/, 'roleAssignments: []\n');
    const r = applyAdvancedYaml(base, edited);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.world.cluster.oidcIssuer.provisioned).toBe(true);
    expect(r.world.cluster.kubernetesVersion).toBe('1.31');
    expect(r.world.roleAssignments).toEqual([]);
  });

  it('locates a value of the wrong type at its line and column', () => {
    const bad = text.replace('reachable: true', 'reachable: nope');
    const r = applyAdvancedYaml(base, bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('cluster.oidcIssuer.reachable: expected boolean, received string');
    expect(r.error).toMatchObject({ path: 'cluster.oidcIssuer.reachable', line: lineOf(bad, 'reachable:'), column: 5 });
  });

  it('reports a misspelt field before the missing one, at the misspelt key', () => {
    const bad = text.replace('principalId: a7', 'principalID: a7');
    const r = applyAdvancedYaml(base, bad);
    expect(!r.ok && r.error).toMatchObject({ message: 'identity: unknown field "principalID" (check the spelling)', line: lineOf(bad, 'principalID'), column: 3 });
  });

  it('says to quote a version that YAML reads as a number', () => {
    const r = applyAdvancedYaml(base, text.replace('kubernetesVersion: "1.31"', 'kubernetesVersion: 1.31'));
    expect(!r.ok && r.error.message).toBe('cluster.kubernetesVersion: expected string, received number (in YAML, put the value in quotes)');
  });

  it('reports a YAML syntax error with its position', () => {
    const bad = text.replace('  scope: https://vault.azure.net/.default', '  scope: [https://vault.azure.net/.default');
    const r = applyAdvancedYaml(base, bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^YAML syntax error: /);
    expect(r.error.line).toBeGreaterThanOrEqual(lineOf(bad, 'scope: ['));
  });

  it('refuses fields another input owns, naming where to edit them', () => {
    const withAudience = text.replace('  signingKey: sa-key-1', '  audience: api://x\n  signingKey: sa-key-1');
    const r1 = applyAdvancedYaml(base, withAudience);
    expect(!r1.ok && r1.error).toMatchObject({ message: 'token.audience is edited in the token request form (Audience); remove it here.', line: lineOf(withAudience, 'audience: api://x') });
    const withFics = text.replace('  kind: user-assigned', '  kind: user-assigned\n  federatedCredentials: []');
    const r2 = applyAdvancedYaml(base, withFics);
    expect(!r2.ok && r2.error.message).toContain('the Federated identity credentials editor');
    const withPodName = text.replace('  createdBeforeWebhookLabel: false', '  createdBeforeWebhookLabel: false\n  name: other');
    const r3 = applyAdvancedYaml(base, withPodName);
    expect(!r3.ok && r3.error.message).toContain('the rest of the Pod is edited in its manifest');
  });

  it('refuses unknown and missing sections, and an empty text', () => {
    const unknown = text.replace('request:', 'requests:');
    const r1 = applyAdvancedYaml(base, unknown);
    expect(!r1.ok && r1.error).toMatchObject({ line: lineOf(unknown, 'requests:'), column: 1 });
    expect(!r1.ok && r1.error.message).toMatch(/^unknown section "requests"/);
    const missing = text.replace(/^request:\n {2}scope: .*\n/m, '');
    const r2 = applyAdvancedYaml(base, missing);
    expect(!r2.ok && r2.error.message).toMatch(/the section "request" is missing/);
    expect(applyAdvancedYaml(base, '# only a comment\n').ok).toBe(false);
    expect(applyAdvancedYaml(base, '- a\n- b\n').ok).toBe(false);
  });

  it('names the sections in which two worlds differ', () => {
    const w = structuredClone(base);
    expect(changedSections(w, base)).toEqual([]);
    w.cluster.oidcIssuer.reachable = false;
    w.roleAssignments = [];
    w.identity.federatedCredentials = []; // not in the advanced editor
    expect(changedSections(w, base)).toEqual(['cluster', 'roleAssignments']);
  });

  it('locates role assignment config errors for the editor (isAdvancedPath)', () => {
    expect(isAdvancedPath('roleAssignments[0].scope')).toBe(true);
    expect(isAdvancedPath('cluster.oidcIssuer.url')).toBe(true);
    expect(isAdvancedPath('identity.federatedCredentials[1]')).toBe(false);
    expect(isAdvancedPath('token.expirationSeconds')).toBe(false);
    expect(isAdvancedPath('pod.annotations["x"]')).toBe(false);
    expect(isAdvancedPath('serviceAccount.namespace')).toBe(false);
  });
});

describe('store: advanced edits, loading a scenario, the simulated clock', () => {
  it('runs the advanced edit: an unreachable issuer fails issuer-discovery with AADSTS50166; fixing it grants', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.start();
    const text = store.getState().texts.advanced;
    store.setText('advanced', text.replace('reachable: true', 'reachable: false'));
    await store.flush();
    await vi.waitFor(() => expect(store.getState().busy).toBe(false));
    expect(store.getState().result).toMatchObject({ outcome: 'denied', failedStage: 'issuer-discovery', code: 'AADSTS50166' });
    // A broken text keeps the last good world and result.
    const before = store.getState().result;
    store.setText('advanced', text.replace('reachable: true', 'reachable: maybe'));
    await store.flush();
    expect(store.getState().errors.advanced?.line).toBe(lineOf(text, 'reachable:'));
    expect(store.getState().result).toBe(before);
    expect(store.getState().world.cluster.oidcIssuer.reachable).toBe(false);
    store.setText('advanced', text);
    await store.flush();
    await vi.waitFor(() => expect(store.getState().busy).toBe(false));
    expect(store.getState().errors.advanced).toBeUndefined();
    expect(store.getState().result!.outcome).toBe('granted');
  });

  it('loads a scenario: texts regenerated, fixed clock used, title and changed sections remembered', async () => {
    const run = vi.fn(realEngine.run);
    const realClock = vi.fn(() => new Date('2030-05-05T05:05:05Z'));
    const store = createPlaygroundStore({ run }, realClock);
    store.start();
    const named = NAMED.find((n) => n.file === 'issuer-storage-blocks-public-access.yaml')!;
    const r = store.loadScenario(named.world, { title: named.scenario.title, now: '2026-01-15T10:00:00Z' });
    expect(r).toEqual({ ok: true });
    const s = store.getState();
    expect(s.fixedNow).toBe('2026-01-15T10:00:00Z');
    expect(s.textsVersion).toBe(1);
    expect(s.loadVersion).toBe(1);
    expect(s.shared).toMatchObject({ title: named.scenario.title, advancedChanged: true, advancedSections: ['cluster'] });
    expect(s.texts.advanced).toContain('reachable: false');
    expect(JSON.parse(s.texts.fic)[0].issuer).toBe(named.world.identity.federatedCredentials[0]!.issuer);
    await vi.waitFor(() => expect(store.getState().busy).toBe(false));
    expect(run.mock.lastCall![1]).toEqual(new Date('2026-01-15T10:00:00Z'));
    expect(store.getState().result).toMatchObject({ outcome: 'denied', code: 'AADSTS50166' });

    // Back to the real clock: re-run with it.
    store.setClock(undefined);
    expect(store.getState().fixedNow).toBeUndefined();
    await vi.waitFor(() => expect(run.mock.lastCall![1]).toEqual(new Date('2030-05-05T05:05:05Z')));
    expect(() => store.setClock('not a date')).toThrow(RangeError);

    // Reset forgets the scenario and the clock.
    store.setClock('2026-02-01T00:00:00Z');
    store.reset();
    expect(store.getState().fixedNow).toBeUndefined();
    expect(store.getState().shared).toBeUndefined();
    expect(store.getState().world).toEqual(initialWorld());
  });

  it('a scenario that changes only the FICs does not mark the advanced part changed', () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    const named = NAMED.find((n) => n.file === 'fic-issuer-missing-trailing-slash.yaml')!;
    expect(store.loadScenario(named.world, { title: named.scenario.title }).ok).toBe(true);
    expect(store.getState().shared).toMatchObject({ advancedChanged: false, advancedSections: [] });
    expect(store.getState().fixedNow).toBeUndefined();
  });

  it('refuses an invalid world or time and leaves the state exactly as it was', () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    const before = store.getState();
    const bad = { ...initialWorld(), cluster: { oops: true } } as unknown as World;
    const r1 = store.loadScenario(bad, { title: 'x' });
    expect(r1.ok).toBe(false);
    expect(!r1.ok && r1.error).toMatch(/^The scenario's world is not valid: world\.cluster/);
    const r2 = store.loadScenario(initialWorld(), { title: 'x', now: 'yesterday' });
    expect(r2.ok).toBe(false);
    expect(store.getState()).toBe(before);
  });

  it('drops pending edits when a scenario is loaded', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.setText('pod', 'not: [valid');
    store.loadScenario(initialWorld(), { title: 't' });
    await store.flush();
    expect(store.getState().errors).toEqual({});
    expect(store.getState().texts.pod).toBe(textsFor(initialWorld()).texts.pod);
  });

  it('normalizing a named scenario (explicit pod namespace and ServiceAccount) never changes its verdict', async () => {
    for (const { file, scenario, world } of NAMED) {
      const now = new Date(scenario.now ?? '2026-01-15T10:00:00Z');
      const raw = await runChain(world, { now, keys });
      const norm = await runChain(normalizeWorld(world), { now, keys });
      expect([norm.outcome, norm.failedStage, norm.code, norm.stages.map((s) => s.status)], file).toEqual([
        raw.outcome,
        raw.failedStage,
        raw.code,
        raw.stages.map((s) => s.status),
      ]);
    }
  });
});

describe('share links in the playground', () => {
  it('finds the s= parameter in a fragment', () => {
    expect(hasShareParam('#s=1.abc')).toBe(true);
    expect(hasShareParam('#x=1&s=1.abc')).toBe(true);
    expect(hasShareParam('s=')).toBe(true);
    expect(hasShareParam('#section-2')).toBe(false);
    expect(hasShareParam('#ss=1')).toBe(false);
    expect(hasShareParam('')).toBe(false);
  });

  it('loads a named scenario link (the trailing-slash FIC) with its clock', async () => {
    const named = NAMED.find((n) => n.file === 'fic-issuer-missing-trailing-slash.yaml')!;
    const hash = await shareFragment(namedScenarioShare({ title: named.scenario.title, now: named.scenario.now, world: parseYaml(readFileSync(join(SCENARIO_DIR, named.file), 'utf8')).world }));
    const store = createPlaygroundStore(realEngine, () => NOW);
    const out = await loadShareHash(store, hash);
    expect(out).toEqual({ status: 'loaded', provider: 'aks-entra', title: 'FIC issuer is missing the trailing slash', now: '2026-01-15T10:00:00Z' });
    const s = store.getState();
    expect(JSON.parse(s.texts.fic)[0].issuer).toMatch(/c3a9e1f4-8d2b-4e6a-b5c7-1f0e9d8c7b6a$/);
    expect(s.fixedNow).toBe('2026-01-15T10:00:00Z');
    await vi.waitFor(() => expect(store.getState().result?.code).toBe('AADSTS700211'));
  });

  it('leaves the state alone for a broken link and says why', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    const before = store.getState();
    for (const hash of ['#s=garbage!!', '#s=1.AAAA', '#s=9.abc', '#s=']) {
      const out = await loadShareHash(store, hash);
      expect(out.status, hash).toBe('error');
      expect(out.status === 'error' && out.error.length, hash).toBeGreaterThan(10);
    }
    // A link whose scenario the schema refuses.
    const invalid = await shareFragment({ schema: 1, title: 'x', world: { cluster: { oidcIssuer: { reachable: 'no' } } } });
    const out = await loadShareHash(store, invalid);
    expect(out.status === 'error' && out.error).toMatch(/world\.cluster\.oidcIssuer\.reachable/);
    expect(await loadShareHash(store, '#about')).toEqual({ status: 'none' });
    expect(store.getState()).toBe(before);
  });

  it('drops a link that a newer one overtook while decoding', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    const before = store.getState();
    const hash = await shareFragment({ schema: 1, title: 'old', world: {} });
    expect(await loadShareHash(store, hash, { isCurrent: () => false })).toEqual({ status: 'stale' });
    expect(store.getState()).toBe(before);
  });

  it('copies a link that reproduces the edited world, title and clock', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    store.setText('advanced', store.getState().texts.advanced.replace('reachable: true', 'reachable: false'));
    store.setText('fic', store.getState().texts.fic.replace('serviceaccount:dev:', 'serviceaccount:prod:'));
    await store.flush();
    const url = await playgroundShareUrl('https://lab.example/', store.getState());
    expect(url).toMatch(/^https:\/\/lab\.example\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
    const decoded = await decodeShare(new URL(url).hash);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(normalizeWorld(decoded.world)).toEqual(store.getState().world);
    expect(decoded.scenario.title).toBe(CUSTOM_TITLE);
    expect(decoded.scenario.now).toBeUndefined();
    // The link carries only the difference from the default world.
    const payload = decoded.scenario.world as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['cluster', 'identity', 'pod']);

    // Loaded, then copied again: same title while unchanged, "(edited)" once edited, with the clock.
    const other = createPlaygroundStore(realEngine, () => NOW);
    expect(await loadShareHash(other, await stateFragment({ ...store.getState(), shared: { title: 'Mine', world: store.getState().world, advancedChanged: true, advancedSections: ['cluster'] }, fixedNow: '2026-03-01T12:00:00Z' }))).toMatchObject({ status: 'loaded', title: 'Mine' });
    expect(shareTitle(other.getState())).toBe('Mine');
    other.setSetting('issuedSecondsAgo', '60');
    await other.flush();
    expect(shareTitle(other.getState())).toBe('Mine (edited)');
    const again = await decodeShare(await stateFragment(other.getState()));
    expect(again.ok && [again.scenario.title, again.scenario.now, again.world.token.issuedSecondsAgo]).toEqual(['Mine (edited)', '2026-03-01T12:00:00Z', 60]);
    expect(shareTitle({ world: other.getState().world, shared: { ...other.getState().shared!, title: 'Mine (edited)' } })).toBe('Mine (edited)');
  });

  it('a link made after time travel opens at that moment with the same verdict', async () => {
    const store = createPlaygroundStore(realEngine, () => NOW);
    // The app reads the token once a week: two hours on it still presents the first, expired token.
    const { world } = resolveScenario({ schema: 1, title: 'Slow reader', world: { token: { appRereadSeconds: 7 * 86400 } } });
    expect(store.loadScenario(world, { title: 'Slow reader' }).ok).toBe(true);
    await store.flush();
    expect(store.getState().result!.outcome).toBe('granted');
    store.setElapsed(2 * 3600);
    await store.flush();
    const travelled = store.getState().result!;
    const decoded = await decodeShare(await stateFragment(store.getState(), () => NOW));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.scenario.now).toBe(new Date(NOW.getTime() + 2 * 3600_000).toISOString());
    const other = createPlaygroundStore(realEngine, () => NOW);
    expect(await loadShareHash(other, await stateFragment(store.getState(), () => NOW))).toMatchObject({ status: 'loaded' });
    await other.flush();
    const opened = other.getState().result!;
    expect(other.getState().elapsedSeconds ?? 0).toBe(0);
    expect(opened.stages.map((s) => [s.id, s.status, s.code])).toEqual(travelled.stages.map((s) => [s.id, s.status, s.code]));
    expect([opened.outcome, opened.now]).toEqual([travelled.outcome, travelled.now]);
    expect(travelled.stages.find((s) => s.status === 'fail')?.code).toBe('AADSTS700024');
    // Without time travel the link has no clock of its own (the viewer's real time).
    store.setElapsed(0);
    const plain = await decodeShare(await stateFragment(store.getState(), () => NOW));
    expect(plain.ok && plain.scenario.now).toBeUndefined();
  });

  it('formats a fixed clock for people', () => {
    expect(formatSimulatedTime('2026-01-15T10:00:00Z')).toBe('2026-01-15 10:00 UTC');
    expect(formatSimulatedTime('2026-01-15T12:00:30+02:00')).toBe('2026-01-15 10:00:30 UTC');
    expect(formatSimulatedTime('soon')).toBe('soon');
  });
});
