/**
 * Reading scenario files from disk (Node only). The parsing and validation itself is pure and lives
 * in `src/engine/scenarioFiles.ts`; this module adds the file system and turns I/O failures into the
 * same issue shape, so every caller reports "which file, which field, what was expected" one way.
 */
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
// Every provider's scenarios can be loaded from files (github-entra, eks-entra, ...).
import '../engine/providers/registry.ts';
import { loadScenarioText, type LoadedScenario } from '../engine/scenarioFiles.ts';

/** A loaded scenario file: {@link LoadedScenario}, plus `kind: 'io'` when the file could not be read. */
export type LoadedFile = LoadedScenario | { ok: false; kind: 'io'; issues: { path: string; message: string }[] };

/** Turns a Node file-system error into a one-line reason ("no such file", "permission denied", ...). */
function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read the file: no such file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    case 'EISDIR':
      return 'cannot read the file: it is a directory (pass scenario files, e.g. content/scenarios/*.yaml)';
    default:
      return `cannot read the file: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Reads and validates one scenario file (YAML, or JSON when the name ends in `.json`). Never throws.
 * @param file path, resolved against `cwd` (default: `process.cwd()`).
 */
export async function loadScenarioFile(file: string, cwd: string = process.cwd()): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    return { ok: false, kind: 'io', issues: [{ path: '', message: ioReason(err) }] };
  }
  return loadScenarioText(text, file);
}

/** Synchronous {@link loadScenarioFile}, for build hooks that cannot await. Never throws. */
export function loadScenarioFileSync(file: string, cwd: string = process.cwd()): LoadedFile {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    return { ok: false, kind: 'io', issues: [{ path: '', message: ioReason(err) }] };
  }
  return loadScenarioText(text, file);
}

/** `true` for names the scenario directory holds: `*.yaml`, `*.yml` and `*.json`. */
export function isScenarioFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/**
 * Lists the scenario files directly in `dir` (not recursive), sorted by name, as paths joined to `dir`.
 * A missing directory gives an empty list.
 */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter(isScenarioFileName).sort().map((n) => path.join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Synchronous {@link listScenarioFiles}. */
export function listScenarioFilesSync(dir: string): string[] {
  try {
    return readdirSync(dir).filter(isScenarioFileName).sort().map((n) => path.join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
