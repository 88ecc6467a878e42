/**
 * Fidelity audit, built pages: what the engine's catalogue marks uncertain, and the inferred order of
 * Entra ID's checks (reference D2), is labelled "Uncertain" on the pages that list them: the cheat sheet,
 * the /errors/ index and each code's page; and the lessons show their Uncertain asides.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/engine/errors.ts';
import { newPage, openBrowser, siteUrl } from './harness.ts';

const uncertainCodes = Object.values(ERROR_CATALOGUE).filter((e) => e.uncertain);

describe('uncertainty is labelled on the pages that list the codes', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ javaScriptEnabled: false });
    page = await newPage(ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('the cheat sheet says the order of stages 3–7 is inferred, and labels every uncertain code in its row', async () => {
    await page.goto(siteUrl('/workshop/cheat-sheet/'));
    expect(await page.getByTestId('cheat-order-uncertain').innerText()).toMatch(/^Uncertain: .*order.*inferred/s);
    expect(uncertainCodes.length).toBeGreaterThan(3);
    for (const e of Object.values(ERROR_CATALOGUE)) {
      const marks = page.locator(`tr[data-code="${e.code}"] [data-testid="cheat-code-uncertain"]`);
      expect(await marks.count(), e.code).toBe(e.uncertain ? 1 : 0);
      if (e.uncertain) expect(await marks.innerText()).toContain('Uncertain:');
    }
  });

  it('the /errors/ index says the order is inferred and marks each partly unconfirmed code', async () => {
    await page.goto(siteUrl('/errors/'));
    expect(await page.getByTestId('errors-order-uncertain').innerText()).toMatch(/^Uncertain: .*order.*inferred/s);
    expect(await page.getByTestId('errors-code-uncertain').count()).toBe(uncertainCodes.length);
  });

  it("a code page raised by one of Entra ID's checks says the order is inferred; a resource's code page does not", async () => {
    await page.goto(siteUrl('/errors/aadsts700211/'));
    expect(await page.getByTestId('order-uncertain').innerText()).toMatch(/^Uncertain: .*inferred/s);
    await page.goto(siteUrl('/errors/forbiddenbyrbac/'));
    expect(await page.getByTestId('order-uncertain').count()).toBe(0);
  });

  for (const [path, words] of [
    ['/learn/why-it-matters/', 'expires_in'],
    ['/learn/service-account-token/', 'AADSTS700212'],
    ['/learn/troubleshooting/', 'AADSTS700212'],
  ] as const) {
    it(`${path} shows its Uncertain aside`, async () => {
      await page.goto(siteUrl(path));
      const asides = await page.locator('main aside').allInnerTexts();
      expect(asides.some((a) => /Uncertain/.test(a) && a.includes(words))).toBe(true);
    });
  }
});

describe('the presenter keeps the failing stage\'s uncertainty in the speaker notes', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await openBrowser();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('fic-not-propagated-yet: the notes of the failing stage say the propagation time is uncertain', async () => {
    const { DECK } = await import('../../src/components/workshop/deck.ts');
    const page = await newPage(ctx);
    await page.goto(siteUrl('/workshop/present/'));
    const ready = () => page.locator('[data-testid="presenter"]:not([data-last-step=""])').waitFor({ timeout: 15_000 });
    await ready();
    await page.getByTestId('pv-pick').selectOption(String(DECK.findIndex((d) => d.slug === 'fic-not-propagated-yet')));
    await ready();
    await page.getByTestId('presenter').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // the failing stage itself
    await expect.poll(() => page.getByTestId('notes-uncertain').count()).toBe(1);
    expect(await page.getByTestId('notes-uncertain').innerText()).toMatch(/^Uncertain: .*propagation/s);
    await page.close();
  });
});
