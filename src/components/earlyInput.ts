/**
 * Text typed into a server-rendered field before its island hydrated. The page's HTML already holds the
 * editors' textareas (so the configuration is readable and the field looks ready at once), but until
 * React hydrates there is no change handler: on a slow connection a learner can type for seconds, and
 * hydration then renders the store's text over what they typed. This reads the field's DOM state during
 * the island's FIRST client render (hydration has not committed yet, the DOM is still the server's) and
 * hands it to the component after mount, so nothing typed, pasted or focused early is lost.
 *
 * "Typed" means the field's `value` differs from its `defaultValue` (the text the HTML shipped).
 */
import { useEffect, useState } from 'react';

/** What the user did to a field before hydration. Offsets are UTF-16 indexes into `value`. */
export interface EarlyInput {
  value: string;
  /** The value differs from the HTML's: the user typed or pasted. */
  typed: boolean;
  /** The field had the focus at hydration. */
  focused: boolean;
  selectionStart: number;
  selectionEnd: number;
}

/** The early state of the field with this id; undefined on the server, when absent, or when untouched. */
export function readEarlyInput(id: string): EarlyInput | undefined {
  if (typeof document === 'undefined') return undefined;
  const el = document.getElementById(id);
  if (!(el instanceof HTMLTextAreaElement) && !(el instanceof HTMLInputElement)) return undefined;
  const typed = el.value !== el.defaultValue;
  const focused = document.activeElement === el;
  if (!typed && !focused) return undefined;
  return { value: el.value, typed, focused, selectionStart: el.selectionStart ?? el.value.length, selectionEnd: el.selectionEnd ?? el.value.length };
}

/**
 * Calls `apply` once after mount with what was typed into field `id` before hydration (if anything).
 * `apply` should feed the value to the component's store and, when `focused`, restore the caret.
 */
export function useEarlyInput(id: string, apply: (early: EarlyInput) => void): void {
  const [early] = useState(() => readEarlyInput(id));
  useEffect(() => {
    if (early) apply(early);
    // Once, after the first commit: `early` never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [early]);
}
