/**
 * Every built route (each dist/**\/index.html, as routes.test.ts finds them) on a phone-sized window: nothing
 * is wider than the window, so the page never scrolls sideways and no text is cut off at its right edge.
 * Long values (Azure resource ids, permission names, commands) must wrap, and tables must reflow or scroll
 * inside their own box.
 *
 * Each route is checked twice: once loaded and settled as it comes (measure.ts `settle`), and once with
 * every `<details>` opened (the checks tables of passing stages are folded) and the page scrolled from top
 * to bottom, so that islands which hydrate on visibility (lesson exercises, the sequence diagram) are
 * drawn too. At 390 px (a common phone) and 320 px (the narrowest phones; WCAG 1.4.10 reflow).
 *
 * A failure lists the elements that stick out past the window's right edge (those not clipped by a
 * scrolling box of their own), to say where to look.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, openBrowser, siteUrl } from './harness.ts';
import { builtRoutes, distDir, settle } from './measure.ts';

const routes = builtRoutes(distDir());

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

/** Opens every `<details>` and scrolls the page from top to bottom (hydrating `client:visible` islands). */
const UNFOLD_AND_SCROLL = `(async () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  for (let y = 0; y < document.documentElement.scrollHeight; y += Math.round(window.innerHeight * 0.8)) {
    window.scrollTo(0, y);
    await new Promise((r) => setTimeout(r, 50));
  }
  window.scrollTo(0, 0);
})()`;

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  sticksOut: string[];
}

/**
 * Waits until the page's layout is final: pages with React islands until they have settled (measure.ts
 * `settle`: hydrated, Monaco and Mermaid drawn, network quiet); pages without (their only script, if any,
 * never changes the layout) until their fonts are ready, which is much quicker.
 */
async function ready(page: Page): Promise<void> {
  if ((await page.locator('astro-island').count()) > 0) expect(await settle(page), 'the page did not settle').toBe(true);
  else await page.evaluate('document.fonts.ready.then(() => true)');
}

async function expectNoSideways(page: Page, label: string): Promise<void> {
  const m = (await page.evaluate(MEASURE)) as Measure;
  expect(m.scrollWidth, `${label}: the page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; sticking out:\n  ${m.sticksOut.join('\n  ')}`).toBeLessThanOrEqual(m.innerWidth);
}

// Routes are checked a few at a time (vitest's maxConcurrency, 5), each in its own tab: most of the time
// goes into waiting for pages to load and settle, not into the CPU.
for (const width of [390, 320]) {
  describe.concurrent(`every route at ${width}×844: nothing wider than the window`, () => {
    let ctx: BrowserContext;

    beforeAll(async () => {
      ctx = await openBrowser({ viewport: { width, height: 844 } });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('covers the site', () => {
      expect(routes).toEqual(expect.arrayContaining(['/', '/errors/aadsts70023/', '/scenarios/storage-blob-owner-role-only/', '/embed/storage-blob-owner-role-only/', '/learn/token-exchange/']));
    });

    for (const path of routes) {
      it(path, async () => {
        const page = await newPage(ctx);
        try {
          const res = await page.goto(siteUrl(path), { waitUntil: 'load' });
          expect(res?.status(), `${path} status`).toBe(200);
          await ready(page);
          expect(await page.evaluate('window.innerWidth')).toBe(width);
          await expectNoSideways(page, `${path} as loaded`);
          await page.evaluate(UNFOLD_AND_SCROLL);
          await ready(page);
          await page.evaluate(`(() => { for (const d of document.querySelectorAll('details')) d.open = true; })()`);
          await expectNoSideways(page, `${path} with every <details> open, scrolled through`);
        } finally {
          await page.close();
        }
      });
    }
  });
}
