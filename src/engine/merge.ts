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

/**
 * A deep copy through JSON. Values JSON cannot hold (undefined, functions, symbols) come back as
 * `undefined` instead of throwing.
 */
function clone<T>(v: T): T {
  if (v === undefined) return v;
  const text = JSON.stringify(v) as string | undefined;
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

/** Sets an own, enumerable data property, also for a key named "__proto__" (which `out[key] = v` would treat as the prototype). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete out[key];
  else if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
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
    } else if (value === undefined) {
      // Not a JSON value (only a programmatic patch can hold it): changes nothing.
      continue;
    } else if (Object.prototype.hasOwnProperty.call(out, key)) {
      if (keepNullAt.includes(childPath) && isPlainObject(value)) {
        setOwn(out, key, { ...(isPlainObject(out[key]) ? (out[key] as Record<string, unknown>) : {}), ...clone(value) });
      } else {
        setOwn(out, key, mergeInto(out[key], value, keepNullAt, childPath));
      }
    } else {
      // Not in the copy: never read `out[key]`, which may be inherited ("toString", or "__proto__" reading
      // Object.prototype); merge over nothing.
      setOwn(out, key, deepMerge(undefined, value, keepNullAt, childPath));
    }
  }
  return out;
}

function stripNulls(obj: Record<string, unknown>, keepNullAt: readonly string[], path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const childPath = path ? `${path}.${k}` : k;
    if (v === undefined || (v === null && !keepNullAt.includes(path) && !NULL_IS_A_VALUE_AT.includes(childPath))) continue;
    setOwn(out, k, isPlainObject(v) && !keepNullAt.includes(childPath) ? stripNulls(v, keepNullAt, childPath) : clone(v));
  }
  return out;
}
