/**
 * Typing before the island hydrates (a slow connection: the HTML and its textareas are on screen, the
 * scripts are not): nothing typed or pasted is lost. The island's scripts are held back with a route
 * until the text is in, then released; the store must take the text over (the verdict follows it) and the
 * editor must still hold it (src/components/earlyInput.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoProblems, newPage, openBrowser, siteUrl } from './harness.ts';

/** Opens `path` with every /_astro/ script held until the returned `release` is called. */
async function openHeld(ctx: BrowserContext, path: string): Promise<{ page: Page; release: () => void }> {
  const page = await newPage(ctx);
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/_astro/**/*.js', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(siteUrl(path), { waitUntil: 'domcontentloaded' });
  return { page, release };
}

describe('text typed before hydration is kept', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await openBrowser({ serviceWorkers: 'block' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('playground: a credential subject typed into the code view before the scripts arrive is what the chain runs', async () => {
    const { page, release } = await openHeld(ctx, '/playground/');
    const ta = page.locator('#fic-textarea');
    const shipped = await ta.inputValue();
    expect(shipped).toContain('system:serviceaccount:dev:my-app-sa');
    const edited = shipped.replace('system:serviceaccount:dev:my-app-sa', 'system:serviceaccount:dev:typed-early');
    await ta.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(edited); // as a paste
    await page.keyboard.type('\n'); // and a keystroke
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).not.toBe('denied');
    release();
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700213');
    // The editor (the code view, or Monaco once it took over: the field had the focus) still shows it.
    await expect.poll(async () => {
      const view = page.locator('[data-testid="editor-fic"]');
      const monaco = view.locator('.monaco-editor .view-lines');
      return (await monaco.count()) ? (await monaco.innerText()).replace(/\u00a0/g, ' ') : await ta.inputValue();
    }, { timeout: 20_000 }).toContain('typed-early');
    expectNoProblems(page);
    await page.close();
  });

  it('/inspect/: a token pasted before the scripts arrive is read', async () => {
    const { page, release } = await openHeld(ctx, '/inspect/');
    const token = page.getByTestId('input-token');
    await token.click();
    await page.keyboard.insertText('not-a-jwt');
    release();
    await page.locator('[data-testid="inspect"][data-ready="true"]').waitFor({ timeout: 20_000 });
    expect(await token.inputValue()).toBe('not-a-jwt');
    await expect.poll(async () => await page.locator('.insp-input--token').innerText(), { timeout: 10_000 }).toMatch(/part/i);
    expectNoProblems(page);
    await page.close();
  });
});
