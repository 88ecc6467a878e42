/**
 * The providers the running program has loaded. aks-entra is always there; the others join when
 * providers/registry.ts is imported (the engine's public entry index.ts, the CLI, the build and the tests
 * do). Browser bundles that only simulate AKS (the playground, lessons, workshop) import the chain without
 * the registry, so they do not carry every provider's code (about 36 KB gzip). Looked up by id by the
 * chain runner and the scenario loader.
 */
import type { Provider } from '../provider.ts';
import { aksEntra } from './aks-entra/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const known = new Map<string, Provider<any, any>>([[aksEntra.id, aksEntra]]);

/** Adds providers (by id; a later one with the same id replaces the earlier). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerProviders(list: readonly Provider<any, any>[]): void {
  for (const p of list) known.set(p.id, p);
}

/** The loaded provider with this id, or undefined. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function knownProvider(id: string): Provider<any, any> | undefined {
  return known.get(id);
}

/** Ids of the loaded providers, for messages. */
export function knownProviderIds(): string[] {
  return [...known.keys()];
}
