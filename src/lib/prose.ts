/**
 * The one bit of markup the site's data prose uses: `backtick` spans for inline code, in the engine's
 * summaries, fixes and notes, the error catalogue and the scenario files. Pure (no DOM, no React) so
 * the Astro and React renderers, page titles, meta descriptions and truncated card lines all read the
 * text the same way. Nothing here produces HTML: callers render the parts as text (and code parts
 * inside `<code>`), or use {@link plainText} where no markup is possible.
 */

/** A run of prose: plain text, or the content of one `code` span (without the backticks). */
export interface ProsePart {
  text: string;
  code: boolean;
}

/**
 * Splits `text` at backticks into plain and code parts, in order. A backtick without a partner (an
 * authoring slip, or text cut inside a span) does not open a span: it is dropped and the rest is
 * plain text, so no stray backtick ever reaches a page. Empty parts are left out.
 */
export function proseParts(text: string): ProsePart[] {
  const pieces = text.split('`');
  const out: ProsePart[] = [];
  const push = (t: string, code: boolean) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.code === code && !code) last.text += t;
    else out.push({ text: t, code });
  };
  pieces.forEach((p, i) => {
    // An odd index is inside a span only when a closing backtick follows it.
    const inSpan = i % 2 === 1 && i < pieces.length - 1;
    push(p, inSpan);
  });
  return out;
}

/** `text` for plain-text places (document title, meta description, Open Graph tags, image alt): no backticks. */
export function plainText(text: string): string {
  return text.replaceAll('`', '');
}
