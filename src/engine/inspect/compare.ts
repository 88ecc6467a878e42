/**
 * Character-level comparison of token claims with credential fields, and claim-shape checks. Pure.
 */
import { diffArrays, diffChars } from 'diff';
import { ENTRA_ISSUER_PATTERN, EXCHANGE_AUDIENCES } from '../entra/constants.ts';
import { recognizeIssuer } from './issuerKind.ts';
import type { Check } from '../types.ts';
import type { FicLike } from '../entra/ficMatch.ts';
import { isPlainObject } from '../merge.ts';
import { lookAlikeDifference, needsNames, nameChars } from '../chars.ts';

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
  if (recognizeIssuer(p?.iss)?.provider === 'github-entra') return githubShapeNotes(header, p);
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

/**
 * How a GitHub Actions token compares with what GitHub issues for azure/login (other-providers.md §1.2,
 * §1.3): `typ` JWT in the header, `sub` in the repo:<owner>/<repo>:… form (or a customised template),
 * `aud` the azure/login audience. Informational, like {@link claimShapeNotes}.
 */
function githubShapeNotes(header: Record<string, unknown> | undefined, p: Record<string, unknown> | undefined): Check[] {
  const notes: Check[] = [];
  if (header) {
    notes.push({ name: 'header alg', expected: '"RS256"', actual: JSON.stringify(header.alg), ok: header.alg === 'RS256', note: 'GitHub signs its OIDC tokens with RS256.' });
    notes.push({ name: 'header typ', expected: '"JWT"', actual: header.typ === undefined ? '(absent)' : JSON.stringify(header.typ), ok: header.typ === 'JWT', note: 'GitHub\'s tokens carry typ JWT (GitHub OIDC reference); Entra ID does not check it.' });
  }
  if (!p) return notes;
  const sub = p.sub;
  notes.push({ name: 'sub', expected: 'repo:<owner>/<repo>:environment:<env> | :pull_request | :ref:<ref>', actual: JSON.stringify(sub), ok: typeof sub === 'string' && /^repo:[^:]+\/[^:]+:(environment:.+|pull_request|ref:refs\/.+)$/.test(sub), note: 'GitHub\'s default subject forms; an organisation or repository can customise the template (key:value pairs). Entra ID compares sub with the credential\'s subject exactly, case included.' });
  const aud = p.aud;
  const auds = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  notes.push({ name: 'aud', expected: '"api://AzureADTokenExchange"', actual: JSON.stringify(aud), ok: auds.some((a) => EXCHANGE_AUDIENCES.includes(a as string)), note: 'azure/login asks for this audience by default; without an audience GitHub uses the owner URL https://github.com/<owner>, which no Entra credential expects (AADSTS700212).' });
  const life = typeof p.exp === 'number' && typeof p.iat === 'number' ? p.exp - p.iat : undefined;
  notes.push({ name: 'lifetime (exp − iat)', expected: 'about 300 s', actual: life === undefined ? '(unknown)' : `${life} s`, ok: life !== undefined && life <= 600, note: 'GitHub ID tokens live about 5 minutes; azure/login exchanges the token once, early in the job.' });
  return notes;
}
