#!/usr/bin/env node
/**
 * `wil-inspect` / `npm run inspect`: entry point of the offline token inspector (see src/cli/inspect.ts
 * and `--help`). Works on plain Node >= 20: it registers the tsx loader so that the TypeScript sources
 * (engine and CLI) can be imported directly, then runs `main` and sets the exit code.
 */
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/inspect.ts', import.meta.url).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`wil-inspect: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 70;
}
