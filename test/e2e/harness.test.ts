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

// The other e2e tests rely on these helpers to catch problems; prove that they do.
describe('e2e harness', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser();
    page = await newPage(ctx);
    await page.goto(siteUrl('/'));
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
    // `ignore` drops exactly the expected lines and nothing else.
    expect(() => expectNoProblems(page, { ignore: [/test/, /no-such-file-e2e/, /127\.0\.0\.2/] })).not.toThrow();
  });

  it('refuses pages that were not opened with newPage', async () => {
    const plain = await ctx.newPage();
    expect(() => pageProblems(plain)).toThrow(/newPage/);
    await plain.close();
  });

  it('runAxe reports a WCAG violation', async () => {
    const fresh = await newPage(ctx);
    await fresh.goto(siteUrl('/'));
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
    await fresh.close();
  });

  it('expectMonacoStyled fails on an unstyled editor and passes on a styled one', async () => {
    const fresh = await newPage(ctx);
    await fresh.goto(siteUrl('/'));
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
