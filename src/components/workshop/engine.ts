/**
 * The workshop islands' access to the engine: one key store per page (RSA key generation is the slow part
 * of a run, so every run on a page reuses the keys).
 */
import { runChain } from '../../engine/chain.ts';
import { createKeyStore, type KeyStore } from '../../engine/issuer.ts';
import type { ChainResult, World } from '../../engine/types.ts';

let keys: KeyStore | undefined;

/** Runs the chain on a complete world at `now` with the page's key store. */
export function runWorkshop(world: World, now: Date): Promise<ChainResult> {
  keys ??= createKeyStore();
  return runChain(world, { now, keys });
}
