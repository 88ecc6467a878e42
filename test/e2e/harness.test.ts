import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  expectMonacoStyled,
  expectNoProblems,
  formatViolations,
  newPage,
  openBrowser,
  pageProblems,
  runAxe,
  siteUrl,
} from './harness.ts';

// A clean, same-origin fixture page, so these tests do not depend on the site's own pages.
const FIXTURE_PATH = '/__e2e-harness-fixture__/';
const FIXTURE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title>
<link rel="icon" href="data:,"></head><body><main><h1>Fixture</h1></main></body></html>`;

/** A tracked page showing the fixture, served from the site's origin through request interception. */
async function fixturePage(ctx: BrowserContext): Promise<Page> {
  const page = await newPage(ctx);
  await page.route(siteUrl(FIXTURE_PATH), (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FIXTURE_HTML }),
  );
  await page.goto(siteUrl(FIXTURE_PATH));
  return page;
}

// The other e2e tests rely on these helpers to catch problems; prove that they do.
describe('e2e harness', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser();
    page = await fixturePage(ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('resolves site URLs against the served base URL', () => {
    expect(baseUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(siteUrl('/playground/')).toBe(`${baseUrl()}playground/`);
  });

  it('records console errors, page errors, failed and off-origin requests, but not data:/blob: URLs', async () => {
    await page.evaluate(async () => {
      console.error('boom from the test');
      setTimeout(() => {
        throw new Error('uncaught from the test');
      });
      await fetch('/no-such-file-e2e.json').catch(() => {});
      await fetch('data:text/plain,ok');
      await fetch(URL.createObjectURL(new Blob(['ok'])));
      // A different origin (127.0.0.2, port 9): refused at once, never leaves the machine.
      await fetch('http://127.0.0.2:9/beacon', { mode: 'no-cors' }).catch(() => {});
    });
    const p = pageProblems(page);
    await expect.poll(() => p.pageErrors.length).toBe(1);
    expect(p.pageErrors[0]).toContain('uncaught from the test');
    expect(p.consoleErrors.some((line) => line.includes('boom from the test'))).toBe(true);
    expect(p.failedRequests).toContainEqual(expect.stringMatching(/^404 GET http:\/\/127\.0\.0\.1:\d+\/no-such-file-e2e\.json$/));
    expect(p.offOriginRequests).toEqual(['GET http://127.0.0.2:9/beacon']);
    expect(() => expectNoProblems(page)).toThrow();
    expect(p.consoleErrors.every((line) => /test|no-such-file-e2e|127\.0\.0\.2/.test(line))).toBe(true);
    // `ignore` drops exactly the expected lines and nothing else.
    expect(() => expectNoProblems(page, { ignore: [/test/, /no-such-file-e2e/, /127\.0\.0\.2/] })).not.toThrow();
  });

  it('a request cut off because its document went away is set aside; one aborted while its document stays is a failure', async () => {
    const fresh = await newPage(ctx);
    const held: string[] = [];
    // Requests to these paths get no answer: they stay in flight until something cancels them.
    await fresh.route(/\/__e2e-(held|icon)-/, (route) => void held.push(new URL(route.request().url()).pathname));
    const withIcon = FIXTURE_HTML.replace('href="data:,"', 'href="/__e2e-icon-favicon.svg"');
    await fresh.route(siteUrl('/__e2e-with-icon__/'), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withIcon }));
    await fresh.route(siteUrl(FIXTURE_PATH), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FIXTURE_HTML }));

    // The flaky case of embed.test.ts: Chromium asks for the favicon after `load`, and the test navigates on.
    await fresh.goto(siteUrl('/__e2e-with-icon__/'), { waitUntil: 'load' });
    await fresh.evaluate(() => void fetch('/__e2e-held-fetch').catch(() => {}));
    await expect.poll(() => held.sort()).toEqual(['/__e2e-held-fetch', '/__e2e-icon-favicon.svg']);
    await fresh.goto(siteUrl(FIXTURE_PATH), { waitUntil: 'load' });
    const p = pageProblems(fresh);
    await expect.poll(() => p.abortedByNavigation.length).toBe(2);
    expect(p.abortedByNavigation.sort()).toEqual([
      expect.stringMatching(/^net::ERR_ABORTED GET http:\/\/127\.0\.0\.1:\d+\/__e2e-held-fetch$/),
      expect.stringMatching(/^net::ERR_ABORTED GET http:\/\/127\.0\.0\.1:\d+\/__e2e-icon-favicon\.svg$/),
    ]);
    expect(p.failedRequests).toEqual([]);
    expectNoProblems(fresh);

    // Same kind of request, but the page that made it is still there when it is cancelled: a real failure.
    await fresh.evaluate(() => {
      const stop = new AbortController();
      void fetch('/__e2e-held-aborted', { signal: stop.signal }).catch(() => {});
      setTimeout(() => stop.abort(), 300);
    });
    await expect.poll(() => p.failedRequests).toEqual([expect.stringMatching(/^net::ERR_ABORTED GET http:\/\/127\.0\.0\.1:\d+\/__e2e-held-aborted$/)]);
    expect(p.abortedByNavigation).toHaveLength(2);
    expect(() => expectNoProblems(fresh)).toThrow();
    await fresh.close();
  });

  it('refuses pages that were not opened with newPage', async () => {
    const plain = await ctx.newPage();
    expect(() => pageProblems(plain)).toThrow(/newPage/);
    await plain.close();
  });

  it('runAxe reports a WCAG violation', async () => {
    const fresh = await fixturePage(ctx);
    expect(await runAxe(fresh)).toEqual([]);
    expectNoProblems(fresh); // a clean page raises nothing
    await fresh.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      img.id = 'no-alt';
      document.body.append(img);
    });
    const violations = await runAxe(fresh);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    expect(formatViolations(violations)).toContain('#no-alt');
    expect(await runAxe(fresh, { exclude: '#no-alt' })).not.toContainEqual(expect.objectContaining({ id: 'image-alt' }));
    // The image is in <body>, outside <main>: a scan narrowed to <main> does not see it.
    expect(await runAxe(fresh, { include: 'main' })).not.toContainEqual(expect.objectContaining({ id: 'image-alt' }));
    await fresh.close();
  });

  it('expectMonacoStyled fails on an unstyled editor and passes on a styled one', async () => {
    const fresh = await fixturePage(ctx);
    await fresh.evaluate(() => {
      const bare = document.createElement('div');
      bare.className = 'monaco-editor';
      bare.id = 'bare';
      bare.textContent = 'unstyled';
      const styled = document.createElement('div');
      styled.className = 'monaco-editor';
      styled.id = 'styled';
      styled.style.cssText = 'position: relative; height: 120px';
      const a = document.createElement('section');
      a.id = 'a';
      a.append(bare);
      const b = document.createElement('section');
      b.id = 'b';
      b.append(styled);
      document.body.append(a, b);
    });
    await expect(expectMonacoStyled(fresh.locator('#a'), { timeout: 2000 })).rejects.toThrow(/position: relative/);
    await expect(expectMonacoStyled(fresh.locator('#b'), { timeout: 2000 })).resolves.toBeUndefined();
    await expect(expectMonacoStyled(fresh.locator('#none'), { timeout: 500 })).rejects.toThrow();
    await fresh.close();
  });
});
