/**
 * The scenario gallery (/scenarios/) and the scenario pages (/scenarios/<slug>/): every scenario file has
 * a card and a page; the verdict, the chain and the stages are in the static HTML (checked with
 * JavaScript off); the filters work with JavaScript on; every page has link-preview meta and its image is
 * a 1200×630 PNG; axe-clean, no console errors, no off-origin requests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_HEIGHT } from '../../src/lib/share.ts';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl } from './harness.ts';

const SCENARIO_DIR = new URL('../../content/scenarios/', import.meta.url);

interface ScenarioFile {
  slug: string;
  title: string;
  expect?: { outcome?: string; stage?: string; code?: string };
}

/** The scenario files as the tests know them (read directly, not through the site). */
const scenarioFiles: ScenarioFile[] = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const doc = parseYaml(readFileSync(new URL(f, SCENARIO_DIR), 'utf8')) as { title: string; expect?: ScenarioFile['expect'] };
    return { slug: f.replace(/\.yaml$/, ''), title: doc.title, expect: doc.expect };
  });

const SAMPLE = 'fic-issuer-missing-trailing-slash';

/** Width and height of a PNG, from its IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The value of a `<meta property|name="key" content="…">` in an HTML string. */
function meta(html: string, key: string): string | undefined {
  const re = new RegExp(`<meta[^>]+(?:property|name)="${key.replace(/[:.]/g, '\\$&')}"[^>]*content="([^"]*)"`);
  return re.exec(html)?.[1];
}

describe('scenario gallery /scenarios/', () => {
  let ctx: BrowserContext;
  let noJs: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser();
    noJs = await openBrowser({ javaScriptEnabled: false });
    page = await newPage(ctx);
    const res = await page.goto(siteUrl('/scenarios/'), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
  });

  afterAll(async () => {
    await ctx?.close();
    await noJs?.close();
  });

  it('has a card for every scenario file, all visible without JavaScript, with its verdict', async () => {
    expect(scenarioFiles.length).toBeGreaterThan(10);
    const p = await noJs.newPage();
    await p.goto(siteUrl('/scenarios/'));
    const cards = p.getByTestId('scenario-card');
    expect(await cards.count()).toBe(scenarioFiles.length);
    for (const s of scenarioFiles) {
      const card = cards.filter({ has: p.locator(`a[href="/scenarios/${s.slug}/"]`) });
      expect(await card.count(), s.slug).toBe(1);
      expect(await card.isVisible(), s.slug).toBe(true);
      const text = await card.innerText();
      expect(text).toContain(s.title);
      if (s.expect?.outcome === 'granted') expect(text).toContain('Granted');
      if (s.expect?.outcome === 'denied') expect(text).toContain('Fails at');
      if (s.expect?.code) expect(await card.getAttribute('data-code'), s.slug).toBe(s.expect.code);
      if (s.expect?.stage) expect(await card.getAttribute('data-stage'), s.slug).toBe(s.expect.stage);
    }
    // The filter form needs JavaScript, so it is not offered without it.
    expect(await p.locator('form[data-gallery-filters]').isVisible()).toBe(false);
    await p.close();
  });

  it('filters by stage, code, tag and text, and mirrors the filters to the URL', async () => {
    const total = scenarioFiles.length;
    const visible = () => page.locator('[data-testid="scenario-card"]:visible');
    expect(await page.locator('form[data-gallery-filters]').isVisible()).toBe(true);
    expect(await visible().count()).toBe(total);

    const all = page.getByTestId('scenario-card');
    const byStage = await all.evaluateAll((els) => els.filter((e) => (e as HTMLElement).dataset.stage === 'federation-match').length);
    expect(byStage).toBeGreaterThan(1);
    await page.selectOption('#f-stage', 'federation-match');
    expect(await visible().count()).toBe(byStage);
    for (const stage of await visible().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.stage))) {
      expect(stage).toBe('federation-match');
    }
    expect(await page.locator('[data-gallery-count]').innerText()).toBe(`${byStage} of ${total} scenarios shown`);
    expect(new URL(page.url()).searchParams.get('stage')).toBe('federation-match');

    await page.selectOption('#f-code', 'AADSTS700211');
    const withCode = await all.evaluateAll(
      (els) => els.filter((e) => (e as HTMLElement).dataset.stage === 'federation-match' && (e as HTMLElement).dataset.code === 'AADSTS700211').length,
    );
    expect(withCode).toBeGreaterThan(0);
    expect(withCode).toBeLessThan(byStage);
    expect(await visible().count()).toBe(withCode);

    await page.click('button[type="reset"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="scenario-card"]:not([hidden])').length === n, total);

    await page.fill('#f-q', 'trailing slash');
    const titles = await visible().locator('h2').allInnerTexts();
    expect(titles).toContain('FIC issuer is missing the trailing slash');
    expect(titles.length).toBeLessThan(total);

    await page.fill('#f-q', 'no such words anywhere zzz');
    expect(await visible().count()).toBe(0);
    expect(await page.locator('[data-gallery-empty]').isVisible()).toBe(true);
    await page.fill('#f-q', '');
  });

  it('applies a tag filter from the query string on load', async () => {
    const p = await newPage(ctx);
    await p.goto(siteUrl('/scenarios/?tag=issuer'), { waitUntil: 'networkidle' });
    expect(await p.inputValue('#f-tag')).toBe('issuer');
    const tags = await p.locator('[data-testid="scenario-card"]:visible').evaluateAll((els) => els.map((e) => JSON.parse((e as HTMLElement).dataset.tags!)));
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.length).toBeLessThan(scenarioFiles.length);
    for (const t of tags) expect(t).toContain('issuer');
    expectNoProblems(p);
    await p.close();
  });

  it('is in the main navigation', async () => {
    expect(await page.locator('nav[aria-label="Main"] a[href="/scenarios/"][aria-current="page"]').count()).toBe(1);
  });

  it('has no accessibility violations (axe, WCAG 2.2 AA)', async () => {
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
  });

  it('loads with no console errors, page errors, failed or off-origin requests', () => {
    expectNoProblems(page);
  });
});

describe('scenario page /scenarios/<slug>/', () => {
  let ctx: BrowserContext;
  let noJs: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser();
    noJs = await openBrowser({ javaScriptEnabled: false });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl('/')).origin });
    page = await newPage(ctx);
    const res = await page.goto(siteUrl(`/scenarios/${SAMPLE}/`), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
  });

  afterAll(async () => {
    await ctx?.close();
    await noJs?.close();
  });

  it('states the verdict, what breaks, the chain and the nine stages in static HTML (JavaScript off)', async () => {
    const p = await noJs.newPage();
    await p.goto(siteUrl(`/scenarios/${SAMPLE}/`));
    expect(await p.locator('h1').innerText()).toBe('FIC issuer is missing the trailing slash');
    const verdict = p.getByTestId('verdict');
    expect(await verdict.getAttribute('data-outcome')).toBe('denied');
    expect(await verdict.innerText()).toContain('Denied at Federated identity credential match — AADSTS700211');
    // The failed check with expected vs actual: the FIC issuer lacks the slash the token has.
    const breaks = p.locator('section[aria-labelledby="breaks"]');
    const row = breaks.locator('table tbody tr').first();
    expect(await row.locator('th').innerText()).toContain('issuer');
    const [expected, actual] = await row.locator('td code').allInnerTexts();
    expect(expected!.replace(/\s/g, '')).toMatch(/\/"$/);
    expect(actual!.replace(/\s/g, '')).not.toMatch(/\/"$/);
    expect(await breaks.locator('pre').innerText()).toMatch(/^AADSTS700211: No matching federated identity record found/);
    expect(await breaks.locator('a[href="/errors/aadsts700211/"]').count()).toBeGreaterThan(0);
    // Chain: six boxes, status as icon + word, the Entra ID box failed.
    const nodes = p.locator('[data-testid="chain"] li[data-node]');
    expect(await nodes.count()).toBe(6);
    expect(await nodes.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(['pass', 'pass', 'skipped', 'fail', 'skipped', 'skipped']);
    const entra = p.locator('li[data-node="entra"]');
    expect(await entra.locator('.wil-node__word').innerText()).toBe('Failed');
    expect(await entra.locator('.wil-node__code').innerText()).toMatch(/AADSTS700211$/);
    expect(await p.locator('li[data-node="pod"]').innerText()).toMatch(/Passed/);
    // Nine stages in order.
    const stages = p.locator('[data-testid="stages"] > li');
    expect(await stages.count()).toBe(9);
    expect(await stages.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual([
      'pass', 'pass', 'pass', 'fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped',
    ]);
    // The fix, the sources and the way to the playground.
    expect(await p.locator('#fix').count()).toBe(1);
    expect(await p.locator('section[aria-labelledby="sources"] a[href^="https://github.com/Azure/azure-workload-identity/issues/"]').count()).toBeGreaterThan(0);
    expect(await p.getByTestId('open-playground').getAttribute('href')).toMatch(/^\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
    // Without JavaScript the link and the embed code are readable, and the Copy buttons are not offered.
    expect(await p.getByTestId('share-link').inputValue()).toMatch(new RegExp(`/scenarios/${SAMPLE}/$`));
    expect(await p.getByTestId('share-embed').inputValue()).toMatch(
      new RegExp(`^<iframe src="https://[^"]+/embed/${SAMPLE}/" title="Workload Identity Lab: FIC issuer is missing the trailing slash" width="100%" height="${EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>$`),
    );
    expect(await p.locator('button[data-copy]').evaluateAll((els) => els.every((e) => (e as HTMLButtonElement).hidden))).toBe(true);
    await p.close();
  });

  it('"Copy link" and "Copy embed code" copy the shown values (JavaScript on)', async () => {
    const copyLink = page.getByRole('button', { name: 'Copy link' });
    expect(await copyLink.isVisible()).toBe(true);
    await copyLink.click();
    await expect.poll(() => page.locator('#share-status').innerText()).toBe('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('share-link').inputValue());
    // Copied links point at the origin the reader is on, not at the build-time `site`.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^${new URL(page.url()).origin}/scenarios/`));

    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await expect.poll(() => page.locator('#share-status').innerText()).toBe('Embed code copied.');
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(await page.getByTestId('share-embed').inputValue());
    expect(snippet).toContain(`/embed/${SAMPLE}/`);
  });

  it('links to the error page of its code, and that page exists', async () => {
    const res = await page.request.get(siteUrl('/errors/aadsts700211/'));
    expect(res.status()).toBe(200);
  });

  it('has no accessibility violations (axe, WCAG 2.2 AA)', async () => {
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
  });

  it('loads with no console errors, page errors, failed or off-origin requests', () => {
    expectNoProblems(page);
  });
});

describe('the chain diagram\'s "Failed · CODE" separator', () => {
  let ctx: BrowserContext;

  afterAll(async () => {
    await ctx?.close();
  });

  /** Where the status word, the separator and the code of a box are, and whether the separator shows. */
  async function stateLayout(page: Page, node: string) {
    return page.locator(`li[data-node="${node}"] .wil-node__state`).evaluate((state) => {
      const box = (sel: string) => {
        const el = state.querySelector(sel);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, display: getComputedStyle(el).display };
      };
      const s = state.getBoundingClientRect();
      return { state: { left: s.left, right: s.right }, word: box('.wil-node__word'), sep: box('.wil-node__sep'), code: box('.wil-node__code') };
    });
  }

  it('shows the separator only between a word and a code on one line, and never alone at a line end', async () => {
    ctx = await openBrowser({ viewport: { width: 400, height: 800 } });
    const page = await newPage(ctx);
    await page.goto(siteUrl('/scenarios/fic-subject-case-mismatch/'));
    // A box with no code has no separator at all.
    expect(await page.locator('li[data-node="pod"] .wil-node__sep, li[data-node="issuer"] .wil-node__sep').count()).toBe(0);
    // Room for both: word · code on one line, the dot between them.
    const one = await stateLayout(page, 'entra');
    expect(one.sep!.display).not.toBe('none');
    expect(Math.abs(one.word!.top - one.code!.top)).toBeLessThan(4);
    expect(one.sep!.left).toBeGreaterThanOrEqual(one.word!.right - 0.5);
    expect(one.sep!.right).toBeLessThanOrEqual(one.code!.left + 0.5);

    // A code too long for the line moves to the next one: the dot goes left of the box, where it is clipped.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(siteUrl('/scenarios/storage-blob-owner-role-only/'));
    const wrapped = await stateLayout(page, 'resource');
    expect(wrapped.code!.top).toBeGreaterThan(wrapped.word!.top + 4);
    expect(wrapped.sep!.right).toBeLessThanOrEqual(wrapped.state.left + 0.5);
    expect(await page.locator('li[data-node="resource"] .wil-node__state').evaluate((e) => getComputedStyle(e).overflow)).toBe('hidden');
    expect(wrapped.code!.right).toBeLessThanOrEqual(wrapped.state.right + 0.5);

    // Narrow boxes (six in a row): the code has a line of its own and no separator; it stays inside its box.
    await page.setViewportSize({ width: 1000, height: 800 });
    const column = await stateLayout(page, 'resource');
    expect(column.sep!.display).toBe('none');
    expect(column.code!.top).toBeGreaterThan(column.word!.top + 4);
    expect(column.code!.right).toBeLessThanOrEqual(column.state.right + 0.5);
  });
});

describe('an eks-irsa scenario page: AWS named as AWS, no playground link, no export', () => {
  const IRSA = 'eks-irsa-trust-policy-wrong-namespace';
  let noJs: BrowserContext;

  beforeAll(async () => {
    noJs = await openBrowser({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await noJs?.close();
  });

  it('names STS, the trust policy and the AWS resource, never Entra ID or Azure, in the chain and the failing stage', async () => {
    const p = await noJs.newPage();
    await p.goto(siteUrl(`/scenarios/${IRSA}/`));
    expect(await p.getByTestId('scenario-provider').innerText()).toContain('Amazon EKS → AWS IAM (IRSA)');
    const chain = p.getByTestId('chain');
    expect(await p.locator('li[data-node="entra"] .wil-node__name').innerText()).toBe('AWS STS (IAM role trust policy)');
    expect(await p.locator('li[data-node="mi"] .wil-node__name').innerText()).toBe('Temporary credentials');
    expect(await p.locator('li[data-node="resource"] .wil-node__name').innerText()).toBe('AWS resource');
    expect(await chain.locator('ol').getAttribute('aria-label')).toBe('The chain, from the pod to the AWS resource');
    const breaks = p.locator('section[aria-labelledby="breaks"]');
    for (const text of [await chain.innerText(), await breaks.innerText(), await p.getByTestId('stages').innerText()]) expect(text).not.toMatch(/Entra|Azure|Managed identity/);
    // AWS's AccessDenied is not Azure Key Vault's: no link to that error page.
    expect(await p.locator('main a[href^="/errors/"]').count()).toBe(0);
    await p.close();
  });

  it('offers no playground link (the playground does not take eks-irsa) and says no export exists', async () => {
    const p = await noJs.newPage();
    await p.goto(siteUrl(`/scenarios/${IRSA}/`));
    expect(await p.getByTestId('open-playground').count()).toBe(0);
    expect(await p.getByTestId('share-state').count()).toBe(0);
    expect(await p.locator('main a[href^="/playground"]').count()).toBe(0);
    const setup = p.getByTestId('setup-export');
    expect(await setup.locator('details').count()).toBe(0);
    expect(await p.getByTestId('setup-none').innerText()).toMatch(/^No export exists for this federation \(Amazon EKS → AWS IAM \(IRSA\)\) yet\./);
    // Its embed offers no playground link either.
    await p.goto(siteUrl(`/embed/${IRSA}/`));
    expect(await p.getByTestId('embed-playground').count()).toBe(0);
    await p.close();
  });

  it('the Key Vault AccessDenied error page lists no eks-irsa scenario', async () => {
    const p = await noJs.newPage();
    await p.goto(siteUrl('/errors/accessdenied/'));
    expect(await p.locator('main a[href^="/scenarios/eks-irsa-"]').count()).toBe(0);
    await p.close();
  });
});

describe('dark theme', () => {
  it('the gallery and a scenario page have no accessibility violations in dark mode', async () => {
    const dark = await openBrowser({ colorScheme: 'dark' });
    try {
      for (const path of ['/scenarios/', `/scenarios/${SAMPLE}/`]) {
        const p = await newPage(dark);
        await p.goto(siteUrl(path), { waitUntil: 'networkidle' });
        expect(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
        const v = await runAxe(p);
        expect(v, `${path}\n${formatViolations(v)}`).toEqual([]);
        expectNoProblems(p);
        await p.close();
      }
    } finally {
      await dark.close();
    }
  });
});

describe('the failed check on a phone (390 px), light and dark', () => {
  const SLUG = 'storage-blob-owner-role-only';

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: the table becomes one block per check, every value readable inside the window, the table still a table to screen readers`, async () => {
      const ctx = await openBrowser({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
      try {
        const page = await newPage(ctx);
        await page.goto(siteUrl(`/scenarios/${SLUG}/`), { waitUntil: 'load' });
        const table = page.locator('section[aria-labelledby="breaks"]').getByRole('table', { name: /Failed checks/ });
        await table.scrollIntoViewIfNeeded();
        // Check, expected, actual and result are each on screen: between the window's edges, not cut off.
        const cells = await table.locator('tbody tr').first().locator('th, td').evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return { text: (el as HTMLElement).innerText.trim(), label: getComputedStyle(el, '::before').content, left: r.left, right: r.right, width: r.width };
          }),
        );
        expect(cells.map((c) => c.text)).toEqual([
          expect.stringContaining('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'),
          expect.stringContaining('Storage Blob Data Reader'),
          expect.stringMatching(/Owner at \/subscriptions\//),
          expect.stringMatching(/fails$/),
        ]);
        for (const c of cells) {
          expect(c.left, c.text).toBeGreaterThanOrEqual(0);
          expect(c.right, c.text).toBeLessThanOrEqual(390);
          expect(c.width, c.text).toBeGreaterThan(200); // a full-width block, not a squeezed column
        }
        // The hidden column headers are replaced by the column's name in front of each value.
        // (as generated content with empty alternative text: screen readers announce the column header instead).
        expect(cells.slice(1).map((c) => c.label)).toEqual(['"Expected" / ""', '"Actual" / ""', '"Result" / ""']);
        // Still a table for assistive technology: its rows, row header and cells keep their roles.
        expect(await table.getByRole('row').count()).toBe(2);
        expect(await table.getByRole('rowheader').count()).toBe(1);
        expect(await table.getByRole('cell').count()).toBe(3);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        const v = await runAxe(page);
        expect(v, formatViolations(v)).toEqual([]);
        expectNoProblems(page);
      } finally {
        await ctx.close();
      }
    });
  }

  it('at 1280 px the failed check stays a table of four columns side by side', async () => {
    const ctx = await openBrowser();
    try {
      const page = await newPage(ctx);
      await page.goto(siteUrl(`/scenarios/${SLUG}/`), { waitUntil: 'load' });
      const row = page.locator('section[aria-labelledby="breaks"] .wil-checks tbody tr').first();
      const tops = await row.locator('th, td').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(new Set(tops).size, 'all four cells on one row').toBe(1);
      expect(await page.locator('section[aria-labelledby="breaks"] .wil-checks thead').isVisible()).toBe(true);
      // Each column name on one line (a long value may wrap anywhere; "RESULT" may not).
      const headLines = await page.locator('section[aria-labelledby="breaks"] .wil-checks thead th').evaluateAll((ths) =>
        ths.map((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }),
      );
      expect(headLines).toEqual([1, 1, 1, 1]);
    } finally {
      await ctx.close();
    }
  });
});

describe('scenario pages are found by the search, their navigation is not', () => {
  it('the content is marked for Pagefind with the scenario as its title; breadcrumbs, buttons and share codes are not', async () => {
    const ctx = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await newPage(ctx);
      await page.goto(siteUrl('/scenarios/storage-blob-owner-role-only/'));
      const body = page.locator('[data-pagefind-body]');
      expect(await body.count()).toBe(1);
      expect(await body.evaluate((b) => b.closest('main') !== null && !b.querySelector('header, footer, .site-nav'))).toBe(true);
      expect(await page.locator('header [data-pagefind-body], footer [data-pagefind-body]').count()).toBe(0);
      expect(await body.locator('h1').getAttribute('data-search-title')).toBe('Scenario: Owner on the storage account, yet reading a blob is refused');
      expect(await body.locator('h1').getAttribute('data-pagefind-meta')).toBe('title[data-search-title]');
      for (const sel of ['nav.crumbs', '.actions', 'section[aria-labelledby="share-title"]']) {
        expect(await body.locator(sel).getAttribute('data-pagefind-ignore'), sel).not.toBeNull();
      }
    } finally {
      await ctx.close();
    }
  });
});

describe('every scenario: a page, an embed, link-preview meta and a preview image', () => {
  it.each(scenarioFiles.map((s) => [s.slug, s] as const))('%s', async (slug, s) => {
    const res = await fetch(siteUrl(`/scenarios/${slug}/`));
    expect(res.status).toBe(200);
    const html = await res.text();
    // The verdict the engine gives is in the static HTML and agrees with the file's `expect`.
    if (s.expect?.outcome) expect(html).toContain(`data-outcome="${s.expect.outcome}"`);
    if (s.expect?.code) expect(html).toContain(`data-code="${s.expect.code}"`);

    expect(meta(html, 'og:title')).toBe(`${s.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')} · Workload Identity Lab`);
    expect(meta(html, 'og:description')).toBeTruthy();
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    const image = meta(html, 'og:image');
    expect(image).toMatch(new RegExp(`^https://[^/]+/og/${slug}\\.png$`));
    expect(meta(html, 'twitter:image')).toBe(image);

    const png = await fetch(siteUrl(new URL(image!).pathname));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await png.arrayBuffer()))).toEqual({ width: 1200, height: 630 });

    const embed = await fetch(siteUrl(`/embed/${slug}/`));
    expect(embed.status).toBe(200);
    const embedHtml = await embed.text();
    if (s.expect?.outcome) expect(embedHtml).toContain(`data-outcome="${s.expect.outcome}"`);
  });

  it('the site default preview image is a 1200×630 PNG, used by pages without their own', async () => {
    const html = await (await fetch(siteUrl('/'))).text();
    const image = meta(html, 'og:image');
    expect(image).toMatch(/\/og\/site\.png$/);
    expect(meta(html, 'og:title')).toBeTruthy();
    const png = await fetch(siteUrl(new URL(image!).pathname));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await png.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });
});
