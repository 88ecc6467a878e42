/**
 * The playground page's URL state (React hook; only the /playground/ page turns it on):
 * - on mount and on every `hashchange`, a `#s=…` fragment is decoded and loaded into the store
 *   (`loadShareHash`); a link that cannot be read leaves the state alone and is reported through
 *   `linkError`;
 * - after each run whose world or clock differs from the last one mirrored, `location.hash` is rewritten
 *   with `history.replaceState` (no history entries, no `hashchange`), so reloading or copying the address
 *   keeps the configuration. The default state clears the fragment. Nothing is mirrored until the user
 *   changes something, so a broken link stays in the address bar next to its error message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { jsonEqual } from '../../lib/share.ts';
import { loadShareHash, stateFragment } from './shareLink.ts';
import { initialWorld, type PlaygroundState, type PlaygroundStore } from './store.ts';

const mirrorKey = (s: PlaygroundState) => JSON.stringify([s.world, s.fixedNow ?? null, s.shared?.title ?? null, s.elapsedSeconds ?? 0]);

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
    const isDefault = !s.shared && s.fixedNow === undefined && !(s.elapsedSeconds ?? 0) && jsonEqual(s.world, startingWorld());
    const base = `${window.location.pathname}${window.location.search}`;
    if (isDefault) {
      if (window.location.hash) history.replaceState(history.state, '', base);
      return;
    }
    void stateFragment(s).then(
      (fragment) => {
        if (mirrored.current === key && window.location.hash !== fragment) history.replaceState(history.state, '', `${base}${fragment}`);
      },
      () => undefined,
    );
  }, [store, enabled, state.resultVersion, state.result]);

  const dismissError = useCallback(() => setLinkError(undefined), []);
  return { linkError, dismissError };
}
