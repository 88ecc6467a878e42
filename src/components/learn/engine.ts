/**
 * The lessons' access to the engine: one key store per page (RSA key generation is the slow part of a
 * run, so every island on a page shares the keys) and a React hook that runs the chain on a world and
 * keeps the latest result. Components render the result; they never run checks themselves.
 */
import { useEffect, useState } from 'react';
import { runChain, runProvider } from '../../engine/chain.ts';
import type { Provider } from '../../engine/provider.ts';
import { createKeyStore, type KeyStore } from '../../engine/issuer.ts';
import type { ChainResult, World } from '../../engine/types.ts';

let keys: KeyStore | undefined;

/** The page's key store (created on first use). */
export function keyStore(): KeyStore {
  keys ??= createKeyStore();
  return keys;
}

/** Runs the chain on `world` at `now` with the page's keys. */
export function runLesson(world: World, now: Date): Promise<ChainResult> {
  return runChain(world, { now, keys: keyStore() });
}

/**
 * Runs the chain whenever `world` changes (by identity) and returns the latest result; results of runs
 * that were overtaken by a newer one are dropped. `undefined` until the first run completes, or while
 * `world` is undefined.
 */
export function useChain(world: World | undefined, now: Date): ChainResult | undefined {
  return useChainOf(undefined, world, now);
}

/**
 * {@link useChain} for another provider's world (the "Beyond AKS" lessons pass github-entra or eks-entra,
 * imported by their own island only, so the AKS lessons do not bundle them). `provider` undefined: aks-entra.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useChainOf(provider: Provider<any, any> | undefined, world: World | undefined, now: Date): ChainResult | undefined {
  const [result, setResult] = useState<ChainResult | undefined>(undefined);
  useEffect(() => {
    if (!world) return;
    let current = true;
    const run = provider ? runProvider(provider, world, { now, keys: keyStore() }) : runLesson(world, now);
    void run.then((r) => {
      if (current) setResult(r);
    });
    return () => {
      current = false;
    };
  }, [provider, world, now]);
  return world ? result : undefined;
}
