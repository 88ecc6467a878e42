/**
 * Renders a sentence from data (engine summaries and fixes, the error catalogue, scenario files) with its
 * `backtick` spans as <code>. Text only: nothing is interpreted as HTML. The splitting rules are in
 * src/lib/prose.ts (shared with Prose.astro and the plain-text places such as titles).
 */
import { proseParts } from '../../lib/prose.ts';

export function Prose({ text }: { text: string }) {
  return <>{proseParts(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : p.text))}</>;
}
