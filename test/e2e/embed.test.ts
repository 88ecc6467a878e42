/**
 * Embeds: /embed/<slug>/ (static) and /embed/#s=… (decoded and simulated in the browser). Minimal chrome,
 * a link back to the full site that opens in a new tab, a clear message for a bad link, and both work
 * inside an iframe on a page served from ANOTHER origin (a second localhost port).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_HEIGHT, encodeShare, namedScenarioShare } from '../../src/lib/share.ts';
import { expectNoProblems, formatViolations, newPage, openBrowser, pageProblems, runAxe, siteUrl } from './harness.ts';

const SAMPLE = 'fic-issuer-missing-trailing-slash';
const SAMPLE_TITLE = 'FIC issuer is missing the trailing slash';
const SAMPLE_VERDICT = 'Denied at Federated identity credential match — AADSTS700211';

/** The share fragment of the sample scenario, as its page's "Open in playground" link carries it. */
async function sampleFragment(page: Page): Promise<string> {
  await page.goto(siteUrl(`/scenarios/${SAMPLE}/`));
  const href = await page.getByTestId('open-playground').getAttribute('href');
  return new URL(href!, siteUrl('/')).hash;
}

describe('static embed /embed/<slug>/', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 640, height: 480 } });
    page = await newPage(ctx);
    const res = await page.goto(siteUrl(`/embed/${SAMPLE}/`), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('shows the verdict, the chain and the stages, without the site header or footer', async () => {
    expect(await page.locator('h1').innerText()).toBe(SAMPLE_TITLE);
    expect(await page.getByTestId('verdict').innerText()).toContain(SAMPLE_VERDICT);
    expect(await page.locator('[data-testid="chain"] li[data-node]').count()).toBe(6);
    expect(await page.locator('li[data-node="entra"]').getAttribute('data-status')).toBe('fail');
    expect(await page.locator('[data-testid="stages"] > li').count()).toBe(9);
    expect(await page.locator('.site-header, .site-footer, nav[aria-label="Main"]').count()).toBe(0);
  });

  it('puts the failing stage\'s code, fix and message right under the verdict', async () => {
    const problem = page.getByTestId('embed-problem');
    expect(await problem.locator('h2').innerText()).toBe('What went wrong, and the fix');
    expect(await problem.locator('a.wil-code').innerText()).toBe('AADSTS700211');
    expect(await problem.locator('.wil-problem__fix').innerText()).toMatch(/^Fix: \S/);
    expect(await problem.locator('pre').innerText()).toMatch(/^AADSTS700211: No matching federated identity record found/);
    const order = await page.locator('[data-testid="verdict"], [data-testid="embed-problem"], [data-testid="chain"]').evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.testid),
    );
    expect(order).toEqual(['verdict', 'embed-problem', 'chain']);
    // The stage list does not repeat it: the failing stage points up to it.
    const failing = page.locator('[data-testid="stages"] > li[data-status="fail"]');
    expect(await failing.locator('pre').count()).toBe(0);
    expect(await failing.locator('a[href="#what-went-wrong"]').count()).toBe(1);
  });

  it('shows the verdict, the code and the fix without scrolling at the snippet\'s height, 400 to 700 px wide', async () => {
    expect(EMBED_HEIGHT).toBe(600);
    const bottom = async (sel: string) => {
      const box = await page.locator(sel).boundingBox();
      return box!.y + box!.height;
    };
    try {
      for (const width of [400, 700]) {
        await page.setViewportSize({ width, height: EMBED_HEIGHT });
        for (const sel of ['[data-testid="verdict"]', '[data-testid="embed-problem"] a.wil-code', '[data-testid="embed-problem"] .wil-problem__fix']) {
          expect(await bottom(sel), `${sel} at ${width}×${EMBED_HEIGHT}`).toBeLessThanOrEqual(EMBED_HEIGHT);
        }
        // Older snippets set 480 px: the verdict and the code are still in view.
        await page.setViewportSize({ width, height: 480 });
        for (const sel of ['[data-testid="verdict"]', '[data-testid="embed-problem"] a.wil-code']) {
          expect(await bottom(sel), `${sel} at ${width}×480`).toBeLessThanOrEqual(480);
        }
      }
      // At the snippet's height and a usual column width, the message starts in view too.
      await page.setViewportSize({ width: 700, height: EMBED_HEIGHT });
      const message = await page.locator('[data-testid="embed-problem"] pre').boundingBox();
      expect(message!.y + 40).toBeLessThanOrEqual(EMBED_HEIGHT);
    } finally {
      await page.setViewportSize({ width: 640, height: 480 });
    }
  });

  it('links back to the scenario page in a new tab', async () => {
    const link = page.getByTestId('embed-open');
    expect(await link.innerText()).toBe('Open in Workload Identity Lab');
    expect(await link.getAttribute('href')).toBe(`/scenarios/${SAMPLE}/`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
  });

  it('sets nothing that forbids framing', async () => {
    const res = await page.request.get(siteUrl(`/embed/${SAMPLE}/`));
    expect(res.headers()['x-frame-options']).toBeUndefined();
    const html = await res.text();
    expect(html).not.toMatch(/x-frame-options/i);
    expect(html).not.toMatch(/frame-ancestors/i);
  });

  it('has no accessibility violations, in light and dark', async () => {
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    const dark = await openBrowser({ colorScheme: 'dark', viewport: { width: 640, height: 480 } });
    try {
      const p = await newPage(dark);
      await p.goto(siteUrl(`/embed/${SAMPLE}/`), { waitUntil: 'networkidle' });
      const vd = await runAxe(p);
      expect(vd, formatViolations(vd)).toEqual([]);
      expectNoProblems(p);
    } finally {
      await dark.close();
    }
  });

  it('loads with no console errors, page errors, failed or off-origin requests', () => {
    expectNoProblems(page);
  });
});

describe('embed of any state /embed/#s=…', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 640, height: 480 } });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('decodes the link, runs the chain in the browser and shows the same verdict as the scenario page', async () => {
    const page = await newPage(ctx);
    const fragment = await sampleFragment(page);
    await page.goto(siteUrl(`/embed/${fragment}`), { waitUntil: 'networkidle' });
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain(SAMPLE_VERDICT);
    expect(await page.locator('h1').innerText()).toBe(SAMPLE_TITLE);
    expect(await page.locator('[data-testid="stages"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual([
      'pass', 'pass', 'pass', 'fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped',
    ]);
    // The same "what went wrong" box as the static embed, under the verdict.
    const problem = page.getByTestId('embed-problem');
    expect(await problem.locator('a.wil-code').innerText()).toBe('AADSTS700211');
    expect(await problem.locator('.wil-problem__fix').count()).toBe(1);
    const open = page.getByTestId('embed-open');
    expect(await open.getAttribute('href')).toBe(`/playground/${fragment}`);
    expect(await open.getAttribute('target')).toBe('_blank');
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
    await page.close();
  });

  it('re-runs when the fragment changes', async () => {
    const page = await newPage(ctx);
    const fragment = await sampleFragment(page);
    await page.goto(siteUrl(`/embed/${fragment}`), { waitUntil: 'networkidle' });
    await page.getByTestId('verdict').waitFor();
    const healthy = await encodeShare(namedScenarioShare({ title: 'Healthy', world: {} }));
    await page.evaluate((h) => (location.hash = `s=${h}`), healthy);
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-outcome')).toBe('granted');
    expect(await page.locator('h1').innerText()).toBe('Healthy');
    expect(await page.getByTestId('embed-problem').count()).toBe(0);
    expectNoProblems(page);
    await page.close();
  });

  it.each([
    ['garbage', '#s=garbage', /not a Workload Identity Lab share link/],
    ['a newer format', '#s=2.eyJ4IjoxfQ', /made by a newer version/],
    ['damaged base64url', '#s=1.abc$def', /not valid base64url/],
    ['cut-off data', '#s=1.JY_NboMwEIRfBe0ZAyaEH9', /could not be decompressed|not valid base64url/],
    ['an invalid scenario', '', /not valid: .*unknown field "serviceAcount"/],
    ['no fragment at all', '#', /holds no scenario/],
  ] as const)('a link with %s shows a clear message, and nothing crashes', async (_name, given, message) => {
    const fragment = given || `#s=${await encodeShare({ schema: 1, title: 'typo', world: { serviceAcount: { name: 'x' } } })}`;
    const page = await newPage(ctx);
    await page.goto(siteUrl(`/embed/${fragment}`), { waitUntil: 'networkidle' });
    const error = page.getByTestId('embed-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(message);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('verdict').count()).toBe(0);
    expectNoProblems(page);
    await page.close();
  });
});

describe('embeds are kept out of search engines', () => {
  it('the sitemap lists the site\'s pages but no embed; every embed page, /embed/ too, says noindex and names its full page', async () => {
    const ctx = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await newPage(ctx);
      const index = await page.request.get(siteUrl('/sitemap-index.xml'));
      expect(index.status()).toBe(200);
      const maps = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
      expect(maps.length).toBeGreaterThan(0);
      const locs: string[] = [];
      for (const map of maps) {
        const res = await page.request.get(siteUrl(map));
        expect(res.status(), map).toBe(200);
        locs.push(...[...(await res.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname));
      }
      expect(locs).toEqual(expect.arrayContaining(['/', '/scenarios/', `/scenarios/${SAMPLE}/`, '/errors/', '/learn/']));
      expect(locs.filter((l) => l.startsWith('/embed/'))).toEqual([]);
      for (const [path, canonical] of [['/embed/', '/playground/'], [`/embed/${SAMPLE}/`, `/scenarios/${SAMPLE}/`]] as const) {
        await page.goto(siteUrl(path));
        expect(await page.locator('meta[name="robots"]').getAttribute('content'), path).toBe('noindex');
        expect(new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!).pathname, path).toBe(canonical);
      }
      await page.close();
    } finally {
      await ctx.close();
    }
  });
});

describe('embeds inside an iframe on another origin', () => {
  let ctx: BrowserContext;
  let server: Server;
  let parentUrl: string;
  let fragment: string;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 900, height: 1200 } });
    const p = await newPage(ctx);
    fragment = await sampleFragment(p);
    await p.close();
    // A blog page on a second localhost port: a different origin from the site under test.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,"></head>
<body><h1>My post</h1>
<iframe id="static" src="${siteUrl(`/embed/${SAMPLE}/`)}" title="Workload Identity Lab: ${SAMPLE_TITLE}" width="100%" height="${EMBED_HEIGHT}" style="border:0"></iframe>
<iframe id="hash" src="${siteUrl(`/embed/${fragment}`)}" title="Workload Identity Lab: shared state" width="100%" height="${EMBED_HEIGHT}" style="border:0"></iframe>
</body></html>`;
    server = createServer((req, res) => {
      if (req.url === '/post/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    parentUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/post/`;
    expect(new URL(parentUrl).origin).not.toBe(new URL(siteUrl('/')).origin);
  });

  afterAll(async () => {
    await ctx?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('both embeds load in cross-origin frames and show the verdict', async () => {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(parentUrl, { waitUntil: 'networkidle' });
    const frameAt = (id: string): Frame => {
      const want = id === 'static' ? siteUrl(`/embed/${SAMPLE}/`) : siteUrl(`/embed/${fragment}`);
      const f = page.frames().find((fr) => fr !== page.mainFrame() && fr.url() === want);
      if (!f) throw new Error(`frame ${id} not found among ${page.frames().map((fr) => fr.url()).join(', ')}`);
      return f;
    };
    for (const id of ['static', 'hash']) {
      const frame = frameAt(id);
      const verdict = frame.getByTestId('verdict');
      await verdict.waitFor({ timeout: 20_000 });
      expect(await verdict.innerText(), id).toContain(SAMPLE_VERDICT);
      expect(await frame.evaluate(() => window.top !== window.self), id).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the parent page records no failed requests for the frames', async () => {
    const page = await newPage(ctx);
    await page.goto(parentUrl, { waitUntil: 'networkidle' });
    // Only the parent document itself is off the site's origin; every frame request succeeded.
    const p = pageProblems(page);
    expect(p.failedRequests).toEqual([]);
    expect(p.pageErrors).toEqual([]);
    expect(p.offOriginRequests.filter((r) => !r.startsWith(`GET ${parentUrl}`))).toEqual([]);
    await page.close();
  });
});
