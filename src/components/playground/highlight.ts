/**
 * Syntax highlighting for the code view that stands in for Monaco until the first interaction
 * (CodeView.tsx): Prism (prismjs 1.30, its JSON and YAML grammars) tokenizes the text, and this module
 * turns Prism's token tree into lines of plain-text segments with class names. The segments are rendered
 * as React text nodes, never as HTML, so nothing a user typed can become markup.
 *
 * Pure and cheap (one Prism pass, linear in the text): it runs on every keystroke until Monaco takes over,
 * on the server (the build) and in the browser.
 */
import './prismManual.ts';
import Prism, { type PrismStream } from 'prismjs/components/prism-core.js';
import 'prismjs/components/prism-json.js';
import 'prismjs/components/prism-yaml.js';

/** A run of text on one line and the CSS classes of its token (`''` for plain text). */
export interface Segment {
  text: string;
  /** Space-separated `tok-<type>` classes of the token and its aliases, innermost last; '' for plain text. */
  cls: string;
}

/** Token classes of `type` and its aliases, e.g. `tok-null tok-keyword`. */
function classesOf(type: string, alias: string | string[] | undefined): string {
  const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
  return [type, ...aliases].map((t) => `tok-${t}`).join(' ');
}

/** Flattens Prism's token stream into segments (nested tokens keep the classes of every level). */
function flatten(stream: PrismStream, cls: string, out: Segment[]): void {
  if (typeof stream === 'string') {
    if (stream) out.push({ text: stream, cls });
    return;
  }
  if (Array.isArray(stream)) {
    for (const s of stream) flatten(s, cls, out);
    return;
  }
  const own = classesOf(stream.type, stream.alias);
  flatten(stream.content, cls ? `${cls} ${own}` : own, out);
}

/**
 * `text` as highlighted lines: one array of segments per line (split at `\n`; a `\r` before it is
 * dropped), so the view can number the lines like Monaco. Always at least one line; an empty line is an
 * empty array. `language` picks a Prism grammar loaded by this module or by the caller (json and yaml are
 * loaded here); an unknown one gives plain text.
 */
export function highlightLines(text: string, language: string): Segment[][] {
  const grammar = Prism.languages[language];
  const segments: Segment[] = [];
  if (grammar) flatten(Prism.tokenize(text, grammar), '', segments);
  else if (text) segments.push({ text, cls: '' });
  const lines: Segment[][] = [[]];
  for (const seg of segments) {
    const parts = seg.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      const piece = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (piece) lines[lines.length - 1]!.push({ text: piece, cls: seg.cls });
    });
  }
  return lines;
}
