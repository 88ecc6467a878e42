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
import { diffArrays, diffChars } from 'diff';
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
import { AKS_HINTS } from './providers/aks-entra/hints.ts';
import { ERROR_CATALOGUE, type ErrorInfo } from './errors.ts';
import { isPlainObject } from './merge.ts';
import { describeChar, isPlainAscii, lookAlikeDifference, needsNames, nameChars } from './chars.ts';

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

/**
 * A token decoded as far as it goes. Never throws; `problems` says what could not be read (failures
 * only), `notes` what was tidied before reading (whitespace, quotes, a `Bearer ` prefix removed).
 */
export interface DecodedToken {
  /** The token after trimming whitespace, quotes and a `Bearer ` prefix. */
  normalized: string;
  format: 'jws' | 'jwe' | 'empty' | 'unknown';
  parts: DecodedPart[];
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  /** Why the token cannot be read as a signed JWT; empty when it can. */
  problems: string[];
  /** What was removed from the pasted text before decoding; informational, never a failure. */
  notes: string[];
}

/**
 * Whether the token can be judged as Entra ID would: three parts, header and payload decoded to JSON
 * objects, and a signature part that is base64url (an empty one, an unsigned JWT, counts as readable:
 * its claims can be checked, and the signature check says it is missing). When false, every check that
 * reads the token's claims is not run ({@link InspectResult.notCheckedBecause} says why).
 */
export function tokenUsable(t: DecodedToken): boolean {
  if (t.format !== 'jws' || !t.header || !t.payload) return false;
  const sig = t.parts[2];
  return t.parts.every((p) => p.ok) || (sig !== undefined && sig.raw === '' && t.parts[0]!.ok && t.parts[1]!.ok);
}

function decodePart(name: DecodedPart['name'], raw: string, json: boolean): DecodedPart {
  // Code points, not UTF-16 units: an emoji is one character, shown whole.
  const chars = [...raw];
  const bad = chars.findIndex((c) => !/[A-Za-z0-9_-]/.test(c));
  if (bad >= 0) {
    const c = chars[bad]!;
    const hint = c === '+' || c === '/' || c === '=' ? ' (standard base64, not base64url: JWTs use "-", "_" and no "=" padding)' : '';
    const shown = isPlainAscii(c) ? JSON.stringify(c) : `"${c}" ${describeChar(c)}`;
    return { name, raw, ok: false, error: `character ${bad + 1} (${shown}) is not base64url${hint}` };
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
  const notes: string[] = [];
  let t = input.trim();
  const unquoted = t.replace(/^["'`]+|["'`]+$/g, '').trim();
  if (unquoted !== t) notes.push('Quotes around the token were removed.');
  t = unquoted;
  if (/^bearer\s+/i.test(t)) {
    t = t.replace(/^bearer\s+/i, '');
    notes.push('The "Bearer " prefix was removed.');
  }
  const inner = t.replace(/\s+/g, '');
  if (inner !== t) notes.push('The token contained whitespace or line breaks; they were removed.');
  t = inner;
  if (!t) return { normalized: '', format: 'empty', parts: [], problems: ['No token was pasted.'], notes };
  if (t.length > MAX_INPUT_CHARS) return { normalized: '', format: 'unknown', parts: [], problems: [`The token is ${t.length} characters long; more than ${MAX_INPUT_CHARS} is refused.`], notes };
  const segs = t.split('.');
  if (segs.length === 5) {
    return { normalized: t, format: 'jwe', parts: [decodePart('header', segs[0]!, true)], problems: ['This is an encrypted token (JWE, 5 parts). Service account tokens are signed JWS tokens with 3 parts.'], notes };
  }
  if (segs.length !== 3) problems.push(`The token has ${segs.length} part${segs.length === 1 ? '' : 's'} separated by "."; a signed JWT (JWS compact serialization, RFC 7515 §7.1) has 3.`);
  const names: DecodedPart['name'][] = ['header', 'payload', 'signature'];
  const parts = segs.map((s, i) => decodePart(names[i] ?? 'extra', s, i < 2));
  for (const p of parts) if (!p.ok && p.error) problems.push(`${p.name[0]!.toUpperCase()}${p.name.slice(1)}: ${p.error}.`);
  const out: DecodedToken = { normalized: t, format: segs.length === 3 ? 'jws' : 'unknown', parts, problems, notes };
  if (parts[0]?.value) out.header = parts[0].value;
  if (parts[1]?.value) out.payload = parts[1].value;
  return out;
}

/**
 * Whether `text` looks like the az CLI's `-o table` output: a header line of column names, then a line
 * of dashes under each column (`------  --------`).
 */
export function looksLikeAzTable(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length >= 2 && /^[A-Za-z][\w ]*$/.test(lines[0]!) && /^-{2,}(\s+-{2,})*$/.test(lines[1]!);
}

/** Parses JSON, or YAML when JSON fails. Returns the value or a readable error. */
function parseData(text: string, what: string): { value?: unknown; error?: string } {
  if (text.length > MAX_INPUT_CHARS) return { error: `The ${what} is ${text.length} characters long; more than ${MAX_INPUT_CHARS} is refused.` };
  try {
    return { value: JSON.parse(text) };
  } catch (jsonErr) {
    if (looksLikeAzTable(text)) {
      return { error: `This looks like the az CLI's "-o table" output, which shortens and aligns the values, so the exact strings are lost. Run the command again with "-o json" and paste that.` };
    }
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
  /**
   * How many entries the pasted list held (0 for an empty list `[]` or `{ "value": [] }`, which is what
   * the CLI prints for an identity without credentials); 0 too when nothing could be read (`shape: 'none'`).
   */
  entries: number;
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
  if (!text.trim()) return { fics: [], shape: 'none', entries: 0, problems: [] };
  const { value, error } = parseData(text, 'federated credential list');
  if (error) return { fics: [], shape: 'none', entries: 0, problems: [error] };
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
    return { fics: [], shape: 'none', entries: 0, problems: ['Expected a list of federated credentials (JSON array) or one credential object.'] };
  }
  const fics = list.map((v, i) => toFic(v, i, problems)).filter((f): f is FicLike => !!f);
  return { fics, shape, entries: list.length, problems };
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

/** Splits a value into its parts and the separators between them: "https", ":", "/", "/", "westeurope", ".", … */
function splitParts(s: string): string[] {
  return s.match(/[^:/.]+|[:/.]/g) ?? [];
}

/** Characters-level segments of `a` (token) against `b` (credential), jsdiff `diffChars`. */
function charSegments(a: string, b: string): DiffSegment[] {
  return diffChars(a, b).map((c) => ({ kind: c.added ? 'credential-only' : c.removed ? 'token-only' : 'same', text: c.value }));
}

/** How much of two strings a character diff keeps in common, 0–1 (of the longer one). */
function sharedRatio(a: string, b: string): number {
  const same = diffChars(a, b).filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.length, 0);
  return same / Math.max(a.length, b.length, 1);
}

/**
 * The diff of the token's value against the credential's. Values are first compared part by part (the
 * pieces between ":", "/" and "."), so a whole namespace or region that differs ("payments" vs
 * "default", "westeurope" vs "eastus") shows as one replaced run; a part that differs only a little (a
 * letter, a case, a look-alike, a trailing slash or space) is then compared character by character.
 * `firstDifference` is the 0-based index, in the token's value (UTF-16 units), where the first
 * differing run starts; -1 when equal.
 */
export function compareStrings(token: string, credential: string): { segments: DiffSegment[]; firstDifference: number } {
  if (token === credential) return { segments: token ? [{ kind: 'same', text: token }] : [], firstDifference: -1 };
  const out: DiffSegment[] = [];
  const push = (seg: DiffSegment) => {
    if (!seg.text) return;
    const last = out[out.length - 1];
    if (last && last.kind === seg.kind) last.text += seg.text;
    else out.push({ ...seg });
  };
  const changes = diffArrays(splitParts(token), splitParts(credential));
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      push({ kind: 'same', text: c.value.join('') });
      continue;
    }
    // A run of changes: what the token has there and what the credential has there.
    let removed = '';
    let added = '';
    for (; i < changes.length && (changes[i]!.added || changes[i]!.removed); i++) {
      if (changes[i]!.removed) removed += changes[i]!.value.join('');
      else added += changes[i]!.value.join('');
    }
    i--;
    if (removed && added && sharedRatio(removed, added) < 0.6) {
      push({ kind: 'token-only', text: removed });
      push({ kind: 'credential-only', text: added });
    } else {
      for (const seg of charSegments(removed, added)) push(seg);
    }
  }
  let first = 0;
  for (const seg of out) {
    if (seg.kind !== 'same') break;
    first += seg.text.length;
  }
  return { segments: out, firstDifference: first };
}

/** Explains a typical difference between two strings in words, or undefined. */
export function explainDifference(token: string, credential: string): string | undefined {
  if (token === credential) return undefined;
  const lookAlike = lookAlikeDifference(token, credential, 'the token’s', 'the credential’s');
  if (lookAlike) return lookAlike;
  if (token.replace(/\/+$/, '') === credential.replace(/\/+$/, '')) {
    return token.endsWith('/') ? 'The credential lacks the trailing "/" that the token has.' : 'The credential has a trailing "/" that the token does not have.';
  }
  if (token.trim() === credential.trim()) return 'They differ only in leading or trailing whitespace.';
  if (token.toLowerCase() === credential.toLowerCase()) return 'They differ only in upper/lower case; matching is case-sensitive.';
  if (token.replace(/^https?:\/\//, '') === credential.replace(/^https?:\/\//, '')) return 'They differ in the scheme (http vs https).';
  const st = /^system:serviceaccount:([^:]*):(.*)$/.exec(token);
  const sc = /^system:serviceaccount:([^:]*):(.*)$/.exec(credential);
  if (st && sc) {
    if (st[1] !== sc[1] && st[2] === sc[2]) return `Different namespace: the token's is ${quoteNamed(st[1]!)}, the credential's is ${quoteNamed(sc[1]!)}.`;
    if (st[1] === sc[1] && st[2] !== sc[2]) return `Different ServiceAccount name: the token's is ${quoteNamed(st[2]!)}, the credential's is ${quoteNamed(sc[2]!)}.`;
  }
  return undefined;
}

/** `"payments"`, or `"pаyments" (with U+0430 CYRILLIC SMALL LETTER A)` when it holds characters people cannot read reliably. */
function quoteNamed(s: string): string {
  return needsNames(s) ? `${JSON.stringify(s)} (with ${nameChars(s).join(', ')})` : JSON.stringify(s);
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

/**
 * Checks of the token's claims that Entra ID enforces (or that make the exchange impossible), each
 * pass/fail: `iss` an https URL that is not Entra ID itself, with no surrounding whitespace, not an
 * in-cluster address Entra ID cannot reach (reference C3, D2 step 4); `exp` and `iat` NumericDates
 * (D2 steps 2 and 6: a missing iat counts as 0, AADSTS70023); `nbf` absent or a NumericDate. What a
 * Kubernetes/AKS token merely happens to look like is in {@link claimShapeNotes}, not here.
 */
export function claimShapeChecks(_header: Record<string, unknown> | undefined, p: Record<string, unknown> | undefined): Check[] {
  const checks: Check[] = [];
  if (!p) return checks;
  const iss = p.iss;
  checks.push({ name: 'iss', expected: 'an https:// URL', actual: JSON.stringify(iss), ok: typeof iss === 'string' && /^https:\/\/[^\s]+$/.test(iss) && !ENTRA_ISSUER_PATTERN.test(iss), note: 'Entra ID fetches the issuer\'s discovery document and JWKS over HTTPS from this URL.' });
  if (typeof iss === 'string' && iss !== iss.trim()) checks.push({ name: 'iss whitespace', expected: 'no leading or trailing whitespace', actual: JSON.stringify(iss), ok: false });
  if (typeof iss === 'string' && /\.svc(\.cluster\.local)?\/?$/.test(iss)) {
    checks.push({ name: 'iss is public', expected: 'the cluster\'s public OIDC issuer URL', actual: JSON.stringify(iss), ok: false, note: 'An in-cluster issuer: the OIDC issuer is not enabled, or the token came from the default token volume. Entra ID cannot reach it.' });
  }
  for (const c of ['exp', 'iat'] as const) {
    checks.push({ name: c, expected: 'a NumericDate (seconds since 1970)', actual: p[c] === undefined ? '(absent)' : JSON.stringify(p[c]), ok: typeof p[c] === 'number' && Number.isFinite(p[c]) });
  }
  checks.push({ name: 'nbf', expected: 'absent, or a NumericDate (seconds since 1970)', actual: p.nbf === undefined ? '(absent)' : JSON.stringify(p.nbf), ok: p.nbf === undefined || (typeof p.nbf === 'number' && Number.isFinite(p.nbf)) });
  return checks;
}

/**
 * How the token compares with what Kubernetes issues on AKS (reference A1, A2): informational notes,
 * never failures, because Entra ID does not check them (a token from EKS, GKE or GitHub Actions can be
 * exchanged too). Each is a {@link Check} whose `ok` means "as an AKS workload identity token has it"
 * and whose `note` says what a difference usually means. The audience is checked for real against the
 * federated credential (the federation stage); here it is only compared with the usual value.
 */
export function claimShapeNotes(header: Record<string, unknown> | undefined, p: Record<string, unknown> | undefined): Check[] {
  const notes: Check[] = [];
  if (header) {
    notes.push({ name: 'header alg', expected: '"RS256"', actual: JSON.stringify(header.alg), ok: header.alg === 'RS256', note: 'Entra ID documents RS256 as the supported algorithm for external issuers; others may work but are untested.' });
    const kid = header.kid;
    notes.push({ name: 'header kid', expected: '43 base64url characters', actual: kid === undefined ? '(absent)' : JSON.stringify(kid), ok: typeof kid === 'string' && /^[A-Za-z0-9_-]{43}$/.test(kid), note: 'Kubernetes names a key by the SHA-256 of its public key; other issuers use other forms. Entra ID only looks the kid up in the JWKS (the signature check).' });
  }
  if (!p) return notes;
  const sub = p.sub;
  notes.push({ name: 'sub', expected: 'system:serviceaccount:<namespace>:<name>', actual: JSON.stringify(sub), ok: typeof sub === 'string' && /^system:serviceaccount:[^:]+:[^:]+$/.test(sub), note: 'The form of a Kubernetes service account token. Entra ID compares sub with the credential\'s subject as an opaque string.' });
  const aud = p.aud;
  const auds = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  notes.push({ name: 'aud', expected: '["api://AzureADTokenExchange"]', actual: JSON.stringify(aud), ok: Array.isArray(aud) && auds.some((a) => EXCHANGE_AUDIENCES.includes(a as string)), note: 'Entra ID compares aud with the credential\'s audience (paste the credentials to check it). A token from the default in-pod volume has the API server as audience.' });
  const kio = p['kubernetes.io'];
  notes.push({ name: 'kubernetes.io', expected: 'namespace, pod, serviceaccount', actual: isPlainObject(kio) ? Object.keys(kio).join(', ') : kio === undefined ? '(absent)' : JSON.stringify(kio), ok: isPlainObject(kio) && 'namespace' in kio && 'serviceaccount' in kio, note: 'A private claim Kubernetes adds; Entra ID ignores it.' });
  if (isPlainObject(kio) && typeof kio.namespace === 'string' && typeof sub === 'string') {
    const ns = /^system:serviceaccount:([^:]+):/.exec(sub)?.[1];
    notes.push({ name: 'sub namespace = kubernetes.io.namespace', expected: JSON.stringify(kio.namespace), actual: JSON.stringify(ns), ok: ns === kio.namespace, note: 'Kubernetes writes both from the same ServiceAccount; a difference means the token was edited or not issued by Kubernetes.' });
  }
  if ('warnafter' in (isPlainObject(kio) ? kio : {})) {
    notes.push({ name: 'warnafter', expected: 'absent (a workload identity token)', actual: 'present', ok: false, note: 'warnafter marks the default in-pod API token (3607 s request extended to a year), not a workload identity token.' });
  }
  if (p.nbf === undefined) {
    notes.push({ name: 'nbf present', expected: 'present, equal to iat', actual: '(absent)', ok: false, note: 'Entra ID treats a missing nbf as no lower bound.' });
  }
  return notes;
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
  /**
   * Why the checks that read the token's claims (claim checks and notes, assertion, lifetime, time
   * window, credential match, signature) did not run: the token cannot be read as a signed JWT
   * ({@link tokenUsable}). Absent when they ran (or when no token was pasted).
   */
  notCheckedBecause?: string;
  /** Claim checks Entra ID enforces: pass/fail ({@link claimShapeChecks}). */
  claimChecks: Check[];
  /** How the token differs from an AKS token: informational, never a failure ({@link claimShapeNotes}). */
  claimNotes: Check[];
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
      result.assertion = checkAssertionIssuer(p, AKS_HINTS);
      result.lifetime = checkAssertionLifetime(p, AKS_HINTS);
      result.timeWindow = checkTimeWindow(p, now, AKS_HINTS);
    }
    const parsed = parseFicList(input.fics ?? '');
    result.ficProblems = parsed.problems;
    if (parsed.shape !== 'none') result.ficCount = parsed.fics.length;
    // An empty list is input too: the identity has no credential, so nothing can match.
    if (p && (parsed.fics.length || (parsed.shape !== 'none' && parsed.entries === 0))) {
      result.federation = matchFederatedCredentials(p, parsed.fics, 'this identity', AKS_HINTS);
      result.comparisons = compareCredentials(p, parsed.fics);
      // When the value that failed only LOOKS like the token's (a Cyrillic letter, an invisible
      // character), say so in the verdict too. (Kept out of chain.ts: the character tables would add
      // ~3 KB to every page that runs the simulator.)
      const failedField = { AADSTS700211: 'issuer', AADSTS700213: 'subject' }[result.federation.code ?? ''];
      const lookAlike = result.comparisons.flatMap((c) => c.fields).find((f) => f.field === failedField && f.explanation?.startsWith('They look the same'));
      if (lookAlike?.explanation) result.federation.summary = `${result.federation.summary} ${lookAlike.explanation}`;
    }
    const jw = parseJwks(input.jwks ?? '');
    result.jwksProblems = jw.problems;
    if (jw.jwks && header && p) {
      result.signature = await verifyWithJwks(token.normalized, header, p, jw.jwks, AKS_HINTS);
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
