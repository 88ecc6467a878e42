/**
 * The time-travel control wired to a playground store (the playground page and the workshop
 * challenges): the offset lives in the store (`setElapsed`), which re-runs the engine on the world as it
 * is then. Collapsible in the playground (closed while the clock is at "now"). Mounting it also registers
 * the offline service worker (offline/register.ts).
 */
import { useEffect } from 'react';
import type { PlaygroundState, PlaygroundStore } from '../playground/store.ts';
import { startOffline } from './offline/register.ts';
import { TimeTravel } from './TimeTravel.tsx';

export interface PlaygroundTimeTravelProps {
  store: PlaygroundStore;
  state: PlaygroundState;
  collapsible?: boolean;
  headingLevel?: 2 | 3;
}

export function PlaygroundTimeTravel({ store, state, collapsible = true, headingLevel = 2 }: PlaygroundTimeTravelProps) {
  // The playground is where most visits start: it makes the whole site available offline.
  useEffect(() => startOffline(), []);
  return (
    <TimeTravel
      world={state.world}
      startTime={state.fixedNow}
      elapsedSeconds={state.elapsedSeconds ?? 0}
      onChange={(s) => store.setElapsed(s)}
      result={state.result}
      collapsible={collapsible}
      headingLevel={headingLevel}
    />
  );
}
