/**
 * Shared helpers for the e2e tests (vitest + playwright-core + /usr/bin/chromium).
 *
 * Typical use:
 * ```ts
 * let ctx: BrowserContext;
 * beforeAll(async () => { ctx = await openBrowser(); });
 * afterAll(async () => { await ctx?.close(); });
 *
 * it('loads cleanly', async () => {
 *   const page = await newPage(ctx);
 *   await page.goto(siteUrl('/playground/'));
 *   await expectMonacoStyled(page);
 *   expect(await runAxe(page), formatViolations(await runAxe(page))).toEqual([]);
 *   expectNoProblems(page);
 * });
 * ```
 * The site is served by ./global-setup.ts; its base URL reaches the tests through `inject('baseUrl')`.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result as AxeResult } from 'axe-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page, type Request } from 'playwright-core';
import { expect, inject } from 'vitest';
import type {} from './global-setup.ts'; // brings the `ProvidedContext.baseUrl` type into scope

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

/** The axe-core tags checked by {@link runAxe}: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Base URL of the site under test, with a trailing slash (e.g. `http://127.0.0.1:41234/`). */
export function baseUrl(): string {
  const url = inject('baseUrl');
  if (!url) throw new Error('e2e: no baseUrl provided; run through `npm run test:e2e` (vitest.e2e.config.ts)');
  return url;
}

/** Absolute URL of a site path: `siteUrl('/playground/')` → `http://127.0.0.1:41234/playground/`. */
export function siteUrl(path = '/'): string {
  return new URL(path, baseUrl()).href;
}

/** Launch options accepted by {@link openBrowser} (a subset of playwright's persistent-context options). */
export type OpenBrowserOptions = Omit<
  NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
  'executablePath' | 'headless' | 'args'
>;

/**
 * Launches headless Chromium with a persistent context in a fresh temporary profile directory
 * (deleted when the context closes). `options` go to playwright's `launchPersistentContext`, e.g.
 * `{ viewport: { width: 390, height: 844 }, hasTouch: true }`, `{ colorScheme: 'dark' }` or
 * `{ reducedMotion: 'reduce' }`. Defaults: 1280×800 viewport, locale en-US, timezone UTC.
 * Close it with `await ctx.close()` (in `afterAll`). Throws if Chromium is missing.
 */
export async function openBrowser(options: OpenBrowserOptions = {}): Promise<BrowserContext> {
  const profileDir = mkdtempSync(join(tmpdir(), 'wil-e2e-'));
  try {
    const ctx = await chromium.launchPersistentContext(profileDir, {
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
      ...options,
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    // Remove the profile once Chromium has exited (it writes to it while shutting down).
    const close = ctx.close.bind(ctx);
    ctx.close = async (...args: Parameters<BrowserContext['close']>) => {
      try {
        await close(...args);
      } finally {
        removeDir(profileDir);
      }
    };
    return ctx;
  } catch (err) {
    removeDir(profileDir);
    throw err;
  }
}

/** Best-effort removal of a temporary directory (a leftover in /tmp must not fail a test). */
function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // ignore
  }
}

/** What went wrong on a page while it was tracked by {@link newPage}. Each entry is a readable line. */
export interface PageProblems {
  /** `console.error(...)` messages, and browser-logged errors such as failed resource loads. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled promise rejections in the page. */
  pageErrors: string[];
  /** Requests that failed at the network level, or got an HTTP status >= 400: `"404 GET http://..."`. */
  failedRequests: string[];
  /** Requests to any origin other than the site's (data: and blob: URLs are allowed): `"GET https://..."`. */
  offOriginRequests: string[];
  /**
   * Not a problem, kept for the record: requests cancelled (`net::ERR_ABORTED`) because the document that
   * made them went away while they were in flight: its frame navigated to another document, the frame was
   * removed, or the page was closed (e.g. the favicon Chromium fetches after `load`, when a test navigates
   * on at once). A request aborted while its document is still there stays in {@link failedRequests}.
   */
  abortedByNavigation: string[];
}

const problemsByPage = new WeakMap<Page, PageProblems>();

/** True for URLs that never leave the browser or the site's origin. */
function isSameOriginOrLocal(url: string, origin: string): boolean {
  const protocol = url.slice(0, url.indexOf(':') + 1);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Opens a new tab in `ctx` and records, from then on, every console error, page error, failed request
 * (network failure or HTTP status >= 400) and request to another origin than {@link baseUrl}'s,
 * including requests from the page's workers. Read them with {@link pageProblems}; assert there are
 * none with {@link expectNoProblems}.
 */
export async function newPage(ctx: BrowserContext): Promise<Page> {
  const origin = new URL(baseUrl()).origin;
  const page = await ctx.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], offOriginRequests: [], abortedByNavigation: [] };
  problemsByPage.set(page, problems);

  // Which document of its frame made each request: a frame's generation goes up each time it starts a
  // navigation to a new document (a navigation request; same-document hash changes make none). The
  // events arrive in order, so the old document's requests, cancelled when the new one commits, carry
  // an older generation than their frame's.
  const generation = new WeakMap<Frame, number>();
  const madeBy = new WeakMap<Request, { frame: Frame; generation: number }>();
  const frameOf = (req: Request): Frame | undefined => {
    try {
      return req.frame();
    } catch {
      return undefined; // e.g. a service worker's request: no frame, so never set aside
    }
  };
  const documentGone = (req: Request): boolean => {
    if (page.isClosed()) return true;
    const by = madeBy.get(req);
    if (!by) return false;
    return by.frame.isDetached() || (generation.get(by.frame) ?? 0) > by.generation;
  };

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    problems.consoleErrors.push(url ? `${msg.text()} (at ${url}:${lineNumber})` : msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.stack ?? `${err.name}: ${err.message}`));
  page.on('request', (req) => {
    if (!isSameOriginOrLocal(req.url(), origin)) problems.offOriginRequests.push(`${req.method()} ${req.url()}`);
    const frame = frameOf(req);
    if (!frame) return;
    if (req.isNavigationRequest()) generation.set(frame, (generation.get(frame) ?? 0) + 1);
    madeBy.set(req, { frame, generation: generation.get(frame) ?? 0 });
  });
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? 'failed';
    const line = `${error} ${req.method()} ${req.url()}`;
    if (error === 'net::ERR_ABORTED' && documentGone(req)) problems.abortedByNavigation.push(line);
    else problems.failedRequests.push(line);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return page;
}

/**
 * The problems recorded so far for a page opened with {@link newPage} (live arrays, not a copy).
 * Throws if the page was not opened with {@link newPage}.
 */
export function pageProblems(page: Page): PageProblems {
  const problems = problemsByPage.get(page);
  if (!problems) throw new Error('e2e: pageProblems() needs a page opened with newPage(ctx)');
  return problems;
}

/**
 * Asserts that no console error, page error, failed request or off-origin request happened on `page`
 * since {@link newPage} (requests cancelled because their document went away are not failures: see
 * {@link PageProblems.abortedByNavigation}). `ignore` drops entries a test expects on purpose (e.g. the 404 of a page that
 * tests the not-found route): each entry is a line of {@link PageProblems}. Fails with the full list.
 */
export function expectNoProblems(page: Page, { ignore = [] }: { ignore?: RegExp[] } = {}): void {
  const keep = (lines: string[]) => lines.filter((line) => !ignore.some((re) => re.test(line)));
  const p = pageProblems(page);
  expect({
    consoleErrors: keep(p.consoleErrors),
    pageErrors: keep(p.pageErrors),
    failedRequests: keep(p.failedRequests),
    offOriginRequests: keep(p.offOriginRequests),
  }).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], offOriginRequests: [] });
}

/**
 * axe-core's browser bundle, read once per test file and evaluated in the page by {@link runAxe}. Resolved
 * from `@axe-core/playwright`'s own location, so both paths of {@link runAxe} run the same axe-core.
 */
let axeSource: string | undefined;
function axeScript(): string {
  const require = createRequire(import.meta.url);
  axeSource ??= readFileSync(createRequire(require.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page's current state with the WCAG 2.2 AA tags ({@link AXE_TAGS}) and returns
 * the violations (an empty array when the page is clean). `include`/`exclude` are CSS selectors to
 * narrow the scan. Assert with `expect(v, formatViolations(v)).toEqual([])` to get a readable failure.
 *
 * A page without frames (every page of the site) gets axe-core evaluated once per document and
 * `axe.run` called in it: the same rules, options and results as `@axe-core/playwright`'s `analyze()`,
 * which on each call evaluates axe-core's 500 KB source again, then opens a blank tab, evaluates it
 * there too and merges the frames' partial results in it (about 3–5 s more per call on 2 vCPUs; see
 * README, "CI timings"). A page with frames (e.g. a host page with the embed in an iframe from another
 * origin) still goes through `AxeBuilder`, which injects axe-core into every frame, cross-origin too.
 */
export async function runAxe(
  page: Page,
  { include, exclude }: { include?: string; exclude?: string } = {},
): Promise<AxeResult[]> {
  // resultTypes (an axe-core run option): every node of each violation is still reported, but only one
  // node is collected per pass / incomplete / inapplicable rule, results this helper never returns.
  const options = { runOnly: { type: 'tag' as const, values: [...AXE_TAGS] }, resultTypes: ['violations' as const] };
  if (page.frames().length > 1) {
    // options() replaces the run options, so it comes before withTags().
    let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags([...AXE_TAGS]);
    if (include) builder = builder.include(include);
    if (exclude) builder = builder.exclude(exclude);
    return (await builder.analyze()).violations;
  }
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axeScript());
  const context = { include: include ? [include] : [], exclude: exclude ? [exclude] : [] }; // as AxeBuilder builds it
  const results = (await page.evaluate(
    ([ctx, opts]) => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeResult[] }> } }).axe.run(ctx, opts),
    [context, options] as const,
  )) as { violations: AxeResult[] };
  return results.violations;
}

/** One readable line per axe violation and offending node: rule id, impact, help text and the target. */
export function formatViolations(violations: AxeResult[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((n) => `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} — ${n.target.join(' ')}\n    ${n.failureSummary ?? ''}`),
    )
    .join('\n');
}

/**
 * Starts Monaco in the first code editor inside `scope` (a page, or a Locator for one editor) the way a
 * user does: editors show a highlighted code view until their first focus, click or keystroke
 * (CodeEditor.tsx), so this focuses the code view's text field unless a Monaco editor is already there,
 * then waits (up to `timeout` ms, default 30 000) until Monaco has taken over.
 */
export async function startMonaco(scope: Page | Locator, { timeout = 30_000 }: { timeout?: number } = {}): Promise<void> {
  const ready = scope.locator('.code-editor[data-mode="monaco"] .view-lines').first();
  if ((await ready.count()) === 0) {
    const input = scope.locator('.code-view__input').first();
    await input.waitFor({ state: 'attached', timeout });
    // A lesson's exercise hydrates when it scrolls into view: focus its code view once React owns it.
    await input.scrollIntoViewIfNeeded();
    // (A plain loop, not expect.poll: this also runs in beforeAll hooks.)
    const deadline = Date.now() + timeout;
    while (await input.evaluate((el) => !!el.closest('astro-island[ssr]'))) {
      if (Date.now() > deadline) throw new Error(`startMonaco: the code view's island did not hydrate within ${timeout} ms`);
      await input.page().waitForTimeout(100);
    }
    await input.focus();
  }
  await ready.waitFor({ state: 'visible', timeout });
}

/**
 * Starts Monaco in `scope` ({@link startMonaco}), waits (up to `timeout` ms, default 20 000) for a visible `.monaco-editor` inside `scope` (default: the
 * whole page; pass a Locator to target one editor) and asserts that Monaco's CSS was applied: the
 * element's computed `position` is `relative` and its height is nonzero. An editor whose CSS was
 * dropped renders as a plain, unstyled block and fails this check (toolchain.md, pitfall 5).
 */
export async function expectMonacoStyled(scope: Page | Locator, { timeout = 20_000 }: { timeout?: number } = {}) {
  if ((await scope.locator('.monaco-editor').count()) === 0) await startMonaco(scope, { timeout });
  const editor = scope.locator('.monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout });
  const style = await editor.evaluate((el) => ({
    position: getComputedStyle(el).position,
    height: el.getBoundingClientRect().height,
  }));
  expect(style.position, 'Monaco CSS not applied: .monaco-editor should be position: relative').toBe('relative');
  expect(style.height, '.monaco-editor has no height').toBeGreaterThan(0);
}
