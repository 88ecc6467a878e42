/**
 * Every named scenario in content/scenarios: it parses, states what it expects, and the engine (run
 * in-process with the scenario's own frozen clock) meets that expectation. One test per file, so a
 * failure names the scenario. Also: the build-time validation hook rejects a broken file readably.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, simulate, STAGE_IDS, type ChainResult, type Expect, type KeyStore } from '../../src/engine/index.ts';
import { loadScenarioFile } from '../../src/cli/files.ts';
import { compareExpect } from '../../src/cli/simulate.ts';
import { SCENARIO_FILE_NAME, validateScenarioDir } from '../../src/integrations/validate-scenarios.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = path.join(ROOT, 'content/scenarios');
const FILES = readdirSync(DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

/** Loads a scenario file and runs it with its own `now`; fails the test if the file is invalid. */
async function run(file: string): Promise<{ result: ChainResult; expectBlock: Expect }> {
  const loaded = await load(file);
  const now = loaded.scenario.now;
  expect(now, `${file} must fix its clock with now:`).toBeDefined();
  expect(loaded.scenario.expect, `${file} must state an expect block`).toBeDefined();
  const result = await simulate(loaded.data, { now: new Date(now!), keys });
  return { result, expectBlock: loaded.scenario.expect! };
}

async function load(file: string) {
  const loaded = await loadScenarioFile(path.join(DIR, file));
  if (!loaded.ok) throw new Error(`${file} is invalid:\n${loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return loaded;
}

describe('content/scenarios', () => {
  it('holds the named scenarios', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of FILES) {
    describe(file, () => {
      it('has a kebab-case .yaml slug and the descriptive fields', async () => {
        expect(file).toMatch(SCENARIO_FILE_NAME);
        const { scenario } = await load(file);
        expect(scenario.schema).toBe(1);
        expect(scenario.title.length).toBeGreaterThan(0);
        expect(scenario.summary?.length ?? 0).toBeGreaterThan(40);
        expect(scenario.fix?.length ?? 0).toBeGreaterThan(0);
        expect(scenario.tags.length).toBeGreaterThan(0);
        expect(scenario.source.length).toBeGreaterThan(0);
        for (const url of scenario.source) expect(url).toMatch(/^https:\/\/\S+$/);
      });

      it('meets its expect', { timeout: 30_000 }, async () => {
        const { result, expectBlock } = await run(file);
        expect(compareExpect(expectBlock, result)).toEqual([]);
        // The result is self-consistent: nine stages in contract order, the failed one marked as such,
        // everything after it skipped.
        expect(result.stages.map((s) => s.id)).toEqual([...STAGE_IDS]);
        if (result.outcome === 'denied') {
          const at = result.stages.findIndex((s) => s.id === result.failedStage);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(result.stages[at]!.status).toBe('fail');
          expect(result.stages[at]!.code).toBe(result.code);
          for (const later of result.stages.slice(at + 1)) expect(later.status).toBe('skipped');
        } else {
          for (const s of result.stages) expect(['pass', 'warn']).toContain(s.status);
        }
      });
    });
  }

  it('no-role-assignment is the Key Vault data-plane 403', { timeout: 30_000 }, async () => {
    const { result } = await run('no-role-assignment.yaml');
    const authz = result.stages.find((s) => s.id === 'authorization')!;
    expect(authz.code).toBe('ForbiddenByRbac');
    expect(authz.httpStatus).toBe(403);
  });
});

describe('build-time scenario validation', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'wil-scenarios-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('accepts the real scenario directory', () => {
    const r = validateScenarioDir(DIR, ROOT);
    expect(r.problems).toEqual([]);
    expect(r.files.length).toBe(FILES.length);
  });

  it('names the file, line and field of a broken scenario, and a bad file name', async () => {
    await writeFile(path.join(tmp, 'good-one.yaml'), 'schema: 1\ntitle: fine\n');
    await writeFile(
      path.join(tmp, 'broken-one.yaml'),
      'schema: 1\ntitle: broken\nworld:\n  identity:\n    federatedCredentials:\n      - { name: fic-1, issuer: 5, subject: s, audiences: [a] }\n',
    );
    await writeFile(path.join(tmp, 'Bad_Name.yaml'), 'schema: 1\ntitle: fine but badly named\n');
    const r = validateScenarioDir(tmp, tmp);
    expect(r.files.length).toBe(3);
    expect(r.problems).toHaveLength(2);
    const text = r.problems.join('\n');
    expect(text).toContain('broken-one.yaml:6:');
    expect(text).toContain('world.identity.federatedCredentials[0].issuer: expected string, received number');
    expect(text).toContain('Bad_Name.yaml  file name: expected a kebab-case slug');
    expect(text).not.toContain('good-one.yaml');
  });
});
