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

/**
 * KNOWN BUG (reported): zod 4 tries `new Function('')` the first time it parses an object, to find out
 * whether it may compile fast parsers. The CSP (no 'unsafe-eval') refuses it, as it should, and the browser
 * reports a violation, although zod catches the error and parses without compiling. The fix is one line in
 * src/engine/schema.ts, before any schema is used: `z.config({ jitless: true })`. Until then this exact
 * violation (script-src, blocked "eval", from a bundled chunk) is set aside; the `it.fails` test at the end
 * turns red once it is gone: then delete this filter and make that test a plain `it`.
 */
export function isZodEvalProbe(violation: string): boolean {
  return /^script-src blocked eval at https?:\/\/[^/]+\/_astro\/[\w.-]+\.js:\d+$/.test(violation);
}

const routes = builtRoutes(distDir());

for (const scheme of ['light', 'dark'] as const) {
  describe(`every route, ${scheme} colour scheme: axe clean, no console error, off-origin request or CSP violation`, () => {
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
          expect((await cspViolations(page)).filter((v) => !isZodEvalProbe(v)), `${path} (${scheme}): CSP violations`).toEqual([]);
          expectNoProblems(page);
        } finally {
          await page.close();
        }
      });
    }
  });
}

describe('known bugs', () => {
  it.fails('KNOWN BUG: the playground makes no eval attempt under the CSP (zod 4 JIT probe)', async () => {
    const ctx = await openBrowser();
    try {
      await ctx.addInitScript({ content: CSP_LISTENER });
      const page = await newPage(ctx);
      await open(page, '/playground/');
      // The page uses zod in the browser, and the policy is in force: otherwise this test says nothing.
      expect(await page.locator('meta[http-equiv="content-security-policy"]').count()).toBe(1);
      expect((await cspViolations(page)).filter(isZodEvalProbe)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
