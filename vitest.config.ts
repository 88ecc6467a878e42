import { defineConfig } from 'vitest/config';

/**
 * Unit and property tests (engine, CLI, pure helpers): plain Node, no browser, no build needed.
 * Run with `npm run test:unit`. The e2e suite has its own config: vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // fast-check seed: fixed in CI, random locally, FC_SEED=<n> to replay (see the file).
    setupFiles: ['test/unit/fast-check-seed.ts'],
    // An empty run means the include globs broke: fail rather than pass silently.
    passWithNoTests: false,
  },
});
