/**
 * Reading pasted federated credentials (az / Graph / ARM shapes, JSON or YAML), JWKS and discovery documents. Pure.
 */
import { parse as parseYaml } from 'yaml';
import type { FicLike } from '../entra/ficMatch.ts';
import { isPlainObject } from '../merge.ts';
import { MAX_INPUT_CHARS } from './decode.ts';

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
