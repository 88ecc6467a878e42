/**
 * The lessons' access to the engine: one key store per page (RSA key generation is the slow part of a
 * run, so every island on a page shares the keys) and a React hook that runs the chain on a world and
 * keeps the latest result. Components render the result; they never run checks themselves.
 */
import { useEffect, useState } from 'react';
import { runChain } from '../../engine/chain.ts';
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
  const [result, setResult] = useState<ChainResult | undefined>(undefined);
  useEffect(() => {
    if (!world) return;
    let current = true;
    void runLesson(world, now).then((r) => {
      if (current) setResult(r);
    });
    return () => {
      current = false;
    };
  }, [world, now]);
  return world ? result : undefined;
}
