/**
 * Deep merge used for scenario files and share links (design.md, "Scenario file"):
 * objects merge key by key, arrays replace, a `null` value removes that key.
 *
 * Exception: inside `token.claims` a `null` is kept, because there it means "remove this claim from the
 * token" (the claim set is built later, when the token is minted).
 */

/** True for plain objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Returns a new value: `patch` merged over `base`. Neither argument is modified.
 * @param keepNullAt dotted paths under which `null` values are kept instead of removing keys.
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
    if (value === null && !keepNullAt.includes(path)) {
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
    if (v === null && !keepNullAt.includes(path)) continue;
    out[k] = isPlainObject(v) && !keepNullAt.includes(childPath) ? stripNulls(v, keepNullAt, childPath) : clone(v);
  }
  return out;
}
