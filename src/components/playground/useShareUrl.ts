/**
 * The playground page's URL state (React hook; only the /playground/ page turns it on):
 * - on mount and on every `hashchange`, a `#s=…` fragment is decoded and loaded into the store
 *   (`loadShareHash`); a link that cannot be read leaves the state alone and is reported through
 *   `linkError`;
 * - after each run whose world or clock differs from the last one mirrored, `location.hash` is rewritten
 *   with `history.replaceState` (no history entries, no `hashchange`), so reloading or copying the address
 *   keeps the configuration. The default state clears the fragment. Nothing is mirrored until the user
 *   changes something, so a broken link stays in the address bar next to its error message.
 * - the provider is in the query: `?provider=github-entra` (absent for aks-entra). On mount, without a
 *   share link, a `?provider=` the playground offers is loaded and switched to; a share link's own
 *   `provider` wins over the query. The query follows every switch.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { jsonEqual, PROVIDER_PARAM } from '../../lib/share.ts';
import { DEFAULT_PROVIDER, isPlaygroundProvider, loadedKit, loadKit } from './providerKits.ts';
import { loadShareHash, stateFragment } from './shareLink.ts';
import { initialWorld, providerInitialWorld, type PlaygroundState, type PlaygroundStore } from './store.ts';

const mirrorKey = (s: PlaygroundState) => JSON.stringify([s.provider, s.world, s.fixedNow ?? null, s.shared?.title ?? null, s.elapsedSeconds ?? 0]);

/** `search` (e.g. `location.search`) with the provider parameter set to `provider` (removed for aks-entra). */
export function searchWithProvider(search: string, provider: string): string {
  const params = new URLSearchParams(search);
  if (provider === DEFAULT_PROVIDER) params.delete(PROVIDER_PARAM);
  else params.set(PROVIDER_PARAM, provider);
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** The provider named by `?provider=` in `search`, when the playground offers it. */
export function providerFromSearch(search: string): string | undefined {
  const id = new URLSearchParams(search).get(PROVIDER_PARAM) ?? undefined;
  return isPlaygroundProvider(id) ? id : undefined;
}

let startWorld: ReturnType<typeof initialWorld> | undefined;
/** `initialWorld()`, made once: it is always the same, and making it writes and reads back YAML manifests. */
const startingWorld = () => (startWorld ??= initialWorld());

export function useShareUrl(store: PlaygroundStore, state: PlaygroundState, enabled: boolean): { linkError?: string | undefined; dismissError(): void } {
  const [linkError, setLinkError] = useState<string | undefined>();
  const seq = useRef(0);
  const mirrored = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const load = async () => {
      const mine = ++seq.current;
      const out = await loadShareHash(store, window.location.hash, { isCurrent: () => mine === seq.current });
      if (out.status === 'loaded') {
        setLinkError(undefined);
        mirrored.current = mirrorKey(store.getState()); // the address already describes this state
      } else if (out.status === 'error') {
        setLinkError(out.error);
      } else if (out.status === 'none' && mine === 1) {
        // No link: a `?provider=` on first load switches to that provider.
        const wanted = providerFromSearch(window.location.search);
        if (wanted && wanted !== store.getState().provider) {
          try {
            const kit = await loadKit(wanted);
            if (mine === seq.current) store.switchProvider(kit);
          } catch {
            setLinkError(`The playground could not load the provider "${wanted}". Check your connection and reload the page.`);
          }
        }
      }
    };
    void load();
    const onHash = () => void load();
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      seq.current++;
    };
  }, [store, enabled]);

  // Mirror the state into the address after each run.
  useEffect(() => {
    if (!enabled || !state.result) return;
    const s = store.getState();
    const key = mirrorKey(s);
    if (mirrored.current === undefined) {
      mirrored.current = key; // the first result: nothing changed yet
      return;
    }
    if (key === mirrored.current) return;
    mirrored.current = key;
    const kit = loadedKit(s.provider);
    const start = s.provider === DEFAULT_PROVIDER || !kit ? startingWorld() : providerInitialWorld(kit);
    const isDefault = !s.shared && s.fixedNow === undefined && !(s.elapsedSeconds ?? 0) && jsonEqual(s.world, start);
    const here = () => `${window.location.pathname}${window.location.search}`;
    const base = `${window.location.pathname}${searchWithProvider(window.location.search, s.provider)}`;
    if (isDefault) {
      if (window.location.hash || here() !== base) history.replaceState(history.state, '', base);
      return;
    }
    void stateFragment(s).then(
      (fragment) => {
        if (mirrored.current === key && (window.location.hash !== fragment || here() !== base)) history.replaceState(history.state, '', `${base}${fragment}`);
      },
      () => undefined,
    );
  }, [store, enabled, state.resultVersion, state.result]);

  const dismissError = useCallback(() => setLinkError(undefined), []);
  return { linkError, dismissError };
}
