/**
 * Deep merge used for scenario files and share links (design.md, "Scenario file"):
 * objects merge key by key, arrays replace, a `null` value removes that key.
 *
 * Exceptions, where `null` is a value and is kept:
 * - inside `token.claims` (and `token.tamperedClaims`), where it means "remove this claim from the
 *   token" (the claim set is built later, when the token is minted);
 * - at `token.appRereadSeconds` ({@link NULL_IS_A_VALUE_AT}), where it means "the app never re-reads
 *   its token file".
 */

/** True for plain objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Single keys (dotted paths) whose `null` is a value of its own, kept by every merge, whatever
 * `keepNullAt` says. `token.appRereadSeconds: null`: the app reads the token file once at start and never
 * again, so it keeps presenting the first token (schema.ts; time.ts `advanceWorld`); leaving the key out
 * means the default, a re-read every 600 s. Without this, a scenario file or a share link could not
 * express the stale-token case.
 */
export const NULL_IS_A_VALUE_AT: readonly string[] = ['token.appRereadSeconds'];

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Returns a new value: `patch` merged over `base`. Neither argument is modified.
 * @param keepNullAt dotted paths of objects inside which `null` values are kept instead of removing
 *   keys (the objects themselves merge shallowly). {@link NULL_IS_A_VALUE_AT} applies in any case.
 */
export function deepMerge(base: unknown, patch: unknown, keepNullAt: readonly string[] = ['token.claims', 'token.tamperedClaims'], path = ''): unknown {
  if (patch === undefined) return clone(base);
  // `base` is copied once, here; the merge below then works on that copy in place.
  return mergeInto(isPlainObject(patch) && isPlainObject(base) ? clone(base) : base, patch, keepNullAt, path);
}

/** {@link deepMerge} over `out`, a copy the caller owns (objects in it may be changed and returned). */
function mergeInto(out: unknown, patch: unknown, keepNullAt: readonly string[], path: string): unknown {
  if (patch === undefined) return out;
  if (!isPlainObject(patch) || !isPlainObject(out)) {
    if (isPlainObject(patch) && keepNullAt.includes(path)) return clone(patch);
    return isPlainObject(patch) ? stripNulls(patch, keepNullAt, path) : clone(patch);
  }
  for (const [key, value] of Object.entries(patch)) {
    const childPath = path ? `${path}.${key}` : key;
    if (value === null && !keepNullAt.includes(path) && !NULL_IS_A_VALUE_AT.includes(childPath)) {
      delete out[key];
    } else if (keepNullAt.includes(childPath) && isPlainObject(value)) {
      out[key] = { ...(isPlainObject(out[key]) ? (out[key] as Record<string, unknown>) : {}), ...clone(value) };
    } else if (Object.prototype.hasOwnProperty.call(out, key)) {
      out[key] = mergeInto(out[key], value, keepNullAt, childPath);
    } else {
      // Not in the copy: `out[key]` may be inherited (a "__proto__" key reads Object.prototype), never change it.
      out[key] = deepMerge(out[key], value, keepNullAt, childPath);
    }
  }
  return out;
}

function stripNulls(obj: Record<string, unknown>, keepNullAt: readonly string[], path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const childPath = path ? `${path}.${k}` : k;
    if (v === null && !keepNullAt.includes(path) && !NULL_IS_A_VALUE_AT.includes(childPath)) continue;
    out[k] = isPlainObject(v) && !keepNullAt.includes(childPath) ? stripNulls(v, keepNullAt, childPath) : clone(v);
  }
  return out;
}
