import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real Chromium (playwright-core, /usr/bin/chromium) against the built site.
 * `npm run test:e2e` needs `dist/` (run `npm run build` first; `npm test` does both).
 * test/e2e/global-setup.ts serves dist/ on 127.0.0.1 at a free port and provides `baseUrl`.
 * Files run one at a time: one browser at a time on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    passWithNoTests: false,
  },
});
