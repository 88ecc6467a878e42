/**
 * Share links end to end: a link copied in one browser context reproduces the same state and verdict when
 * opened in a FRESH context (no shared storage): for a named scenario (its page's "Copy playground link")
 * and for a custom state (encodeShare of a world edited from the defaults, as the playground makes it).
 *
 * The state is opened through /embed/#s=…, which decodes and simulates the link in the browser.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, defaultWorld, runChain } from '../../src/engine/index.ts';
import { encodeShare, shareScenario } from '../../src/lib/share.ts';
import { expectNoProblems, newPage, openBrowser, siteUrl } from './harness.ts';

const SAMPLE = 'fic-subject-wrong-namespace';

/** Maps a link on the public site to the same path and fragment on the server under test. */
function local(publicUrl: string): string {
  const u = new URL(publicUrl);
  return siteUrl(`${u.pathname}${u.search}${u.hash}`);
}

describe('share links survive a round trip between browser contexts', () => {
  let a: BrowserContext;
  let b: BrowserContext;

  beforeAll(async () => {
    a = await openBrowser();
    await a.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl('/')).origin });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a named scenario: "Copy playground link" in one context, opened in a fresh one, gives the same verdict', async () => {
    const page = await newPage(a);
    await page.goto(siteUrl(`/scenarios/${SAMPLE}/`), { waitUntil: 'networkidle' });
    const verdictA = page.getByTestId('verdict');
    const outcome = await verdictA.getAttribute('data-outcome');
    const stage = await verdictA.getAttribute('data-stage');
    const code = await verdictA.getAttribute('data-code');
    const word = await verdictA.locator('.wil-verdict__word').innerText();
    expect(outcome).toBe('denied');

    await page.getByRole('button', { name: 'Copy playground link' }).click();
    await expect.poll(() => page.locator('#share-status').innerText()).toBe('Playground link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^https:\/\/[^/]+\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
    expectNoProblems(page);

    b = await openBrowser(); // fresh profile: nothing shared with context a
    const fresh = await newPage(b);
    const hash = new URL(copied).hash;
    await fresh.goto(siteUrl(`/embed/${hash}`), { waitUntil: 'networkidle' });
    const verdictB = fresh.getByTestId('verdict');
    await verdictB.waitFor();
    expect(await verdictB.getAttribute('data-outcome')).toBe(outcome);
    expect(await verdictB.getAttribute('data-stage')).toBe(stage);
    expect(await verdictB.getAttribute('data-code')).toBe(code);
    expect(await verdictB.locator('.wil-verdict__word').innerText()).toBe(word);
    // The same per-stage states as the page in context a.
    const statuses = async (p: typeof page) =>
      p.locator('[data-testid="stages"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    expect(await statuses(fresh)).toEqual(await statuses(page));
    expectNoProblems(fresh);
    // The playground link on the public site maps onto the local one.
    expect(local(copied)).toBe(siteUrl(`/playground/${hash}`));
  });

  it('a custom state: the link of an edited world reproduces the engine verdict for that world', async () => {
    // A state no named scenario has: the token is issued 2 hours ago with a 1 hour lifetime, and the
    // ServiceAccount lives in another namespace than the FIC's subject.
    const world = defaultWorld();
    world.token.issuedSecondsAgo = 7200;
    world.serviceAccount.namespace = 'payments';
    const now = '2026-03-01T12:00:00Z';
    const expected = await runChain(world, { now: new Date(now), keys: createKeyStore() });
    const link = await encodeShare(shareScenario(defaultWorld(), world, { title: 'My broken setup', now }));

    const ctx = await openBrowser();
    try {
      const page = await newPage(ctx);
      await page.goto(siteUrl(`/embed/#s=${link}`), { waitUntil: 'networkidle' });
      const verdict = page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await page.locator('h1').innerText()).toBe('My broken setup');
      expect(await verdict.getAttribute('data-outcome')).toBe(expected.outcome);
      expect(await verdict.getAttribute('data-stage')).toBe(expected.failedStage ?? '');
      expect(await verdict.getAttribute('data-code')).toBe(expected.code ?? '');
      expect(expected.outcome).toBe('denied'); // the edit really breaks the chain
      expect(await page.locator('[data-testid="stages"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(
        expected.stages.map((s) => s.status),
      );
      expectNoProblems(page);
    } finally {
      await ctx.close();
    }
  });
});
