/**
 * Fuzz properties (fast-check) of everything that reads untrusted input: share links
 * (`decodeShare`), scenario objects (`parseScenario`) and the chain on whatever validates (`runChain`),
 * and the playground's editor parsers (`parseFederatedCredentials`, `applyServiceAccountYaml`,
 * `applyPodYaml`). Each property says: it never throws, and it always returns a well-formed result.
 *
 * Shared by test/unit/fuzz.test.ts (a few hundred cases each, in `npm test`) and scripts/bench.ts
 * (`npm run bench`: at least 10,000 cases each). Free of vitest so the bench can run it with tsx:
 * failures are thrown as plain `Error`s (fast-check reports the counterexample).
 */
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { parseFederatedCredentials } from '../../src/components/playground/jsonText.ts';
import { initialWorld, textsFor } from '../../src/components/playground/store.ts';
import { runChain } from '../../src/engine/chain.ts';
import { defaultWorld } from '../../src/engine/defaults.ts';
import { createKeyStore, type IssuerKey, type KeyStore } from '../../src/engine/issuer.ts';
import { applyPodYaml, applyServiceAccountYaml, type ApplyResult } from '../../src/engine/manifests.ts';
import { parseScenario, parseWorld } from '../../src/engine/scenario.ts';
import { STAGE_IDS } from '../../src/engine/schema.ts';
import type { ChainResult, World } from '../../src/engine/types.ts';
import { decodeShare, encodeShare, toBase64Url, type DecodeResult } from '../../src/lib/share.ts';

/** The fixed clock of every property. */
export const FUZZ_NOW = new Date('2026-01-15T10:00:00Z');

/** Throws a plain Error when `cond` is false (fast-check then shrinks and prints the input). */
export function ensure(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------------
// Well-formedness of results

const REASONS = new Set(['empty', 'format', 'version', 'too-large', 'base64', 'deflate', 'json', 'invalid']);
const STATUSES = new Set(['pass', 'fail', 'skipped', 'warn']);

/** A `decodeShare` result is either a validated scenario with its world, or a reason and a message. */
export function ensureDecodeResult(r: DecodeResult): void {
  ensure(r && typeof r === 'object', 'decodeShare returned no object');
  if (r.ok) {
    ensure(r.scenario && typeof r.scenario === 'object', 'ok result without scenario');
    ensure(parseWorld(r.world).ok, 'ok result whose world does not validate');
  } else {
    ensure(REASONS.has(r.reason), `unknown reason ${String(r.reason)}`);
    ensure(typeof r.error === 'string' && r.error.trim().length > 0, 'failure without a message');
  }
}

/** The chain contract: nine stages in order, stop at the first failure, outcome/code agree. */
export function ensureChainResult(r: ChainResult): void {
  ensure(Array.isArray(r.stages) && r.stages.length === STAGE_IDS.length, 'not nine stages');
  let failedAt = -1;
  r.stages.forEach((s, i) => {
    ensure(s.id === STAGE_IDS[i], `stage ${i} is ${s.id}, expected ${STAGE_IDS[i]}`);
    ensure(STATUSES.has(s.status), `stage ${s.id} has status ${s.status}`);
    ensure(typeof s.title === 'string' && s.title && typeof s.summary === 'string', `stage ${s.id} lacks title/summary`);
    ensure(Array.isArray(s.checks), `stage ${s.id} checks is not an array`);
    for (const c of s.checks) ensure(typeof c.name === 'string' && typeof c.expected === 'string' && typeof c.actual === 'string' && typeof c.ok === 'boolean', `malformed check in ${s.id}`);
    if (failedAt >= 0) ensure(s.status === 'skipped', `stage ${s.id} after a failure is ${s.status}`);
    else ensure(s.status !== 'skipped', `stage ${s.id} skipped before any failure`);
    if (s.status === 'fail' && failedAt < 0) failedAt = i;
  });
  if (failedAt < 0) {
    ensure(r.outcome === 'granted' && r.failedStage === undefined, 'no failing stage but not granted');
  } else {
    const f = r.stages[failedAt]!;
    ensure(r.outcome === 'denied' && r.failedStage === f.id && r.code === f.code, 'outcome/failedStage/code disagree with the stages');
  }
  ensure(Array.isArray(r.configErrors), 'configErrors is not an array');
  for (const e of r.configErrors) ensure(typeof e.code === 'string' && typeof e.message === 'string' && typeof e.path === 'string', 'malformed config error');
  ensure(Number.isFinite(r.now), 'now is not a number');
}

/** An editor error has a message, and its line/column (when given) are positive integers. */
function ensureTextError(e: { message: string; line?: number; column?: number }, what: string): void {
  ensure(typeof e.message === 'string' && e.message.trim().length > 0, `${what}: error without a message`);
  if (e.line !== undefined) ensure(Number.isInteger(e.line) && e.line >= 1, `${what}: bad line ${e.line}`);
  if (e.column !== undefined) ensure(Number.isInteger(e.column) && e.column >= 1, `${what}: bad column ${e.column}`);
}

function ensureApplyResult(r: ApplyResult, what: string): void {
  if (r.ok) ensure(parseWorld(r.world).ok, `${what}: ok result whose world does not validate`);
  else ensureTextError(r.error, what);
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries

/** Strings that look a bit like share links, and plain noise. */
const linkish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'#s=1.&?/:-_aAzZ09+%'.split('')), maxLength: 40 }),
  fc.tuple(fc.constantFrom('', '#', '#s=', 's=', 'https://x.example/playground/#s=', '#a=b&s='), fc.nat({ max: 3 }), fc.string({ maxLength: 80 })).map(
    ([prefix, v, rest]) => `${prefix}${v}.${rest}`,
  ),
);

/** `#s=1.` + base64url of random bytes: exercises base64, inflate and JSON failures. */
const randomPayloadLink = fc.uint8Array({ maxLength: 300 }).map((b) => `#s=1.${toBase64Url(b)}`);

/** `#s=1.` + deflate-raw of random JSON: inflates fine, then fails (or passes) scenario validation. */
const randomJsonLink = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.record({ schema: fc.constantFrom(1, 2, '1'), title: fc.string(), world: fc.jsonValue({ maxDepth: 3 }) })).map(
  (v) => `#s=1.${toBase64Url(deflateRawSync(Buffer.from(JSON.stringify(v) ?? 'null')))}`,
);

/** Single-character edits of a string: replace, insert, delete, or cut at an index. */
function mutateString(base: string): fc.Arbitrary<string> {
  const index = fc.nat({ max: Math.max(0, base.length) });
  const ch = fc.constantFrom(...'aZ09-_.=#%"\'{}[]:,\n \t\\'.split(''), '\u0000', '\u00e9', '\ud83d\ude00');
  const one = fc.oneof(
    fc.tuple(index, ch).map(([i, c]) => (s: string) => s.slice(0, i) + c + s.slice(i + 1)),
    fc.tuple(index, ch).map(([i, c]) => (s: string) => s.slice(0, i) + c + s.slice(i)),
    index.map((i) => (s: string) => s.slice(0, i) + s.slice(i + 1)),
    index.map((i) => (s: string) => s.slice(0, i)),
  );
  return fc.array(one, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce((s, f) => f(s), base));
}

/**
 * The default world edited at one to four random paths (structure-aware mutation): mostly a value of the
 * same kind (an edited string, another number, the other boolean, an array with an element dropped or
 * doubled, an object with a key removed), sometimes anything at all. Many results still validate, so
 * the chain runs on near-miss worlds; the rest exercise the schema's error paths.
 */
export function worldMutation(base: World): fc.Arbitrary<unknown> {
  const paths: { path: string[]; value: unknown }[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (path.length) paths.push({ path, value: v });
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(base, []);
  const DELETE = Symbol('delete');
  const anyValue = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(null, '', 0, -1, 2 ** 53, true, [], {}, 'https://', 'system:serviceaccount:dev:my-app-sa', 'api://AzureADTokenExchange', 'sa-key-1', '__proto__'),
  );
  const sameKind = (v: unknown): fc.Arbitrary<unknown> => {
    if (typeof v === 'string') return fc.oneof(mutateString(v), fc.string({ maxLength: 30 }), fc.constant(v.toUpperCase()), fc.constant(`${v}/`));
    if (typeof v === 'number') return fc.oneof(fc.integer({ min: -100_000, max: 200_000 }), fc.constantFrom(0, 1, 599, 600, 3600, 86400, 86401, 90000, Number.MAX_SAFE_INTEGER));
    if (typeof v === 'boolean') return fc.constant(!v);
    if (Array.isArray(v)) {
      if (!v.length) return fc.constant([]);
      return fc.oneof(
        fc.nat({ max: v.length - 1 }).map((i) => v.filter((_, j) => j !== i)),
        fc.nat({ max: v.length - 1 }).map((i) => [...v, structuredClone(v[i])]),
      );
    }
    if (v && typeof v === 'object') return fc.constant(DELETE);
    return anyValue;
  };
  const edit = fc.constantFrom(...paths).chain(({ path, value }) =>
    fc.oneof({ weight: 5, arbitrary: sameKind(value) }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: fc.constant(DELETE) }).map((v) => ({ path, v })),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const w = structuredClone(base) as unknown as Record<string, unknown>;
    for (const { path, v } of edits) {
      let node: Record<string, unknown> = w;
      let reachable = true;
      for (const k of path.slice(0, -1)) {
        const next = node[k];
        if (!next || typeof next !== 'object') {
          reachable = false;
          break;
        }
        node = next as Record<string, unknown>;
      }
      if (!reachable) continue;
      const key = path[path.length - 1]!;
      if (v === DELETE) {
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete node[key];
      } else node[key] = structuredClone(v);
    }
    return w;
  });
}

/**
 * A key store that maps any key name onto one of three pre-generated keys (RSA generation takes tens
 * of milliseconds; fuzzed worlds invent key names freely). Only the crash-freedom of the chain is
 * fuzzed here; key semantics are tested in test/unit/engine.
 */
export function pooledKeyStore(): KeyStore {
  const base = createKeyStore();
  const pool = ['fuzz-key-a', 'fuzz-key-b', 'fuzz-key-c'];
  const byName = new Map<string, Promise<IssuerKey>>();
  return {
    get(name: string) {
      let k = byName.get(name);
      if (!k) {
        let h = 0;
        for (const c of name) h = (h * 31 + c.codePointAt(0)!) >>> 0;
        k = base.get(pool[h % pool.length]!).then((key) => ({ ...key, name }));
        byName.set(name, k);
      }
      return k;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Properties

/** One named fuzz property; `run` gets a case count (and an optional seed) and resolves when it held. */
export interface FuzzProperty {
  name: string;
  run(numRuns: number, seed?: number): Promise<void>;
  /**
   * How many generated cases took each path (`cases`, and e.g. `ok`, `chain`), counted over every run so
   * far: shows the fuzz reaches the deep paths instead of failing early on every input.
   */
  stats: Record<string, number>;
}

function counter(): { stats: Record<string, number>; count(key: string): void } {
  const stats: Record<string, number> = {};
  return { stats, count: (key) => void (stats[key] = (stats[key] ?? 0) + 1) };
}

/**
 * The fuzz properties, ready to run. Building them encodes a few valid share links (async), hence the
 * promise. `keys` defaults to a {@link pooledKeyStore}.
 */
export async function fuzzProperties({ keys = pooledKeyStore() }: { keys?: KeyStore } = {}): Promise<FuzzProperty[]> {
  const validScenarios = [
    { schema: 1, title: 'Fuzz base', world: {} },
    {
      schema: 1,
      title: 'FIC subject in another namespace <img src=x onerror=alert(1)>',
      now: '2026-01-15T10:00:00Z',
      world: { identity: { federatedCredentials: [{ name: 'fic', issuer: 'https://issuer.example/', subject: 'system:serviceaccount:prod:my-app-sa', audiences: ['api://AzureADTokenExchange'] }] } },
    },
    { schema: 1, title: 'Pod without label', world: { pod: { labels: {} }, token: { expirationSeconds: 300 } } },
  ];
  const validLinks = (await Promise.all(validScenarios.map((sc) => encodeShare(sc)))).map((l) => `#s=${l}`);
  const validJson = validScenarios.map((sc) => JSON.stringify(sc));

  const world = initialWorld();
  const { texts } = textsFor(world);
  const opts = (numRuns: number, seed?: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

  const share = (name: string, arb: fc.Arbitrary<string>): FuzzProperty => {
    const { stats, count } = counter();
    return {
      name,
      stats,
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(arb, async (link) => {
            const r = await decodeShare(link);
            ensureDecodeResult(r);
            count('cases');
            count(r.ok ? 'ok' : r.reason);
          }),
          opts(numRuns, seed),
        ),
    };
  };

  const scenario = counter();
  /** The chain on `base` edited at random paths ({@link worldMutation}); worlds that do not validate are counted and skipped. */
  const mutatedChain = (name: string, base: World): FuzzProperty => {
    const { stats, count } = counter();
    return {
      name,
      stats,
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(worldMutation(base), async (candidate) => {
            count('cases');
            const w = parseWorld(candidate);
            if (!w.ok) {
              count('invalid');
              return;
            }
            const r = await runChain(w.world, { now: FUZZ_NOW, keys });
            ensureChainResult(r);
            count(`chain ${r.outcome}`);
          }),
          opts(numRuns, seed),
        ),
    };
  };
  // The pod presents the client ID of a second identity that also trusts its ServiceAccount; a third
  // identity has no credentials. Mutations move client IDs, tenants and credentials between them.
  const withOthers = structuredClone(world);
  withOthers.serviceAccount.annotations['azure.workload.identity/client-id'] = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
  withOthers.otherIdentities = [
    { kind: 'user-assigned', name: 'reports-mi', clientId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', principalId: '7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e', federatedCredentials: structuredClone(world.identity.federatedCredentials) },
    { kind: 'app-registration', name: 'old-app', clientId: '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f', tenantId: world.identity.tenantId, federatedCredentials: [] },
  ];
  const fic = counter();
  const manifests = counter();

  return [
    share('decodeShare: random strings and link-like text', linkish),
    share('decodeShare: random bytes and random JSON as payload', fc.oneof(randomPayloadLink, randomJsonLink)),
    share(
      'decodeShare: mutated valid links',
      fc.oneof(
        fc.constantFrom(...validLinks).chain((l) => mutateString(l)),
        // The scenario JSON edited before compression: valid deflate and base64, broken JSON or schema.
        fc.constantFrom(...validJson).chain((j) => mutateString(j)).map((j) => `#s=1.${toBase64Url(deflateRawSync(Buffer.from(j)))}`),
      ),
    ),
    {
      name: 'parseScenario + runChain: random objects and mutated worlds',
      stats: scenario.stats,
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.anything({ maxDepth: 3 }),
              fc.record({ schema: fc.constant(1), title: fc.string({ maxLength: 20 }), world: fc.oneof(fc.anything({ maxDepth: 3 }), worldMutation(defaultWorld())) }),
            ),
            async (input) => {
              scenario.count('cases');
              const parsed = parseScenario(input);
              ensure(typeof parsed === 'object' && typeof parsed.ok === 'boolean', 'parseScenario returned no result');
              if (!parsed.ok) {
                ensure(Array.isArray(parsed.issues) && parsed.issues.length > 0, 'invalid scenario without issues');
                for (const i of parsed.issues) ensure(typeof i.path === 'string' && typeof i.message === 'string', 'malformed issue');
                scenario.count('invalid');
                return;
              }
              const r = await runChain(parsed.world, { now: FUZZ_NOW, keys });
              ensureChainResult(r);
              scenario.count(`chain ${r.outcome}`);
            },
          ),
          opts(numRuns, seed),
        ),
    },
    mutatedChain('runChain: default world mutated at random paths (whatever validates)', world),
    mutatedChain('runChain: a world with other identities in the directory, mutated (whatever validates)', withOthers),
    {
      name: 'parseFederatedCredentials: random text, JSON values and mutated editor text',
      stats: fic.stats,
      run: async (numRuns, seed) =>
        fc.assert(
          fc.property(
            fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.json({ maxDepth: 4 }), mutateString(texts.fic)),
            (text) => {
              fic.count('cases');
              const r = parseFederatedCredentials(text);
              if (r.ok) {
                ensure(Array.isArray(r.value), 'ok without an array');
                fic.count('ok');
              } else {
                ensureTextError(r.error, 'parseFederatedCredentials');
                fic.count('error');
              }
            },
          ),
          opts(numRuns, seed),
        ),
    },
    {
      name: 'applyServiceAccountYaml / applyPodYaml: random text and mutated manifests',
      stats: manifests.stats,
      run: async (numRuns, seed) =>
        fc.assert(
          fc.property(
            fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.json({ maxDepth: 3 }), mutateString(texts.sa), mutateString(texts.pod)),
            (text) => {
              manifests.count('cases');
              const sa = applyServiceAccountYaml(world, text);
              const pod = applyPodYaml(world, text);
              ensureApplyResult(sa, 'applyServiceAccountYaml');
              ensureApplyResult(pod, 'applyPodYaml');
              if (sa.ok || pod.ok) manifests.count('ok');
              else manifests.count('error');
            },
          ),
          opts(numRuns, seed),
        ),
    },
  ];
}
