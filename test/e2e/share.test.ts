/**
 * Share links end to end: a link copied in one browser context reproduces the same state and verdict when
 * opened in a FRESH context (no shared storage): for a named scenario (its page's "Copy playground link")
 * and for a custom state (encodeShare of a world edited from the defaults, as the playground makes it).
 *
 * The state is opened through /embed/#s=…, which decodes and simulates the link in the browser.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, defaultWorld, runChain } from '../../src/engine/index.ts';
import { EMBED_HEIGHT, encodeShare, shareScenario } from '../../src/lib/share.ts';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl, startMonaco } from './harness.ts';

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
    // The copied link points at the origin the page is served from (not the build-time `site`).
    expect(copied.startsWith(`${new URL(page.url()).origin}/playground/#s=1.`)).toBe(true);
    expect(copied).toMatch(/\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
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

/** The text of a Monaco editor without whitespace (wrapping and Monaco's no-break spaces removed). */
async function compactEditorText(editor: Locator): Promise<string> {
  await startMonaco(editor);
  return ((await editor.locator('.view-lines').innerText()) ?? '').replace(/\s+/g, '');
}

/** Replaces text in a Monaco editor with its find/replace widget (Ctrl+H, replace all). */
async function replaceInEditor(page: Page, editor: Locator, find: string, replace: string) {
  await startMonaco(editor);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+H');
  const widget = editor.locator('.find-widget.visible');
  await widget.waitFor({ state: 'visible' });
  await widget.locator('.find-part textarea, .find-part input').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(find);
  await widget.locator('.replace-part textarea, .replace-part input').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(replace);
  await page.keyboard.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

const TRAILING = 'fic-issuer-missing-trailing-slash';
const ISSUER_NO_SLASH = 'https://eastus.oic.prod-aks.azure.com/72f0c4d1-5b3e-4a8f-9c21-6d7e8f9a0b1c/c3a9e1f4-8d2b-4e6a-b5c7-1f0e9d8c7b6a';

describe('the playground reads and writes share links', () => {
  const contexts: BrowserContext[] = [];
  const fresh = async () => {
    const ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
    contexts.push(ctx);
    return ctx;
  };

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close();
  });

  /** A playground in a fresh context that may use the clipboard, with the FIC subject edited to another namespace (denied). */
  async function editedPlayground() {
    const a = await fresh();
    await a.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl('/')).origin });
    const page = await newPage(a);
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: 15_000 });
    const fic = page.getByTestId('editor-fic');
    await compactEditorText(fic);
    await replaceInEditor(page, fic, 'serviceaccount:dev:', 'serviceaccount:payments:');
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 10_000 });
    return { page, fic };
  }

  it('"Open in playground" on a scenario page, followed in a fresh context, reproduces the scenario', async () => {
    const a = await fresh();
    const scenarioPage = await newPage(a);
    await scenarioPage.goto(siteUrl(`/scenarios/${TRAILING}/`), { waitUntil: 'load' });
    const href = await scenarioPage.getByTestId('open-playground').getAttribute('href');
    expect(href).toMatch(/^\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
    expectNoProblems(scenarioPage);

    const page = await newPage(await fresh());
    await page.goto(siteUrl(href!), { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('verdict').innerText()).toContain('Denied at Federated identity credential match — AADSTS700211');
    expect(await page.getByTestId('shared-banner').innerText()).toBe('Loaded shared scenario: FIC issuer is missing the trailing slash');
    expect(await page.getByTestId('simulated-time').innerText()).toContain('Simulated time: 2026-01-15 10:00 UTC');
    const ficText = await compactEditorText(page.getByTestId('editor-fic'));
    expect(ficText).toContain(`"issuer":"${ISSUER_NO_SLASH}",`);
    // Only the credentials changed: the advanced section stays closed.
    expect(await page.getByTestId('editor-advanced').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);

    // Back to the real clock: the time notice goes, the verdict stays (the rule does not depend on time).
    await page.getByRole('button', { name: 'Use the real clock' }).click();
    await page.getByTestId('simulated-time').waitFor({ state: 'detached' });
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700211');
    expectNoProblems(page);
  });

  it('"Copy link" after an edit gives a link that a fresh context opens with the same verdict and FIC text', async () => {
    const { page, fic } = await editedPlayground();
    const verdict = await page.getByTestId('verdict').innerText();
    expect(verdict).toContain('AADSTS700213');
    const ficText = await compactEditorText(fic);
    expect(ficText).toContain('"subject":"system:serviceaccount:payments:my-app-sa"');

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByTestId('copy-link-status').innerText()).toBe('Link copied');
    expect(await page.getByTestId('copy-link-status').getAttribute('aria-live')).toBe('polite');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^${new URL(siteUrl('/')).origin.replace(/[.]/g, '\\.')}/playground/#s=1\\.[A-Za-z0-9_-]+$`));
    expectNoProblems(page);

    // Invalid text in an editor is not in a link: copying says so.
    await replaceInEditor(page, fic, '"subject"', '"subject');
    await page.getByTestId('editor-fic-error').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByTestId('copy-link-status').innerText()).toMatch(/^Link copied\. It holds the last configuration that applied: the invalid text in Federated identity credentials is not in it\.$/);
    await replaceInEditor(page, fic, '"subject', '"subject"');
    await page.getByTestId('editor-fic-error').waitFor({ state: 'hidden' });

    const b = await newPage(await fresh()); // fresh profile: no storage shared with context a
    await b.goto(copied, { waitUntil: 'load' });
    await b.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 15_000 });
    expect(await b.getByTestId('verdict').innerText()).toBe(verdict);
    expect(await compactEditorText(b.getByTestId('editor-fic'))).toBe(ficText);
    expect(await b.getByTestId('shared-banner').innerText()).toBe('Loaded shared scenario: Custom playground scenario');
    // The link was made with the real clock, so it opens with the real clock.
    expect(await b.getByTestId('simulated-time').count()).toBe(0);
    expectNoProblems(b);
  });

  it('"Copy embed code" next to Copy link gives the scenario pages\' snippet shape for /embed/#s=…, which shows the same verdict', async () => {
    const { page } = await editedPlayground();
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700213');

    // Beside "Copy link", in the same group of actions.
    const buttons = await page.locator('.pg__actions button').allInnerTexts();
    expect(buttons.indexOf('Copy embed code')).toBe(buttons.indexOf('Copy link') + 1);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByTestId('copy-link-status').innerText()).toBe('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await expect.poll(() => page.getByTestId('copy-embed-status').innerText()).toBe('Embed code copied');
    expect(await page.getByTestId('copy-embed-status').getAttribute('aria-live')).toBe('polite');
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    // The same shape as a scenario page's snippet (src/lib/share.ts embedSnippet), with the link's fragment.
    const origin = new URL(siteUrl('/')).origin;
    const fragment = new URL(link).hash;
    expect(snippet).toBe(
      `<iframe src="${origin}/embed/${fragment}" title="Workload Identity Lab: Custom playground scenario" width="100%" height="${EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>`,
    );
    expectNoProblems(page);

    // The embed it points at runs the same configuration.
    const b = await newPage(await fresh());
    await b.goto(`${origin}/embed/${fragment}`, { waitUntil: 'load' });
    await b.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 15_000 });
    expect(await b.getByTestId('verdict').innerText()).toContain('AADSTS700213');
    expect(await b.locator('h1').innerText()).toBe('Custom playground scenario');
    expectNoProblems(b);
  });

  it('"Copy embed code" falls back to a selected read-only field when the clipboard refuses', async () => {
    const page = await newPage(await fresh());
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const field = page.getByLabel('Embed code for this configuration');
    await field.waitFor();
    expect(await field.inputValue()).toMatch(/^<iframe src="[^"]+\/embed\/#s=1\.[A-Za-z0-9_-]+" title="Workload Identity Lab: Custom playground scenario"/);
    expect(await field.evaluate((el: HTMLInputElement) => document.activeElement === el && el.selectionEnd === el.value.length)).toBe(true);
    expect(await page.getByTestId('copy-embed-status').innerText()).toBe('Copy the selected embed code below (Ctrl+C or ⌘C)');
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
  });

  it('a garbage #s= link shows an alert and keeps the default, granted state; a good link via hashchange then loads', async () => {
    const page = await newPage(await fresh());
    await page.goto(siteUrl('/playground/#s=1.this-is-not-a-link!'), { waitUntil: 'load' });
    const alert = page.getByRole('alert').filter({ hasText: 'This share link could not be loaded.' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain('The link is damaged');
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('shared-banner').count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe('#s=1.this-is-not-a-link!'); // left for the reader to see
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);

    // A new fragment in the same page (hashchange) loads.
    const scenario = await newPage(contexts.at(-1)!);
    await scenario.goto(siteUrl(`/scenarios/${TRAILING}/`), { waitUntil: 'load' });
    const href = (await scenario.getByTestId('open-playground').getAttribute('href'))!;
    await scenario.close();
    await page.evaluate((hash) => {
      location.hash = hash;
    }, new URL(href, siteUrl('/')).hash);
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('shared-banner').innerText()).toContain('FIC issuer is missing the trailing slash');
    expect(await page.getByRole('alert').filter({ hasText: 'This share link could not be loaded.' }).count()).toBe(0);
    expectNoProblems(page);
  });
});
