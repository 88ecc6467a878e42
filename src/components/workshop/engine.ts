/**
 * The workshop islands' access to the engine: one key store per page (RSA key generation is the slow part
 * of a run, so every run on a page reuses the keys).
 */
import { runChain } from '../../engine/chain.ts';
import { createKeyStore, type KeyStore } from '../../engine/issuer.ts';
import type { ChainResult, World } from '../../engine/types.ts';

let keys: KeyStore | undefined;

/**
 * Runs provider `provider`'s chain (a registry id, default aks-entra; a provider other than aks-entra must
 * be loaded first, providerKits.ts `loadKit`) on a complete world at `now` with the page's key store.
 */
export function runWorkshop(world: World, now: Date, provider?: string): Promise<ChainResult> {
  keys ??= createKeyStore();
  return runChain(world, provider ? { now, keys, provider } : { now, keys });
}
