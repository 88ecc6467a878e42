/**
 * Offline use: an Astro integration that, after the build, writes the web app manifest and a Workbox
 * service worker (`/sw.js`, generated with workbox-build's `generateSW`) that precaches every page and
 * every asset a page can load (see precache.ts), so the whole site works without a network after one
 * visit to an interactive page (they call `startOffline()` from register.ts, which registers the worker,
 * says when the site is available offline, and offers a reload when a new version is waiting).
 *
 * The worker does not take over on its own (`skipWaiting: false`): a new version waits until the reader
 * accepts the prompt, which sends it `{ type: 'SKIP_WAITING' }`. It only ever fetches the site's own
 * files (same origin), so the Content-Security-Policy (`worker-src 'self'`) holds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { isUnusedChunk, PRECACHE_GLOBS, PRECACHE_IGNORES, WEB_MANIFEST } from './precache.ts';

/** Largest single file to precache (Monaco's editor chunk is about 3 MB). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export default function offline(): AstroIntegration {
  return {
    name: 'wil-offline',
    hooks: {
      // Turns on `startOffline()` in the pages' scripts (it does nothing in a build without this integration).
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.WIL_OFFLINE': JSON.stringify(true) } } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        await writeFile(join(out, 'manifest.webmanifest'), `${JSON.stringify(WEB_MANIFEST, null, 2)}\n`);
        const { count, size, warnings } = await generateSW({
          globDirectory: out,
          globPatterns: PRECACHE_GLOBS,
          globIgnores: PRECACHE_IGNORES,
          swDest: join(out, 'sw.js'),
          maximumFileSizeToCacheInBytes: MAX_FILE_BYTES,
          // Files under _astro/ carry a content hash in their name: no extra revision needed.
          dontCacheBustURLsMatching: /^_astro\//,
          manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => !isUnusedChunk(e.url)), warnings: [] })],
          directoryIndex: 'index.html',
          ignoreURLParametersMatching: [/^utm_/, /^fbclid$/],
          cleanupOutdatedCaches: true,
          skipWaiting: false,
          clientsClaim: false,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
          disableDevLogs: true,
        });
        for (const w of warnings) logger.warn(w);
        logger.info(`service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(1)} MB)`);
      },
    },
  };
}
