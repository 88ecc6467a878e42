/**
 * Stray Unicode spaces in YAML (src/engine/yamlSpaces.ts) and the messages the manifest, advanced and
 * scenario-file parsers give for them instead of the YAML library's confusing errors.
 */
import { describe, expect, it } from 'vitest';
import { findStraySpace } from '../../../src/engine/yamlSpaces.ts';
import { applyServiceAccountYaml, serviceAccountYaml } from '../../../src/engine/manifests.ts';
import { parseScenarioText } from '../../../src/engine/scenarioFiles.ts';
import { resolveScenario } from '../../../src/engine/scenario.ts';

const NBSP = '\u00a0';

describe('findStraySpace', () => {
  it('finds a no-break space in the indentation, with its 1-based line and column', () => {
    expect(findStraySpace(`a:\n${NBSP} b: 1\n`)).toMatchObject({ line: 2, column: 1, name: 'NO-BREAK SPACE (U+00A0)' });
    expect(findStraySpace(`a:\n  ${NBSP}b: 1\n`)).toMatchObject({ line: 2, column: 3 });
  });
  it('finds one after a sequence marker and after a key colon', () => {
    expect(findStraySpace(`l:\n  -${NBSP}x\n`)).toMatchObject({ line: 2, column: 4 });
    expect(findStraySpace(`name:${NBSP}x\n`)).toMatchObject({ line: 1, column: 6 });
    expect(findStraySpace(`a:\n  name:\u202fx\n`)).toMatchObject({ line: 2, column: 8, name: 'NARROW NO-BREAK SPACE (U+202F)' });
  });
  it('leaves values, comments and a leading byte order mark alone', () => {
    expect(findStraySpace(`title: "a${NBSP}b"\n`)).toBeUndefined();
    expect(findStraySpace(`title: a${NBSP}b\n`)).toBeUndefined();
    expect(findStraySpace(`# a${NBSP}comment\nx: 1\n`)).toBeUndefined();
    expect(findStraySpace(`\ufeffx: 1\n`)).toBeUndefined();
    expect(findStraySpace('plain:\n  - ok: 1\n')).toBeUndefined();
  });
});

describe('the parsers name the character instead of a YAML syntax error', () => {
  const { world } = resolveScenario({ schema: 1, title: 't' });
  it('ServiceAccount manifest', () => {
    const text = serviceAccountYaml(world).replace(/\n  /g, `\n${NBSP}${NBSP}`);
    const r = applyServiceAccountYaml(world, text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('NO-BREAK SPACE (U+00A0)');
      expect(r.error.message).toContain('plain space');
      expect(r.error.line).toBeGreaterThan(1);
      expect(r.error.column).toBe(1);
    }
  });
  it('scenario file text', () => {
    const r = parseScenarioText(`schema: 1\ntitle: t\nworld:\n${NBSP}${NBSP}pod: {}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 4, column: 1 });
  });
});
