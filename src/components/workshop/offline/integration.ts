/**
 * Offline use: an Astro integration that, once the build is done, writes a Workbox service worker
 * (`dist/sw.js`, workbox-build's `generateSW`) precaching every page and every asset a page can load
 * (the selection is in precache.ts: pages, styles, fonts, Monaco and its workers, Mermaid's flowchart
 * and dagre code, the lessons' search index; not ELK or the other diagram kinds), so the whole site works
 * without a network after one visit to an interactive page.
 *
 * Pieces (all in this folder unless named):
 * - Turned on by `offline()` in astro.config.mjs, last in `integrations` (Starlight appends its Pagefind
 *   step behind the listed integrations; the worker is generated after it so the search index is stored).
 * - It sets `import.meta.env.WIL_OFFLINE`, which turns on `startOffline()` (register.ts) in the pages that
 *   already run JavaScript: the playground, the challenge list and challenges, the presenter view. That
 *   registers the worker, shows "Available offline in this browser" in the footer, and offers a reload
 *   when a new version is waiting. Content pages (home, error pages, the guide, the cheat sheet) ship
 *   no JavaScript, so they cannot start it; scenario pages and lessons run only their own small scripts
 *   (copy buttons, filters, exercises, search) and do not start it either (reading one lesson should not
 *   download the whole site, about 11 MB).
 *   Once installed, the worker serves every page. The teacher's guide (src/pages/workshop/index.astro,
 *   Setup) says which page to open first.
 * - The web app manifest (src/pages/manifest.webmanifest.ts, content WEB_MANIFEST in precache.ts) and
 *   its PNG icons (src/pages/icons/[name].png.ts, drawn from public/favicon.svg by icons.ts) are ordinary
 *   build outputs, linked from every page's head (Base.astro; the lessons through astro.config.mjs).
 * - Updates: the worker never takes over on its own (`skipWaiting: false`, `clientsClaim: false`): a new
 *   version waits until the reader accepts the prompt, which posts `{ type: 'SKIP_WAITING' }` to it.
 * - Unknown addresses (navigation.ts): stored pages come from the precache; any other page address goes
 *   to the network, and offline gets the stored "Page not found" page (/404.html) with status 404.
 * - Content-Security-Policy (astro.config.mjs): `worker-src 'self'` allows registering /sw.js; the
 *   manifest falls under `default-src 'self'`. The Workbox runtime is inlined into sw.js (no
 *   importScripts from a CDN) and the worker only fetches the site's own files, so nothing beyond
 *   'self' is needed. The worker script itself is served without a policy of its own (a <meta> policy
 *   does not apply to workers).
 * - Tests: test/unit/workshop-offline.test.ts (what is precached, the manifest, the not-found answer),
 *   test/e2e/workshop.test.ts ("offline after one visit": storing, every kind of page with the network
 *   off, an unknown address online and offline, the update prompt).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { UNKNOWN_PAGE_ROUTE } from './navigation.ts';
import { isUnusedChunk, PRECACHE_GLOBS, PRECACHE_IGNORES } from './precache.ts';

/** Largest single file to precache (Monaco's editor chunk is about 3 MB). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export default function offline(): AstroIntegration {
  return {
    name: 'wil-offline',
    hooks: {
      // Turns on `startOffline()` in the pages' scripts (it does nothing in a build without this integration).
      // Only in builds: `astro dev` has no /sw.js to register (it is written after a build).
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.WIL_OFFLINE': JSON.stringify(command === 'build') } } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
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
          // Every stored file is static: a query string never changes what is served (the scenario gallery
          // reads ?tag= in the browser, the presenter ?audience, and Pagefind asks for its index with a
          // cache-busting ?ts=). Ignoring all parameters lets those requests find the stored copy offline.
          ignoreURLParametersMatching: [/.*/],
          // An address that is not stored: the network's answer (the host's real 404) when online, the
          // stored /404.html when offline (navigation.ts explains why not `navigateFallback`).
          runtimeCaching: [UNKNOWN_PAGE_ROUTE],
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
