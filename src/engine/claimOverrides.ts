/**
 * Claim overrides a scenario applies to a token before signing. Pure.
 */

/** Applies claim overrides: a `null` value removes the claim. Returns a new object with sorted keys. */
export function applyClaims(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete out[k];
    // defineProperty, not assignment: a claim named "__proto__" must stay an ordinary claim.
    else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}
