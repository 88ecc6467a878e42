/**
 * No raw Markdown backtick reaches a reader. The site's data prose (engine summaries and fixes, the error
 * catalogue, scenario files) marks inline code with `backticks`; pages must render those spans as <code>
 * and strip them in plain-text places (document title, meta description, Open Graph / Twitter tags,
 * truncated card lines). This scans EVERY built page (the static HTML, JavaScript off) and the views that
 * islands render in the browser (JavaScript on): the title, the description and social tags, every text
 * node outside <code>/<pre> (and script, style, editors), and the text attributes people hear or see
 * (aria-label, title, alt, placeholder).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, openBrowser, siteUrl } from './harness.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Site paths of every built HTML page (`/errors/aadsts700211/`, `/404.html`, ...). */
function builtPages(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...builtPages(path));
    else if (name.endsWith('.html')) {
      const rel = relative(DIST, path).split(sep).join('/');
      out.push(`/${rel.replace(/(^|\/)index\.html$/, '$1')}`);
    }
  }
  return out.sort();
}

/**
 * Runs in the page: every place a backtick shows as text, as "where: text". Code (<code>, <pre>, <kbd>,
 * <samp>), scripts, styles, templates, form fields' values and the Monaco editors are left out: a
 * backtick there is content, not markup.
 */
function findBackticks(): string[] {
  const hits: string[] = [];
  const cut = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 160);
  if (document.title.includes('`')) hits.push(`<title>: ${cut(document.title)}`);
  for (const m of document.querySelectorAll<HTMLMetaElement>('meta[name="description"], meta[property^="og:"], meta[name^="twitter:"]')) {
    if (m.content.includes('`')) hits.push(`<meta ${m.getAttribute('name') ?? m.getAttribute('property')}>: ${cut(m.content)}`);
  }
  const SKIP = 'code, pre, kbd, samp, script, style, template, textarea, noscript, .monaco-editor';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.nodeValue?.includes('`') || n.parentElement?.closest(SKIP)) continue;
    hits.push(`text in <${n.parentElement?.tagName.toLowerCase()}>: ${cut(n.parentElement?.textContent ?? n.nodeValue)}`);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (el.closest(SKIP)) continue;
    for (const attr of ['aria-label', 'title', 'alt', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v?.includes('`')) hits.push(`${attr} of <${el.tagName.toLowerCase()}>: ${cut(v)}`);
    }
  }
  return hits;
}

describe('no stray backticks', () => {
  let ctx: BrowserContext;
  let page: Page;

  afterAll(async () => {
    await ctx?.close();
  });

  describe('the scanner itself', () => {
    beforeAll(async () => {
      ctx = await openBrowser({ javaScriptEnabled: false });
      page = await newPage(ctx);
    });

    it('finds a backtick in the title, the meta description, text and an aria-label, and ignores code', async () => {
      await page.setContent(
        '<html><head><title>Ask for `x`</title><meta name="description" content="a `b`"></head>' +
          '<body><p>Run <code>`kubectl`</code> and <pre>`ok`</pre></p><p>Then `kubectl</p><a aria-label="use `z`" href="#">z</a></body></html>',
      );
      const hits = await page.evaluate(findBackticks);
      expect(hits).toEqual([
        '<title>: Ask for `x`',
        '<meta description>: a `b`',
        'text in <p>: Then `kubectl',
        'aria-label of <a>: use `z`',
      ]);
    });
  });

  describe('every built page, as static HTML (JavaScript off)', () => {
    const pages = builtPages();

    beforeAll(async () => {
      await ctx?.close();
      ctx = await openBrowser({ javaScriptEnabled: false });
      page = await newPage(ctx);
      // Only the HTML matters here: skip images, fonts and styles to keep 130+ pages quick.
      await page.route('**/*', (route) => {
        const type = route.request().resourceType();
        return type === 'document' ? route.continue() : route.abort();
      });
    });

    it('finds the pages (the scan is not empty)', () => {
      expect(pages.length).toBeGreaterThan(100);
      expect(pages).toContain('/errors/aadsts1002012/');
      expect(pages).toContain('/scenarios/');
      expect(pages).toContain('/scenarios/fic-subject-case-mismatch/');
    });

    it('shows no backtick in any title, description, social tag or visible text', { timeout: 240_000 }, async () => {
      const found: string[] = [];
      for (const path of pages) {
        await page.goto(siteUrl(path), { waitUntil: 'domcontentloaded' });
        for (const hit of await page.evaluate(findBackticks)) found.push(`${path}  ${hit}`);
      }
      expect(found).toEqual([]);
    });

    it('still renders the code spans of that prose as <code> (stripping them is not the fix)', async () => {
      await page.goto(siteUrl('/scenarios/fic-subject-case-mismatch/'), { waitUntil: 'domcontentloaded' });
      expect(await page.locator('.wil-uncertain code', { hasText: /^error$/ }).count()).toBeGreaterThan(0);
      await page.goto(siteUrl('/errors/aadsts1002012/'), { waitUntil: 'domcontentloaded' });
      expect(await page.title()).toContain('must ask for <resource>/.default;');
      expect(await page.locator('.lead code').first().innerText()).toBe('<resource>/.default');
    });
  });

  describe('views rendered in the browser (JavaScript on)', () => {
    /** The playground link (with the scenario in `#s=`) of a scenario page. */
    async function shareFragment(slug: string): Promise<string> {
      await page.goto(siteUrl(`/scenarios/${slug}/`));
      const href = await page.getByTestId('open-playground').getAttribute('href');
      return new URL(href!, siteUrl('/')).hash;
    }

    beforeAll(async () => {
      await ctx?.close();
      ctx = await openBrowser();
      page = await newPage(ctx);
    });

    // Scenarios whose failing stage carries prose with code spans (the catalogue's "uncertain" notes).
    for (const slug of ['fic-subject-case-mismatch', 'scope-missing-default-suffix']) {
      it(`the playground and the #s= embed of ${slug}`, async () => {
        const fragment = await shareFragment(slug);
        await page.goto(siteUrl(`/playground/${fragment}`));
        await page.locator('[data-testid^="stage-"][data-status="fail"]').waitFor();
        expect(await page.evaluate(findBackticks)).toEqual([]);
        expect(await page.locator('[data-status="fail"] .uncertain code').count()).toBeGreaterThan(0);

        await page.goto(siteUrl(`/embed/${fragment}`));
        await page.getByTestId('verdict').waitFor();
        expect(await page.evaluate(findBackticks)).toEqual([]);
      });
    }

    it('the lessons and the challenges, after their islands ran', { timeout: 180_000 }, async () => {
      const paths = builtPages().filter((p) => p.startsWith('/learn/') || p.startsWith('/workshop/challenges/') || p === '/inspect/');
      expect(paths.length).toBeGreaterThan(10);
      const found: string[] = [];
      for (const path of paths) {
        await page.goto(siteUrl(path), { waitUntil: 'networkidle' });
        for (const hit of await page.evaluate(findBackticks)) found.push(`${path}  ${hit}`);
      }
      expect(found).toEqual([]);
    });
  });
});
