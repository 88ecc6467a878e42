/**
 * Astro integration: validate every scenario file in `content/scenarios/` with the engine's schema, so
 * that a broken scenario fails `astro build` with a readable message (file, line, field path, what was
 * expected) instead of a broken page. In `astro dev` problems are logged (the server keeps running) and
 * files are re-checked when they change.
 *
 * Registered in astro.config.mjs: `integrations: [react(), validateScenarios()]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { formatIssues } from '../engine/scenarioFiles.ts';
import { listScenarioFilesSync, loadScenarioFileSync } from '../cli/files.ts';

/** Scenario file names are URL slugs: kebab-case, `.yaml`. */
export const SCENARIO_FILE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/;

/** Result of {@link validateScenarioFiles}: how many files were checked and one message per bad file. */
export interface ScenarioDirReport {
  files: string[];
  /** Each entry: `<file>:<line>:<col>  <field path>: <what was expected>` lines for one file. */
  problems: string[];
}

/**
 * Validates scenario files (syntax, schema, merged world, and the file name rule
 * {@link SCENARIO_FILE_NAME}). Synchronous and never throws for bad content.
 * @param files paths to check; shown relative to `root` in messages.
 * @param root directory messages are made relative to.
 */
export function validateScenarioFiles(files: readonly string[], root: string): ScenarioDirReport {
  const problems: string[] = [];
  for (const file of files) {
    const shown = path.relative(root, file) || file;
    const name = path.basename(file);
    const own: string[] = [];
    if (!SCENARIO_FILE_NAME.test(name)) {
      own.push(`${shown}  file name: expected a kebab-case slug ending in .yaml (e.g. fic-issuer-missing-trailing-slash.yaml), got "${name}"`);
    }
    const loaded = loadScenarioFileSync(file);
    if (!loaded.ok) own.push(formatIssues(shown, loaded.issues));
    if (own.length > 0) problems.push(own.join('\n'));
  }
  return { files: [...files], problems };
}

/** Validates every scenario file directly in `dir` (see {@link validateScenarioFiles}). */
export function validateScenarioDir(dir: string, root: string): ScenarioDirReport {
  return validateScenarioFiles(listScenarioFilesSync(dir), root);
}

/** Options of {@link validateScenarios}. */
export interface ValidateScenariosOptions {
  /** Scenario directory, relative to the project root. Default `content/scenarios`. */
  dir?: string;
}

function report(logger: AstroIntegrationLogger, r: ScenarioDirReport): void {
  if (r.problems.length === 0) logger.info(`${r.files.length} scenario file(s) valid`);
  else for (const p of r.problems) logger.error(`invalid scenario:\n${p}`);
}

/**
 * The integration. `astro build` fails (throws from `astro:build:start`) when any scenario is invalid;
 * `astro dev` logs the problems at startup and whenever a scenario file is added or changed.
 */
export default function validateScenarios(options: ValidateScenariosOptions = {}): AstroIntegration {
  const rel = options.dir ?? 'content/scenarios';
  let root = process.cwd();
  let dir = path.resolve(root, rel);
  return {
    name: 'wil:validate-scenarios',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        dir = path.resolve(root, rel);
        if (command === 'dev') report(logger, validateScenarioDir(dir, root));
      },
      'astro:server:setup': ({ server, logger }) => {
        const recheck = (file: string) => {
          if (path.dirname(path.resolve(file)) !== dir || !/\.(ya?ml|json)$/i.test(file)) return;
          report(logger, validateScenarioFiles([file], root));
        };
        server.watcher.add(dir);
        server.watcher.on('add', recheck);
        server.watcher.on('change', recheck);
      },
      'astro:build:start': ({ logger }) => {
        const r = validateScenarioDir(dir, root);
        if (r.problems.length > 0) {
          throw new Error(
            `${r.problems.length} of ${r.files.length} scenario file(s) in ${rel} are invalid:\n\n${r.problems.join('\n\n')}\n`,
          );
        }
        logger.info(`${r.files.length} scenario file(s) in ${rel} are valid`);
      },
    },
  };
}
