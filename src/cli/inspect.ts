/**
 * `wil-inspect`: check a REAL projected service account token, offline, from a terminal or CI: decode
 * it as far as it goes, check its claims and lifetime, compare it with the identity's federated
 * identity credentials, verify its signature against the issuer's JWKS, check the discovery document,
 * and explain error codes found in pasted error text.
 *
 * ```
 * wil-inspect --token FILE [--fics FILE] [--jwks FILE] [--discovery FILE] [--error FILE] [--json] [--now ISO]
 * ```
 * FILE may be `-` (standard input) for at most one option. Nothing is sent anywhere: every check is a
 * function of `src/engine/inspect.ts` (the same rules the simulated chain applies); this module only
 * reads files and prints the {@link InspectResult}.
 *
 * Exit codes: 0 every check that ran passed; 1 at least one failed (including a token that cannot be
 * decoded, or a file whose content cannot be parsed); 2 unusable input (bad arguments, missing
 * `--token`, an unreadable file); 70 an unexpected error (set by bin/inspect.mjs).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Check } from '../engine/types.ts';
import type { Stage } from '../engine/chain.ts';
import type { DecodedPart, FieldComparison, InspectResult, ScenarioRef } from '../engine/inspect.ts';
import { errorPagePath } from '../engine/errors.ts';
import { parseNow, type CliIO } from './simulate.ts';
import { listScenarioFiles, loadScenarioFile } from './files.ts';

/** Exit code: every check that ran passed. */
export const EXIT_OK = 0;
/** Exit code: at least one check failed (or the token / a pasted document could not be read as such). */
export const EXIT_FAILED = 1;
/** Exit code: unusable input (arguments, missing --token, unreadable file). */
export const EXIT_INVALID = 2;

/** Files larger than this many bytes are refused as unusable input (a token is a few kilobytes). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Usage text printed by `--help` (and after an argument error). */
export const USAGE = `Usage: wil-inspect --token FILE [--fics FILE] [--jwks FILE] [--discovery FILE]
                   [--error FILE] [--json] [--now ISO]

Checks a real Kubernetes service account token offline, the way Microsoft Entra ID would
before exchanging it. Nothing is sent anywhere.

  --token FILE       the token (compact JWT; a "Bearer " prefix, quotes and line breaks are
                     tolerated). Required.
  --fics FILE        the identity's federated credentials: output of
                     az identity federated-credential list (JSON), a Graph list, or one object.
  --jwks FILE        the issuer's JWKS (kubectl get --raw /openid/v1/jwks, or
                     curl <issuer>openid/v1/jwks).
  --discovery FILE   the discovery document (curl <issuer>.well-known/openid-configuration).
  --error FILE       error text you got (e.g. an AADSTS message); codes in it are explained.
  --json             print the full result as JSON instead of the report.
  --now ISO          judge the time window at this instant, e.g. 2026-01-15T10:00:00Z
                     (default: this computer's clock).
  -h, --help         show this help.

FILE may be "-" to read standard input, for at most one option.
Exit codes: 0 every check that ran passed, 1 some check failed, 2 unusable input (missing
--token, unreadable file, bad arguments), 70 internal error (a bug: please report it).
Run through npm: npm run --silent inspect -- --token token.jwt --fics fics.json
`;

/** Where the CLI reads and writes; injectable for tests. */
export interface InspectIO extends CliIO {
  /** Reads all of standard input as UTF-8 text. */
  readStdin: () => Promise<string>;
}

/** The real process streams, standard input and working directory. */
export function processInspectIO(): InspectIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** The inputs the options name, as text (absent when the option was not given). */
export interface InspectFiles {
  token: string;
  fics?: string;
  jwks?: string;
  discovery?: string;
  errorText?: string;
}

/** One verdict in the final count: a check that ran, and whether it passed. */
export interface Verdict {
  section: string;
  name: string;
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Reading input

/** Thrown for unusable input; the CLI prints `message` and exits {@link EXIT_INVALID}. */
export class InputError extends Error {}

/** Reads one FILE argument (`-` = standard input). @throws InputError when it cannot be read. */
async function readInput(io: InspectIO, option: string, file: string): Promise<string> {
  if (file === '-') return io.readStdin();
  const full = path.resolve(io.cwd, file);
  try {
    const st = await stat(full);
    if (st.isDirectory()) throw new InputError(`--${option} ${file}: is a directory, not a file`);
    if (st.size > MAX_FILE_BYTES) throw new InputError(`--${option} ${file}: the file is ${st.size} bytes; more than ${MAX_FILE_BYTES} is refused`);
    return await readFile(full, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : err instanceof Error ? err.message : String(err);
    throw new InputError(`--${option} ${file}: cannot read the file: ${why}`);
  }
}

/**
 * Loads the named scenarios (slug, title, expected code) from `dir`, for linking error codes to the
 * scenarios that reproduce them. Invalid files are skipped; a missing directory gives an empty list.
 */
export async function loadScenarioRefs(dir: string): Promise<ScenarioRef[]> {
  const refs: ScenarioRef[] = [];
  for (const file of await listScenarioFiles(dir)) {
    const loaded = await loadScenarioFile(file);
    if (!loaded.ok) continue;
    refs.push({ slug: path.basename(file).replace(/\.(ya?ml|json)$/i, ''), title: loaded.scenario.title, code: loaded.scenario.expect?.code });
  }
  return refs;
}

/** The repository's scenario directory (content/scenarios), found relative to this module. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));

// ---------------------------------------------------------------------------------------------------
// Verdicts

/** Whether a decoded token is a readable signed JWT (three parts, header and payload JSON objects, a signature). */
function tokenDecodes(r: InspectResult): boolean {
  return r.token.format === 'jws' && r.token.parts.every((p) => p.ok) && !!r.token.header && !!r.token.payload;
}

/**
 * Every check that ran, flattened: the token decode, the claim checks Entra ID enforces (not the
 * informational notes on how the token differs from an AKS token), lifetime and time window, reading
 * and matching the federated credentials (an empty list is readable; the match then fails), reading
 * the JWKS and the signature, reading and checking the discovery document. A stage counts as one
 * verdict (fail = failed). Inputs that were not given contribute nothing.
 */
export function verdicts(r: InspectResult, given: Pick<InspectFiles, 'fics' | 'jwks' | 'discovery'>): Verdict[] {
  const out: Verdict[] = [];
  out.push({ section: 'token', name: 'decodes as a signed JWT (header.payload.signature)', ok: tokenDecodes(r) });
  for (const c of r.claimChecks) out.push({ section: 'claims', name: c.name, ok: c.ok });
  if (r.lifetime) out.push({ section: 'lifetime', name: 'assertion lifetime (AADSTS70023)', ok: r.lifetime.status !== 'fail' });
  if (r.timeWindow) out.push({ section: 'lifetime', name: 'time window nbf ≤ now < exp (AADSTS700024)', ok: r.timeWindow.status !== 'fail' });
  if (given.fics !== undefined) {
    out.push({ section: 'federated credentials', name: 'file is a readable credential list', ok: r.ficProblems.length === 0 });
    if (r.federation) out.push({ section: 'federated credentials', name: 'a credential matches issuer, subject and audience', ok: r.federation.status !== 'fail' });
  }
  if (given.jwks !== undefined) {
    out.push({ section: 'signature', name: 'JWKS is readable', ok: r.jwksProblems.length === 0 });
    if (r.signature) out.push({ section: 'signature', name: 'kid in the JWKS and RS256 signature verifies', ok: r.signature.status !== 'fail' });
  }
  if (given.discovery !== undefined) {
    out.push({ section: 'discovery', name: 'discovery document is readable', ok: r.discoveryProblems.length === 0 });
    for (const c of r.discoveryChecks) out.push({ section: 'discovery', name: c.name, ok: c.ok });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The human-readable report

const STATUS: Record<Stage['status'], string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', skipped: 'skip' };

function mark(ok: boolean): string {
  return ok ? 'pass' : 'FAIL';
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `${by}${l}` : l))
    .join('\n');
}

/** "2026-01-15T10:00:00Z" from NumericDate seconds, or the raw value when it is not a usable number. */
function isoSeconds(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v === undefined ? '(absent)' : JSON.stringify(v);
  const d = new Date(Math.trunc(v) * 1000);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString().replace(/\.000Z$/, 'Z');
}

/** "in 59 min" / "3 h ago" relative to `now` (seconds), using the engine's duration wording. */
function relative(v: unknown, now: number, humanDuration: (s: number) => string): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  if (v === now) return ' (now)';
  return v > now ? ` (in ${humanDuration(v - now)})` : ` (${humanDuration(now - v)} ago)`;
}

/** One check as report lines: status word, name, actual value (and expected on failure), then the note of a failed check. */
function checkLines(c: Check): string[] {
  const line = `${mark(c.ok)}  ${c.name}: ${c.actual}${c.ok ? '' : `  (expected ${c.expected})`}`;
  return c.note && !c.ok ? [line, `      ${c.note}`] : [line];
}

/** One informational note (how the token compares with an AKS token): never PASS/FAIL. */
function noteLines(c: Check): string[] {
  return c.ok ? [`as on AKS  ${c.name}: ${c.actual}`] : [`note  ${c.name}: ${c.actual}  (on AKS: ${c.expected})`, `      ${c.note ?? ''}`.trimEnd()];
}

function partLines(p: DecodedPart): string[] {
  const head = `${p.name}: ${p.ok ? 'ok' : `NOT READABLE — ${p.error ?? 'unknown problem'}`}`;
  const lines = [head];
  if (p.value) lines.push(...indent(JSON.stringify(p.value, null, 2), '  ').split('\n'));
  else if (p.text !== undefined) lines.push(`  decoded text: ${JSON.stringify(p.text.length > 400 ? `${p.text.slice(0, 400)}…` : p.text)}`);
  else if (p.bytes !== undefined) lines.push(`  ${p.bytes} bytes`);
  if (!p.ok && p.raw) lines.push(`  raw: ${p.raw.length > 120 ? `${p.raw.slice(0, 120)}…` : p.raw}`);
  return lines;
}

/** A string as it is printed in a comparison: JSON-quoted, so whitespace and control characters show. */
function shown(s: string): string {
  return JSON.stringify(s);
}

/** Column, inside {@link shown}`(s)`, of character `index` of `s` (accounts for the quote and escapes). */
function shownColumn(s: string, index: number): number {
  return JSON.stringify(s.slice(0, index)).length - 1;
}

/**
 * Lines comparing one field of the token with a credential: both values, quoted and aligned, then a
 * caret line under the first differing character, and the engine's explanation of the difference.
 */
export function comparisonLines(f: FieldComparison): string[] {
  const label = f.field.padEnd(9);
  if (f.equal) return [`${label} pass  ${shown(f.token)}`];
  const lines = [`${label} FAIL`, `    token:      ${shown(f.token)}`, `    credential: ${shown(f.credential)}`];
  const col = '    credential: '.length + shownColumn(f.token, f.firstDifference);
  lines.push(`${' '.repeat(col)}^ first difference: character ${f.firstDifference + 1} of the token's value`);
  const diffs = f.segments.filter((s) => s.kind !== 'same').slice(0, 4);
  for (const d of diffs) lines.push(`    only in the ${d.kind === 'token-only' ? 'token' : 'credential'}: ${shown(d.text)}`);
  if (f.explanation) lines.push(`    ${f.explanation}`);
  return lines;
}

function stageLines(title: string, s: Stage, scenarios: readonly ScenarioRef[]): string[] {
  const lines = [`${STATUS[s.status]}  ${title}${s.code ? ` — ${s.code}` : ''}`, `      ${s.summary}`];
  for (const c of s.checks) if (!c.ok) lines.push(...checkLines(c).map((l) => `      ${l}`));
  if (s.status === 'fail') {
    if (s.message) lines.push(`      Entra ID would answer: ${s.message.replace(/\r?\n/g, ' ')}`);
    if (s.fix) lines.push(`      Fix: ${s.fix}`);
    if (s.uncertain) lines.push(`      Not confirmed: ${s.uncertain}`);
    const like = s.code ? scenarios.filter((x) => x.code === s.code).map((x) => x.slug) : [];
    if (like.length) lines.push(`      Scenarios with this failure: ${like.join(', ')}`);
  }
  return lines;
}

/**
 * Formats an {@link InspectResult} as the plain-text report (no colours: the status is always a word).
 * @param opts.clock where the clock came from, for the header line.
 */
export function formatReport(
  r: InspectResult,
  given: Pick<InspectFiles, 'fics' | 'jwks' | 'discovery' | 'errorText'>,
  opts: { clock: 'now-option' | 'system'; scenarios: readonly ScenarioRef[]; humanDuration: (s: number) => string },
): string {
  const out: string[] = [];
  const push = (...l: string[]) => out.push(...l);
  const section = (t: string) => push('', t, '-'.repeat(t.length));
  push('Workload Identity Lab: offline token inspection (nothing was sent anywhere)');
  push(`Clock: ${isoSeconds(r.now)} (${opts.clock === 'now-option' ? 'from --now' : "this computer's clock"})`);

  section('Token');
  const t = r.token;
  push(`${mark(tokenDecodes(r))}  format: ${t.format === 'jws' ? (t.parts[2]?.raw === '' ? '3 parts, but the third (the signature) is empty: an unsigned JWT' : '3 parts, as a signed JWT (JWS compact serialization) has') : t.format === 'jwe' ? 'encrypted JWT (JWE, 5 parts)' : t.format === 'empty' ? 'empty' : `not a JWT (${t.parts.length} part${t.parts.length === 1 ? '' : 's'})`}`);
  for (const p of t.parts) push(...partLines(p).map((l) => `  ${l}`));
  for (const p of t.problems) push(`  problem: ${p}`);
  for (const n of t.notes) push(`  note: ${n}`);
  const notChecked = r.notCheckedBecause ? `  (not checked: ${r.notCheckedBecause})` : undefined;

  section('Claims');
  if (!r.claimChecks.length) push(notChecked ?? '  (nothing to check: the header and payload could not be decoded)');
  for (const c of r.claimChecks) push(...checkLines(c).map((l) => `  ${l}`));
  if (r.claimNotes.length) {
    push(`  Compared with ${r.issuer?.provider === 'github-entra' ? 'a GitHub Actions token' : 'an AKS token'} (information only; Entra ID does not check these):`);
    for (const c of r.claimNotes) push(...noteLines(c).map((l) => `    ${l}`));
  }

  if (r.githubSubject) {
    const g = r.githubSubject;
    section('GitHub Actions subject');
    push(`  A federated credential for this job needs subject: ${g.needed}`);
    push(`  Why: ${g.reason}`);
    for (const n of g.notes) push(`  note: ${n}`);
    for (const m of g.formMismatches) push(`  credential "${m.credential}" (${m.subject}): ${m.explanation}`);
  }

  section('Lifetime and time window');
  const p = r.notCheckedBecause ? undefined : t.payload;
  if (!p) push(notChecked ?? '  (not checked: no payload)');
  else {
    for (const c of ['iat', 'nbf', 'exp'] as const) push(`  ${c}: ${isoSeconds(p[c])}${relative(p[c], r.now, opts.humanDuration)}`);
    if (r.lifetime) push(...stageLines('assertion lifetime (exp − iat ≤ 25 h, iat present)', r.lifetime, opts.scenarios).map((l) => `  ${l}`));
    if (r.timeWindow) push(...stageLines(`valid at ${isoSeconds(r.now)} (nbf ≤ now < exp)`, r.timeWindow, opts.scenarios).map((l) => `  ${l}`));
  }

  section('Federated identity credentials');
  if (given.fics === undefined) push('  (not checked: no --fics FILE)');
  else {
    for (const prob of r.ficProblems) push(`  FAIL  ${prob}`);
    if (!p) push(notChecked ?? '  (not compared: the token has no readable payload)');
    else if (r.ficCount === 0 && !r.ficProblems.length) push('  the file is an empty list: this identity has no federated credentials, so none can match');
    if (r.federation) push(...stageLines('match as Entra ID does it (issuer, then subject, then audience; exact, case-sensitive)', r.federation, opts.scenarios).map((l) => `  ${l}`));
    for (const c of r.comparisons) {
      push('', `  credential "${c.name}"`);
      for (const f of c.fields) push(...comparisonLines(f).map((l) => `    ${l}`));
    }
  }

  section('Signature');
  if (given.jwks === undefined) push('  (not checked: no --jwks FILE)');
  else {
    for (const prob of r.jwksProblems) push(`  FAIL  ${prob}`);
    if (r.signature) push(...stageLines('signature against the JWKS', r.signature, opts.scenarios).map((l) => `  ${l}`));
    else if (!r.jwksProblems.length) push(notChecked ?? '  (not verified: the token is not a readable signed JWT)');
  }

  section('Discovery document');
  if (given.discovery === undefined) push('  (not checked: no --discovery FILE)');
  else {
    for (const prob of r.discoveryProblems) push(`  FAIL  ${prob}`);
    for (const c of r.discoveryChecks) push(...checkLines(c).map((l) => `  ${l}`));
  }

  section('Not checked here (needs the network or Azure)');
  for (const n of r.notRun) push(`  - ${n.name}: ${n.why}`);

  if (given.errorText !== undefined) {
    section('Error codes in --error');
    if (!r.errors.length) push('  (no known error code found in the text)');
    for (const e of r.errors) {
      if (!e.info) {
        const lookup = /^AADSTS\d+$/.test(e.code) ? ` (look it up at https://login.microsoftonline.com/error?code=${e.code.slice(6)})` : '';
        push(`  ${e.code}: not in the simulator's catalogue${lookup}`);
        continue;
      }
      const i = e.info;
      const http = [i.httpStatus !== undefined ? `HTTP ${i.httpStatus}` : '', i.error ?? ''].filter(Boolean).join(' ');
      push(`  ${e.code} (${i.system}, stage ${i.stage}${http ? `, ${http}` : ''})`);
      push(`    ${i.meaning}`);
      if (i.uncertain) push(`    Not confirmed: ${i.uncertain}`);
      push(`    Scenarios: ${e.scenarios.length ? e.scenarios.join(', ') : '(none)'}`);
      push(`    More: ${errorPagePath(e.code)}  Source: ${i.source}`);
    }
  }

  const v = verdicts(r, given);
  const failed = v.filter((x) => !x.ok);
  section('Result');
  push(`${v.length - failed.length} passed, ${failed.length} failed`);
  for (const f of failed) push(`  FAIL  ${f.section}: ${f.name}`);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// main

/**
 * The CLI. Parses `argv` (without the node and script paths), reads the files, runs the engine's
 * {@link inspect} and prints the report (or the JSON result). Returns the exit code; never calls
 * `process.exit`. Unexpected errors propagate (bin/inspect.mjs turns them into exit 70).
 */
export async function main(argv: readonly string[], io: InspectIO = processInspectIO()): Promise<number> {
  let values: { token?: string; fics?: string; jwks?: string; discovery?: string; error?: string; json?: boolean; now?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        token: { type: 'string' },
        fics: { type: 'string' },
        jwks: { type: 'string' },
        discovery: { type: 'string' },
        error: { type: 'string' },
        json: { type: 'boolean' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr(`wil-inspect: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT_INVALID;
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const usageError = (msg: string) => {
    io.stderr(`wil-inspect: ${msg}\n\n${USAGE}`);
    return EXIT_INVALID;
  };
  if (positionals.length) return usageError(`unexpected argument "${positionals[0]}" (name each file with an option, e.g. --token FILE)`);
  if (values.token === undefined) return usageError('missing --token FILE (use --token - to read the token from standard input)');
  const options = ['token', 'fics', 'jwks', 'discovery', 'error'] as const;
  const fromStdin = options.filter((o) => values[o] === '-');
  if (fromStdin.length > 1) return usageError(`only one option can read standard input ("-"); got ${fromStdin.map((o) => `--${o}`).join(', ')}`);
  let now = new Date();
  if (values.now !== undefined) {
    const d = parseNow(values.now);
    if (!d) return usageError(`--now expects an ISO 8601 date-time such as 2026-01-15T10:00:00Z, got "${values.now}"`);
    now = d;
  }

  const files: Partial<Record<(typeof options)[number], string>> = {};
  try {
    for (const o of options) {
      const f = values[o];
      if (f !== undefined) files[o] = await readInput(io, o, f);
    }
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`wil-inspect: ${err.message}\n`);
      return EXIT_INVALID;
    }
    throw err;
  }

  const given: InspectFiles = {
    token: files.token ?? '',
    ...(files.fics !== undefined ? { fics: files.fics } : {}),
    ...(files.jwks !== undefined ? { jwks: files.jwks } : {}),
    ...(files.discovery !== undefined ? { discovery: files.discovery } : {}),
    ...(files.error !== undefined ? { errorText: files.error } : {}),
  };
  const [{ inspect }, { humanDuration }] = await Promise.all([import('../engine/inspect.ts'), import('../engine/chain.ts')]);
  const scenarios = await loadScenarioRefs(SCENARIO_DIR);
  const result = await inspect(given, { now, scenarios });
  if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(formatReport(result, given, { clock: values.now !== undefined ? 'now-option' : 'system', scenarios, humanDuration }));
  return verdicts(result, given).every((v) => v.ok) ? EXIT_OK : EXIT_FAILED;
}
