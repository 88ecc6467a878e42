/**
 * Fuzz tests (fast-check) of every reader of untrusted input: share links, scenario objects and the chain,
 * and the playground's editor parsers. The properties live in ./fuzz-properties.ts; here each runs a few
 * hundred cases (FUZZ_RUNS changes it). `npm run bench` runs the same properties with 10,000 cases each.
 * Each property also counts which path its cases took, and the tests check that the deep paths (a chain
 * run, a parsed value) were reached: a fuzz that only ever hits the first error would prove little.
 */
import { describe, expect, it } from 'vitest';
import { applyPodYaml, applyServiceAccountYaml } from '../../src/engine/manifests.ts';
import { runChain } from '../../src/engine/chain.ts';
import { parseScenario } from '../../src/engine/scenario.ts';
import { defaultWorld } from '../../src/engine/defaults.ts';
import { initialWorld } from '../../src/components/playground/store.ts';
import { decodeShare } from '../../src/lib/share.ts';
import { ensureChainResult, ensureDecodeResult, fuzzProperties, FUZZ_NOW, pooledKeyStore } from './fuzz-properties.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const props = await fuzzProperties();
const byName = (prefix: string) => props.find((p) => p.name.startsWith(prefix))!;

describe('the well-formedness checks used by the fuzz properties', () => {
  // The fuzz would prove nothing if these checks let malformed results through.
  it('reject a malformed decodeShare result', () => {
    expect(() => ensureDecodeResult({ ok: false, reason: 'json', error: ' ' })).toThrow(/message/);
    expect(() => ensureDecodeResult({ ok: false, reason: 'nope' as 'json', error: 'x' })).toThrow(/reason/);
  });

  it('accept a real failure and a real chain result, and reject tampered chain results', async () => {
    ensureDecodeResult(await decodeShare('#s=1.%%%'));
    const result = await runChain(defaultWorld(), { now: FUZZ_NOW, keys: pooledKeyStore() });
    ensureChainResult(result);
    const skippedEarly = structuredClone(result);
    skippedEarly.stages[2]!.status = 'skipped';
    expect(() => ensureChainResult(skippedEarly)).toThrow(/skipped before any failure/);
    expect(() => ensureChainResult({ ...structuredClone(result), outcome: 'denied' })).toThrow(/not granted/);
    expect(() => ensureChainResult({ ...result, stages: result.stages.slice(1) })).toThrow(/nine stages/);
  });
});

describe(`fuzz, ${RUNS} cases per property: never throws, always a well-formed result`, () => {
  for (const prop of props) {
    it(prop.name, { timeout: 120_000 }, async () => {
      await prop.run(RUNS);
      expect(prop.stats.cases).toBeGreaterThanOrEqual(RUNS);
    });
  }

  it('reached the deep paths: chain runs, valid links, parsed editor texts', () => {
    const chains = (name: string) => (byName(name).stats['chain granted'] ?? 0) + (byName(name).stats['chain denied'] ?? 0);
    expect(chains('parseScenario + runChain')).toBeGreaterThan(0);
    expect(chains('runChain: default world mutated')).toBeGreaterThan(0);
    expect(byName('runChain: default world mutated').stats['chain denied'] ?? 0).toBeGreaterThan(0);
    expect(chains('runChain: a world with other identities')).toBeGreaterThan(0);
    expect(byName('decodeShare: mutated valid links').stats.ok ?? 0).toBeGreaterThan(0);
    expect(byName('decodeShare: mutated valid links').stats.invalid ?? 0).toBeGreaterThan(0);
    expect(byName('parseFederatedCredentials').stats.ok ?? 0).toBeGreaterThan(0);
    expect(byName('applyServiceAccountYaml').stats.ok ?? 0).toBeGreaterThan(0);
  });
});

describe('bugs found by the fuzz, now fixed', () => {
  // manifests.ts parseManifest used to call doc.toJS() outside its try/catch, so a YAML alias without its
  // anchor (`*x`) or an alias bomb threw out of applyServiceAccountYaml/applyPodYaml.
  it('applyServiceAccountYaml and applyPodYaml return an error (not throw) on a YAML alias without anchor', () => {
    const world = initialWorld();
    for (const text of ['*x', 'metadata: *missing', 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n']) {
      for (const apply of [applyServiceAccountYaml, applyPodYaml]) {
        const r = apply(world, text);
        expect(r.ok).toBe(false);
      }
    }
  });

  // merge.ts read `out[key]` for a key the copy did not own, so a patch key named like an inherited
  // member ("toString", "constructor") merged over Object.prototype's function and JSON-cloned it: throw.
  // Found in CI with seed 658042003: {"schema":1,"title":" ","world":{"toString":undefined}}.
  it('parseScenario returns a result (not throw) for world keys named like inherited members', () => {
    for (const world of [{ toString: undefined }, { toString: 1 }, { constructor: { a: 1 } }, { valueOf: null }, { hasOwnProperty: 'x' }, { pod: { toString: { a: 1 } } }]) {
      const r = parseScenario({ schema: 1, title: 'x', world });
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    }
  });
});
