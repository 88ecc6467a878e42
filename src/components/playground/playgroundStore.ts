/**
 * The page's single playground store, wired to the real engine. One key store per page: RSA key
 * generation is the slow part of a run, so keys are generated once and reused by every run.
 */
import { runChain } from '../../engine/chain.ts';
import { createKeyStore } from '../../engine/issuer.ts';
import { createPlaygroundStore, type PlaygroundStore } from './store.ts';

let store: PlaygroundStore | undefined;

/** The shared store (created on first use). */
export function playgroundStore(): PlaygroundStore {
  if (!store) {
    const keys = createKeyStore();
    store = createPlaygroundStore({ run: (world, now) => runChain(world, { now, keys }) });
  }
  return store;
}
