/**
 * What the service worker does with a page address it has not stored (an unknown URL such as
 * `/learn/nope/`): ask the network, and only when the network cannot be reached answer with the stored
 * "Page not found" page (`/404.html`, precached like every page) under status 404.
 *
 * Why not Workbox's `navigateFallback`: that answers EVERY navigation the precache does not match with the
 * fallback page, online too, and with status 200, so an unknown address would no longer reach the host
 * and its real 404. Here, online, the host's answer (its status, its 404 page, a redirect such as
 * `/learn` → `/learn/`) passes through unchanged; offline, the reader sees the site's own page instead of
 * the browser's "No internet" screen.
 *
 * Order matters and is Workbox's: `precacheAndRoute` is registered before any runtime route, so every
 * stored page (with any query string: `ignoreURLParametersMatching` in integration.ts) is answered from the
 * precache and never reaches this route.
 *
 * The functions below are copied into `dist/sw.js` as source text (workbox-build serialises them), so they
 * must not use anything from this module's scope: only their arguments and service worker globals.
 */
import type { RuntimeCaching } from 'workbox-build';

/** The stored page shown for an unknown address while offline (a precached file, see precache.ts). */
export const NOT_FOUND_PAGE = '/404.html';

/**
 * Workbox plugin callback: when fetching a navigation fails (no network), the precached `/404.html`
 * re-sent with status 404 "Not Found" and its stored headers. The precache keeps the file under
 * `/404.html?__WB_REVISION__=…`, hence `ignoreSearch`. Resolves to `undefined` (Workbox then reports the
 * network error as usual) when the page is not stored.
 * The path is written out, not taken from {@link NOT_FOUND_PAGE}: this function runs in the worker, where
 * this module's constants do not exist.
 */
export async function notFoundWhenOffline(): Promise<Response | undefined> {
  const stored = await caches.match('/404.html', { ignoreSearch: true });
  if (!stored) return undefined;
  return new Response(stored.body, { status: 404, statusText: 'Not Found', headers: stored.headers });
}

/**
 * The runtime route for page navigations the precache did not answer (see the module comment): network
 * only, nothing stored at run time, the stored not-found page when offline.
 */
export const UNKNOWN_PAGE_ROUTE: RuntimeCaching = {
  urlPattern: ({ request }) => request.mode === 'navigate',
  handler: 'NetworkOnly',
  options: { plugins: [{ handlerDidError: notFoundWhenOffline }] },
};
