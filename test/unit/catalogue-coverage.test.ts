/**
 * The error catalogue and the named scenarios cover each other: every code the engine can produce
 * (src/engine/errors.ts, ERROR_CATALOGUE) is the expected code of at least one scenario in
 * content/scenarios, so each `/errors/<code>/` page can link a scenario that reproduces it; and no
 * scenario expects a code the catalogue does not know (a typo, or a code the engine never emits).
 *
 * That the engine really produces each scenario's expected code is checked in scenarios.test.ts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/engine/errors.ts';
import { loadScenarioFile } from '../../src/cli/files.ts';
import type { Expect } from '../../src/engine/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = path.join(ROOT, 'content/scenarios');
const FILES = readdirSync(DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

/** slug → the scenario's expect block (empty object when it has none). */
const expects = new Map<string, Expect>();

beforeAll(async () => {
  for (const file of FILES) {
    const loaded = await loadScenarioFile(path.join(DIR, file));
    if (!loaded.ok) throw new Error(`${file} is invalid: ${loaded.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    expects.set(file.replace(/\.(ya?ml|json)$/, ''), loaded.scenario.expect ?? {});
  }
});

/** Slugs of the scenarios whose expect.code is `code`. */
function scenariosFor(code: string): string[] {
  return [...expects].filter(([, e]) => e.code === code).map(([slug]) => slug);
}

describe('error catalogue ↔ scenarios', () => {
  it('reads every scenario file', () => {
    expect(expects.size).toBe(FILES.length);
    expect(expects.size).toBeGreaterThanOrEqual(30);
  });

  it('has catalogue entries keyed by their own code', () => {
    const codes = Object.keys(ERROR_CATALOGUE);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(ERROR_CATALOGUE[code]!.code).toBe(code);
  });

  for (const code of Object.keys(ERROR_CATALOGUE)) {
    it(`${code} is produced by at least one scenario`, () => {
      expect(scenariosFor(code), `no scenario in content/scenarios has expect.code ${code}`).not.toEqual([]);
    });
  }

  it('every expected code is in the catalogue', () => {
    const unknown = [...expects]
      .filter(([, e]) => e.code !== undefined && !(e.code in ERROR_CATALOGUE))
      .map(([slug, e]) => `${slug}: ${e.code}`);
    expect(unknown).toEqual([]);
  });

  it('a scenario that names both code and stage names the stage the catalogue gives that code', () => {
    const wrong = [...expects]
      .filter(([, e]) => e.code !== undefined && e.stage !== undefined && ERROR_CATALOGUE[e.code] && ERROR_CATALOGUE[e.code]!.stage !== e.stage)
      .map(([slug, e]) => `${slug}: ${e.code} at ${e.stage}, catalogue says ${ERROR_CATALOGUE[e.code!]!.stage}`);
    expect(wrong).toEqual([]);
  });
});
