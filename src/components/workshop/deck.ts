/**
 * The presenter view's content: the scenarios shown in a workshop, in order (slugs of
 * content/scenarios/*.yaml), and the speaker notes for each stage of the chain. Plain data; backticks
 * mark inline code. The scenario's own `summary` and `fix` are shown with the notes of its failing stage.
 */
import type { StageId } from '../../engine/schema.ts';

/** One slide of the deck: a named scenario, with a line for the presenter. */
export interface DeckEntry {
  slug: string;
  /** Why this scenario is in the deck (what to point at), for the presenter only. */
  point: string;
}

/** The default running order: the happy path first, then the failures a room meets most often, then time. */
export const DECK: readonly DeckEntry[] = [
  { slug: 'healthy-default', point: 'Walk the whole chain once, stage by stage, before breaking anything.' },
  { slug: 'pod-missing-use-label', point: 'Nothing reaches Entra ID: the failure is inside the cluster.' },
  { slug: 'fic-issuer-missing-trailing-slash', point: 'The most common AKS failure: one character.' },
  { slug: 'fic-subject-wrong-namespace', point: 'The subject encodes namespace and ServiceAccount name.' },
  { slug: 'fic-audience-wrong', point: 'Issuer and subject match; the audience does not.' },
  { slug: 'client-id-annotation-holds-resource-id', point: 'Three IDs per identity; only the client ID goes into the annotation.' },
  { slug: 'issuer-not-provisioned', point: 'Entra ID fetches discovery and JWKS over the internet.' },
  { slug: 'signing-key-not-in-jwks', point: 'The kid must be in the JWKS: key rotation gone wrong.' },
  { slug: 'no-role-assignment', point: 'Authentication works; authorization is a separate step.' },
  { slug: 'fic-not-propagated-yet', point: 'Press M (+10 min): once the credential has propagated it works without any change (real delay: seconds to a few minutes; the simulator uses one minute).' },
  { slug: 'role-assignment-not-propagated-yet', point: 'Press M (+10 min): a new role assignment can take up to ten minutes to apply.' },
  { slug: 'stale-cached-token', point: 'A day-old copy of the token. Switch the re-read setting and move the clock.' },
];

/** What to say when a stage is revealed, and a question for the room. */
export interface StageNote {
  say: string;
  ask: string;
}

export const STAGE_NOTES: Record<StageId, StageNote> = {
  admission: {
    say: 'The pod is created. The workload identity webhook only touches pods labelled `azure.workload.identity/use: "true"`; it injects `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`, `AZURE_FEDERATED_TOKEN_FILE` and a projected token volume.',
    ask: 'What happens to pods that were already running when the label was added?',
  },
  'projected-token': {
    say: 'The kubelet asks the API server for a service account token with TokenRequest: audience `api://AzureADTokenExchange`, one hour by default, signed with the cluster’s key. It rewrites the file at 80 % of the lifetime.',
    ask: 'Which claims of this token will Entra ID compare, and with what?',
  },
  'client-lookup': {
    say: 'The SDK posts the token as `client_assertion`, with `client_id` and a scope, to the identity’s tenant. Entra ID first finds the managed identity by its client ID and checks the scope ends in `/.default`.',
    ask: 'Where does the SDK get the client ID and the tenant from?',
  },
  'federation-match': {
    say: 'Entra ID looks for a federated credential on that identity whose issuer, subject and audience equal the token’s `iss`, `sub` and `aud`: exact strings, case-sensitive, trailing slash included, no wildcards.',
    ask: 'Why is an exact match safer than a pattern here?',
  },
  'issuer-discovery': {
    say: 'Entra ID fetches `{iss}.well-known/openid-configuration` and the JWKS it points to, over the public internet. The issuer must be reachable, and the document must name the same issuer.',
    ask: 'What if the cluster is private: does the issuer have to be private too?',
  },
  signature: {
    say: 'The token’s `kid` must name a key in the JWKS, and the RS256 signature must verify with it. After a key rotation AKS keeps the old key published for 24 hours.',
    ask: 'Which tokens break if a key leaves the JWKS too early?',
  },
  lifetime: {
    say: 'Entra ID checks `nbf ≤ now < exp`. The file always holds a fresh token, so an expired one means somebody presented an old copy.',
    ask: 'Who caches tokens in your applications, and for how long?',
  },
  'access-token': {
    say: 'Entra ID issues an access token for the managed identity: its audience comes from the scope, its `oid` is the identity’s principal ID. From here on the pod acts as the identity.',
    ask: 'What in this access token will the resource look at?',
  },
  authorization: {
    say: 'The resource checks Azure RBAC (or a vault’s access policies): the identity needs a role with the data action, at the resource or a parent scope. New assignments can take about ten minutes.',
    ask: 'Which is the smallest scope that still works for this app?',
  },
};

/**
 * Short stage names for the stage list of the presenter and audience windows, which sits beside the
 * diagram and keeps one line per stage in large type. The verdict line and the speaker notes give the
 * engine's full title of the stage being shown.
 */
export const STAGE_SHORT_TITLES: Record<StageId, string> = {
  admission: 'Pod admission',
  'projected-token': 'Projected token',
  'client-lookup': 'Client lookup',
  'federation-match': 'Credential match',
  'issuer-discovery': 'Issuer discovery',
  signature: 'Token signature',
  lifetime: 'Token lifetime',
  'access-token': 'Access token',
  authorization: 'Authorization',
};

/** Seconds the play mode waits between two steps. */
export const PLAY_STEP_MS = 1800;
