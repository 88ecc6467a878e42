/**
 * Share links: a whole scenario in the URL fragment (design.md, "Share links").
 *
 * Format, version 1:
 * ```
 * https://<site>/playground/#s=1.<base64url(deflate-raw(UTF-8 JSON of a scenario object))>
 * ```
 * - `1.` is the format version. A later format gets another number; this module answers links with a
 *   higher number with "made by a newer version", never by guessing.
 * - The payload is a scenario object as in a scenario file (`schema: 1`, `title`, `world`, optional `now`,
 *   ...). `world` is normally the DIFF from the provider's default world ({@link worldDiff}), so a link
 *   only carries what was changed; a complete world works too (merging it over the defaults is a no-op).
 * - Compression is raw DEFLATE (RFC 1951) through the platform's `CompressionStream('deflate-raw')`
 *   (Node >= 21.2, Chromium >= 103, Firefox >= 113, Safari >= 16.4); base64url is RFC 4648 §5 without
 *   padding.
 * - The fragment never reaches a server (RFC 3986 §3.5: user agents do not send it).
 *
 * Decoding is defensive: the encoded part is capped at {@link MAX_ENCODED_LENGTH} characters and the
 * inflated JSON at {@link MAX_INFLATED_BYTES} bytes, checked WHILE inflating (a small link that inflates
 * to megabytes is stopped early), and the result is validated with the engine's `parseScenario`.
 * {@link decodeShare} never throws; every failure is a readable message.
 *
 * Old links keep working as the scenario schema grows: new scenario fields are optional (schema.ts), and
 * test/unit/share.test.ts decodes a frozen v1 link.
 *
 * Secrets: the scenario format has no field for a real token, so a pasted token (e.g. in /inspect/) can
 * never end up in a link made here. If a later feature puts one in the scenario, including it in a link
 * must be an explicit opt-in after a warning (design.md).
 *
 * Pure: no DOM, no network; runs in the browser and in Node 22 (build time, tests).
 */
import { parseScenario } from '../engine/scenario.ts';
import { isPlainObject } from '../engine/merge.ts';
import type { Scenario, ScenarioInput, World } from '../engine/schema.ts';

/** The format version written by {@link encodeShare}, and the only one {@link decodeShare} reads. */
export const SHARE_VERSION = 1;

/** Longest accepted encoded part (after `1.`), in characters: 16 KiB. */
export const MAX_ENCODED_LENGTH = 16 * 1024;

/** Largest accepted inflated JSON, in bytes: 256 KiB. Inflation stops as soon as it is exceeded. */
export const MAX_INFLATED_BYTES = 256 * 1024;

/** The name of the fragment parameter: `#s=...`. */
export const SHARE_PARAM = 's';

/** Why a link could not be read (for tests and for the UI to pick wording or an icon). */
export type ShareErrorReason = 'empty' | 'format' | 'version' | 'too-large' | 'base64' | 'deflate' | 'json' | 'invalid';

/** Options of {@link decodeShare}. */
export interface DecodeOptions {
  /**
   * Called with the payload's `provider` (when it has one) before the scenario is validated, so a page
   * that loads providers on demand (the playground) can load and register it first. A rejection makes
   * the link fail with reason `invalid`.
   */
  prepare?: (provider: string) => Promise<unknown>;
}

/** The result of {@link decodeShare}. */
export type DecodeResult =
  | {
      ok: true;
      /** The validated scenario object as it was in the link (defaults filled in by the schema). */
      scenario: Scenario;
      /** The complete world: the link's `world` merged over the default world, validated. */
      world: World;
    }
  | {
      ok: false;
      reason: ShareErrorReason;
      /** One or two sentences for a person, saying what is wrong with the link. */
      error: string;
    };

/** The scenario object a link carries. `world` is partial (a diff); the other scenario fields may be added. */
export type SharedScenario = ScenarioInput;

// ---------------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5, no padding). Written out because neither `btoa` on binary strings nor
// `Uint8Array.prototype.toBase64` is available everywhere the site runs.

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map([...B64URL].map((c, i) => [c, i] as const));

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Decodes unpadded base64url. Returns `null` for any character outside the base64url alphabet, for a
 * length that no byte sequence encodes to (length % 4 === 1), or for non-zero leftover bits.
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (const c of text) {
    const v = B64URL_INDEX.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) return null; // leftover bits must be zero in a canonical encoding
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Compression through the platform's streams.

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

class TooLargeError extends Error {}

/** Inflates raw DEFLATE, stopping with {@link TooLargeError} as soon as the output passes `limit` bytes. */
async function inflateRaw(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw new TooLargeError();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Encodes a scenario object as the share-link payload `1.<base64url(deflate-raw(JSON))>` (no `#s=`).
 * The object is serialized with `JSON.stringify` as it is (pass `{ schema: 1, title, world: worldDiff(...) }`
 * for short links; see {@link shareScenario}). Throws only if the platform lacks CompressionStream or the
 * object cannot be serialized (a cycle, a BigInt).
 */
export async function encodeShare(scenario: SharedScenario | Record<string, unknown>): Promise<string> {
  const json = JSON.stringify(scenario);
  const packed = await deflateRaw(new TextEncoder().encode(json));
  return `${SHARE_VERSION}.${toBase64Url(packed)}`;
}

/** The fragment for a scenario: `#s=1.…`. */
export async function shareFragment(scenario: SharedScenario | Record<string, unknown>): Promise<string> {
  return `#${SHARE_PARAM}=${await encodeShare(scenario)}`;
}

const fail = (reason: ShareErrorReason, error: string): DecodeResult => ({ ok: false, reason, error });

/**
 * Takes the encoded part out of what a user or `location.hash` gives: `#s=1.…`, `s=1.…`, `1.…`, or a whole
 * URL whose fragment is one of those (other `&`-separated fragment parameters are ignored).
 * Returns `null` when there is no `s` parameter and the text does not start with a version number.
 */
export function extractPayload(input: string): string | null {
  let text = input.trim();
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(hash + 1);
  if (/^\d+\./.test(text)) return text;
  for (const part of text.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/**
 * Reads a share link back into a validated scenario and its complete world. Accepts `#s=1.…`, `s=1.…`,
 * `1.…` (or a URL ending in such a fragment). Never throws: every failure is `{ ok: false, reason, error }`
 * with a message that says what is wrong:
 * - `empty`: nothing to read; `format`: not a Workload Identity Lab share link;
 * - `version`: another format version (a higher one: "made by a newer version");
 * - `too-large`: more than {@link MAX_ENCODED_LENGTH} characters, or inflates past {@link MAX_INFLATED_BYTES};
 * - `base64`: characters outside base64url; `deflate`: not DEFLATE data (or cut short);
 * - `json`: not UTF-8 JSON, or not an object; `invalid`: the scenario schema rejects it (the field is named).
 */
export async function decodeShare(fragment: string, options: DecodeOptions = {}): Promise<DecodeResult> {
  try {
    if (typeof fragment !== 'string' || fragment.trim() === '' || /^#?s?=?$/.test(fragment.trim())) {
      return fail('empty', 'The link holds no scenario.');
    }
    const payload = extractPayload(fragment);
    if (payload === null) {
      return fail('format', 'This is not a Workload Identity Lab share link: it should look like #s=1.… .');
    }
    const m = /^(\d+)\.(.*)$/s.exec(payload);
    if (!m) return fail('format', 'This is not a Workload Identity Lab share link: the part after s= should start with a version number and a dot, as in s=1.abc…');
    const version = Number(m[1]);
    const data = m[2]!;
    if (version !== SHARE_VERSION) {
      return version > SHARE_VERSION
        ? fail('version', `This link was made by a newer version of Workload Identity Lab (link format ${version}); this site reads format ${SHARE_VERSION}. Reload the page to get the latest version.`)
        : fail('version', `Unknown link format ${version}; this site reads format ${SHARE_VERSION}.`);
    }
    if (data.length > MAX_ENCODED_LENGTH) {
      return fail('too-large', `The link is too long (${data.length} characters; at most ${MAX_ENCODED_LENGTH} are read).`);
    }
    if (data === '') return fail('deflate', 'The link is cut off: there is no data after "1.".');
    const bytes = fromBase64Url(data);
    if (!bytes) {
      return fail('base64', 'The link is damaged: its data is not valid base64url (it may have been cut off or changed when copied).');
    }
    let inflated: Uint8Array;
    try {
      inflated = await inflateRaw(bytes, MAX_INFLATED_BYTES);
    } catch (err) {
      if (err instanceof TooLargeError) {
        return fail('too-large', `The link's scenario is too large (more than ${MAX_INFLATED_BYTES / 1024} KB once unpacked).`);
      }
      return fail('deflate', 'The link is damaged: its data could not be decompressed (it may have been cut off when copied).');
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
    } catch {
      return fail('json', 'The link is damaged: its data is not a JSON scenario.');
    }
    if (!isPlainObject(value)) return fail('json', 'The link is damaged: its data is not a scenario object.');
    if (options.prepare && typeof value.provider === 'string') {
      try {
        await options.prepare(value.provider);
      } catch {
        return fail('invalid', `The link's scenario is for the provider "${value.provider.slice(0, 60)}", which this page could not load.`);
      }
    }
    const parsed = parseScenario(value);
    if (!parsed.ok) {
      const shown = parsed.issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`);
      const more = parsed.issues.length > 3 ? ` (and ${parsed.issues.length - 3} more)` : '';
      return fail('invalid', `The link's scenario is not valid: ${shown.join('; ')}${more}.`);
    }
    return { ok: true, scenario: parsed.scenario, world: parsed.world };
  } catch {
    return fail('format', 'This link could not be read.');
  }
}

// ---------------------------------------------------------------------------------------------------
// World diffs

/** Deep equality of JSON values (key order ignored; `undefined` members count as absent). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Sets an own property, even for a key such as `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Paths whose objects the engine merges shallowly and where `null` is a value ("remove this claim"). */
const KEEP_NULL_AT = ['token.claims', 'token.tamperedClaims'];

/**
 * The smallest patch that turns `base` into `target` under the engine's merge rules (merge.ts): for
 * objects, only the keys whose values differ (recursively); arrays and other values are replaced whole;
 * a key of `base` missing from `target` becomes `null` (remove). Inside `token.claims` and
 * `token.tamperedClaims`, where the engine merges shallowly and keeps `null` as a value, changed claims
 * are given whole.
 *
 * Guarantee (tested with random worlds): `deepMerge(base, worldDiff(base, target))` deep-equals `target`,
 * with exceptions the format cannot express: removing a claim override, or a `token.appRereadSeconds: null`
 * (kept as a value by the merge: "never re-read"), that `base` has (the default world has neither, so
 * diffs from `defaultWorld()` are always exact).
 *
 * @returns a new object (an empty object when nothing differs); inputs are not modified.
 */
export function worldDiff(base: unknown, target: unknown): Record<string, unknown> {
  const d = diffValue(base, target, '');
  return isPlainObject(d) ? d : {};
}

function diffValue(base: unknown, target: unknown, path: string): unknown {
  if (!isPlainObject(base) || !isPlainObject(target)) return clone(target);
  const out: Record<string, unknown> = {};
  const shallow = KEEP_NULL_AT.includes(path);
  for (const [key, value] of Object.entries(target)) {
    if (value === undefined) continue;
    const before = Object.prototype.hasOwnProperty.call(base, key) ? base[key] : undefined;
    if (jsonEqual(before, value)) continue;
    const childPath = path ? `${path}.${key}` : key;
    setOwn(out, key, shallow || before === undefined ? clone(value) : diffValue(before, value, childPath));
  }
  if (!shallow) {
    for (const key of Object.keys(base)) {
      if (base[key] !== undefined && (!Object.prototype.hasOwnProperty.call(target, key) || target[key] === undefined)) {
        setOwn(out, key, null);
      }
    }
  }
  return out;
}

/**
 * Builds the scenario object a link carries for a world edited from the default one:
 * `{ schema: 1, title, world: worldDiff(defaultWorld, world), now? }`.
 * @param now an ISO 8601 date-time to freeze the clock, or omit for "the viewer's real time".
 */
export function shareScenario(
  defaults: World,
  world: World,
  { title, now, provider }: { title: string; now?: string | undefined; provider?: string | undefined },
): SharedScenario {
  const out: SharedScenario = { schema: 1, title, world: worldDiff(defaults, world) };
  // Written only for other providers, so aks-entra links stay exactly as v1 links always were.
  if (provider !== undefined && provider !== 'aks-entra') out.provider = provider;
  if (now !== undefined) out.now = now;
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Links and embed snippets for pages

/** The clock named scenarios run at when their file gives none (as in src/lib/scenarios.ts). */
export const DEFAULT_SCENARIO_NOW = '2026-01-15T10:00:00Z';

/**
 * The scenario object the share link of a named scenario carries: its title, its partial world (already a
 * diff from the default world) and its clock, so the link reproduces the page's verdict exactly.
 * Descriptive fields (summary, fix, tags, sources) stay on the scenario page, keeping the link short.
 */
export function namedScenarioShare(scenario: { title: string; now?: string | undefined; world: Record<string, unknown>; provider?: string | undefined }): SharedScenario {
  const out: SharedScenario = { schema: 1, title: scenario.title, now: scenario.now ?? DEFAULT_SCENARIO_NOW, world: scenario.world };
  // A v1 link without `provider` is aks-entra; other providers say which they are.
  if (scenario.provider !== undefined && scenario.provider !== 'aks-entra') out.provider = scenario.provider;
  return out;
}

/** The query parameter that names the playground's provider: `/playground/?provider=github-entra`. */
export const PROVIDER_PARAM = 'provider';

/**
 * The playground path that opens `fragment` (`#s=1.…`, or empty) with `provider`: `/playground/` plus
 * `?provider=<id>` for every provider but aks-entra (the default, whose links stay as they always were).
 */
export function playgroundPath(provider: string | undefined, fragment = ''): string {
  const query = provider && provider !== 'aks-entra' ? `?${PROVIDER_PARAM}=${encodeURIComponent(provider)}` : '';
  return `/playground/${query}${fragment}`;
}

/** Escapes text for an HTML attribute value or text node (`& < > " '`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Height of the embed iframe in CSS pixels (the embed page scrolls inside it when longer). */
export const EMBED_HEIGHT = 600;

/**
 * The `<iframe>` snippet that embeds a page of this site: full width, {@link EMBED_HEIGHT}px high, no
 * border, lazy, and a title for screen readers ("Workload Identity Lab: <title>").
 * @param src absolute URL of the embed page, e.g. `https://<site>/embed/<slug>/`.
 */
export function embedSnippet(src: string, title: string): string {
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(`Workload Identity Lab: ${title}`)}" width="100%" height="${EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>`;
}
