/**
 * The `github-entra` provider (GitHub Actions OIDC token → Microsoft Entra ID federated identity
 * credential, through azure/login): its world part, healthy defaults, the stages only GitHub has, the
 * fix texts for Entra's shared stages, and the token panel's explanations. Not wired into the engine yet:
 * the registry and the chain runner compose these with the shared Entra stages.
 *
 * Slots (the nine ids of src/engine/schema.ts STAGE_IDS, in order), and who fills them:
 * - `admission`: {@link githubAdmission} (GHES version, azure/login inputs, `id-token: write`);
 * - `projected-token`: {@link githubProjectedToken} (GitHub mints the ID token; "Federated token details");
 * - `client-lookup`, `federation-match`: shared Entra stages, with {@link githubHints} as fix texts;
 * - `issuer-discovery`: {@link githubIssuerDiscovery} (GitHub hosts discovery and JWKS);
 * - `signature`, `lifetime`, `access-token`: shared (lifetime fix: `githubHints.expiredFix()`);
 * - `authorization`: {@link subscriptionLogin} / {@link noSubscriptionsFailure} first, then the shared checks.
 *
 * Source of truth: ../shared/reference/other-providers.md §1.
 */
import { STAGE_IDS, type StageId } from '../../schema.ts';

export * from './schema.ts';
export * from './defaults.ts';
export * from './claims.ts';
export * from './admission.ts';
export * from './token.ts';
export * from './discovery.ts';
export * from './authorization.ts';
export * from './hints.ts';
export * from './catalogue.ts';
export * from './workflow.ts';
export type { Stage } from './stage.ts';

/** The provider id used in scenario files, share links and the chain result. */
export const GITHUB_ENTRA_ID = 'github-entra';

/** The stage ids, in contract order (the same nine slots as every provider). */
export const GITHUB_ENTRA_STAGE_IDS: readonly StageId[] = STAGE_IDS;

/** Stage titles: titles.ts. */
export { GITHUB_ENTRA_STAGE_TITLES } from './titles.ts';
export { githubEntra, GithubEntraWorldSchema, defaultGithubEntraWorld, githubProviderHints, type GithubEntraWorld } from './provider.ts';
