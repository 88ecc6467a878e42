/**
 * The page's single playground store, wired to the real engine. One key store per page: RSA key
 * generation is the slow part of a run, so keys are generated once and reused by every run.
 */
import { runChain } from '../../engine/chain.ts';
import { createKeyStore } from '../../engine/issuer.ts';
import { createPlaygroundStore, type PlaygroundStore } from './store.ts';
import { loadedKit } from './providerKits.ts';
import { switchWorld } from './providerSwitch.ts';

let store: PlaygroundStore | undefined;

/**
 * The shared store (created on first use, i.e. in the island's first render). Creating it also starts
 * generating the signing keys of its starting world: WebCrypto generates them off the main thread while
 * React finishes hydrating, instead of after, when the first run asks for them.
 */
export function playgroundStore(): PlaygroundStore {
  if (!store) {
    const keys = createKeyStore();
    store = createPlaygroundStore({ run: (world, now, provider) => runChain(world, { now, keys, provider }) }, undefined, { providers: { kit: loadedKit, switchWorld } });
    // In the browser only: server rendering (the build) never runs the chain.
    if (typeof window !== 'undefined') for (const k of store.getState().world.cluster.signingKeys) keys.get(k.name).catch(() => undefined);
  }
  return store;
}
