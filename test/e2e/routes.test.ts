/**
 * Every built route (each dist/**\/index.html), each loaded ONCE and checked on that load:
 *  - in a dark and a light colour scheme (loaded dark, then switched in place with `emulateMedia`: the
 *    site's CSS, Monaco's theme, Mermaid's palette and the lessons' `data-theme` all follow a change of
 *    `prefers-color-scheme`, so the page is re-settled and checked again): axe (WCAG 2.2 AA) finds no
 *    violation, and loading it causes no console error, page error, failed request, request to another
 *    origin, or Content-Security-Policy violation (`securitypolicyviolation` events, recorded by an init
 *    script in the page and in its same-origin frames);
 *  - on phone-sized windows (resized in place: 390×844, a common phone, and 320×844, the narrowest phones,
 *    WCAG 1.4.10 reflow): nothing is wider than the window, so the page never scrolls sideways and no text
 *    is cut off at its right edge. Long values (Azure resource ids, permission names, commands) must wrap,
 *    and tables must reflow or scroll inside their own box. Checked as loaded at each width, then with
 *    every `<details>` opened (the checks tables of passing stages are folded) and, on pages with islands
 *    that hydrate on visibility (`client:visible`: the lessons' exercises and sequence diagram), the page
 *    scrolled from top to bottom and each such island hydrated (asserted), so that they are drawn too, at
 *    each width again. Pages without such an island are not scrolled: nothing on them waits for it. A failure lists the elements that stick out past the window's
 *    right edge (those not clipped by a scrolling box of their own), to say where to look.
 *
 * Failure messages name the route and the scheme or width. A new page is covered as soon as it is built:
 * there is no list to keep up to date. (This file used to load each route four times: once per scheme
 * here and once per width in overflow.test.ts; see README, "CI timings".)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl } from './harness.ts';
import { builtRoutes, distDir, settle, trackNetwork } from './measure.ts';

/** Records CSP violations in `window.__cspViolations` from the first script on. */
export const CSP_LISTENER = `(() => {
  const list = (window.__cspViolations = []);
  document.addEventListener('securitypolicyviolation', (e) => {
    list.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : '') + (e.sample ? ' sample: ' + e.sample : ''));
  }, true);
})();`;

/** The CSP violations recorded in `page` (and its frames) so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page.frames()) {
    try {
      out.push(...((await frame.evaluate('window.__cspViolations || []')) as string[]));
    } catch {
      // cross-origin or detached frame: its own violations show up as console errors
    }
  }
  return out;
}

/**
 * Network quiet window for {@link settle} here (ms). What the checks need is in SETTLED_PREDICATE
 * (islands hydrated, Monaco and Mermaid drawn, no pending verdict); the window only has to outlast the
 * gap between a chunk arriving and the import it starts.
 */
const QUIET_MS = 250;

/** Loads `path` and waits until it has settled on its own (measure.ts `settle`: islands, Monaco, Mermaid). */
async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(siteUrl(path), { waitUntil: 'load' });
  expect(res?.status(), `${path} status`).toBe(200);
  expect(await settle(page, { quietMs: QUIET_MS }), `${path} did not settle within 30 s`).toBe(true);
}

/** The page's width against the window's, and what sticks out (innermost elements first, at most 8). */
const MEASURE = `(() => {
  const iw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  const out = [];
  if (sw > iw) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= iw + 0.5) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= iw + 0.5) { clipped = true; break; }
      }
      if (clipped) continue;
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map((c) => '.' + c).join('');
      out.push(name + ' right=' + Math.round(r.right) + ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60) + '"');
    }
  }
  return { scrollWidth: sw, innerWidth: iw, sticksOut: out.reverse().slice(0, 8) };
})()`;

/** Opens every `<details>` (the checks tables of passing stages are folded). */
const UNFOLD = `(() => { for (const d of document.querySelectorAll('details')) d.open = true; })()`;

/** Scrolls the page from top to bottom and back to the top, as a reader would (hydrating `client:visible` islands). */
const SCROLL_THROUGH = `(async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += Math.round(window.innerHeight * 0.8)) {
    window.scrollTo(0, y);
    await new Promise((r) => setTimeout(r, 50));
  }
  window.scrollTo(0, 0);
})()`;

/**
 * After {@link SCROLL_THROUGH}: brings each `client:visible` island that has still not hydrated into
 * view, one at a time, and waits
 * (up to `timeoutMs` each) until Astro has hydrated it (it drops the island's `ssr` attribute), then
 * scrolls back to the top. Astro's `visible` directive hydrates an island once one of its child
 * elements intersects the viewport (astro/dist/runtime/client/visible.js), so this is what a reader
 * scrolling through the page triggers. Resolves to the islands that did not hydrate (empty when all did).
 */
const HYDRATE_VISIBLE = (timeoutMs: number) => `(async () => {
  const failed = [];
  const tried = new Set();
  for (;;) {
    const island = [...document.querySelectorAll('astro-island[client="visible"][ssr]')].find((el) => !tried.has(el));
    if (!island) break;
    tried.add(island);
    const child = [...island.children].find((c) => c.getBoundingClientRect().height > 0) || island.firstElementChild;
    if (child) child.scrollIntoView({ block: 'center' });
    const deadline = performance.now() + ${timeoutMs};
    while (island.isConnected && island.hasAttribute('ssr') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (island.isConnected && island.hasAttribute('ssr')) failed.push(island.getAttribute('component-url') || island.getAttribute('opts') || 'astro-island');
  }
  window.scrollTo(0, 0);
  return failed;
})()`;

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  sticksOut: string[];
}

/**
 * Waits until the page's layout is final: pages with React islands until they have settled (measure.ts
 * `settle`: hydrated, Monaco and Mermaid drawn, network quiet; the diagrams re-render for a narrow
 * window); pages without (their only script, if any, never changes the layout) until their fonts are
 * ready, which is much quicker.
 */
async function ready(page: Page, label: string): Promise<void> {
  if ((await page.locator('astro-island').count()) > 0) expect(await settle(page, { quietMs: QUIET_MS }), `${label}: the page did not settle`).toBe(true);
  else await page.evaluate('document.fonts.ready.then(() => true)');
}

async function expectNoSideways(page: Page, label: string): Promise<void> {
  const m = (await page.evaluate(MEASURE)) as Measure;
  expect(m.scrollWidth, `${label}: the page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; sticking out:\n  ${m.sticksOut.join('\n  ')}`).toBeLessThanOrEqual(m.innerWidth);
}

/** Resizes the tab to `width`×844 and waits for the layout (and any re-rendered diagram) to settle. */
async function resize(page: Page, path: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 844 });
  await ready(page, `${path} at ${width} px`);
  expect(await page.evaluate('window.innerWidth'), `${path}: window width`).toBe(width);
}

/** Axe, CSP and console/network checks of the page as it is now, in `scheme`. */
async function expectCleanIn(page: Page, path: string, scheme: 'light' | 'dark'): Promise<void> {
  expect(await page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches'), `${path} (${scheme}): prefers-color-scheme`).toBe(scheme === 'dark');
  const violations = await runAxe(page);
  expect(violations, `${path} (${scheme}):\n${formatViolations(violations)}`).toEqual([]);
  expect(await cspViolations(page), `${path} (${scheme}): CSP violations`).toEqual([]);
  expectNoProblems(page);
}

const routes = builtRoutes(distDir());

// Routes are checked a few at a time (vitest's maxConcurrency), each in its own tab of one browser: much
// of a route's time is spent waiting for it to load and settle, not on the CPU.
describe.concurrent('every route, loaded once: axe clean in dark and light, no console error, off-origin request or CSP violation; nothing wider than a 390 or 320 px window', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ colorScheme: 'dark' });
    await ctx.addInitScript({ content: CSP_LISTENER });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('covers the site', () => {
    expect(routes).toEqual(expect.arrayContaining(['/', '/playground/', '/errors/', '/scenarios/', '/errors/aadsts70023/', '/scenarios/storage-blob-owner-role-only/', '/embed/storage-blob-owner-role-only/', '/learn/token-exchange/']));
  });

  for (const path of routes) {
    it(path, async () => {
      const page = await newPage(ctx);
      trackNetwork(page);
      try {
        // Colour schemes, at the default 1280×800 window.
        await open(page, path);
        await expectCleanIn(page, path, 'dark');
        await page.emulateMedia({ colorScheme: 'light' });
        expect(await settle(page, { quietMs: QUIET_MS }), `${path} (light) did not settle within 30 s`).toBe(true);
        await expectCleanIn(page, path, 'light');

        // Phone widths: as loaded (nothing unfolded yet) at 390 then 320, then unfolded (and, where an
        // island waits for visibility, scrolled through) at 320 then 390.
        await resize(page, path, 390);
        await expectNoSideways(page, `${path} at 390 px as loaded`);
        await resize(page, path, 320);
        await expectNoSideways(page, `${path} at 320 px as loaded`);
        // The scroll-through is there for islands that wait for visibility (client:visible: Astro's
        // `client="visible"` attribute), so only pages with one are scrolled, and on those every such
        // island must then have hydrated. Pages without one (all but the lessons) are not scrolled.
        await page.evaluate(UNFOLD);
        if ((await page.locator('astro-island[client="visible"]').count()) > 0) {
          await page.evaluate(SCROLL_THROUGH);
          expect(await page.evaluate(HYDRATE_VISIBLE(30_000)), `${path}: client:visible islands that did not hydrate once scrolled into view`).toEqual([]);
        }
        await ready(page, `${path} at 320 px`);
        await page.evaluate(UNFOLD); // again: an island that hydrated may have rendered new <details>
        await expectNoSideways(page, `${path} at 320 px with every <details> open, scrolled through where an island waits for it`);
        await resize(page, path, 390);
        await expectNoSideways(page, `${path} at 390 px with every <details> open, scrolled through where an island waits for it`);

        // Nothing went wrong while resizing and scrolling either (islands hydrating on visibility).
        expect(await cspViolations(page), `${path} (phone widths): CSP violations`).toEqual([]);
        expectNoProblems(page);
      } finally {
        await page.close();
      }
    }, 180_000);
  }
});

/**
 * zod 4 tries `new Function('')` when it builds an object schema, to find out whether it may compile fast
 * parsers; under this CSP (no 'unsafe-eval') the browser reports that attempt as a violation even though zod
 * catches the error. src/engine/zod.ts turns the probe off (`jitless`) before any schema is built. Checked
 * on each kind of page that runs zod in the browser: the playground, a lesson exercise, a challenge.
 */
describe('no eval attempt under the CSP (zod runs jitless)', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser();
    await ctx.addInitScript({ content: CSP_LISTENER });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const pages = [
    { path: '/playground/', zodIn: 'the engine (scenario and world schemas) and the editors' },
    // The exercise hydrates when it scrolls into view (client:visible).
    { path: '/learn/federated-credential/', zodIn: 'the exercise (the playground store and its editors)', scrollTo: 'astro-island:has([data-testid="editor-fic"]), astro-island[component-url*="FicLab"]' },
    { path: '/workshop/challenges/subject-typo/', zodIn: 'the challenge runner (challenge schema, the playground store)' },
  ];
  for (const { path, zodIn, scrollTo } of pages) {
    it(`${path}: no script-src violation for eval (zod in ${zodIn})`, async () => {
      const page = await newPage(ctx);
      try {
        await open(page, path);
        if (scrollTo) {
          await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
          await page.locator('[data-testid^="stage-"][data-status]').first().waitFor({ timeout: 20_000 });
          expect(await settle(page)).toBe(true);
        }
        // The policy is in force and the engine has run in the page (it parses with zod); otherwise this says nothing.
        expect(await page.locator('meta[http-equiv="content-security-policy"]').count()).toBe(1);
        expect(await page.locator('[data-testid^="stage-"][data-status]').count(), `${path}: no stage result shown`).toBeGreaterThan(0);
        expect(await cspViolations(page)).toEqual([]);
        expectNoProblems(page);
      } finally {
        await page.close();
      }
    });
  }
});
