/**
 * The state the stages of one chain run share: the world, the clock, the key store, the artifacts, and
 * what earlier stages derived (environment, client ID, token). Created by the runner (chain.ts).
 */
import type { KeyStore } from './issuer.ts';
import type { Artifacts } from './types.ts';
import type { DirectoryIdentity } from './entra/directory.ts';
import type { EntraWorld } from './entraWorld.ts';
import type { ClientIdSource, ProviderHints } from './hints.ts';

export type { ClientIdSource } from './hints.ts';

/**
 * Shared state of one run. `W` is the provider's world (at least the Entra side, {@link EntraWorld});
 * providers extend this type with their own fields (e.g. aks-entra's expirationSeconds).
 */
export interface ChainContext<W extends EntraWorld = EntraWorld> {
  world: W;
  /** Entra ID's clock, seconds since the epoch. */
  now: number;
  keys: KeyStore;
  artifacts: Artifacts;
  /** Effective values derived along the way. */
  env: Record<string, string>;
  clientId?: string;
  tenantId?: string;
  /** Where the SDK sends the token request when AZURE_AUTHORITY_HOST is not in env (provider default). */
  authorityHost: string;
  /** Provider-specific fix texts and nouns used by the shared Entra stages. */
  hints: ProviderHints;
  payload?: Record<string, unknown>;
  header?: Record<string, unknown>;
  jwt?: string;
  matchedFicIndex?: number;
  resourceAudience?: string;
  /** Where the client ID came from: the app's own option, the container spec, or the webhook (annotation). */
  clientIdSource?: ClientIdSource;
  /** The identity Entra ID found by the request's client_id (set by client-lookup). */
  caller?: DirectoryIdentity;
}

