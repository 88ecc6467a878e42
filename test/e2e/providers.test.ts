/**
 * The playground's provider switch in Chromium (issue 11 §3): switch to github-entra with the keyboard,
 * put the job in an environment in the workflow editor, see the credential match fail with the subject
 * GitHub would send (other-providers.md §1.3), fix the credential, see access granted; and an EKS scenario
 * page's "Open in playground" opening the EKS chain. No console errors, no off-origin requests, axe clean.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl, startMonaco } from './harness.ts';

async function waitForOutcome(page: Page, outcome: 'granted' | 'denied') {
  await page.locator(`[data-testid="verdict"][data-outcome="${outcome}"]`).waitFor({ timeout: 15_000 });
}

/** Replaces text in a Monaco editor with its find/replace widget (as test/e2e/playground.test.ts does). */
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

describe('provider switch', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1280, height: 900 } });
    page = await newPage(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  // retry: 1 — a known product race, not fixed yet (issue note, 2026-12-08): on a slow machine the
  // playground's deferred state (useDeferredValue) may skip the first result, the address mirror then takes
  // the switched-to provider's result for the page's first one, and ?provider= never follows the switch.
  // Reproduced with CPU throttling 6x; one full CI run hit it. A retry re-runs the whole test from a fresh load.
  it('switches to GitHub with the keyboard; environment: production fails the match (AADSTS700213) until the credential names it', { retry: 1 }, async () => {
    await page.goto(siteUrl('/playground/'));
    await waitForOutcome(page, 'granted');
    const select = page.getByLabel('Federation');
    await select.focus();
    await page.keyboard.press('ArrowDown'); // aks-entra → github-entra, the next in the list
    const workflow = page.getByTestId('editor-workflow');
    await workflow.waitFor({ timeout: 20_000 });
    expect(await select.inputValue()).toBe('github-entra');
    // The address follows once the new chain has run (useShareUrl.ts mirrors after each result).
    await expect.poll(() => new URL(page.url()).searchParams.get('provider'), { timeout: 10_000 }).toBe('github-entra');
    await expect.poll(() => page.getByTestId('provider-status').innerText()).toMatch(/^Switched to GitHub Actions → Microsoft Entra ID\..*Reset: the ServiceAccount, the Pod/);
    await waitForOutcome(page, 'granted');
    expect(await page.getByTestId('editor-sa').count()).toBe(0);

    // Under the job, before runs-on (line 10 of the rendered workflow).
    await startMonaco(workflow);
    await workflow.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.type('environment: production');
    await page.keyboard.press('Enter');
    await waitForOutcome(page, 'denied');
    const match = page.getByTestId('stage-federation-match');
    await expect.poll(() => match.getAttribute('data-status')).toBe('fail');
    const text = await match.innerText();
    expect(text).toContain('AADSTS700213');
    expect(text).toContain('repo:contoso/webapp:environment:production');
    expect(text).toContain('repo:contoso/webapp:ref:refs/heads/main');
    expect(await page.getByTestId('editor-workflow-error').innerText()).toBe('');

    await replaceInEditor(page, page.getByTestId('editor-fic'), 'repo:contoso/webapp:ref:refs/heads/main', 'repo:contoso/webapp:environment:production');
    await waitForOutcome(page, 'granted');
    expect(await page.locator('.token-panel').innerText()).toContain('job_workflow_ref');
    const axe = await runAxe(page);
    expect(axe, formatViolations(axe)).toEqual([]);
    expectNoProblems(page);
  });

  it('an EKS scenario page opens the EKS chain in the playground', async () => {
    await page.goto(siteUrl('/scenarios/eks-fic-issuer-trailing-slash/'));
    await page.getByTestId('open-playground').click();
    await page.waitForURL(/\/playground\/\?provider=eks-entra#s=1\./);
    await waitForOutcome(page, 'denied');
    expect(await page.getByLabel('Federation').inputValue()).toBe('eks-entra');
    expect(await page.getByTestId('stage-federation-match').getAttribute('data-status')).toBe('fail');
    await page.locator('[data-testid="diagram"] svg g.node').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('diagram').innerText()).toContain('EKS OIDC issuer');
    expect(await page.getByTestId('editor-sa').count()).toBe(1);
    const axe = await runAxe(page);
    expect(axe, formatViolations(axe)).toEqual([]);
    expectNoProblems(page);
  });
});
