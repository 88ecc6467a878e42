/**
 * The chain runner: runs a provider's nine stages, in the contract's order, over a complete world, and
 * assembles the chain result (design.md, "Stages" and "Chain result"). The stages themselves live in
 * entra/ and azure/ (shared by every Entra-side provider) and providers/<id>/ (each provider's own).
 *
 * Microsoft does not document the order in which Entra ID checks a client assertion; the order here
 * (client, lifetime sanity, federated credential match, discovery, signature, time window) is inferred
 * from error codes and real reports (reference D2) and is flagged as such in the results.
 *
 * This module also re-exports the rules other modules used to import from it, so their paths keep working.
 */
import { base64url } from 'jose';
import { STAGE_IDS, type World } from './schema.ts';
import type { ChainResult, StageResult } from './types.ts';
import { createKeyStore, type KeyStore } from './issuer.ts';
import { resolveScenario } from './scenario.ts';
import { fail, type Stage } from './stage.ts';
import type { Provider } from './provider.ts';
import type { ChainContext } from './context.ts';
import { laterEntraFailures } from './entra/laterFailures.ts';
import { knownProvider } from './providers/known.ts';

export type { Stage } from './stage.ts';
export type { ClientIdSource } from './context.ts';
export { CLUSTER_STAGE_TITLES as STAGE_TITLES } from './kubernetes/titles.ts';
export { WI, RETIRED_KEY_GRACE_SECONDS, keyIsPublished, WEBHOOK_MIN_EXPIRATION, WEBHOOK_MAX_EXPIRATION, TOKENREQUEST_MIN_EXPIRATION } from './kubernetes/constants.ts';
export { EXCHANGE_AUDIENCES, ENTRA_MAX_JWKS_KEYS, MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS, FIC_PROPAGATION_SECONDS, ENTRA_ISSUER_PATTERN } from './entra/constants.ts';
export { RBAC_PROPAGATION_SECONDS, scopeCovers } from './azure/authorization.ts';
export { entraTime } from './entra/format.ts';
export { humanDuration } from './format.ts';
export { directoryIdentities, findClient, type DirectoryIdentity } from './entra/directory.ts';
export { webhookExpiration, sdkUnconfiguredMessage } from './kubernetes/admission.ts';
export { defaultScopeFor } from './entra/clientLookup.ts';
export { applyClaims } from './claimOverrides.ts';
export { checkAssertionIssuer, checkAssertionLifetime } from './entra/assertion.ts';
export { matchFederatedCredentials, NO_CREDENTIALS_UNCERTAIN, type FicLike } from './entra/ficMatch.ts';
export { importVerificationKey, verifyWithJwks } from './entra/signature.ts';
export { checkTimeWindow } from './entra/lifetime.ts';
export { AKS_HINTS } from './providers/aks-entra/hints.ts';

/** Options for {@link runChain}. */
export interface RunOptions {
  /** Entra ID's clock (and the cluster's, unless the token says otherwise). */
  now: Date;
  /** Key store to reuse generated keys; a new one is made when absent (slow: RSA key generation). */
  keys?: KeyStore;
  /** Registry id of the provider whose world this is; default aks-entra. */
  provider?: string;
}

/**
 * Runs all nine stages of the world's provider over a complete, valid world. Never throws: an unexpected
 * internal error is reported as a failed stage. Stages after the first failure are `skipped`.
 * An unknown `opts.provider` is reported the same way (every stage failed or skipped), not thrown. Only
 * loaded providers are known (providers/known.ts): import providers/registry.ts to load them all.
 */
export async function runChain(world: World, opts: RunOptions): Promise<ChainResult> {
  const provider = knownProvider(opts.provider ?? 'aks-entra') ?? unknownProvider(opts.provider ?? '');
  return runProvider(provider, world, opts);
}

/** Runs `provider`'s stages; see {@link runChain}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runProvider(provider: Provider<any, any>, world: World, opts: RunOptions): Promise<ChainResult> {
  const now = Math.floor(opts.now.getTime() / 1000);
  const keys = opts.keys ?? createKeyStore();
  const ctx = provider.context({ world, now, keys }) as ChainContext;
  const stages: StageResult[] = [];
  let failed: StageResult | undefined;
  for (const id of STAGE_IDS) {
    const title = provider.stageTitles[id];
    if (failed) {
      stages.push({ id, status: 'skipped', title, summary: `Not reached: the chain stopped at "${failed.title}".`, checks: [] });
      continue;
    }
    let r: Stage;
    try {
      r = await provider.stages[id](ctx);
    } catch (e) {
      r = fail('The simulator hit an internal error at this stage.', [], e instanceof Error ? e.message : String(e), 'Report this as a bug with the scenario that caused it.');
    }
    const sr: StageResult = { id, title, ...r };
    stages.push(sr);
    if (sr.status === 'fail') failed = sr;
  }
  // Keys for the JWKS/discovery artifacts even when discovery was not reached.
  if (!ctx.artifacts.jwks.keys.length) {
    try {
      ctx.artifacts.jwks = { keys: (await provider.publishedKeys(world, keys)).map((k) => ({ ...k.jwk }) as Record<string, unknown>) };
    } catch {
      /* leave empty */
    }
  }
  const result: ChainResult = {
    outcome: failed ? 'denied' : 'granted',
    provider: provider.id,
    stages,
    configErrors: provider.configErrors(world),
    now,
    world,
    artifacts: ctx.artifacts,
  };
  if (failed) {
    result.failedStage = failed.id;
    if (failed.code) result.code = failed.code;
    const also = provider.laterFailures ? provider.laterFailures(failed, ctx) : laterEntraFailures(failed, ctx);
    if (also.length) {
      const list = also.map((a) => `${a.what} (${a.code})`).join(' and ');
      const note = `The token would also fail ${list}. Microsoft does not document the order of Entra ID's checks, so the real answer may be ${also.map((a) => a.code).join(' or ')} instead.`;
      failed.uncertain = failed.uncertain ? `${failed.uncertain} ${note}` : note;
    }
  }
  return result;
}

/** A stand-in provider whose every stage fails, for an id the registry does not know. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function unknownProvider(id: string): Provider<any, any> {
  const aks = knownProvider('aks-entra')!;
  const failing = () => fail(`The simulator has no provider "${id}".`, [], `unknown provider "${id}"`, 'Use one of the providers the simulator lists.');
  return { ...aks, id, stages: Object.fromEntries(STAGE_IDS.map((s) => [s, failing])) as unknown as Provider['stages'] };
}

/** Options for {@link simulate}. */
export interface SimulateOptions {
  /** Clock to use when the scenario has no `now`. Default: the current time. */
  now?: Date;
  keys?: KeyStore;
}

/**
 * Validates a scenario object (parsed from YAML/JSON), merges it over its provider's default world and
 * runs the chain. The scenario's `now` wins over `opts.now`.
 * @throws ScenarioError when the scenario is invalid (its `issues` name each field).
 */
export async function simulate(input: unknown, opts: SimulateOptions = {}): Promise<ChainResult> {
  const { scenario, world } = resolveScenario(input);
  const now = scenario.now ? new Date(scenario.now) : (opts.now ?? new Date());
  return runChain(world, { now, provider: scenario.provider, ...(opts.keys ? { keys: opts.keys } : {}) });
}

/** Decodes a base64url JSON segment, or returns undefined. Exposed for the UI's token panel. */
export function decodeSegment(seg: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(seg)));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
