/**
 * Reading the playground's JSON editor (the identity's federated identity credentials): JSON syntax
 * errors with their line and column, schema problems located at the offending field, and a helper to
 * find any path in a JSON text. Pure; no DOM.
 */
import { z } from '../../engine/zod.ts';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { FederatedCredentialSchema, type FederatedCredential } from '../../engine/schema.ts';
import { toIssues } from '../../engine/scenario.ts';

/** A problem in an editor's text; `line` and `column` are 1-based when known. */
export interface TextError {
  message: string;
  line?: number;
  column?: number;
  path?: string;
}

/** The schema of the federated credentials editor: the identity's `federatedCredentials` array. */
export const FederatedCredentialListSchema = z.array(FederatedCredentialSchema);

/** 1-based line and column of a 0-based character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Parses a dotted/bracketed path (`[0].subject`, `a.b[2]`) into segments. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(`"${m[2]}"`) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** 1-based line and column in a text. */
export type TextPosition = { line: number; column: number };

/**
 * Where `path` is in a JSON (or YAML) text: the start of the value at that path, or of the deepest
 * ancestor that exists (e.g. the object a missing field belongs to). `undefined` when the text does not
 * parse. Parses the whole text on every call: to locate several paths in one text, use {@link pathLocator}.
 */
export function locatePath(text: string, path: (string | number)[]): TextPosition | undefined {
  return pathLocator(text)(path);
}

/**
 * A {@link locatePath} for one text and any number of paths: the text is parsed once, on the first call,
 * and every call after that only walks the parsed tree. Use it when one edit has many positions to find
 * (e.g. a write-time warning per credential): parsing is what costs (about 0.2 s per 256 KB).
 */
export function pathLocator(text: string): (path: (string | number)[]) => TextPosition | undefined {
  let parsed: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | null | undefined;
  return (path) => {
    if (parsed === undefined) {
      const lines = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lines });
      parsed = doc.errors.length ? null : { doc, lines };
    }
    if (parsed === null) return undefined;
    const { doc, lines } = parsed;
    let node: unknown = doc.contents;
    let offset: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const key = pair.key as YamlNode;
        offset = key.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as YamlNode | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}

/** Extracts the position from a JSON.parse error message (V8 and SpiderMonkey/JSC wordings). */
function jsonErrorPosition(text: string, message: string): { line: number; column: number } | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineColumnAt(text, Number(pos[1]));
  if (/end of (JSON )?(input|data)/i.test(message)) return lineColumnAt(text, text.length);
  return undefined;
}

/**
 * Parses the federated credentials editor's text: JSON syntax first, then the engine's schema (unknown
 * fields, wrong types, missing fields). Returns the credentials with defaults applied, or the first problem
 * with its position.
 */
export function parseFederatedCredentials(text: string): { ok: true; value: FederatedCredential[] } | { ok: false; error: TextError } {
  if (!text.trim()) return { ok: false, error: { message: 'The editor is empty: write a JSON array of federated identity credentials ([] for none).', line: 1, column: 1 } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const reason = msg.replace(/^JSON\.parse: /, '').replace(/\s*\(line \d+ column \d+\)$/, '').replace(/ (in|after) JSON at position \d+/, '');
    const pos = jsonErrorPosition(text, msg);
    return { ok: false, error: { message: `JSON syntax error: ${reason}`, ...(pos ?? {}) } };
  }
  if (!Array.isArray(raw)) {
    return { ok: false, error: { message: 'Expected a JSON array of federated identity credentials: [ { "name": ..., "issuer": ..., "subject": ..., "audiences": [...] } ].', line: 1, column: 1 } };
  }
  const r = FederatedCredentialListSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  // A misspelt field also makes the right one "missing": report the unknown field first.
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0]!;
  const [first] = toIssues(new z.ZodError([issue]));
  const segs = issue.path.map((s) => (typeof s === 'number' ? s : String(s)));
  // For an unknown field, point at the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) segs.push(issue.keys[0]);
  const pos = locatePath(text, segs);
  const path = first?.path ?? '';
  return {
    ok: false,
    error: { message: path ? `${path}: ${first?.message ?? issue.message}` : (first?.message ?? issue.message), path, ...(pos ?? {}) },
  };
}
