import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countWord } from '../../src/lib/countWord.ts';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl } from './harness.ts';

describe('home page /', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser();
    page = await newPage(ctx);
    const response = await page.goto(siteUrl('/'), { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('has a title, one h1 and a language', async () => {
    expect((await page.title()).trim()).not.toBe('');
    const h1 = page.locator('h1');
    expect(await h1.count()).toBe(1);
    expect((await h1.innerText()).trim()).not.toBe('');
    expect(await page.locator('html').getAttribute('lang')).toBeTruthy();
  });

  it('links to the playground, and the link works', async () => {
    const links = page.locator('a[href="/playground/"]');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().isVisible()).toBe(true);
    const res = await page.request.get(siteUrl('/playground/'));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/html/);
  });

  it('states the course\'s real lesson count, and its Beyond AKS prose keeps the spaces around its links', async () => {
    // The lesson count as the course overview lists it (its ordered list of lessons).
    const overview = await page.request.get(siteUrl('/learn/'));
    const lessons = ((await overview.text()).match(/<ol class="lesson-list[^]*?<\/ol>/)?.[0].match(/<li\b/g) ?? []).length;
    expect(lessons).toBeGreaterThanOrEqual(10);
    expect(await page.locator('li.way', { has: page.locator('a[href="/learn/"]') }).innerText()).toContain(
      `${countWord(lessons)} lessons`,
    );
    // Astro drops the whitespace at a line break next to a tag; the text must still read as words.
    const beyond = (await page.getByTestId('home-beyond').innerText()).replace(/\s+/g, ' ');
    expect(beyond).toContain('GitHub Actions and Beyond AKS: an EKS cluster; the scenario gallery has');
  });

  it('declares the favicon and it is served', async () => {
    const icons = page.locator('link[rel~="icon"]');
    expect(await icons.count()).toBeGreaterThan(0);
    expect(await icons.first().getAttribute('href')).toBe('/favicon.svg');
    const res = await page.request.get(siteUrl('/favicon.svg'));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/svg+xml');
  });

  it('has no accessibility violations (axe, WCAG 2.2 AA)', async () => {
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('loads with no console errors, page errors, failed or off-origin requests', () => {
    expectNoProblems(page);
  });
});
