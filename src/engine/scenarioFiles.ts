/**
 * Scenario files as text: parse YAML or JSON into a scenario object, validate it with the engine's
 * schema, and point every problem at a line and column of the file.
 *
 * Pure (no file system, no network): callers read the file and pass its text. Used by the CLI
 * (`src/cli/simulate.ts`), the build-time validation hook (`src/integrations/validate-scenarios.ts`)
 * and tests.
 */
import { findStraySpace } from './yamlSpaces.ts';
import { LineCounter, parseDocument, isMap, isNode, isPair, isScalar, isSeq, type Document } from 'yaml';
import { parseScenario, type ScenarioIssue } from './scenario.ts';
import type { Scenario, World } from './schema.ts';

/** A validation problem with, when it can be found, its 1-based line and column in the file. */
export interface LocatedIssue extends ScenarioIssue {
  /** 1-based line of the offending value (or of the nearest enclosing one that exists in the file). */
  line?: number;
  /** 1-based column. */
  column?: number;
}

/** `yaml` (also accepts JSON, which is YAML 1.2) or strict `json`. */
export type ScenarioTextFormat = 'yaml' | 'json';

/** Outcome of {@link parseScenarioText}: the raw object, or syntax problems (`path` is empty). */
export type ParsedText =
  | { ok: true; data: unknown; locate: Locate }
  | { ok: false; issues: LocatedIssue[] };

/** Outcome of {@link loadScenarioText}. `kind` tells a syntax error from a schema error. */
export type LoadedScenario =
  | { ok: true; data: unknown; scenario: Scenario; world: World }
  | { ok: false; kind: 'syntax' | 'schema'; issues: LocatedIssue[] };

/**
 * Picks the format from a file name: `.json` is JSON, anything else (`.yaml`, `.yml`, none) is YAML.
 */
export function formatFromFileName(fileName: string | undefined): ScenarioTextFormat {
  return fileName && /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

/**
 * Splits a dotted issue path (`world.identity.federatedCredentials[0].subject`, as produced by
 * `parseScenario`) into segments: `['world', 'identity', 'federatedCredentials', 0, 'subject']`.
 * Keys containing dots (e.g. `azure.workload.identity/use`) cannot be told apart from nesting in
 * this notation, so {@link parseScenarioText}'s `locate` tries the longest keys that exist.
 */
export function splitIssuePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** 1-based line and column of a character offset in `text`. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/** Position lookup returned by {@link parseScenarioText}; see there. */
export type Locate = (path: string, at?: 'value' | 'key') => { line: number; column: number } | undefined;

/** Builds a {@link Locate} function over a parsed YAML document (JSON parses as YAML too). */
function locator(doc: Document, counter: LineCounter): Locate {
  return (path, at = 'value') => {
    const segs = splitIssuePath(path);
    // Walk down as far as the file goes; dotted map keys (annotation names) are matched greedily.
    let node: unknown = doc.contents;
    let found: unknown = doc.contents;
    let foundKey: unknown;
    let complete = true;
    let i = 0;
    while (i < segs.length) {
      let next: unknown;
      let keyNode: unknown;
      let used = 1;
      const seg = segs[i];
      if (typeof seg === 'number' && isSeq(node)) {
        next = node.items[seg];
      } else if (typeof seg === 'string' && isMap(node)) {
        for (let j = segs.length; j > i && next === undefined; j--) {
          const parts = segs.slice(i, j);
          if (parts.some((p) => typeof p === 'number')) continue;
          const key = parts.join('.');
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
          if (pair) {
            next = pair.value ?? pair.key;
            keyNode = pair.key;
            used = j - i;
          }
        }
      }
      if (!isNode(next)) {
        complete = false;
        break;
      }
      node = next;
      found = next;
      foundKey = keyNode;
      i += used;
    }
    const target = at === 'key' && complete && isNode(foundKey) ? foundKey : found;
    const range = isNode(target) ? target.range : undefined;
    if (!range) return undefined;
    const pos = counter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
}

/**
 * Parses scenario text (YAML or JSON) into a plain object. Never throws.
 *
 * YAML uses the YAML 1.2 core schema: `2026-01-15T10:00:00Z` stays a string, `true` is a boolean
 * (so label values such as `"true"` must be quoted), duplicate keys are errors.
 * @returns `{ ok: true, data, locate }`, where `locate(dottedPath, at)` gives the 1-based line/column
 *   of that path's value (or, with `at: 'key'`, of its key) in the file, falling back to the nearest
 *   ancestor present; or `{ ok: false, issues }` with the
 *   syntax errors, each with line and column.
 */
export function parseScenarioText(text: string, format: ScenarioTextFormat = 'yaml'): ParsedText {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const m = /position (\d+)/.exec(message);
      const where = m ? lineColumnAt(text, Number(m[1])) : undefined;
      return { ok: false, issues: [{ path: '', message: `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)$/, '')}`, ...where }] };
    }
    const locate = doc.errors.length === 0 ? locator(doc, counter) : () => undefined;
    return { ok: true, data, locate };
  }
  const stray = findStraySpace(text);
  if (stray) return { ok: false, issues: [{ path: '', message: stray.message, line: stray.line, column: stray.column }] };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        // prettyErrors appends "at line L, column C:" plus a source excerpt; keep the first sentence.
        const firstLine = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `invalid YAML: ${firstLine}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
      }),
    };
  }
  return { ok: true, data: doc.toJS({ maxAliasCount: 100 }), locate: locator(doc, counter) };
}

/**
 * Where an issue is in the file. For an unknown (misspelt) key, that key's own line rather than its
 * parent object's.
 */
function locateIssue(
  issue: ScenarioIssue,
  locate: Locate,
): { line: number; column: number } | undefined {
  const unknownKey = /^unknown fields? "([^"]+)"/.exec(issue.message)?.[1];
  if (unknownKey) {
    const keyPath = issue.path ? `${issue.path}.${unknownKey}` : unknownKey;
    const at = locate(keyPath, 'key');
    if (at) return at;
  }
  return issue.path ? locate(issue.path) : undefined;
}

/**
 * Parses and validates a scenario file's text: syntax first, then the scenario schema and the merged
 * world (`parseScenario`). Never throws.
 * @param fileName used only to pick the format (`.json` → JSON, else YAML).
 * @returns the scenario and the merged world, or the issues with dotted paths (e.g.
 *   `world.identity.federatedCredentials[0].subject`) and line/column where the file has them.
 */
export function loadScenarioText(text: string, fileName?: string): LoadedScenario {
  const parsed = parseScenarioText(text, formatFromFileName(fileName));
  if (!parsed.ok) return { ok: false, kind: 'syntax', issues: parsed.issues };
  if (parsed.data === null || parsed.data === undefined) {
    return { ok: false, kind: 'schema', issues: [{ path: '', message: 'the file is empty (expected a scenario object with `schema: 1` and a `title`)' }] };
  }
  const r = parseScenario(parsed.data);
  if (!r.ok) {
    return {
      ok: false,
      kind: 'schema',
      // In file order (issues the file does not locate first), so the list reads top to bottom.
      issues: r.issues
        .map((issue) => ({ ...issue, ...locateIssue(issue, parsed.locate) }))
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    };
  }
  return { ok: true, data: parsed.data, scenario: r.scenario, world: r.world };
}

/**
 * Formats issues for a terminal or a build log, one per line:
 * `content/scenarios/x.yaml:12:9  world.identity.federatedCredentials[0].issuer: expected string, received number`.
 */
export function formatIssues(fileName: string, issues: readonly LocatedIssue[]): string {
  return issues
    .map((i) => {
      const where = i.line ? `${fileName}:${i.line}${i.column ? `:${i.column}` : ''}` : fileName;
      return `${where}  ${i.path ? `${i.path}: ` : ''}${i.message}`;
    })
    .join('\n');
}
