import { describe, expect, it } from 'vitest';
import { highlightLines } from '../../src/components/playground/highlight.ts';
import { textsFor, initialWorld } from '../../src/components/playground/store.ts';

const join = (lines: ReturnType<typeof highlightLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

describe('highlightLines (code view before Monaco)', () => {
  it('keeps every character and every line of the text, in order', () => {
    const { texts } = textsFor(initialWorld());
    for (const [id, text] of Object.entries(texts)) {
      const lines = highlightLines(text, id === 'fic' ? 'json' : 'yaml');
      expect(lines).toHaveLength(text.split('\n').length);
      expect(join(lines)).toBe(text);
    }
    expect(highlightLines('', 'json')).toEqual([[]]);
    expect(highlightLines('a\n', 'yaml')).toHaveLength(2);
  });

  it('marks JSON property names, strings, numbers and literals with Prism token classes', () => {
    const [line] = highlightLines('{"issuer": "https://x/", "n": 1, "ok": true, "z": null}', 'json');
    const cls = (text: string) => line!.find((s) => s.text === text)?.cls;
    expect(cls('"issuer"')).toBe('tok-property');
    expect(cls('"https://x/"')).toBe('tok-string');
    expect(cls('1')).toBe('tok-number');
    expect(cls('true')).toBe('tok-boolean');
    expect(cls('null')).toBe('tok-null tok-keyword');
  });

  it('marks YAML keys and comments', () => {
    const lines = highlightLines('# note\nmetadata:\n  name: my-app-sa', 'yaml');
    expect(lines[0]![0]).toEqual({ text: '# note', cls: 'tok-comment' });
    expect(lines[1]!.find((s) => s.text === 'metadata')?.cls).toMatch(/tok-key/);
    expect(lines[2]!.find((s) => s.text === 'name')?.cls).toMatch(/tok-key/);
  });

  it('returns markup as plain text segments (rendered as text nodes, never HTML)', () => {
    const text = '{"name": "<img src=x onerror=alert(1)>"}';
    expect(join(highlightLines(text, 'json'))).toBe(text);
  });
});
