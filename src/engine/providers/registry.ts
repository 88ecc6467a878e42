/**
 * The providers the engine knows, by id. The chain runner, the scenario loader, the CLI, the UI and the
 * tests read this list; adding a provider is its folder plus one line here.
 */
import type { Provider } from '../provider.ts';
import { aksEntra } from './aks-entra/index.ts';
import { eksEntra } from './eks-entra/index.ts';
import { gkeEntra } from './gke-entra/index.ts';
import { selfManagedEntra } from './selfmanaged-entra/index.ts';
import { githubEntra } from './github-entra/index.ts';
import { eksIrsa } from './eks-irsa/index.ts';
import { registerProviders } from './known.ts';

/** Every provider, in the order the UI lists them; the first is the default. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROVIDERS: readonly Provider<any, any>[] = [aksEntra, githubEntra, eksEntra, gkeEntra, selfManagedEntra, eksIrsa];

/** Provider ids, e.g. "aks-entra". */
export const PROVIDER_IDS = PROVIDERS.map((p) => p.id);

// Importing this module makes every provider known to the chain runner and the scenario loader.
registerProviders(PROVIDERS);

/** The default provider: a v1 scenario without `provider:` is aks-entra (design.md, "Scenario file"). */
export const DEFAULT_PROVIDER_ID = 'aks-entra';

/** The provider with this id, or undefined. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function providerById(id: string): Provider<any, any> | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
