/**
 * Build-time syntax highlighting for the exported setup files (scenario pages, "Set it up for real"):
 * Prism 1.30 tokenizes with its bash, HCL, Bicep and YAML grammars through the code views' own
 * highlightLines (playground/highlight.ts), and this module renders its segments as `<span class="tok-<type>">`. Runs in
 * Astro frontmatter only, so no highlighter ships to the browser.
 *
 * Safety: every piece of text is HTML-escaped here (share.ts escapeHtml); only our own span tags are
 * markup, so world values in the text can never become HTML.
 */
// prism-core is imported (and told not to highlight the page) by highlight.ts; these add the grammars.
import { highlightLines } from '../playground/highlight.ts';
import { escapeHtml } from '../../lib/share.ts';
import 'prismjs/components/prism-bash.js';
import 'prismjs/components/prism-hcl.js';
import 'prismjs/components/prism-bicep.js';
import 'prismjs/components/prism-yaml.js';

/** HTML of `text` highlighted as `language` (bash, hcl, bicep or yaml); escaped plain text for another. */
export function highlightCode(text: string, language: string): string {
  return highlightLines(text, language)
    .map((line) => line.map((seg) => (seg.cls ? `<span class="${seg.cls}">${escapeHtml(seg.text)}</span>` : escapeHtml(seg.text))).join(''))
    .join('\n');
}
