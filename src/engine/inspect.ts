/**
 * "Debug your own": offline checks of a REAL service account token against pasted federated identity
 * credentials, JWKS and discovery document, plus recognition of pasted error messages.
 *
 * Nothing here touches the network. Every rule is the same function the simulated chain uses
 * (`chain.ts`: {@link matchFederatedCredentials}, {@link checkAssertionLifetime}, {@link verifyWithJwks},
 * {@link checkTimeWindow}); this module only decodes and normalizes what people paste.
 *
 * Accepted inputs:
 * - token: a compact JWS (`xxx.yyy.zzz`), optionally prefixed with `Bearer ` or wrapped in quotes/whitespace;
 * - federated credentials: the JSON output of `az identity federated-credential list` (an array), a Graph
 *   list (`{ "value": [...] }`), ARM resources (`{ "properties": { issuer, subject, audiences } }`), or one
 *   credential object; YAML is accepted too;
 * - JWKS: `kubectl get --raw /openid/v1/jwks` output (`{ "keys": [...] }`);
 * - discovery document: `{issuer}.well-known/openid-configuration` content.
 */
import type { Check } from './types.ts';
import { checkAssertionIssuer, checkAssertionLifetime } from './entra/assertion.ts';
import { checkTimeWindow } from './entra/lifetime.ts';
import { matchFederatedCredentials } from './entra/ficMatch.ts';
import { verifyWithJwks } from './entra/signature.ts';
import type { Stage } from './stage.ts';
import { ERROR_CATALOGUE, type ErrorInfo } from './errors.ts';
import { MAX_INPUT_CHARS, type DecodedToken, tokenUsable, decodeToken } from './inspect/decode.ts';
import { parseFicList, parseJwks, parseDiscovery } from './inspect/pasted.ts';
import { type FieldComparison, compareCredentials, claimShapeChecks, claimShapeNotes } from './inspect/compare.ts';

export * from './inspect/decode.ts';
export * from './inspect/pasted.ts';
export * from './inspect/compare.ts';
export * from './inspect/issuerKind.ts';
import { recognizeIssuer, type RecognizedIssuer } from './inspect/issuerKind.ts';
import { githubSubjectAdvice, type GithubSubjectAdvice } from './inspect/githubSubject.ts';
import { pastedTokenHints } from './inspect/pastedHints.ts';

/** A code found in pasted error text, with what the catalogue knows and which scenarios produce it. */
export interface RecognizedError {
  code: string;
  info?: ErrorInfo;
  /** Slugs of scenarios whose expected code is this one. */
  scenarios: string[];
}

/** Scenario summary for linking recognized codes to scenarios. */
export interface ScenarioRef {
  slug: string;
  title: string;
  code?: string | undefined;
}

/** Finds error codes (AADSTS…, AKV…, ForbiddenByRbac, AuthorizationFailed, …) in pasted text. */
export function recognizeErrors(text: string, scenarios: readonly ScenarioRef[] = []): RecognizedError[] {
  const found = new Set<string>();
  for (const m of text.slice(0, MAX_INPUT_CHARS).matchAll(/\b(AADSTS\d{5,8}|AKV\d{5})\b/g)) found.add(m[1]!);
  for (const name of Object.keys(ERROR_CATALOGUE)) if (!/^(AADSTS|AKV)/.test(name) && new RegExp(`\\b${name}\\b`).test(text)) found.add(name);
  return [...found].map((code) => ({
    code,
    ...(ERROR_CATALOGUE[code] ? { info: ERROR_CATALOGUE[code] } : {}),
    scenarios: scenarios.filter((s) => s.code === code).map((s) => s.slug),
  }));
}

/** Everything /inspect/ pastes. All optional except the token; empty strings mean "not given". */
export interface InspectInput {
  token: string;
  fics?: string;
  jwks?: string;
  discovery?: string;
  errorText?: string;
}

/** A check that cannot run offline, and why. */
export interface NetworkCheck {
  name: string;
  why: string;
}

/** The result of {@link inspect}. Every member is present; a stage is absent only when its input is missing. */
export interface InspectResult {
  token: DecodedToken;
  /**
   * Why the checks that read the token's claims (claim checks and notes, assertion, lifetime, time
   * window, credential match, signature) did not run: the token cannot be read as a signed JWT
   * ({@link tokenUsable}). Absent when they ran (or when no token was pasted).
   */
  notCheckedBecause?: string;
  /** Claim checks Entra ID enforces: pass/fail ({@link claimShapeChecks}). */
  claimChecks: Check[];
  /** How the token differs from a token of its platform (AKS unless recognised otherwise): informational, never a failure ({@link claimShapeNotes}). */
  claimNotes: Check[];
  /** The platform the token's iss belongs to, when its form is recognised ({@link recognizeIssuer}). */
  issuer?: RecognizedIssuer;
  /** For a GitHub Actions token: the subject a credential needs for this job, and why ({@link githubSubjectAdvice}). */
  githubSubject?: GithubSubjectAdvice;
  /** Entra ID's checks on the assertion's issuer: whitespace, Entra-issued (AADSTS700222). */
  assertion?: Stage;
  /** Entra ID's lifetime sanity check (AADSTS70023). */
  lifetime?: Stage;
  /** nbf ≤ now < exp at this computer's clock (AADSTS700024). */
  timeWindow?: Stage;
  ficProblems: string[];
  /** How many credentials the pasted list held (0 for an empty list); undefined when none was pasted or it could not be read. */
  ficCount?: number;
  /**
   * The FIC match as Entra ID would do it (AADSTS700211/700213/7002138/700212). Present whenever the
   * list could be read and the token is usable, also for an empty list (nothing can match then).
   */
  federation?: Stage;
  comparisons: { name: string; fields: FieldComparison[] }[];
  jwksProblems: string[];
  signature?: Stage;
  discoveryProblems: string[];
  discoveryChecks: Check[];
  /** Checks that need the network or Azure and were not run. */
  notRun: NetworkCheck[];
  errors: RecognizedError[];
  /** The clock used, seconds since the epoch. */
  now: number;
}

/**
 * Runs every check that can run offline on pasted material. Never throws; never makes a request.
 * @param opts.now this computer's clock (the caller passes it; the engine reads no clock).
 */
export async function inspect(input: InspectInput, opts: { now: Date; scenarios?: readonly ScenarioRef[] }): Promise<InspectResult> {
  const now = Math.floor(opts.now.getTime() / 1000);
  const token = decodeToken(input.token ?? '');
  const usable = tokenUsable(token);
  // Checks that read the claims only run on a token Entra ID could read at all.
  const p = usable ? token.payload : undefined;
  const header = usable ? token.header : undefined;
  const result: InspectResult = {
    token,
    ...(!usable && token.format !== 'empty' ? { notCheckedBecause: 'the token cannot be read as a signed JWT (see Token for why)' } : {}),
    claimChecks: claimShapeChecks(header, p),
    claimNotes: claimShapeNotes(header, p),
    ...(recognizeIssuer(p?.iss) ? { issuer: recognizeIssuer(p?.iss)! } : {}),
    ficProblems: [],
    comparisons: [],
    jwksProblems: [],
    discoveryProblems: [],
    discoveryChecks: [],
    notRun: [
      { name: 'client_id and tenant lookup (AADSTS700016)', why: 'Needs Entra ID: only it knows which identities exist in your tenant.' },
      { name: 'issuer discovery reachability (AADSTS50166 / AADSTS90061)', why: 'Needs the internet: Entra ID fetches the discovery document and JWKS itself. Try: curl <iss>.well-known/openid-configuration' },
      { name: 'federated credential propagation (AADSTS70021)', why: 'Needs Entra ID: a credential written seconds ago may not be visible yet.' },
      { name: 'role assignments (403)', why: 'Needs Azure: az role assignment list --assignee <principalId> --all' },
    ],
    errors: recognizeErrors(input.errorText ?? '', opts.scenarios),
    now,
  };
  const hints = pastedTokenHints(result.issuer);
  try {
    if (p) {
      result.assertion = checkAssertionIssuer(p, hints);
      result.lifetime = checkAssertionLifetime(p, hints);
      result.timeWindow = checkTimeWindow(p, now, hints);
    }
    const parsed = parseFicList(input.fics ?? '');
    result.ficProblems = parsed.problems;
    if (parsed.shape !== 'none') result.ficCount = parsed.fics.length;
    // An empty list is input too: the identity has no credential, so nothing can match.
    if (p && (parsed.fics.length || (parsed.shape !== 'none' && parsed.entries === 0))) {
      result.federation = matchFederatedCredentials(p, parsed.fics, 'this identity', hints);
      result.comparisons = compareCredentials(p, parsed.fics);
      // When the value that failed only LOOKS like the token's (a Cyrillic letter, an invisible
      // character), say so in the verdict too. (Kept out of chain.ts: the character tables would add
      // ~3 KB to every page that runs the simulator.)
      const failedField = { AADSTS700211: 'issuer', AADSTS700213: 'subject' }[result.federation.code ?? ''];
      const lookAlike = result.comparisons.flatMap((c) => c.fields).find((f) => f.field === failedField && f.explanation?.startsWith('They look the same'));
      if (lookAlike?.explanation) result.federation.summary = `${result.federation.summary} ${lookAlike.explanation}`;
    }
    if (p && result.issuer?.provider === 'github-entra') {
      const advice = githubSubjectAdvice(p, parsed.fics.map((f) => ({ name: f.name, subject: f.subject })));
      if (advice) result.githubSubject = advice;
    }
    const jw = parseJwks(input.jwks ?? '');
    result.jwksProblems = jw.problems;
    if (jw.jwks && header && p) {
      result.signature = await verifyWithJwks(token.normalized, header, p, jw.jwks, hints);
    }
    const disc = parseDiscovery(input.discovery ?? '');
    result.discoveryProblems = disc.problems;
    if (disc.doc) {
      const iss = typeof p?.iss === 'string' ? p.iss : undefined;
      // Compared with the token only when the token could be read.
      if (p) result.discoveryChecks.push({ name: 'discovery issuer = token iss', expected: JSON.stringify(iss), actual: JSON.stringify(disc.doc.issuer), ok: iss !== undefined && disc.doc.issuer === iss, note: 'OpenID Connect Discovery 1.0 §4.3.' });
      const ju = disc.doc.jwks_uri;
      result.discoveryChecks.push({ name: 'jwks_uri', expected: 'an https:// URL', actual: JSON.stringify(ju), ok: typeof ju === 'string' && ju.startsWith('https://') });
      const algs = disc.doc.id_token_signing_alg_values_supported;
      result.discoveryChecks.push({ name: 'id_token_signing_alg_values_supported', expected: 'includes "RS256"', actual: JSON.stringify(algs), ok: Array.isArray(algs) && algs.includes('RS256') });
    }
  } catch (e) {
    result.token.problems.push(`Internal error while inspecting: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}
