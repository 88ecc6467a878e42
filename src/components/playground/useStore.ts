/** React binding for the playground store: re-renders the component when the state changes. */
import { useSyncExternalStore } from 'react';
import type { PlaygroundState, PlaygroundStore } from './store.ts';

export function useStoreState(store: PlaygroundStore): PlaygroundState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

/** True when the user asked for reduced motion (updates live). False during server rendering. */
import { useEffect, useState } from 'react';
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia(query);
    setMatches(mq.matches);
    const on = () => setMatches(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return matches;
}
