import { describe, expect, it } from 'vitest';
import { highlightCode } from '../../src/components/static/highlightCode.ts';

/** The text a browser would show for the HTML (tags dropped, entities decoded). */
const shown = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('highlightCode (build-time highlighting of the setup exports)', () => {
  it('highlights with Prism classes and keeps every character and line of the text', () => {
    const text = 'az identity create \\\n  --name "my-id" # a comment\n\nresource "x" "y" {}\n';
    for (const lang of ['bash', 'hcl', 'bicep', 'yaml']) {
      const html = highlightCode(text, lang);
      expect(shown(html), lang).toBe(text);
    }
    expect(highlightCode(text, 'bash')).toMatch(/<span class="tok-comment">/);
  });

  it('never lets a world value become markup, in a grammar or as plain text', () => {
    const evil = 'subject: "<img src=x onerror=alert(1)>" & \'<script>\'';
    for (const lang of ['bash', 'yaml', 'no-such-language']) {
      const html = highlightCode(evil, lang);
      expect(html).not.toMatch(/<(img|script)/i);
      expect(shown(html)).toBe(evil);
    }
  });
});
