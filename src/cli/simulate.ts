/**
 * `wil-simulate`: run scenario files through the engine from a terminal or CI.
 *
 * Contract: ../shared/design.md, "CLI" (a public interface: keep the flags, the output shapes and the
 * exit codes stable).
 *
 * ```
 * wil-simulate FILE                 print the chain result of one scenario as JSON (exit 0)
 * wil-simulate --check FILE...      compare each file's `expect` with the result (exit 0 / 1)
 * wil-simulate --validate FILE...   only parse and validate the files (exit 0 / 2)
 * wil-simulate --export FORMAT FILE print the scenario's setup as FORMAT (az, terraform, bicep,
 *                                   kubernetes, github-workflow); exit 2 when it does not apply
 * ```
 * Exit codes: 0 success; 1 `--check` found a mismatch; 2 invalid input (bad arguments, unreadable
 * file, YAML/JSON syntax error, schema error); 70 an unexpected error (set by bin/simulate.mjs).
 *
 * The engine is imported lazily so that `--help` and `--validate` never load the crypto code.
 */
import { parseArgs } from 'node:util';
import type { ChainResult, Expect, KeyStore } from '../engine/index.ts';
import { formatIssues } from '../engine/scenarioFiles.ts';
import { loadScenarioFile, type LoadedFile } from './files.ts';

/** Exit code: success (a simulation ran, every check passed, every file is valid). */
export const EXIT_OK = 0;
/** Exit code: `--check` found at least one scenario whose result differs from its `expect`. */
export const EXIT_CHECK_FAILED = 1;
/** Exit code: invalid input (arguments, unreadable file, syntax or schema error). */
export const EXIT_INVALID = 2;

/** Usage text printed by `--help` (and after an argument error). */
export const USAGE = `Usage: wil-simulate [--now ISO] FILE
       wil-simulate --check [--now ISO] FILE...
       wil-simulate --validate FILE...
       wil-simulate --export FORMAT [--now ISO] FILE

Runs Workload Identity Lab scenario files (YAML or JSON, schema 1) through the simulated
AKS -> Microsoft Entra ID chain, offline.

  FILE                 print the chain result as JSON (2-space indented) on stdout.
                       Exit 0 whatever the outcome (granted or denied).
  --check FILE...      compare each file's \`expect\` (outcome, stage, code: only the fields it
                       gives) with the result; one PASS/FAIL line per file, then
                       "N passed, M failed". Exit 1 if any failed.
  --validate FILE...   only parse and validate the files (no simulation); one line per file,
                       then "N valid, M invalid".
  --export FORMAT FILE print the configuration of the scenario's world as the real tools
                       write it, failing line commented with the fixed line beside it.
                       FORMAT: az, terraform, bicep, kubernetes (cluster providers),
                       github-workflow, az, terraform, bicep (github-entra). Exit 2 when
                       FORMAT does not apply to the scenario's provider.
  --now ISO            fix the clock, e.g. 2026-01-15T10:00:00Z (default: the scenario's
                       \`now\`, else the current time).
  -h, --help           show this help.

Exit codes: 0 ok, 1 a --check mismatch, 2 invalid input (the message on stderr names the file,
the line, the field path and what was expected), 70 internal error (a bug: please report it).
Run through npm: npm run --silent simulate -- --check content/scenarios/*.yaml
`;

/** Where the CLI writes; injectable for tests. Each call writes the text as given (add your own "\n"). */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Directory relative file names are resolved against. */
  cwd: string;
}

/** The real process streams and working directory. */
export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
  };
}

/**
 * One-line summary of a chain result: `granted`, `denied at federation-match (AADSTS700213)`, or
 * `denied at admission` when the failing stage has no code.
 */
export function describeResult(result: Pick<ChainResult, 'outcome' | 'failedStage' | 'code'>): string {
  if (result.outcome === 'granted') return 'granted';
  return `denied at ${result.failedStage ?? '(no stage)'}${result.code ? ` (${result.code})` : ''}`;
}

/**
 * Compares a scenario's `expect` with a chain result, field by field, checking only the fields
 * `expect` gives (`outcome`; `stage` against `result.failedStage`; `code` against `result.code`).
 * @returns one message per mismatch, e.g. `expected code AADSTS700211, got AADSTS700213`; empty when
 *   everything `expect` states holds.
 */
export function compareExpect(expect: Expect, result: Pick<ChainResult, 'outcome' | 'failedStage' | 'code'>): string[] {
  const out: string[] = [];
  const got = (v: string | undefined) => v ?? 'none';
  if (expect.outcome !== undefined && expect.outcome !== result.outcome) {
    out.push(`expected outcome ${expect.outcome}, got ${result.outcome}`);
  }
  if (expect.stage !== undefined && expect.stage !== result.failedStage) {
    out.push(`expected stage ${expect.stage}, got ${got(result.failedStage)}`);
  }
  if (expect.code !== undefined && expect.code !== result.code) {
    out.push(`expected code ${expect.code}, got ${got(result.code)}`);
  }
  return out;
}

/**
 * Parses `--now`: an ISO 8601 date-time such as `2026-01-15T10:00:00Z` (a date alone means midnight UTC).
 * @returns the Date, or `undefined` when the text is not such a date.
 */
export function parseNow(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The clock for one scenario: `--now` if given, else the scenario's own `now`, else the current time.
 */
export function clockFor(cliNow: Date | undefined, scenarioNow: string | undefined): Date {
  if (cliNow) return cliNow;
  if (scenarioNow) return new Date(scenarioNow);
  return new Date();
}

/**
 * The scenario object to simulate: with `--now`, a shallow copy whose `now` is that instant (the
 * engine's `simulate` prefers a scenario's own `now` over the `now` option, and `--now` must win).
 */
export function withClock(data: unknown, cliNow: Date | undefined): unknown {
  if (!cliNow || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return { ...(data as Record<string, unknown>), now: cliNow.toISOString() };
}

/** Writes the readable "invalid file" message for a failed load to stderr. */
function reportInvalid(io: CliIO, file: string, loaded: Extract<LoadedFile, { ok: false }>): void {
  const what = loaded.kind === 'io' ? 'cannot be read' : loaded.kind === 'syntax' ? 'is not valid YAML/JSON' : 'is not a valid scenario';
  io.stderr(`${file} ${what}:\n${indent(formatIssues(file, loaded.issues))}\n`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** The engine's entry points, loaded once on first use. */
async function engine() {
  return import('../engine/index.ts');
}

/**
 * Loads one scenario file and runs its chain (the CLI's clock, if given, over the file's). Returns the
 * result and the scenario's title, or EXIT_INVALID after reporting an unreadable or invalid file.
 */
async function simulateFile(io: CliIO, file: string, cliNow: Date | undefined) {
  const loaded = await loadScenarioFile(file, io.cwd);
  if (!loaded.ok) {
    reportInvalid(io, file, loaded);
    return EXIT_INVALID;
  }
  const { simulate, createKeyStore } = await engine();
  const result = await simulate(withClock(loaded.data, cliNow), { now: clockFor(cliNow, loaded.scenario.now), keys: createKeyStore() });
  return { result, title: loaded.scenario.title };
}

/** Runs one file and prints its chain result. */
async function runOne(io: CliIO, file: string, cliNow: Date | undefined): Promise<number> {
  const run = await simulateFile(io, file, cliNow);
  if (typeof run === 'number') return run;
  io.stdout(`${JSON.stringify(run.result, null, 2)}\n`);
  return EXIT_OK;
}

/** `--export FORMAT FILE`: prints the exported file's text. */
async function runExport(io: CliIO, format: string, file: string, cliNow: Date | undefined): Promise<number> {
  const { EXPORT_FORMATS, exportFormat, formatsFor } = await import('../export/index.ts');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`wil-simulate: unknown --export format "${format}" (formats: ${EXPORT_FORMATS.join(', ')})\n`);
    return EXIT_INVALID;
  }
  const run = await simulateFile(io, file, cliNow);
  if (typeof run === 'number') return run;
  const { result } = run;
  const out = exportFormat(result, format as (typeof EXPORT_FORMATS)[number], run.title);
  if (!out) {
    io.stderr(`wil-simulate: --export ${format} does not apply to provider ${result.provider} (formats for it: ${formatsFor(result.provider).join(', ')})\n`);
    return EXIT_INVALID;
  }
  io.stdout(out.text);
  return EXIT_OK;
}

/** `--check`: one line per file, then the totals. One key store serves every file. */
async function runCheck(io: CliIO, files: string[], cliNow: Date | undefined): Promise<number> {
  let passed = 0;
  let failed = 0;
  let invalid = false;
  let keys: KeyStore | undefined;
  for (const file of files) {
    const loaded = await loadScenarioFile(file, io.cwd);
    if (!loaded.ok) {
      invalid = true;
      failed++;
      const first = loaded.issues[0];
      io.stdout(`FAIL ${file}  invalid: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'unknown problem'}${loaded.issues.length > 1 ? ` (+${loaded.issues.length - 1} more, see stderr)` : ''}\n`);
      reportInvalid(io, file, loaded);
      continue;
    }
    const expect = loaded.scenario.expect;
    if (!expect || (expect.outcome === undefined && expect.stage === undefined && expect.code === undefined)) {
      failed++;
      io.stdout(`FAIL ${file}  has no expect to check (add expect: {outcome, stage, code})\n`);
      continue;
    }
    const { simulate, createKeyStore } = await engine();
    keys ??= createKeyStore();
    let result: ChainResult;
    try {
      result = await simulate(withClock(loaded.data, cliNow), { now: clockFor(cliNow, loaded.scenario.now), keys });
    } catch (err) {
      failed++;
      io.stdout(`FAIL ${file}  the engine threw: ${err instanceof Error ? err.message : String(err)}\n`);
      continue;
    }
    const mismatches = compareExpect(expect, result);
    if (mismatches.length === 0) {
      passed++;
      io.stdout(`PASS ${file}  ${describeResult(result)}\n`);
    } else {
      failed++;
      io.stdout(`FAIL ${file}  ${mismatches.join('; ')} (result: ${describeResult(result)})\n`);
    }
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  if (invalid) return EXIT_INVALID;
  return failed > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}

/** `--validate`: syntax and schema only. */
async function runValidate(io: CliIO, files: string[]): Promise<number> {
  let valid = 0;
  let invalid = 0;
  for (const file of files) {
    const loaded = await loadScenarioFile(file, io.cwd);
    if (loaded.ok) {
      valid++;
      io.stdout(`OK   ${file}\n`);
    } else {
      invalid++;
      io.stdout(`FAIL ${file}\n`);
      reportInvalid(io, file, loaded);
    }
  }
  io.stdout(`${valid} valid, ${invalid} invalid\n`);
  return invalid > 0 ? EXIT_INVALID : EXIT_OK;
}

/**
 * The CLI. Parses `argv` (without the node and script paths) with `node:util` `parseArgs`, runs the
 * chosen mode and returns the exit code (it never calls `process.exit`, so output is flushed).
 * Errors thrown by the engine other than invalid-scenario errors propagate (a bug, not bad input).
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let values: { check?: boolean; validate?: boolean; now?: string; help?: boolean; export?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        check: { type: 'boolean' },
        validate: { type: 'boolean' },
        now: { type: 'string' },
        export: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr(`wil-simulate: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT_INVALID;
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const usageError = (msg: string) => {
    io.stderr(`wil-simulate: ${msg}\n\n${USAGE}`);
    return EXIT_INVALID;
  };
  if (values.check && values.validate) return usageError('use either --check or --validate, not both');
  let cliNow: Date | undefined;
  if (values.now !== undefined) {
    cliNow = parseNow(values.now);
    if (!cliNow) return usageError(`--now expects an ISO 8601 date-time such as 2026-01-15T10:00:00Z, got "${values.now}"`);
  }
  if (values.export !== undefined) {
    if (values.check || values.validate) return usageError('--export cannot be combined with --check or --validate');
    if (positionals.length !== 1) return usageError(`--export needs exactly one FILE (got ${positionals.length})`);
    return runExport(io, values.export, positionals[0]!, cliNow);
  }
  if (values.validate) {
    if (positionals.length === 0) return usageError('--validate needs at least one FILE');
    return runValidate(io, positionals);
  }
  if (values.check) {
    if (positionals.length === 0) return usageError('--check needs at least one FILE (e.g. content/scenarios/*.yaml)');
    return runCheck(io, positionals, cliNow);
  }
  if (positionals.length === 0) return usageError('missing FILE');
  if (positionals.length > 1) return usageError(`one FILE at a time without --check (got ${positionals.length})`);
  return runOne(io, positionals[0]!, cliNow);
}
