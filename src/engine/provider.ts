/**
 * What a provider is: one issuer → cloud federation (aks-entra, github-entra, ...) as data plus its own
 * stages, run in the nine contract slots (design.md, "Stages"). Every Entra-side provider reuses the
 * shared Entra stages (entra/) and Azure authorization (azure/), and supplies its own stages for the
 * slots only it fills (admission, projected-token, issuer-discovery, and any wrapper), its fix texts for
 * the shared stages ({@link ProviderHints}), its world schema and healthy default world.
 *
 * The registry (providers/registry.ts) lists them; the chain runner, the scenario loader, the CLI, the
 * UI and the tests read it.
 */
import type { z } from './zod.ts';
import type { IssuerKey, KeyStore } from './issuer.ts';
import type { StageId } from './schema.ts';
import type { ConfigError } from './types.ts';
import type { Stage } from './stage.ts';
import type { ChainContext } from './context.ts';
import type { EntraWorld } from './entraWorld.ts';
import type { ProviderHints } from './hints.ts';
import type { Artifacts, StageResult } from './types.ts';

export type { EntraWorld } from './entraWorld.ts';
export type { ClientIdSource, ProviderHints } from './hints.ts';

/** One stage of a provider: reads and extends the run's context, never throws for a valid world. */
export type StageRunner<C> = (ctx: C) => Stage | Promise<Stage>;

/** The base context the runner gives {@link Provider.context}. */
export interface RunBase<W> {
  world: W;
  /** Seconds since the epoch. */
  now: number;
  keys: KeyStore;
}

/**
 * What the runner itself needs of a run's context (chain.ts): the artifacts it returns. Entra-side
 * providers use {@link ChainContext}; a provider whose relying cloud is not Entra (eks-irsa) has its own.
 */
export interface RunContext<W> extends RunBase<W> {
  artifacts: Artifacts;
}

/** A provider: see the module comment. `W` is its world, `C` its run context. */
export interface Provider<W extends object = EntraWorld, C extends RunContext<W> = ChainContext<W & EntraWorld>> {
  /** Registry id, as in a scenario's `provider:` field, e.g. "aks-entra". */
  id: string;
  /** Human name, e.g. "AKS → Microsoft Entra ID". */
  title: string;
  /** Stage titles in contract order. */
  stageTitles: Record<StageId, string>;
  /** The stage run in each slot. */
  stages: Record<StageId, StageRunner<C>>;
  /** Fix texts for the shared Entra stages; absent for a provider that does not use them (eks-irsa). */
  hints?: ProviderHints;
  /** Zod schema of a complete world (after merging over the default). */
  worldSchema: z.ZodType<W>;
  /** A fresh deep copy of the healthy default world (every check passes). */
  defaultWorld(): W;
  /** Builds the run's context: initial artifacts (issuer, discovery) and provider state. */
  context(base: RunBase<W>): C;
  /** The keys the issuer publishes now, for the JWKS artifact when discovery was not reached. */
  publishedKeys(world: W, keys: KeyStore): Promise<IssuerKey[]>;
  /** What the services would refuse when the configuration is written (design.md, `configErrors`). */
  configErrors(world: W): ConfigError[];
  /**
   * Checks after the failing one that would fail too, for the failed stage's `uncertain` note. Absent:
   * Entra ID's (entra/laterFailures.ts), which every Entra-side provider shares.
   */
  laterFailures?(failed: StageResult, ctx: C): { what: string; code: string }[];
}
