/**
 * The course's exercises as data: for each one, the broken world it starts from, how the learner's input
 * becomes a world, the hints, the solution, and the check. Pure (no DOM, no React): the lesson islands
 * render these, and test/unit/learn-exercises.test.ts runs every start and every solution through the
 * engine.
 *
 * Checks never re-implement a rule: they only read the engine's {@link ChainResult} (which stage passed or
 * failed, with which code). The worlds start from the playground's `initialWorld()` so the editors show the
 * same manifests as the playground.
 */
import { STAGE_IDS, type StageId } from '../../engine/schema.ts';
import type { ChainResult, World } from '../../engine/types.ts';
import { DEFAULT_VAULT_ID } from '../../engine/defaults.ts';
import { initialWorld } from '../playground/store.ts';

/** What a check says about the learner's current attempt. */
export interface CheckOutcome {
  solved: boolean;
  /** One sentence for the learner: what the engine reports now. */
  detail: string;
}

/** Static text of an exercise: shown by the exercise shell. Backticks mark inline code. */
export interface ExerciseText {
  id: string;
  title: string;
  /** Hints, revealed one at a time, from a nudge to nearly the answer. */
  hints: string[];
  /** The solution as the learner would write it (shown next to their attempt). */
  solution: string;
  /** One or two sentences after the solution: why it is the answer. */
  solutionNote: string;
}

// ---------------------------------------------------------------------------------------------------
// Reading a chain result

/** The status of stage `id` in `result` (`skipped` if absent). */
export function stageStatus(result: ChainResult, id: StageId): string {
  return result.stages.find((s) => s.id === id)?.status ?? 'skipped';
}

/** True when stage `id` passed (with or without a warning). */
export function stagePassed(result: ChainResult, id: StageId): boolean {
  const s = stageStatus(result, id);
  return s === 'pass' || s === 'warn';
}

/** True when the chain stopped exactly at `id`, and every stage before it passed. */
export function failedOnlyAt(result: ChainResult, id: StageId): boolean {
  if (result.failedStage !== id) return false;
  const before = STAGE_IDS.slice(0, STAGE_IDS.indexOf(id));
  return before.every((s) => stagePassed(result, s));
}

/** "Denied at <stage title> (<code>)" or "Granted", from the engine's result. */
export function describeResult(result: ChainResult): string {
  if (result.outcome === 'granted') return 'granted: every stage passes';
  const stage = result.stages.find((s) => s.id === result.failedStage);
  return `denied at “${stage?.title ?? result.failedStage}”${result.code ? ` with ${result.code}` : ''}`;
}

function clone(world: World): World {
  return structuredClone(world);
}

// ---------------------------------------------------------------------------------------------------
// /learn/big-picture/: the four personas

export const PERSONAS = ['serviceAccount', 'oidcIssuer', 'federatedCredential', 'managedIdentity'] as const;
export type Persona = (typeof PERSONAS)[number];

export const PERSONA_TEXT: Record<Persona, { name: string; role: string; off: string }> = {
  serviceAccount: {
    name: 'ServiceAccount',
    role: 'the Kubernetes persona',
    off: 'The pod runs as the namespace’s `default` ServiceAccount, which names no managed identity.',
  },
  oidcIssuer: {
    name: 'OIDC issuer',
    role: 'the authentication handshake',
    off: 'The cluster’s OIDC issuer is not enabled: tokens carry the in-cluster issuer, which nobody outside can check.',
  },
  federatedCredential: {
    name: 'Federated credential',
    role: 'the trust mapping',
    off: 'The managed identity has no federated identity credential: Entra ID trusts no cluster for it.',
  },
  managedIdentity: {
    name: 'Managed identity',
    role: 'the Azure persona',
    off: 'The managed identity was deleted: the client ID the pod presents belongs to nobody.',
  },
};

/** The healthy world with one persona taken away (`null`: all four present). */
export function personaWorld(off: Persona | null): World {
  const w = clone(initialWorld());
  switch (off) {
    case 'serviceAccount':
      w.serviceAccount = { namespace: w.serviceAccount.namespace, name: 'default', annotations: {} };
      w.pod.serviceAccountName = 'default';
      break;
    case 'oidcIssuer':
      w.cluster.oidcIssuer.enabled = false;
      break;
    case 'federatedCredential':
      w.identity.federatedCredentials = [];
      break;
    case 'managedIdentity':
      w.identity.clientId = '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a';
      w.identity.principalId = '1e2d3c4b-5a69-4788-9f6e-5d4c3b2a1f0e';
      break;
    case null:
      break;
  }
  return w;
}

/** Solved when the learner has seen, for each persona, the chain denied without it. */
export function checkPersonas(seen: Partial<Record<Persona, ChainResult>>): CheckOutcome {
  const missing = PERSONAS.filter((p) => seen[p]?.outcome !== 'denied');
  if (!missing.length) return { solved: true, detail: 'You took each persona away once, and each time the handshake broke.' };
  return {
    solved: false,
    detail: `Still to try: ${missing.map((p) => PERSONA_TEXT[p].name).join(', ')}.`,
  };
}

export const PERSONAS_EXERCISE: ExerciseText = {
  id: 'remove-each-persona',
  title: 'Take each persona away',
  hints: [
    'Untick one persona, read where the chain stops, then tick it again before you untick the next.',
    'Each persona breaks a different place: the ServiceAccount at the pod, the issuer and the credential at Entra ID’s match, the managed identity at the client lookup.',
  ],
  solution: 'Untick ServiceAccount → tick it · Untick OIDC issuer → tick it · Untick Federated credential → tick it · Untick Managed identity → tick it',
  solutionNote: 'Every persona is load-bearing: without any one of them, no access token is issued.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/oidc-issuer/: the OIDC issuer

/** A cluster in the middle of a key rotation: the old key is still published, the token uses the new one. */
export function issuerWorld(): World {
  const w = clone(initialWorld());
  w.cluster.signingKeys = [
    { name: 'sa-key-1', published: true, retiredSecondsAgo: 7200 },
    { name: 'sa-key-2', published: true },
  ];
  w.token.signingKey = 'sa-key-2';
  return w;
}

export interface IssuerAnswers {
  discoveryUrl: string;
  jwksUrl: string;
  kid: string;
}

/** Per-answer verdicts against what the engine's simulated issuer serves. */
export function checkIssuerAnswers(
  result: ChainResult,
  answers: IssuerAnswers,
  discoveryUrlOf: (issuer: string) => string,
): { discovery: boolean; jwks: boolean; kid: boolean } & CheckOutcome {
  const discovery = answers.discoveryUrl.trim() === discoveryUrlOf(result.artifacts.issuer);
  const jwks = answers.jwksUrl.trim() === result.artifacts.discovery.jwks_uri;
  const kid = answers.kid !== '' && answers.kid === result.artifacts.token?.header.kid;
  const solved = discovery && jwks && kid && stagePassed(result, 'signature');
  const wrong = [!discovery && 'the discovery document URL', !jwks && 'the JWKS URL', !kid && 'the key'].filter(Boolean);
  return { discovery, jwks, kid, solved, detail: solved ? 'All three right: that is exactly where Entra ID looks, and the key it picks.' : `Not yet right: ${wrong.join(', ')}.` };
}

export const ISSUER_EXERCISE: ExerciseText = {
  id: 'where-entra-looks',
  title: 'Where does Entra ID look?',
  hints: [
    'The discovery document lives under the issuer URL, in the folder `.well-known`. The issuer already ends with `/`: do not add a second one.',
    'You do not have to guess the JWKS URL: the discovery document names it in `jwks_uri`.',
    'For the key, compare the `kid` in the token’s header with the `kid` of each key in the JWKS.',
  ],
  solution: 'Discovery document: <issuer>.well-known/openid-configuration\nJWKS: <issuer>openid/v1/jwks (the discovery document’s jwks_uri)\nKey: the JWKS entry whose kid equals the token header’s kid',
  solutionNote: 'The issuer URL ends with a slash, so the paths follow it directly. During a key rotation the JWKS holds two keys; the kid tells which one signed this token.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/service-account-token/: the service account token

/**
 * The world in which the token the kubelet wrote was edited afterwards: `edited` is the payload the learner
 * wrote, `original` the one the issuer signed. Claims that differ become `token.tamperedClaims` (a removed
 * claim becomes `null`). Returns the untouched world when nothing changed.
 */
export function tamperedWorld(base: World, original: Record<string, unknown>, edited: Record<string, unknown>): World {
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(edited)) {
    if (JSON.stringify(v) !== JSON.stringify(original[k])) changes[k] = v;
  }
  for (const k of Object.keys(original)) if (!(k in edited)) changes[k] = null;
  const w = clone(base);
  if (!Object.keys(changes).length) return w;
  w.token.tamperedAfterSigning = true;
  w.token.tamperedClaims = changes;
  return w;
}

/** Parses the payload editor's text: a JSON object, or a readable error. */
export function parsePayload(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: 'The payload must be a JSON object: { "claim": value, ... }.' };
  if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return { ok: false, message: 'A claim named "__proto__" cannot be simulated.' };
  return { ok: true, value: v as Record<string, unknown> };
}

export function checkForgery(result: ChainResult): CheckOutcome {
  if (failedOnlyAt(result, 'signature')) {
    return { solved: true, detail: 'Entra ID accepted everything it compares, then the signature gave the edit away.' };
  }
  if (result.outcome === 'granted') return { solved: false, detail: 'The token is untouched, so every check passes. Change a claim.' };
  return { solved: false, detail: `The chain is ${describeResult(result)}: an earlier stage caught the edit before the signature was checked.` };
}

export const FORGE_EXERCISE: ExerciseText = {
  id: 'break-only-the-signature',
  title: 'Break only the signature',
  hints: [
    'Entra ID compares `iss`, `sub` and `aud` with the federated credential before it looks at the signature. Changing them trips that earlier check.',
    'Pick a claim nobody compares with the credential, for example `exp`, and give yourself more time.',
    'Add 3600 to the number in `exp` (keep the lifetime under 25 hours, or the lifetime sanity check stops it first).',
  ],
  solution: '"exp": <the minted exp + 3600>   (every other claim unchanged)',
  solutionNote: 'The claims still look fine to every comparison, but the signature was computed over the original bytes. Without the issuer’s private key, no pod can make a changed token verify.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/federated-credential/: the federated credential

/** The credential someone typed by hand: issuer without its trailing slash, namespace capitalised. */
export function ficExerciseWorld(): World {
  const w = clone(initialWorld());
  const fic = w.identity.federatedCredentials[0]!;
  fic.issuer = fic.issuer.replace(/\/$/, '');
  fic.subject = fic.subject.replace(':dev:', ':Dev:');
  return w;
}

export function checkFicMatch(result: ChainResult): CheckOutcome {
  if (stagePassed(result, 'federation-match')) return { solved: true, detail: 'Issuer, subject and audience now match the token character for character.' };
  const st = result.stages.find((s) => s.id === 'federation-match');
  if (st?.status === 'skipped') return { solved: false, detail: `The chain is ${describeResult(result)}, before the match is even tried.` };
  return { solved: false, detail: `The match still fails${st?.code ? ` with ${st.code}` : ''}.` };
}

export const FIC_EXERCISE: ExerciseText = {
  id: 'make-the-credential-match',
  title: 'Make the credential match',
  hints: [
    'Open the failing check in the stage below: it shows the expected and the actual value side by side.',
    'Compare the end of the issuer: the token’s `iss` ends with `/`.',
    'After the issuer, Entra ID compares the subject, case-sensitively: `Dev` is not `dev`.',
  ],
  solution: `"issuer": "<the token's iss, ending with />",\n"subject": "system:serviceaccount:dev:my-app-sa",\n"audiences": ["api://AzureADTokenExchange"]`,
  solutionNote: 'Copy iss and sub from a real token instead of typing them: the comparison is exact, with no trimming, no case folding and no wildcards.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/token-exchange/: the token exchange

export interface ExchangeFields {
  clientId: string;
  scope: string;
}

/** The request the learner starts from: the object (principal) ID as client_id and a bare resource as scope. */
export function exchangeStart(): ExchangeFields {
  const w = initialWorld();
  return { clientId: w.identity.principalId, scope: 'https://vault.azure.net' };
}

export function exchangeWorld(fields: ExchangeFields): World {
  const w = clone(initialWorld());
  w.request = { ...w.request, clientId: fields.clientId, scope: fields.scope };
  return w;
}

export function checkExchange(result: ChainResult): CheckOutcome {
  if (stagePassed(result, 'access-token')) return { solved: true, detail: 'Entra ID issued the managed identity’s access token.' };
  return { solved: false, detail: `The exchange is ${describeResult(result)}.` };
}

export const EXCHANGE_EXERCISE: ExerciseText = {
  id: 'fix-the-token-request',
  title: 'Fix the token request',
  hints: [
    'Read the error code: AADSTS700016 means Entra ID found no application with that `client_id`.',
    'A managed identity has two GUIDs. `client_id` takes the client ID; the object (principal) ID is what role assignments name.',
    'In a client-credentials request the scope is the resource followed by `/.default`.',
  ],
  solution: 'client_id=<the managed identity’s client ID>\nscope=https://vault.azure.net/.default',
  solutionNote: 'The client ID picks the identity (and so its federated credentials); `/.default` asks for all the permissions the identity has been given on that resource.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/managed-identity/: the managed identity at work

/** The identity is Owner of the vault: full control of the resource, no right to read its secrets. */
export function rbacExerciseWorld(): World {
  const w = clone(initialWorld());
  w.roleAssignments = [{ principalId: w.identity.principalId, role: 'Owner', scope: DEFAULT_VAULT_ID, createdSecondsAgo: 86400 }];
  return w;
}

export function checkRbac(result: ChainResult): CheckOutcome {
  if (stagePassed(result, 'authorization')) return { solved: true, detail: 'Key Vault let the managed identity read the secret.' };
  return { solved: false, detail: `The request is ${describeResult(result)}.` };
}

export const RBAC_EXERCISE: ExerciseText = {
  id: 'grant-the-right-role',
  title: 'Grant the right role',
  hints: [
    'Owner manages the vault (the control plane) but has no data actions: it cannot read a secret’s value.',
    'The role that may read secret values is `Key Vault Secrets User`.',
    'Keep `principalId` (the identity’s object ID) and the vault’s `scope`; a new assignment needs time to propagate, so leave `createdSecondsAgo` out or make it larger than 600.',
  ],
  solution: '[\n  {\n    "principalId": "<the identity’s object ID>",\n    "role": "Key Vault Secrets User",\n    "scope": "<the vault’s resource ID>"\n  }\n]',
  solutionNote: 'Grant the smallest data role at the narrowest scope. Right after you create it, expect up to about ten minutes of 403s while it propagates.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/why-it-matters/: why it matters (short-lived tokens and the clock)

/** The projected token's lifetime in the clock exercise, seconds (the webhook's default). */
export const CLOCK_TOKEN_TTL = 3600;

/**
 * When the kubelet replaces a projected token: once it is older than 80 % of its lifetime or older than
 * 24 hours (ServiceAccountTokenProjection API doc; reference A3). Returns that age in seconds. The real
 * kubelet adds a little jitter; this model does not.
 */
export function kubeletRefreshAge(ttlSeconds: number): number {
  return Math.min(Math.floor(ttlSeconds * 0.8), 86400);
}

/**
 * Age, in seconds, of the token in the file `secondsSinceStart` after the pod started: the kubelet
 * rewrites the file each time the token reaches {@link kubeletRefreshAge}.
 */
export function tokenAgeOnDisk(secondsSinceStart: number, ttlSeconds: number = CLOCK_TOKEN_TTL): number {
  return secondsSinceStart % kubeletRefreshAge(ttlSeconds);
}

/** The world in which the app presents a token `ageSeconds` old. */
export function clockWorld(ageSeconds: number): World {
  const w = clone(initialWorld());
  w.token.expirationSeconds = CLOCK_TOKEN_TTL;
  w.token.issuedSecondsAgo = ageSeconds;
  return w;
}

/** Step of the clock slider, minutes. */
export const CLOCK_STEP_MINUTES = 5;

/**
 * Solved when, at the chosen time, the caching app is refused at the lifetime stage while one step
 * earlier it was still granted (so this is the first refusal), and the app that re-reads the file is granted.
 */
export function checkClock(cachedNow: ChainResult, cachedStepBefore: ChainResult, rereadNow: ChainResult): CheckOutcome {
  const refused = cachedNow.failedStage === 'lifetime';
  if (!refused) return { solved: false, detail: `The caching app is ${describeResult(cachedNow)}: move the clock further.` };
  if (cachedStepBefore.outcome !== 'granted') return { solved: false, detail: 'The caching app is refused here, but it already was a step earlier: find the first moment.' };
  if (rereadNow.outcome !== 'granted') return { solved: false, detail: `The re-reading app is ${describeResult(rereadNow)}.` };
  return { solved: true, detail: 'This is the moment the cached token expires, while the app that re-reads the file carries on.' };
}

export const CLOCK_EXERCISE: ExerciseText = {
  id: 'outlive-the-token',
  title: 'Find when the cached token dies',
  hints: [
    'The token lives for one hour (3600 seconds) from the moment the kubelet fetched it.',
    'The caching app still holds the very first token. Move the clock to one hour after the pod started.',
  ],
  solution:
    'Clock at 60 minutes: the caching app gets AADSTS700024, the app that re-reads the file is granted. (Entra ID may tolerate a few minutes of clock skew, which is not documented, so the real refusal can come a little later.)',
  solutionNote: 'The kubelet had already written a fresh token at 48 minutes (80 % of one hour). Only code that reads the file again gets it.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/troubleshooting/: troubleshooting

/** A pod whose template lost the opt-in label. */
export function noLabelWorld(): World {
  const w = clone(initialWorld());
  const labels = { ...w.pod.labels };
  delete labels['azure.workload.identity/use'];
  w.pod.labels = { app: 'my-app', ...labels };
  return w;
}

export function checkNoToken(result: ChainResult): CheckOutcome {
  if (stagePassed(result, 'admission') && stagePassed(result, 'projected-token') && result.outcome === 'granted') {
    return { solved: true, detail: 'The webhook mutated the pod: it has its token, and the whole chain passes.' };
  }
  if (stagePassed(result, 'admission') && stagePassed(result, 'projected-token')) {
    return { solved: false, detail: `The pod gets its token now, but the chain is ${describeResult(result)}.` };
  }
  return { solved: false, detail: `The chain is ${describeResult(result)}: the pod still has no token.` };
}

export const NO_TOKEN_EXERCISE: ExerciseText = {
  id: 'find-the-missing-token',
  title: 'Find why this pod gets no token',
  hints: [
    'The chain stops at the very first stage, inside the cluster: Entra ID never sees a request.',
    'The webhook only mutates pods that opt in, and it looks at the pod, not at the ServiceAccount.',
    'Add the label `azure.workload.identity/use: "true"` under the pod’s `metadata.labels` (quoted: label values are strings).',
  ],
  solution: 'metadata:\n  labels:\n    app: my-app\n    azure.workload.identity/use: "true"',
  solutionNote: 'With the label, the webhook injects AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST and mounts the projected token. In a real cluster, recreate the pod: the webhook acts only when a pod is created.',
};

/** Every exercise of the course, by id. */
export const EXERCISES: Record<string, ExerciseText> = Object.fromEntries(
  [PERSONAS_EXERCISE, ISSUER_EXERCISE, FORGE_EXERCISE, FIC_EXERCISE, EXCHANGE_EXERCISE, RBAC_EXERCISE, CLOCK_EXERCISE, NO_TOKEN_EXERCISE].map((e) => [e.id, e]),
);
