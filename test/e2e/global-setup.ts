/**
 * Vitest global setup for the e2e suite: serves the already-built `dist/` on 127.0.0.1 at a free port
 * and provides its base URL to the tests as `inject('baseUrl')` (use `baseUrl()` from ./harness.ts).
 *
 * Set `E2E_BASE_URL` to test a server you started yourself (e.g. `npm run preview`) instead.
 * Fails fast with a readable message when `dist/` has not been built.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the site under test, with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
    baseUrl: string;
  }
}

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    const url = new URL(external);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    project.provide('baseUrl', url.href);
    return async () => {};
  }
  if (!existsSync(`${DIST}index.html`)) {
    throw new Error(`e2e: ${DIST}index.html is missing. Build the site first: npm run build`);
  }
  const server = await startStaticServer(DIST);
  project.provide('baseUrl', server.url);
  console.log(`[e2e] serving ${DIST} at ${server.url}`);
  return () => server.close();
}
