/**
 * The error-code index (/errors/) explains stages 1–2, which fail before Entra ID is ever asked and so
 * have no AADSTS code, and links every scenario that fails there; and pages that show such a failure
 * say the message comes from the app's SDK, not from a service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl } from './harness.ts';

const SCENARIO_DIR = new URL('../../content/scenarios/', import.meta.url);

/** Slugs of the scenario files whose `expect.stage` is `stage` (read from the files, not the site). */
function scenariosFailingAt(stage: string): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => (parseYaml(readFileSync(new URL(f, SCENARIO_DIR), 'utf8')) as { expect?: { stage?: string } }).expect?.stage === stage)
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

describe('/errors/: stages 1–2 have no AADSTS code', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ javaScriptEnabled: false });
    page = await newPage(ctx);
    await page.goto(siteUrl('/errors/'));
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('comes before the first code table and says why there is no code', async () => {
    const section = page.getByTestId('before-entra');
    expect(await section.locator('h2').innerText()).toMatch(/^1–2\. .*no AADSTS code$/);
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings[0]).toMatch(/^1–2\./);
    expect(headings[1]).toMatch(/^3\. /);
    const text = await section.innerText();
    expect(text).toMatch(/before anything is sent to Entra ID/);
    for (const name of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_FEDERATED_TOKEN_FILE', 'WorkloadIdentityCredential', 'DefaultAzureCredential']) {
      expect(text).toContain(name);
    }
    // The webhook's admission error, as the webhook words it.
    expect(text).toContain('token expiration <n> not valid. Expected value to be between 3600 and 86400');
  });

  it('links every scenario that fails at stage 1 or 2, and each link opens that scenario', async () => {
    for (const stage of ['admission', 'projected-token']) {
      const want = scenariosFailingAt(stage);
      expect(want.length, stage).toBeGreaterThan(0);
      const hrefs = await page.getByTestId('before-entra').locator('a[href^="/scenarios/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const slug of want) expect(hrefs, `${stage}: ${slug}`).toContain(`/scenarios/${slug}/`);
      expect(hrefs).toContain(`/scenarios/?stage=${stage}`);
    }
    const first = page.getByTestId('before-entra').locator('a[href="/scenarios/pod-missing-use-label/"]');
    const res = await page.request.get(siteUrl((await first.getAttribute('href'))!));
    expect(res.status()).toBe(200);
  });

  it('numbers every stage from 3 to 9 in order, and says why stage 8 has no code', async () => {
    const headings = await page.locator('main h2').allInnerTexts();
    const numbers = headings.slice(1, 8).map((h) => Number(/^(\d+)\. /.exec(h)?.[1]));
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8, 9]);
    // The index by federation comes after the stages, so the page still reads in chain order.
    expect(headings.slice(8)).toEqual(['By federation']);
    expect(headings[6]).toBe('8. Managed identity access token: no code of its own');
    const eight = page.getByTestId('no-code-access-token');
    expect(await eight.locator('table').count()).toBe(0);
    expect(await eight.innerText()).toMatch(/once every check of stages 3–7 has passed/);
    expect(await eight.innerText()).toMatch(/carries the code of the check that failed/);
  });

  it('is linked from the home page and from the Learn sidebar', async () => {
    const home = await newPage(ctx);
    await home.goto(siteUrl('/'));
    expect(await home.locator('main a[href="/errors/"]').innerText()).toMatch(/error codes/i);
    await home.goto(siteUrl('/learn/big-picture/'));
    expect(await home.locator('.sidebar-content a[href="/errors/"]').innerText()).toBe('Error codes');
    await home.close();
  });

  it('has no accessibility violations (axe, WCAG 2.2 AA)', async () => {
    // axe runs as a script in the page: this one check needs JavaScript.
    const js = await openBrowser();
    try {
      const p = await newPage(js);
      await p.goto(siteUrl('/errors/'));
      const v = await runAxe(p);
      expect(v, formatViolations(v)).toEqual([]);
      expectNoProblems(p);
    } finally {
      await js.close();
    }
  });
});

describe('error pages are found by the search, their navigation is not', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it.each(['aadsts700213', 'aadsts70023', 'authorizationfailed'])('/errors/%s/: content marked for Pagefind, titled "<code>: <meaning>", breadcrumbs, header and footer left out', async (code) => {
    const page = await newPage(ctx);
    await page.goto(siteUrl(`/errors/${code}/`));
    const body = page.locator('[data-pagefind-body]');
    expect(await body.count()).toBe(1);
    expect(await body.evaluate((b) => b.closest('main') !== null && !b.querySelector('header, footer, .site-nav'))).toBe(true);
    const h1 = body.locator('h1');
    const shown = (await h1.innerText()).trim();
    expect(shown.toLowerCase()).toBe(code);
    expect(await h1.getAttribute('data-pagefind-meta')).toBe('title[data-search-title]');
    expect(await h1.getAttribute('data-search-title')).toMatch(new RegExp(`^${shown}: \\S`));
    expect(await body.locator('nav.crumbs').getAttribute('data-pagefind-ignore')).not.toBeNull();
    await page.close();
  });

  it('the index pages and the other sections are not indexed (only lessons, error pages and scenario pages are)', async () => {
    const page = await newPage(ctx);
    for (const path of ['/', '/errors/', '/scenarios/', '/playground/', '/embed/storage-blob-owner-role-only/']) {
      await page.goto(siteUrl(path));
      expect(await page.locator('[data-pagefind-body]').count(), path).toBe(0);
    }
    await page.close();
  });
});

describe('who printed the message of a failing stage', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it.each([
    ['pod-missing-use-label', 'What the app sees (Azure Identity SDK):'],
    ['token-expiration-below-webhook-minimum', 'What the Kubernetes API server answers:'],
    ['fic-issuer-missing-trailing-slash', 'What Entra ID answers:'],
    ['no-role-assignment', 'What the Azure service answers:'],
    // eks-irsa: STS and the AWS service print these (the provider's labels `cloud.exchange`, `cloud.service`).
    ['eks-irsa-trust-policy-wrong-namespace', 'What AWS STS answers:'],
    ['eks-irsa-secret-no-policy', 'What the AWS service answers:'],
  ])('%s: "%s"', async (slug, label) => {
    const page = await newPage(ctx);
    await page.goto(siteUrl(`/scenarios/${slug}/`));
    const labels = await page.locator('section[aria-labelledby="breaks"] .wil-problem__label').allInnerTexts();
    expect(labels).toEqual([label]);
    expect(await page.locator('.wil-problem__label', { hasText: 'What the service answers' }).count()).toBe(0);
    await page.close();
  });
});
