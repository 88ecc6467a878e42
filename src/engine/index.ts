/**
 * Workload Identity Lab engine: the public API. Pure TypeScript (no DOM, React or network); the clock
 * is always passed in. Runs unchanged in the browser, in Node tests and in the CLI.
 *
 * Typical use:
 * ```ts
 * const keys = createKeyStore();
 * const result = await simulate(scenarioObject, { now: new Date(), keys });
 * ```
 */
// Load every provider (github-entra, eks-entra, ...) for users of the public API: CLI, build, tests.
export { PROVIDERS, PROVIDER_IDS, providerById } from './providers/registry.ts';
export * from './schema.ts';
export type * from './types.ts';
export * from './defaults.ts';
export { deepMerge } from './merge.ts';
export { parseScenario, resolveScenario, parseWorld, ScenarioError, type ScenarioIssue } from './scenario.ts';
export { createKeyStore, type KeyStore } from './issuer.ts';
export { runChain, simulate, STAGE_TITLES } from './chain.ts';
export { inspect, decodeToken, parseFicList, parseJwks, parseDiscovery, compareCredentials, recognizeErrors, claimShapeChecks, claimShapeNotes, tokenUsable } from './inspect.ts';
export type { InspectInput, InspectResult, DecodedToken, FieldComparison, RecognizedError, ScenarioRef } from './inspect.ts';
export { discloseStage, levelIncludes, summaryIsDiagnosis, DISCLOSURE_LEVELS, type DisclosureLevel, type DisclosedStage, type Withheld } from './disclosure.ts';
export { ERROR_CATALOGUE, errorPagePath, type ErrorInfo } from './errors.ts';
export { advanceWorld, type TokenTimeline, KUBELET_REFRESH_FRACTION, KUBELET_REFRESH_MAX_AGE_SECONDS, DEFAULT_APP_REREAD_SECONDS } from './time.ts';
