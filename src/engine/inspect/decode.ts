/**
 * Decoding a pasted token as far as it goes (header, payload, signature), with located problems. Pure.
 */
import { base64url } from 'jose';
import { isPlainObject } from '../merge.ts';
import { describeChar, isPlainAscii } from '../chars.ts';

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
    // Every JWT header and payload is base64url of a JSON object, '{"…', which encodes to "eyJ…" (RFC 7519 §3).
    const why = raw.startsWith('eyJ') ? 'is this really a JWT?' : `a JWT's ${name} is base64url JSON and starts with "eyJ"; this starts with ${JSON.stringify(raw.slice(0, 3))}`;
    return { name, raw, ok: false, error: `decodes to binary data, not to JSON text (${why})` };
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
