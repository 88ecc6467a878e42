/**
 * Goldens: the JSON chain result of every scenario in content/scenarios and of every workshop challenge
 * (its broken start, and its solution at every checkpoint), with each file's own frozen clock and fixed
 * key material (test/goldens/fixed-keys.ts). They pin the engine's behaviour byte for byte, so a
 * refactor that changes any stage, check, message, token or artifact fails here with a diff.
 *
 * After an intended change: `UPDATE_GOLDENS=1 npx vitest run --config vitest.config.ts test/unit/goldens.test.ts`,
 * then review the diff of test/goldens/ like code.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate, type ChainResult } from '../../src/engine/index.ts';
import { runChain } from '../../src/engine/chain.ts';
import { loadScenarioFile } from '../../src/cli/files.ts';
import { loadChallengeSet } from '../../src/components/workshop/challengeSchema.ts';
import { checkpoints, runAt, type RunChain } from '../../src/components/workshop/challenges.ts';
import { fixedKeyStore } from '../goldens/fixed-keys.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GOLDENS = path.join(ROOT, 'test/goldens');
const UPDATE = !!process.env.UPDATE_GOLDENS;
const yamlIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();

/** Compares `value` (as pretty JSON) with the golden file, or rewrites it under UPDATE_GOLDENS. */
function golden(rel: string, value: unknown): void {
  const file = path.join(GOLDENS, rel);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`${rel} has no golden; run with UPDATE_GOLDENS=1 to record it`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(text, `${rel} changed; if intended, re-record with UPDATE_GOLDENS=1 and review the diff`).toBe(readFileSync(file, 'utf8'));
}

describe('goldens: content/scenarios', () => {
  for (const file of yamlIn('content/scenarios')) {
    it(file, async () => {
      const loaded = await loadScenarioFile(path.join(ROOT, 'content/scenarios', file));
      if (!loaded.ok) throw new Error(`${file} is invalid`);
      const result: ChainResult = await simulate(loaded.data, { now: new Date(loaded.scenario.now!), keys: fixedKeyStore() });
      golden(`scenarios/${file.replace(/\.(ya?ml|json)$/, '.json')}`, result);
    });
  }
});

describe('goldens: content/challenges', () => {
  const dir = path.join(ROOT, 'content/challenges');
  const files = Object.fromEntries(yamlIn('content/challenges').map((f) => [path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')]));
  for (const c of loadChallengeSet(files)) {
    it(c.slug, async () => {
      const keys = fixedKeyStore();
      const run: RunChain = (world, now) => runChain(world, { now, keys, provider: c.provider });
      const start = await runAt(run, c, c.start, c.startSeconds);
      const solved: Record<string, ChainResult> = {};
      for (const at of checkpoints(c, c.solution.elapsedSeconds ?? c.startSeconds)) solved[at] = await runAt(run, c, c.solved, at);
      golden(`challenges/${c.slug}.json`, { start, solved });
    });
  }
});
