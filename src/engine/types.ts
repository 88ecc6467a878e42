/**
 * The chain result: what the engine returns, the CLI prints and the UI renders.
 * Contract: ../shared/design.md, "Chain result". Fields may be added; none may be renamed.
 */
import type { StageId, World } from './schema.ts';

export type { StageId, World } from './schema.ts';

/** `pass`, `fail`, `skipped` (a previous stage failed) or `warn` (passes, with a caveat). */
export type StageStatus = 'pass' | 'fail' | 'skipped' | 'warn';

/**
 * One comparison a stage made. `expected` and `actual` are display strings (JSON-quoted where useful).
 * Disclosure class (see disclosure.ts): a check that passed (`ok: true`) is *observed*, except its
 * `note`; a failed check (its name, expected and actual side by side) and every `note` are the
 * simulator's *explanation*.
 */
export interface Check {
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
  /** Optional one-sentence explanation of the rule, with its source. Explanation class. */
  note?: string;
}

/**
 * One stage's result. Each field has a disclosure class (disclosure.ts, `discloseStage`): *observed*
 * (what an engineer sees from the real systems: the failing stage, the code, the printed error, the
 * token and checks that passed), *explanation* (the simulator's diagnosis of why) or *remedy* (the fix).
 * A page that must not give the answer away (a workshop challenge) shows the observed fields first.
 */
export interface StageResult {
  /** Observed. */
  id: StageId;
  /** Observed. */
  status: StageStatus;
  /** Short human title, e.g. "Federated credential match". Observed. */
  title: string;
  /**
   * One or two plain-language sentences on what happened at this stage. On a `pass` or `skipped` stage
   * it states what the systems did (observed); on a `fail` or `warn` stage it is the simulator's
   * diagnosis (explanation class: it may say what is missing or which value differs).
   */
  summary: string;
  /** See {@link Check} for the class of each check. */
  checks: Check[];
  /** The code the real system prints (AADSTS700213, ForbiddenByRbac, ...), when it has one. Observed. */
  code?: string;
  /** HTTP status the real system answers with, when known. Observed. */
  httpStatus?: number;
  /** The OAuth `error` field (invalid_client, invalid_request, unauthorized_client), when known. Observed. */
  error?: string;
  /** The error text as the real system prints it (identifiers filled in from this world). Observed. */
  message?: string;
  /** What to change to make this stage pass. Present on failing and warning stages. Remedy class. */
  fix?: string;
  /**
   * Where a rule is not confirmed by public sources, what is uncertain (shown in the UI as such).
   * Explanation class (it can name the modelled rule, e.g. a propagation delay).
   */
  uncertain?: string;
  /** Site-relative links, e.g. `/errors/aadsts700213/` (the code's documentation page). Observed. */
  learnMore?: string[];
}

/** A problem Entra ID or Kubernetes would refuse when the configuration is WRITTEN. */
export interface ConfigError {
  code: string;
  message: string;
  /** Dotted path into the world, e.g. `identity.federatedCredentials[1]`. */
  path: string;
  /** Where the code or text is not confirmed by public sources, what is uncertain (shown in the UI as such). */
  uncertain?: string;
  /**
   * The rule behind a refusal whose printed `message` does not state it (ARM's name refusal only says the
   * name "is invalid"), in our words, with its source in the code that sets it.
   */
  rule?: string;
  /**
   * What the write did. Absent or `refused`: the service refuses it and stores nothing. `replaced`: the
   * write was accepted and overwrote an earlier credential of the same name (a federated credential is a
   * child resource addressed by its name). `warning`: accepted and stored, but likely to fail later.
   * Only `refused` entries are refusals; the others are notes the UI shows apart from them.
   */
  kind?: 'refused' | 'replaced' | 'warning';
}

/** Decoded parts of the minted projected service account token. */
export interface TokenArtifact {
  /** The compact JWS as the pod would read it from the token file. */
  jwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** What the simulated world produced along the way (for the token panel, the exchange request, ...). */
export interface Artifacts {
  /** The issuer that signed the token (cluster OIDC issuer URL, or the default in-cluster issuer). */
  issuer: string;
  /** The discovery document as the issuer serves it at `{iss}.well-known/openid-configuration`. */
  discovery: Record<string, unknown>;
  /** The JWKS as served at `jwks_uri` (only published keys). */
  jwks: { keys: Record<string, unknown>[] };
  /** Environment variables the webhook injected into the first container (empty when it did not mutate). */
  env: Record<string, string>;
  /** The projected service account token; absent when none was minted. */
  token?: TokenArtifact;
  /** The token request form the SDK sends to Entra ID; absent when no request was made. */
  exchangeRequest?: { url: string; form: Record<string, string> };
  /** Claims of the managed identity's access token Entra would issue; absent when none was issued. */
  accessToken?: Record<string, unknown>;
}

export interface ChainResult {
  outcome: 'granted' | 'denied';
  /** Registry id of the provider whose stages ran, e.g. "aks-entra" (providers/registry.ts). */
  provider: string;
  failedStage?: StageId;
  code?: string;
  /** Always all nine stages, in contract order. */
  stages: StageResult[];
  configErrors: ConfigError[];
  /** The clock used, in seconds since the epoch (NumericDate, RFC 7519 §2). */
  now: number;
  /** The merged world the chain ran on. */
  world: World;
  artifacts: Artifacts;
}
