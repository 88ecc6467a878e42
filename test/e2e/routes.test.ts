/**
 * Every built route (each dist/**\/index.html), in a light and a dark colour scheme: axe (WCAG 2.2 AA)
 * finds no violation, and loading it causes no console error, page error, failed request, request to
 * another origin, or Content-Security-Policy violation (`securitypolicyviolation` events, recorded by an
 * init script in the page and in its same-origin frames).
 *
 * A new page is covered as soon as it is built: there is no list to keep up to date.
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

/** Loads `path` and waits until it has settled on its own (measure.ts `settle`: islands, Monaco, Mermaid). */
async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(siteUrl(path), { waitUntil: 'load' });
  expect(res?.status(), `${path} status`).toBe(200);
  expect(await settle(page), `${path} did not settle within 30 s`).toBe(true);
}

const routes = builtRoutes(distDir());

// Routes are checked a few at a time (vitest's maxConcurrency, 5), each in its own tab of the scheme's
// browser: most of a route's time is spent waiting for it to load and settle (a second of network quiet,
// then an idle main thread), not on the CPU. Every route is still loaded fresh in each scheme.
for (const scheme of ['light', 'dark'] as const) {
  describe.concurrent(`every route, ${scheme} colour scheme: axe clean, no console error, off-origin request or CSP violation`, () => {
    let ctx: BrowserContext;

    beforeAll(async () => {
      ctx = await openBrowser({ colorScheme: scheme });
      await ctx.addInitScript({ content: CSP_LISTENER });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('covers the site', () => {
      expect(routes).toEqual(expect.arrayContaining(['/', '/playground/', '/errors/', '/scenarios/']));
    });

    for (const path of routes) {
      it(path, async () => {
        const page = await newPage(ctx);
        trackNetwork(page);
        try {
          await open(page, path);
          expect(await page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches')).toBe(scheme === 'dark');
          const violations = await runAxe(page);
          expect(violations, `${path} (${scheme}):\n${formatViolations(violations)}`).toEqual([]);
          expect(await cspViolations(page), `${path} (${scheme}): CSP violations`).toEqual([]);
          expectNoProblems(page);
        } finally {
          await page.close();
        }
      });
    }
  });
}

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
