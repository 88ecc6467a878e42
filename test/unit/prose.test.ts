/**
 * The data prose's inline-code markup (src/lib/prose.ts) and its two renderers: `backtick` spans become
 * <code>, an unpaired backtick never shows, and plain-text places get the words without backticks.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { plainText, proseParts } from '../../src/lib/prose.ts';
import { Prose } from '../../src/components/static/Prose.tsx';
import { Prose as PlaygroundProse } from '../../src/components/playground/StageList.tsx';

describe('proseParts', () => {
  it('splits plain text and code spans, in order', () => {
    expect(proseParts('Ask for `<resource>/.default`; not `x`.')).toEqual([
      { text: 'Ask for ', code: false },
      { text: '<resource>/.default', code: true },
      { text: '; not ', code: false },
      { text: 'x', code: true },
      { text: '.', code: false },
    ]);
  });

  it('drops an unpaired backtick instead of opening a span that never closes', () => {
    expect(proseParts('token from `kubectl create token')).toEqual([{ text: 'token from kubectl create token', code: false }]);
    expect(proseParts('`a` and `b')).toEqual([
      { text: 'a', code: true },
      { text: ' and b', code: false },
    ]);
  });

  it('leaves text without backticks alone', () => {
    expect(proseParts('No code here.')).toEqual([{ text: 'No code here.', code: false }]);
    expect(proseParts('')).toEqual([]);
  });
});

describe('plainText', () => {
  it('removes every backtick and keeps the words', () => {
    expect(plainText('must ask for `<resource>/.default`; any other scope')).toBe('must ask for <resource>/.default; any other scope');
    expect(plainText('a lone ` tick')).toBe('a lone  tick');
  });
});

describe('Prose (React)', () => {
  it('renders code spans as <code>, as text (markup in data is escaped), with no backtick left', () => {
    const html = renderToStaticMarkup(createElement(Prose, { text: 'Use `<b>x</b>` or `kubectl' }));
    expect(html).toBe('Use <code>&lt;b&gt;x&lt;/b&gt;</code> or kubectl');
  });

  it('is the same component the playground and the lessons import', () => {
    expect(PlaygroundProse).toBe(Prose);
  });
});
