/**
 * The playground's share links (format: src/lib/share.ts): loading a `#s=…` fragment into the store, and
 * building the link of the current state. Framework-free and DOM-free (the caller passes
 * `location.hash` / `location.origin`), so it is unit-tested in Node.
 */
import { defaultWorld } from '../../engine/defaults.ts';
import { advanceWorld } from '../../engine/time.ts';
import { decodeShare, embedSnippet, jsonEqual, shareFragment, shareScenario, SHARE_PARAM, type DecodeResult } from '../../lib/share.ts';
import type { PlaygroundState, PlaygroundStore } from './store.ts';
import { DEFAULT_PROVIDER, loadedKit, loadKit } from './providerKits.ts';

/** Title of a link made from a state that was not loaded from a scenario. */
export const CUSTOM_TITLE = 'Custom playground scenario';
const EDITED_SUFFIX = ' (edited)';

/** True when a URL fragment (`location.hash`, with or without `#`) carries a share parameter `s=`. */
export function hasShareParam(hash: string): boolean {
  return hash
    .replace(/^#/, '')
    .split('&')
    .some((part) => part.startsWith(`${SHARE_PARAM}=`));
}

/** What {@link loadShareHash} did. */
export type LoadOutcome =
  | { status: 'none' }
  | { status: 'stale' }
  | { status: 'loaded'; title: string; now?: string | undefined; provider: string }
  | { status: 'error'; error: string };

/** Options of {@link loadShareHash}. */
export interface LoadOptions {
  /** Decodes the fragment; default {@link decodeShare} (replaceable in tests). */
  decode?: (fragment: string, options?: { prepare?: (provider: string) => Promise<unknown> }) => Promise<DecodeResult>;
  /**
   * Asked after decoding (which is asynchronous): `false` means a newer link arrived meanwhile, and this
   * one is dropped (`stale`) without touching the store. Default: always current.
   */
  isCurrent?: () => boolean;
}

/**
 * Loads the share link in `hash` (e.g. `location.hash`) into `store`: nothing happens when the fragment has
 * no `s=` parameter (`none`); a link that decodes and validates replaces the store's state (`loaded`);
 * any other link leaves the state exactly as it was and returns the reason (`error`, a sentence for a
 * person). Never throws.
 */
export async function loadShareHash(store: PlaygroundStore, hash: string, { decode = decodeShare, isCurrent = () => true }: LoadOptions = {}): Promise<LoadOutcome> {
  if (!hasShareParam(hash)) return { status: 'none' };
  let r: DecodeResult;
  try {
    // A link for another provider loads that provider's code first (providerKits.ts).
    r = await decode(hash, { prepare: loadKit });
  } catch {
    r = { ok: false, reason: 'format', error: 'This link could not be read.' };
  }
  if (!isCurrent()) return { status: 'stale' };
  if (!r.ok) return { status: 'error', error: r.error };
  const provider = r.scenario.provider ?? DEFAULT_PROVIDER;
  const loaded = store.loadScenario(r.world, { title: r.scenario.title, now: r.scenario.now, provider });
  if (!loaded.ok) return { status: 'error', error: loaded.error };
  return { status: 'loaded', title: r.scenario.title, now: r.scenario.now, provider };
}

/**
 * The title a link of `state` carries: the loaded scenario's title while its world is unchanged, the same
 * title with " (edited)" once edited, and {@link CUSTOM_TITLE} when nothing was loaded.
 */
export function shareTitle(state: Pick<PlaygroundState, 'world' | 'shared'>): string {
  if (!state.shared) return CUSTOM_TITLE;
  if (jsonEqual(state.world, state.shared.world)) return state.shared.title;
  const base = state.shared.title.endsWith(EDITED_SUFFIX) ? state.shared.title.slice(0, -EDITED_SUFFIX.length) : state.shared.title;
  return `${base}${EDITED_SUFFIX}`;
}

/**
 * The fragment (`#s=1.…`) of the current state: the world as a diff from `defaultWorld()` (decoding merges
 * over it), the {@link shareTitle}, and the fixed clock when one is set. With a time-travel offset
 * (`elapsedSeconds` > 0) the link carries the advanced world and the clock at that moment instead (base:
 * the fixed clock, else `clock()`). Throws only when the platform has no CompressionStream.
 */
export function stateFragment(state: LinkState, clock: () => Date = () => new Date()): Promise<string> {
  const provider = state.provider ?? DEFAULT_PROVIDER;
  const kit = loadedKit(provider);
  // The diff is taken from the provider's own default world (decoding merges over it).
  const defaults = kit && provider !== DEFAULT_PROVIDER ? kit.defaultWorld() : defaultWorld();
  const elapsed = kit?.shape === 'github' ? 0 : (state.elapsedSeconds ?? 0);
  if (elapsed > 0) {
    // Time travel: the link holds the moment travelled to, as a world and a fixed clock of its own (the
    // engine's advanceWorld, as the store runs it), so it opens showing the same verdict at offset 0.
    const base = state.fixedNow !== undefined ? new Date(state.fixedNow) : clock();
    const now = new Date(base.getTime() + elapsed * 1000).toISOString();
    return shareFragment(shareScenario(defaults, advanceWorld(state.world, elapsed).world, { title: shareTitle(state), now, provider }));
  }
  return shareFragment(shareScenario(defaults, state.world, { title: shareTitle(state), now: state.fixedNow, provider }));
}

/** What a share link is made of: the world, the loaded scenario, the fixed clock and the time-travel offset. */
export type LinkState = Pick<PlaygroundState, 'world' | 'shared' | 'fixedNow' | 'elapsedSeconds'> & { provider?: string | undefined };

/**
 * The absolute playground link of the current state: `origin + '/playground/' + '#s=1.…'`.
 * @param origin the site's origin, e.g. `location.origin` (`https://example.org`, no trailing slash).
 */
export async function playgroundShareUrl(origin: string, state: LinkState): Promise<string> {
  return `${origin.replace(/\/+$/, '')}/playground/${await stateFragment(state)}`;
}

/**
 * The `<iframe>` snippet that embeds the current state: the same shape as a scenario page's "Copy embed
 * code" ({@link embedSnippet}), pointing at `origin + '/embed/' + '#s=1.…'` (the same fragment as
 * {@link playgroundShareUrl}), titled with {@link shareTitle}.
 * @param origin the site's origin, e.g. `location.origin` (no trailing slash).
 */
export async function playgroundEmbedSnippet(origin: string, state: LinkState): Promise<string> {
  return embedSnippet(`${origin.replace(/\/+$/, '')}/embed/${await stateFragment(state)}`, shareTitle(state));
}

/**
 * A fixed clock for people: `2026-01-15T10:00:00Z` → `2026-01-15 10:00 UTC` (seconds shown only when not
 * zero, always in UTC). Returns the input unchanged when it is not a date.
 */
export function formatSimulatedTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const seconds = s.slice(17, 19);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}${seconds !== '00' ? `:${seconds}` : ''} UTC`;
}
