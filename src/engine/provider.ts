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
import type { StageId, World } from './schema.ts';
import type { ConfigError } from './types.ts';
import type { Stage } from './stage.ts';
import type { ChainContext, ClientIdSource } from './context.ts';

/**
 * The part of a world every Entra-side provider has: the identity (and other identities) in the
 * directory, the token request the app makes, the resource it reads and the role assignments.
 */
export type EntraWorld = Pick<World, 'identity' | 'otherIdentities' | 'request' | 'resource' | 'roleAssignments'>;

/**
 * Provider-specific wording the shared Entra stages use: where a value is configured on this platform
 * (a ServiceAccount annotation on AKS, an azure/login input on GitHub Actions) and what the workload is
 * called. Each text names the real command or setting of the platform, with its source in the provider.
 */
export interface ProviderHints {
  /** The workload, as a noun after "the": "pod", "workflow job". */
  workload: string;
  /** How to correct a client ID that names the wrong identity, by where the value came from. */
  clientIdFix(source: ClientIdSource | undefined, world: EntraWorld): string;
  /** AADSTS700016 with a client ID no identity has. `looksLikeArmId`: the value is an ARM resource ID. */
  unknownClientFix(looksLikeArmId: boolean): string;
  /** AADSTS700016 because the request went to another tenant than the identity's. */
  wrongTenantFix(identityTenantId: string): string;
  /** `iss` with surrounding whitespace. */
  issuerWhitespaceFix: string;
  /** AADSTS700222: an Entra-issued token presented as the assertion. */
  entraIssuedFix: string;
  /** AADSTS70023: lifetime over 25 hours or iat missing. */
  lifetimeTooLongFix: string;
  /** AADSTS700211: where to copy the exact issuer from. */
  issuerFix(iss: string): string;
  /** Note on the subject check: what this platform's `sub` looks like. */
  subjectNote: string;
  /** AADSTS700213: how to make a credential for this subject. */
  subjectFix(sub: string): string;
  /** AADSTS7000272: the signing key is not in the JWKS. */
  unknownKidFix: string;
  /** The signature does not verify (token edited after signing). */
  badSignatureFix: string;
  /** AADSTS700024, expired. */
  expiredFix: string;
  /** AADSTS700024, not yet valid. */
  notYetValidFix: string;
}

/** One stage of a provider: reads and extends the run's context, never throws for a valid world. */
export type StageRunner<C> = (ctx: C) => Stage | Promise<Stage>;

/** The base context the runner gives {@link Provider.context}. */
export interface RunBase<W> {
  world: W;
  /** Seconds since the epoch. */
  now: number;
  keys: KeyStore;
}

/** A provider: see the module comment. `W` is its world, `C` its run context. */
export interface Provider<W extends EntraWorld = EntraWorld, C extends ChainContext<W> = ChainContext<W>> {
  /** Registry id, as in a scenario's `provider:` field, e.g. "aks-entra". */
  id: string;
  /** Human name, e.g. "AKS → Microsoft Entra ID". */
  title: string;
  /** Stage titles in contract order. */
  stageTitles: Record<StageId, string>;
  /** The stage run in each slot. */
  stages: Record<StageId, StageRunner<C>>;
  hints: ProviderHints;
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
}
