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
/**
 * The share-link fragment of the sample scenario, read from its page in a throwaway tab (so the requests that
 * page leaves in flight, such as Chromium's favicon fetch, are not counted against the page under test).
 */
async function sampleFragment(ctx: BrowserContext): Promise<string> {
  const page = await ctx.newPage();
  try {
    await page.goto(siteUrl(`/scenarios/${SAMPLE}/`));
    const href = await page.getByTestId('open-playground').getAttribute('href');
    return new URL(href!, siteUrl('/')).hash;
  } finally {
    await page.close();
  }
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

  it('puts the failing stage\'s code and message right under the verdict, then the chain, then the details with the fix', async () => {
    const problem = page.getByTestId('embed-problem');
    expect(await problem.locator('h2').textContent()).toBe('What went wrong');
    expect(await problem.locator('a.wil-code').innerText()).toBe('AADSTS700211');
    expect(await problem.locator('pre').innerText()).toMatch(/^AADSTS700211: No matching federated identity record found/);
    // The message box can scroll on its own, so a keyboard can reach it.
    expect(await problem.locator('pre').getAttribute('tabindex')).toBe('0');
    const order = await page.locator('[data-testid="verdict"], [data-testid="embed-problem"], [data-testid="chain"], [data-testid="embed-more"]').evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.testid),
    );
    expect(order).toEqual(['verdict', 'embed-problem', 'chain', 'embed-more']);
    // The details region opens with why and the fix.
    const why = page.getByTestId('embed-why');
    expect(await why.innerText()).toMatch(/^Why, and the fix\s+Why: No federated identity credential/);
    expect(await why.locator('.wil-problem__fix').innerText()).toMatch(/^Fix: Set the federated credential's issuer to exactly/);
    // The stage list does not repeat the problem: the failing stage points up to it.
    const failing = page.locator('[data-testid="stages"] > li[data-status="fail"]');
    expect(await failing.locator('pre').count()).toBe(0);
    expect(await failing.locator('a[href="#what-went-wrong"]').count()).toBe(1);
  });

  it('links to the playground with the scenario\'s share link, in a new tab', async () => {
    const link = page.getByTestId('embed-playground');
    expect(await link.innerText()).toContain('Open in the playground');
    expect(await link.getAttribute('target')).toBe('_blank');
    const fragment = await sampleFragment(ctx);
    expect(await link.getAttribute('href')).toBe(`/playground/${fragment}`);
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
    const fragment = await sampleFragment(ctx);
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
    expect(await page.getByTestId('embed-why').locator('.wil-problem__fix').count()).toBe(1);
    expect(await page.getByTestId('embed-playground').getAttribute('href')).toBe(`/playground/${fragment}`);
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
    const fragment = await sampleFragment(ctx);
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
    fragment = await sampleFragment(ctx);
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

describe('fixed-height frame: what matters is in view at the snippet\'s height, 320 to 900 px wide', () => {
  let ctx: BrowserContext;
  let server: Server;
  let hostUrl: string;
  let fragment: string;
  const WIDTHS = [320, 390, 680, 900];

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 960, height: 800 } });
    fragment = await sampleFragment(ctx);
    // A blog column of a given width on another origin, holding one iframe shaped like the snippet.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://host');
      const width = Number(url.searchParams.get('w'));
      const height = Number(url.searchParams.get('h') ?? EMBED_HEIGHT);
      const src = siteUrl(url.searchParams.get('src') ?? '/');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Column</title><link rel="icon" href="data:,"></head>
<body style="margin:0"><div style="width:${width}px"><iframe src="${src.replace(/"/g, '&quot;')}" title="embed" width="100%" height="${height}" style="border:0"></iframe></div></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await ctx?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** Loads `src` in an iframe `width` px wide and `height` px high on the host page; returns the frame. */
  async function framed(page: Page, src: string, width: number, height = EMBED_HEIGHT): Promise<Frame> {
    await page.goto(`${hostUrl}?w=${width}&h=${height}&src=${encodeURIComponent(src)}`, { waitUntil: 'networkidle' });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error('no frame');
    await frame.getByTestId('verdict').waitFor({ timeout: 20_000 });
    return frame;
  }

  /** Rectangles (inside the frame) of what must be visible, and the page's and the details region's sizes. */
  function layout(frame: Frame) {
    return frame.evaluate(() => {
      const rect = (sel: string) => {
        const e = document.querySelector(sel);
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      const more = document.querySelector<HTMLElement>('[data-testid="embed-more"]')!;
      return {
        viewport: { width: innerWidth, height: innerHeight },
        pageScroll: document.documentElement.scrollHeight,
        verdict: rect('[data-testid="verdict"]'),
        verdictText: document.querySelector<HTMLElement>('[data-testid="verdict"]')!.innerText,
        code: rect('[data-testid="embed-problem"] a.wil-code'),
        message: rect('[data-testid="embed-problem"] pre'),
        chain: rect('[data-testid="chain"]'),
        nodes: [...document.querySelectorAll('[data-testid="chain"] li[data-node]')].map((n) => n.getBoundingClientRect().bottom),
        open: rect('[data-testid="embed-playground"]'),
        more: { ...rect('[data-testid="embed-more"]')!, client: more.clientHeight, scroll: more.scrollHeight },
      };
    });
  }

  for (const [label, src] of [
    ['static', `/embed/${SAMPLE}/`],
    ['#s=', 'HASH'],
  ] as const) {
    it(`${label} embed: verdict, failing code, message, chain and the playground link inside the frame; the rest scrolls in its own region`, async () => {
      const page = await newPage(ctx);
      try {
        for (const width of WIDTHS) {
          const frame = await framed(page, src === 'HASH' ? `/embed/${fragment}` : src, width);
          const m = await layout(frame);
          const at = `${label} at ${width}×${EMBED_HEIGHT}`;
          expect(m.viewport, at).toEqual({ width, height: EMBED_HEIGHT });
          // The page itself does not scroll: it is exactly as high as the frame.
          expect(m.pageScroll, at).toBeLessThanOrEqual(EMBED_HEIGHT);
          expect(m.verdictText, at).toContain(SAMPLE_VERDICT);
          for (const [name, r] of Object.entries({ verdict: m.verdict, code: m.code, chain: m.chain, open: m.open })) {
            expect(r, `${name} ${at}`).not.toBeNull();
            expect(r!.top, `${name} top ${at}`).toBeGreaterThanOrEqual(0);
            expect(r!.bottom, `${name} bottom ${at}`).toBeLessThanOrEqual(EMBED_HEIGHT);
            expect(r!.right, `${name} right ${at}`).toBeLessThanOrEqual(width);
          }
          expect(m.nodes, at).toHaveLength(6);
          for (const b of m.nodes) expect(b, `chain box ${at}`).toBeLessThanOrEqual(m.chain!.bottom + 0.5);
          // The message starts under the code and shows at least three lines before the chain.
          expect(m.message!.top, at).toBeGreaterThanOrEqual(m.code!.bottom);
          expect(m.message!.bottom - m.message!.top, at).toBeGreaterThanOrEqual(3 * 12);
          expect(m.message!.bottom, at).toBeLessThanOrEqual(m.chain!.top);
          // The details region starts inside the frame, shows a useful height, and holds more than fits.
          expect(m.more.top, at).toBeLessThan(EMBED_HEIGHT - 60);
          expect(m.more.client, at).toBeGreaterThanOrEqual(80);
          expect(m.more.scroll, at).toBeGreaterThan(m.more.client);
        }
        // Everything else is reachable by scrolling the region: its last link comes into view.
        const frame = await framed(page, src === 'HASH' ? `/embed/${fragment}` : src, 390);
        await frame.getByTestId('embed-more').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        const last = await frame.getByTestId('embed-open').evaluate((el) => el.getBoundingClientRect().bottom);
        expect(last).toBeLessThanOrEqual(EMBED_HEIGHT);
        expect(await frame.locator('[data-testid="stages"] > li').count()).toBe(9);
        // The region is focusable, so a keyboard can scroll it.
        expect(await frame.getByTestId('embed-more').getAttribute('tabindex')).toBe('0');
        expect(await frame.getByTestId('embed-more').getAttribute('aria-label')).toMatch(/^Details/);
      } finally {
        await page.close();
      }
    });
  }

  it('an older 480 px snippet still shows the verdict and the code', async () => {
    const page = await newPage(ctx);
    for (const width of [390, 680]) {
      const m = await layout(await framed(page, `/embed/${SAMPLE}/`, width, 480));
      expect(m.verdict!.bottom, `${width}×480`).toBeLessThanOrEqual(480);
      expect(m.code!.bottom, `${width}×480`).toBeLessThanOrEqual(480);
    }
    await page.close();
  });

  it('is axe clean inside a 390 px frame, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const c = await openBrowser({ colorScheme, viewport: { width: 420, height: 700 } });
      try {
        const page = await newPage(c);
        await page.goto(siteUrl(`/embed/${SAMPLE}/`), { waitUntil: 'networkidle' });
        await page.setViewportSize({ width: 390, height: EMBED_HEIGHT });
        const v = await runAxe(page);
        expect(v, `${colorScheme}: ${formatViolations(v)}`).toEqual([]);
        expectNoProblems(page);
      } finally {
        await c.close();
      }
    }
  });
});
