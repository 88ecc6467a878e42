/**
 * Build-time syntax highlighting for the exported setup files (scenario pages, "Set it up for real"):
 * Prism 1.30 (the highlighter the site already uses for its code views) tokenizes with its bash, HCL,
 * Bicep and YAML grammars, and this module renders the tokens as `<span class="tok-<type>">`. Runs in
 * Astro frontmatter only, so no highlighter ships to the browser.
 *
 * Safety: every piece of text is HTML-escaped here (`&`, `<`, `>`, `"`); only our own span tags are
 * markup, so world values in the text can never become HTML.
 */
import Prism, { type PrismStream } from 'prismjs/components/prism-core.js';
import 'prismjs/components/prism-bash.js';
import 'prismjs/components/prism-hcl.js';
import 'prismjs/components/prism-bicep.js';
import 'prismjs/components/prism-yaml.js';

// Do not highlight the document on load (prism-core.js reads `manual`; only matters in a browser).
Prism.manual = true;

/** Escapes text for HTML element content. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function render(stream: PrismStream): string {
  if (typeof stream === 'string') return escapeHtml(stream);
  if (Array.isArray(stream)) return stream.map(render).join('');
  const aliases = stream.alias === undefined ? [] : Array.isArray(stream.alias) ? stream.alias : [stream.alias];
  const cls = [stream.type, ...aliases].map((t) => `tok-${t.replace(/[^a-z0-9-]/gi, '')}`).join(' ');
  return `<span class="${cls}">${render(stream.content)}</span>`;
}

/** HTML of `text` highlighted as `language` (bash, hcl, bicep or yaml); escaped plain text for another. */
export function highlightCode(text: string, language: string): string {
  const grammar = Prism.languages[language];
  if (!grammar) return escapeHtml(text);
  return render(Prism.tokenize(text, grammar));
}
