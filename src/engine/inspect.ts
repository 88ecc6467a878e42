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
import { diffChars } from 'diff';
import { parse as parseYaml } from 'yaml';
import { base64url } from 'jose';
import type { Check } from './types.ts';
import {
  checkAssertionIssuer,
  checkAssertionLifetime,
  checkTimeWindow,
  ENTRA_ISSUER_PATTERN,
  EXCHANGE_AUDIENCES,
  matchFederatedCredentials,
  verifyWithJwks,
  type FicLike,
  type Stage,
} from './chain.ts';
import { ERROR_CATALOGUE, type ErrorInfo } from './errors.ts';
import { isPlainObject } from './merge.ts';

/** Inputs above this many characters are refused (a pasted token is a few kilobytes). */
export const MAX_INPUT_CHARS = 200_000;

/** One dot-separated segment of a token, decoded as far as possible. */
export interface DecodedPart {
  name: 'header' | 'payload' | 'signature' | 'extra';
  raw: string;
  ok: boolean;
  /** What went wrong, in plain words (e.g. "character 17 ('*') is not base64url"). */
  error?: string;
  /** The decoded JSON object (header and payload). */
  value?: Record<string, unknown>;
  /** The decoded text, when it is text but not a JSON object. */
  text?: string;
  /** Decoded length in bytes (signature). */
  bytes?: number;
}

/** A token decoded as far as it goes. Never throws; `problems` says what could not be read. */
export interface DecodedToken {
  /** The token after trimming whitespace, quotes and a `Bearer ` prefix. */
  normalized: string;
  format: 'jws' | 'jwe' | 'empty' | 'unknown';
  parts: DecodedPart[];
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  problems: string[];
}

function decodePart(name: DecodedPart['name'], raw: string, json: boolean): DecodedPart {
  const bad = [...raw].findIndex((c) => !/[A-Za-z0-9_-]/.test(c));
  if (bad >= 0) {
    const c = raw[bad]!;
    const hint = c === '+' || c === '/' || c === '=' ? ' (standard base64, not base64url: JWTs use "-", "_" and no "=" padding)' : '';
    return { name, raw, ok: false, error: `character ${bad + 1} (${JSON.stringify(c)}) is not base64url${hint}` };
  }
  if (raw.length % 4 === 1) return { name, raw, ok: false, error: `length ${raw.length} is not a valid base64url length (the segment looks truncated)` };
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(raw);
  } catch {
    return { name, raw, ok: false, error: 'not valid base64url' };
  }
  if (!json) return { name, raw, ok: raw.length > 0, bytes: bytes.length, ...(raw.length ? {} : { error: 'the signature is empty (an unsigned token)' }) };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) {
    return { name, raw, ok: false, error: 'decodes to binary data, not to JSON text (is this really a JWT?)' };
  }
  try {
    const v: unknown = JSON.parse(text);
    if (!isPlainObject(v)) return { name, raw, ok: false, text, error: 'decodes to JSON, but not to a JSON object' };
    return { name, raw, ok: true, value: v, text };
  } catch (e) {
    return { name, raw, ok: false, text, error: `decodes to text that is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Decodes a pasted token as far as it goes. */
export function decodeToken(input: string): DecodedToken {
  const problems: string[] = [];
  let t = input.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
  if (/^bearer\s+/i.test(t)) t = t.replace(/^bearer\s+/i, '');
  const inner = t.replace(/\s+/g, '');
  if (inner !== t) problems.push('The token contained whitespace or line breaks; they were removed.');
  t = inner;
  if (!t) return { normalized: '', format: 'empty', parts: [], problems: ['No token was pasted.'] };
  if (t.length > MAX_INPUT_CHARS) return { normalized: '', format: 'unknown', parts: [], problems: [`The token is ${t.length} characters long; more than ${MAX_INPUT_CHARS} is refused.`] };
  const segs = t.split('.');
  if (segs.length === 5) {
    return { normalized: t, format: 'jwe', parts: [decodePart('header', segs[0]!, true)], problems: ['This is an encrypted token (JWE, 5 parts). Service account tokens are signed JWS tokens with 3 parts.'] };
  }
  if (segs.length !== 3) problems.push(`The token has ${segs.length} part${segs.length === 1 ? '' : 's'} separated by "."; a signed JWT (JWS compact serialization, RFC 7515 §7.1) has 3.`);
  const names: DecodedPart['name'][] = ['header', 'payload', 'signature'];
  const parts = segs.map((s, i) => decodePart(names[i] ?? 'extra', s, i < 2));
  for (const p of parts) if (!p.ok && p.error) problems.push(`${p.name[0]!.toUpperCase()}${p.name.slice(1)}: ${p.error}.`);
  const out: DecodedToken = { normalized: t, format: segs.length === 3 ? 'jws' : 'unknown', parts, problems };
  if (parts[0]?.value) out.header = parts[0].value;
  if (parts[1]?.value) out.payload = parts[1].value;
  return out;
}

/** Parses JSON, or YAML when JSON fails. Returns the value or a readable error. */
function parseData(text: string, what: string): { value?: unknown; error?: string } {
  if (text.length > MAX_INPUT_CHARS) return { error: `The ${what} is ${text.length} characters long; more than ${MAX_INPUT_CHARS} is refused.` };
  try {
    return { value: JSON.parse(text) };
  } catch (jsonErr) {
    try {
      const v: unknown = parseYaml(text);
      if (typeof v === 'string' || v === null || v === undefined) throw new Error('not a document');
      return { value: v };
    } catch {
      return { error: `The ${what} is not valid JSON: ${jsonErr instanceof Error ? jsonErr.message : String(jsonErr)}` };
    }
  }
}

/** Federated credentials read from pasted text, normalized. */
export interface ParsedFics {
  fics: FicLike[];
  /** Where the shape came from. */
  shape: 'az-cli' | 'graph' | 'arm' | 'single' | 'none';
  problems: string[];
}

function toFic(v: unknown, i: number, problems: string[]): FicLike | undefined {
  if (!isPlainObject(v)) {
    problems.push(`Entry ${i + 1} is not an object.`);
    return undefined;
  }
  const src = isPlainObject(v.properties) ? { ...v.properties, name: v.name } : v;
  const name = typeof src.name === 'string' ? src.name : `credential ${i + 1}`;
  const issuer = src.issuer;
  const subject = src.subject;
  const audiences = Array.isArray(src.audiences) ? src.audiences.filter((a): a is string => typeof a === 'string') : typeof src.audience === 'string' ? [src.audience] : [];
  if (typeof issuer !== 'string' || typeof subject !== 'string') {
    problems.push(`"${name}" has no ${typeof issuer !== 'string' ? 'issuer' : 'subject'} string${src.claimsMatchingExpression ? ' (it uses a claims matching expression, which Kubernetes issuers do not support)' : ''}.`);
    return undefined;
  }
  return { name, issuer, subject, audiences };
}

/** Reads federated credentials from the JSON/YAML people paste (see module docs). Never throws. */
export function parseFicList(text: string): ParsedFics {
  if (!text.trim()) return { fics: [], shape: 'none', problems: [] };
  const { value, error } = parseData(text, 'federated credential list');
  if (error) return { fics: [], shape: 'none', problems: [error] };
  const problems: string[] = [];
  let list: unknown[];
  let shape: ParsedFics['shape'];
  if (Array.isArray(value)) {
    list = value;
    shape = value.some((v) => isPlainObject(v) && isPlainObject(v.properties)) ? 'arm' : 'az-cli';
  } else if (isPlainObject(value) && Array.isArray(value.value)) {
    list = value.value;
    shape = 'graph';
  } else if (isPlainObject(value)) {
    list = [value];
    shape = isPlainObject(value.properties) ? 'arm' : 'single';
  } else {
    return { fics: [], shape: 'none', problems: ['Expected a list of federated credentials (JSON array) or one credential object.'] };
  }
  const fics = list.map((v, i) => toFic(v, i, problems)).filter((f): f is FicLike => !!f);
  return { fics, shape, problems };
}

/** Reads a JWKS (`{keys:[...]}`); never throws. */
export function parseJwks(text: string): { jwks?: { keys: Record<string, unknown>[] }; problems: string[] } {
  if (!text.trim()) return { problems: [] };
  const { value, error } = parseData(text, 'JWKS');
  if (error) return { problems: [error] };
  if (!isPlainObject(value) || !Array.isArray(value.keys)) return { problems: ['A JWKS is a JSON object with a "keys" array (RFC 7517 §5).'] };
  const keys = value.keys.filter(isPlainObject);
  const problems = keys.length === value.keys.length ? [] : ['Some entries of "keys" are not objects and were ignored.'];
  return { jwks: { keys }, problems };
}

/** Reads a discovery document; never throws. */
export function parseDiscovery(text: string): { doc?: Record<string, unknown>; problems: string[] } {
  if (!text.trim()) return { problems: [] };
  const { value, error } = parseData(text, 'discovery document');
  if (error) return { problems: [error] };
  if (!isPlainObject(value)) return { problems: ['A discovery document is a JSON object (OpenID Connect Discovery 1.0 §3).'] };
  return { doc: value, problems: [] };
}

/** A run of characters in a comparison: in both strings, only in the token, or only in the credential. */
export interface DiffSegment {
  kind: 'same' | 'token-only' | 'credential-only';
  text: string;
}

/** One field of one credential compared with the token, with a character-level diff. */
export interface FieldComparison {
  field: 'issuer' | 'subject' | 'audience';
  token: string;
  credential: string;
  equal: boolean;
  segments: DiffSegment[];
  /** 0-based index in the token's value of the first differing character; -1 when equal. */
  firstDifference: number;
  /** A plain-words explanation of a typical difference (trailing slash, case, whitespace). */
  explanation?: string;
}

/** Character-level diff of the token's value against the credential's (jsdiff `diffChars`). */
export function compareStrings(token: string, credential: string): { segments: DiffSegment[]; firstDifference: number } {
  const segments: DiffSegment[] = diffChars(token, credential).map((c) => ({
    kind: c.added ? 'credential-only' : c.removed ? 'token-only' : 'same',
    text: c.value,
  }));
  let i = 0;
  while (i < token.length && i < credential.length && token[i] === credential[i]) i++;
  return { segments, firstDifference: token === credential ? -1 : i };
}

/** Explains a typical difference between two strings in words, or undefined. */
export function explainDifference(token: string, credential: string): string | undefined {
  if (token === credential) return undefined;
  if (token.replace(/\/+$/, '') === credential.replace(/\/+$/, '')) {
    return token.endsWith('/') ? 'The credential lacks the trailing "/" that the token has.' : 'The credential has a trailing "/" that the token does not have.';
  }
  if (token.trim() === credential.trim()) return 'They differ only in leading or trailing whitespace.';
  if (token.toLowerCase() === credential.toLowerCase()) return 'They differ only in upper/lower case; matching is case-sensitive.';
  if (token.replace(/^https?:\/\//, '') === credential.replace(/^https?:\/\//, '')) return 'They differ in the scheme (http vs https).';
  const st = /^system:serviceaccount:([^:]*):(.*)$/.exec(token);
  const sc = /^system:serviceaccount:([^:]*):(.*)$/.exec(credential);
  if (st && sc) {
    if (st[1] !== sc[1] && st[2] === sc[2]) return `Different namespace: the token's is "${st[1]}", the credential's is "${sc[1]}".`;
    if (st[1] === sc[1] && st[2] !== sc[2]) return `Different ServiceAccount name: the token's is "${st[2]}", the credential's is "${sc[2]}".`;
  }
  return undefined;
}

/** Compares every credential's issuer, subject and audience with the token's claims. */
export function compareCredentials(payload: Record<string, unknown>, fics: readonly FicLike[]): { name: string; fields: FieldComparison[] }[] {
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const sub = typeof payload.sub === 'string' ? payload.sub : '';
  const auds = Array.isArray(payload.aud) ? payload.aud.filter((a): a is string => typeof a === 'string') : typeof payload.aud === 'string' ? [payload.aud] : [];
  const field = (f: FieldComparison['field'], t: string, c: string): FieldComparison => {
    const { segments, firstDifference } = compareStrings(t, c);
    const explanation = explainDifference(t, c);
    return { field: f, token: t, credential: c, equal: t === c, segments, firstDifference, ...(explanation ? { explanation } : {}) };
  };
  return fics.map((f) => {
    const ficAud = f.audiences[0] ?? '';
    const tokAud = auds.includes(ficAud) ? ficAud : (auds[0] ?? '');
    return { name: f.name, fields: [field('issuer', iss, f.issuer), field('subject', sub, f.subject), field('audience', tokAud, ficAud)] };
  });
}

/** Shape checks on a projected service account token's header and claims (reference A1, A2). */
export function claimShapeChecks(header: Record<string, unknown> | undefined, p: Record<string, unknown> | undefined): Check[] {
  const checks: Check[] = [];
  if (header) {
    checks.push({ name: 'header alg', expected: '"RS256" (AKS; Entra ID supports RS256 issuers)', actual: JSON.stringify(header.alg), ok: header.alg === 'RS256' });
    const kid = header.kid;
    checks.push({ name: 'header kid', expected: '43 base64url characters (SHA-256 of the public key)', actual: kid === undefined ? '(absent)' : JSON.stringify(kid), ok: typeof kid === 'string' && /^[A-Za-z0-9_-]{43}$/.test(kid), note: 'Kubernetes derives kid from the key; other issuers may use other forms.' });
  }
  if (!p) return checks;
  const iss = p.iss;
  checks.push({ name: 'iss', expected: 'an https:// URL', actual: JSON.stringify(iss), ok: typeof iss === 'string' && /^https:\/\/[^\s]+$/.test(iss) && !ENTRA_ISSUER_PATTERN.test(iss) });
  if (typeof iss === 'string' && iss !== iss.trim()) checks.push({ name: 'iss whitespace', expected: 'no leading or trailing whitespace', actual: JSON.stringify(iss), ok: false });
  if (typeof iss === 'string' && /\.svc(\.cluster\.local)?\/?$/.test(iss)) {
    checks.push({ name: 'iss is public', expected: 'the cluster\'s public OIDC issuer URL', actual: JSON.stringify(iss), ok: false, note: 'An in-cluster issuer: the OIDC issuer is not enabled, or the token came from the default token volume.' });
  }
  const sub = p.sub;
  checks.push({ name: 'sub', expected: 'system:serviceaccount:<namespace>:<name>', actual: JSON.stringify(sub), ok: typeof sub === 'string' && /^system:serviceaccount:[^:]+:[^:]+$/.test(sub) });
  const aud = p.aud;
  const auds = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  checks.push({ name: 'aud', expected: 'an array holding api://AzureADTokenExchange', actual: JSON.stringify(aud), ok: auds.some((a) => EXCHANGE_AUDIENCES.includes(a as string)), note: 'A token from the default in-pod volume has the API server as audience and cannot be exchanged.' });
  for (const c of ['exp', 'iat', 'nbf'] as const) {
    checks.push({ name: c, expected: 'a NumericDate (seconds since 1970)', actual: JSON.stringify(p[c]), ok: typeof p[c] === 'number' && Number.isFinite(p[c]) });
  }
  const kio = p['kubernetes.io'];
  checks.push({ name: 'kubernetes.io', expected: 'an object with namespace, pod, serviceaccount', actual: isPlainObject(kio) ? Object.keys(kio).join(', ') : JSON.stringify(kio), ok: isPlainObject(kio) && 'namespace' in kio && 'serviceaccount' in kio });
  if (isPlainObject(kio) && typeof kio.namespace === 'string' && typeof sub === 'string') {
    const ns = /^system:serviceaccount:([^:]+):/.exec(sub)?.[1];
    checks.push({ name: 'sub namespace = kubernetes.io.namespace', expected: JSON.stringify(kio.namespace), actual: JSON.stringify(ns), ok: ns === kio.namespace });
  }
  if ('warnafter' in (isPlainObject(kio) ? kio : {})) {
    checks.push({ name: 'warnafter', expected: 'absent (a workload identity token)', actual: 'present', ok: false, note: 'warnafter marks the default in-pod API token (3607 s request extended to a year), not a workload identity token.' });
  }
  return checks;
}

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
  claimChecks: Check[];
  /** Entra ID's checks on the assertion's issuer: whitespace, Entra-issued (AADSTS700222). */
  assertion?: Stage;
  /** Entra ID's lifetime sanity check (AADSTS70023). */
  lifetime?: Stage;
  /** nbf ≤ now < exp at this computer's clock (AADSTS700024). */
  timeWindow?: Stage;
  ficProblems: string[];
  /** The FIC match as Entra ID would do it (AADSTS700211/700213/7002138/700212). */
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
  const p = token.payload;
  const result: InspectResult = {
    token,
    claimChecks: claimShapeChecks(token.header, p),
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
  try {
    if (p) {
      result.assertion = checkAssertionIssuer(p);
      result.lifetime = checkAssertionLifetime(p);
      result.timeWindow = checkTimeWindow(p, now);
    }
    const parsed = parseFicList(input.fics ?? '');
    result.ficProblems = parsed.problems;
    if (p && parsed.fics.length) {
      result.federation = matchFederatedCredentials(p, parsed.fics, 'this identity');
      result.comparisons = compareCredentials(p, parsed.fics);
    }
    const jw = parseJwks(input.jwks ?? '');
    result.jwksProblems = jw.problems;
    if (jw.jwks && token.header && p && token.format === 'jws') {
      result.signature = await verifyWithJwks(token.normalized, token.header, p, jw.jwks);
    }
    const disc = parseDiscovery(input.discovery ?? '');
    result.discoveryProblems = disc.problems;
    if (disc.doc) {
      const iss = typeof p?.iss === 'string' ? p.iss : undefined;
      result.discoveryChecks.push({ name: 'discovery issuer = token iss', expected: JSON.stringify(iss), actual: JSON.stringify(disc.doc.issuer), ok: iss !== undefined && disc.doc.issuer === iss, note: 'OpenID Connect Discovery 1.0 §4.3.' });
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
