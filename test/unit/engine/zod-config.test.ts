/**
 * zod runs without its JIT everywhere (src/engine/zod.ts): the site's CSP forbids eval, and zod's probe
 * for it is reported as a violation in the browser (test/e2e/routes.test.ts checks the pages themselves).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/engine/index.ts';
import { z } from '../../../src/engine/zod.ts';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|astro|mjs)$/.test(name) ? [full] : [];
  });
}

describe('zod configuration', () => {
  it('is jitless once the engine is loaded', () => {
    expect(parseScenario).toBeTypeOf('function');
    expect(z.config().jitless).toBe(true);
  });

  it("no module imports 'zod' directly, so none can build a schema before the setting is in place", () => {
    const direct = sourceFiles(SRC)
      .filter((f) => relative(SRC, f) !== 'engine/zod.ts')
      .filter((f) => /from\s+['"]zod(\/[^'"]*)?['"]|import\(\s*['"]zod/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(direct).toEqual([]);
  });
});
