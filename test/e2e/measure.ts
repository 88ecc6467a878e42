/**
 * Measurements of the built site in Chromium, shared by the byte budgets (test/e2e/budgets.test.ts, run
 * by `npm test`) and the benchmark (scripts/bench.ts, `npm run bench`).
 *
 * Free of vitest on purpose (the bench runs it with plain `tsx`): pass in a playwright `BrowserContext`
 * (from `openBrowser()` in harness.ts, or {@link launchChromium} here).
 *
 * Units: bytes for sizes, milliseconds for times. "gzip" sizes are computed here with node:zlib
 * (default level 6) on each response body separately, the way a static host compresses each file; the
 * test server itself does not compress.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';


/**
 * Launches headless Chromium (`CHROMIUM_PATH` or /usr/bin/chromium) with a fresh temporary profile,
 * removed on `close()`. `options` go to playwright's `launchPersistentContext` (viewport, colorScheme,
 * reducedMotion, ...). Default viewport 1280×800.
 */
export async function launchChromium(
  options: Omit<NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>, 'executablePath' | 'headless' | 'args'> = {},
): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'wil-bench-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    ...options,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const close = ctx.close.bind(ctx);
  ctx.close = async (...args: Parameters<BrowserContext['close']>) => {
    try {
      await close(...args);
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  };
  return ctx;
}

/** Gzip size (node:zlib, default level) of a body. */
export function gzipSize(body: Uint8Array | string): number {
  return gzipSync(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).length;
}

/**
 * Site routes of a built `dist/`: one per `index.html`, as a path with a trailing slash (`/`,
 * `/errors/`, `/scenarios/healthy/`, ...), plus `/404.html` when the site has a not-found page; sorted.
 * Only HTML pages; `/og/*.png` and other files are not routes.
 */
export function builtRoutes(distDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html') {
        const rel = relative(distDir, dir).split(sep).join('/');
        out.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(distDir);
  // The not-found page is a page too (served for unknown paths; requested directly here).
  if (existsSync(join(distDir, '404.html'))) out.push('/404.html');
  return out.sort();
}

/** One file the page loaded. */
export interface LoadedFile {
  url: string;
  /** Playwright's resource type (`document`, `script`, `stylesheet`, `image`, `font`, `other`, ...). */
  type: string;
  contentType: string;
  raw: number;
  gzip: number;
}

/** Byte totals of one kind of content. */
export interface ByteTotals {
  raw: number;
  gzip: number;
  count: number;
}

/** What a page loaded before any interaction. */
export interface PageBytes {
  path: string;
  /** False when the page had not settled (see {@link settle}) within 30 s: the figures may be short. */
  settled: boolean;
  /** JavaScript files (script resources, module preloads, dynamic imports, worker scripts). */
  js: ByteTotals;
  /** Inline `<script>` elements (not JSON data blocks) in the page's HTML: already counted in `all`. */
  inlineJs: ByteTotals;
  /** `js` + `inlineJs`: all JavaScript the browser had to parse. */
  jsTotal: ByteTotals;
  /** Every response body: HTML, CSS, JS, fonts, images. */
  all: ByteTotals;
  files: LoadedFile[];
}

/** True when a response is JavaScript (by content type, or `.js`/`.mjs` URL as a fallback). */
export function isJavaScript(file: Pick<LoadedFile, 'url' | 'contentType'>): boolean {
  if (/javascript|ecmascript/i.test(file.contentType)) return true;
  const path = file.url.split(/[?#]/)[0] ?? '';
  return /\.m?js$/i.test(path);
}

function totals(files: { raw: number; gzip: number }[]): ByteTotals {
  return { raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0), count: files.length };
}

/**
 * Polls `expression` (JavaScript source, evaluated in the page) every `intervalMs` until it is truthy;
 * resolves `true`, or `false` after `timeoutMs`. Used instead of playwright's `waitForFunction`, which
 * compiles its predicate with `new Function` inside the page: the site's Content-Security-Policy (no
 * 'unsafe-eval') refuses that and reports a `securitypolicyviolation`. `page.evaluate` is not affected.
 */
export async function pollUntil(page: Page, expression: string, { timeoutMs = 30_000, intervalMs = 100 } = {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return true;
    if (Date.now() >= deadline) return false;
    await page.waitForTimeout(intervalMs);
  }
}

/** Live request counters of a page (see {@link trackNetwork}). */
interface NetworkState {
  inFlight: number;
  started: number;
  last: number;
}
const trackers = new WeakMap<Page, NetworkState>();

/**
 * Starts counting a page's requests (including its workers'): call it right after `newPage()`, before
 * `goto`, so that {@link waitForNetworkQuiet} also sees requests that started before it was called.
 */
export function trackNetwork(page: Page): void {
  if (trackers.has(page)) return;
  const state: NetworkState = { inFlight: 0, started: 0, last: Date.now() };
  trackers.set(page, state);
  page.on('request', () => {
    state.inFlight++;
    state.started++;
    state.last = Date.now();
  });
  const end = () => {
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.last = Date.now();
  };
  page.on('requestfinished', end);
  page.on('requestfailed', end);
}

/**
 * Waits until no request has been in flight for `quietMs` (default 1000), or `timeoutMs` passed
 * (default 30 000). Counts the page's and its workers' requests; requests that started before the
 * call are only seen when the page was passed to {@link trackNetwork} first. With `idle`, also waits
 * for the main thread to go idle (`requestIdleCallback`) and starts over if new requests started
 * meanwhile: a page busy evaluating a large chunk makes no requests, yet is not done.
 */
export async function waitForNetworkQuiet(page: Page, { quietMs = 1000, timeoutMs = 30_000, idle = false } = {}): Promise<void> {
  trackNetwork(page);
  const state = trackers.get(page)!;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state.inFlight === 0 && Date.now() - state.last >= quietMs) {
      if (!idle) return;
      const before = state.started;
      await page.evaluate('new Promise((done) => requestIdleCallback(() => done(), { timeout: 10000 }))');
      await page.waitForTimeout(200);
      if (state.started === before && state.inFlight === 0) return;
      continue;
    }
    await page.waitForTimeout(50);
  }
}

/**
 * True (in the page) when the site's lazy parts have finished what they do on their own: every island
 * that hydrates without interaction (`client:load`, `client:idle`, `client:only`) has hydrated, no code
 * editor is still waiting for Monaco (`.code-editor[data-mode="loading"]`), no verdict is still
 * "Checking…" (`[data-outcome="pending"]`), and no diagram is still waiting for Mermaid
 * (`.diagram__placeholder`) or animating (`[data-animating="true"]`). Islands that wait for visibility
 * or a media query are not waited for, nor is their server-rendered content: that is interaction
 * (scrolling), not load.
 */
export const SETTLED_PREDICATE = `(() => {
  if (document.querySelector('astro-island[ssr][client="load"], astro-island[ssr][client="idle"], astro-island[ssr][client="only"]')) return false;
  for (const el of document.querySelectorAll('.code-editor[data-mode="loading"], [data-outcome="pending"], .diagram__placeholder, [data-animating="true"]')) {
    if (!el.closest('astro-island[ssr]')) return false; // server-rendered content of an island not hydrated yet
  }
  return true;
})()`;

/**
 * Waits until a loaded page has settled without any interaction: a page without scripts right away
 * (0.1 s for a late favicon); a page with scripts once no request has been in flight for `quietMs`
 * (default 1000) with the main thread idle AND {@link SETTLED_PREDICATE} holds (each waited for up to
 * `timeoutMs`, default 30 000), re-checked until both hold at once. Resolves `false` when it timed out.
 *
 * The byte budgets and the bench keep the default 1 s, so a chunk fetched after a pause still counts;
 * the per-route checks (routes.test.ts) pass 250 ms: they wait for what the page shows (the predicate:
 * islands hydrated, Monaco and Mermaid drawn), and the network window only has to outlast the gap
 * between one chunk and the import it triggers.
 */
export async function settle(page: Page, { timeoutMs = 30_000, quietMs = 1000 } = {}): Promise<boolean> {
  trackNetwork(page);
  const hasScripts = (await page.evaluate(`!!document.querySelector('script[src], script[type="module"], astro-island')`)) as boolean;
  if (!hasScripts) {
    await waitForNetworkQuiet(page, { quietMs: 100, timeoutMs });
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await waitForNetworkQuiet(page, { quietMs, idle: true, timeoutMs: Math.max(1, deadline - Date.now()) });
    if ((await page.evaluate(SETTLED_PREDICATE)) as boolean) {
      const state = trackers.get(page)!;
      if (state.inFlight === 0) return true;
      continue;
    }
    await pollUntil(page, SETTLED_PREDICATE, { timeoutMs: Math.max(1, deadline - Date.now()) });
  }
  return false;
}

/**
 * Opens `url` in a new tab of `ctx`, waits for `load` and until the page has settled ({@link settle}) —
 * nothing is clicked, typed or scrolled — and returns what was loaded: JS (files and inline),
 * and all bytes. `path` is only copied into the result. The tab is closed afterwards.
 */
export async function measurePageBytes(ctx: BrowserContext, url: string, path = new URL(url).pathname): Promise<PageBytes> {
  const page = await ctx.newPage();
  trackNetwork(page);
  const pending: Promise<LoadedFile | undefined>[] = [];
  const onResponse = (res: Response) => {
    pending.push(
      (async () => {
        const status = res.status();
        if (status >= 300 && status < 400) return undefined; // redirects carry no content
        try {
          const body = await res.body();
          const headers = await res.allHeaders();
          return {
            url: res.url(),
            type: res.request().resourceType(),
            contentType: headers['content-type'] ?? '',
            raw: body.length,
            gzip: gzipSize(body),
          };
        } catch {
          return undefined; // the page went away while reading (a late favicon, say)
        }
      })(),
    );
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const settled = await settle(page);
    const inline = (await page.evaluate(`Array.from(document.querySelectorAll('script:not([src])'))
      .filter((s) => { const type = (s.getAttribute('type') || '').trim().toLowerCase(); return type === '' || type === 'module' || type.includes('javascript'); })
      .map((s) => s.textContent || '')`)) as string[];
    const files = (await Promise.all(pending)).filter((f): f is LoadedFile => Boolean(f));
    const jsFiles = files.filter(isJavaScript);
    const inlineJs = inline.map((code) => ({ raw: Buffer.byteLength(code), gzip: gzipSize(code) }));
    const js = totals(jsFiles);
    const inl = totals(inlineJs);
    return {
      path,
      settled,
      js,
      inlineJs: inl,
      jsTotal: { raw: js.raw + inl.raw, gzip: js.gzip + inl.gzip, count: js.count + inl.count },
      all: totals(files),
      files,
    };
  } finally {
    page.off('response', onResponse);
    await page.close();
  }
}

/**
 * Installed with `page.addInitScript` before the playground loads: records, in `window.__wilTimeline`,
 * `performance.now()` (ms since navigation start) when the verdict first shows a result as text, when a
 * Monaco editor first appears, and when the Mermaid diagram first has an SVG. A string (not a function)
 * so that no transpiler helper leaks into the page.
 */
export const TIMELINE_INIT_SCRIPT = `(() => {
  const t = (window.__wilTimeline = {});
  try { performance.setResourceTimingBufferSize(2000); } catch {}
  const check = () => {
    const now = performance.now();
    if (t.verdict === undefined) {
      const v = document.querySelector('[data-testid="verdict"]');
      const outcome = v && v.getAttribute('data-outcome');
      if (outcome === 'granted' || outcome === 'denied') {
        t.verdict = now;
        t.verdictText = (v.textContent || '').trim();
      }
    }
    if (t.monacoEditor === undefined && document.querySelector('.monaco-editor')) t.monacoEditor = now;
    if (t.monacoReady === undefined && document.querySelector('.code-editor[data-mode="monaco"]')) t.monacoReady = now;
    if (t.diagramSvg === undefined && document.querySelector('[data-testid="diagram"] svg')) t.diagramSvg = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-outcome'] });
})();`;

/** Matches the playground's lazily loaded chunks by file name (Vite keeps the module name in it). */
export const LAZY_CHUNKS = {
  /** The Monaco editor API chunk, and the playground's Monaco setup module. */
  monaco: /\/_astro\/(editor\.api|monaco)\.[\w-]+\.js$/,
  /** Mermaid's core chunk. */
  mermaid: /\/_astro\/mermaid\.core\.[\w-]+\.js$/,
} as const;

/** When things happened on one playground load, in ms since navigation start. */
export interface PlaygroundTimeline {
  /** The verdict showed "Granted"/"Denied" as text. */
  verdict: number;
  verdictText: string;
  /** Last `responseEnd` of the Monaco chunks (see {@link LAZY_CHUNKS}); undefined when none loaded. */
  monacoChunksLoaded?: number;
  /** Last `responseEnd` of the Mermaid core chunk. */
  mermaidChunkLoaded?: number;
  /** First Monaco editor in the DOM (only after {@link firstFocus}: Monaco loads on interaction). */
  monacoEditor?: number;
  /**
   * The first focus in an editor (the FIC editor's code view), made by the measurement once the verdict
   * and the diagram were shown and the page had gone quiet; Monaco starts loading then.
   */
  firstFocus?: number;
  /** A Monaco editor had replaced the code view (`data-mode="monaco"`): ready to type into. */
  monacoReady?: number;
  /** JavaScript (gzip bytes) the page had loaded before the first focus, and in all once Monaco was ready. */
  jsGzipBeforeFocus?: number;
  jsGzipWithMonaco?: number;
  /** First diagram SVG in the DOM. */
  diagramSvg?: number;
  /** Names of the chunks matched, for the report. */
  chunks: { monaco: string[]; mermaid: string[] };
}

/**
 * Loads `url` (the playground) in a new tab of `ctx` with {@link TIMELINE_INIT_SCRIPT}, waits for the
 * verdict and the diagram and for the network to go quiet (no interaction yet), then focuses the federated
 * credentials editor (the first interaction) and waits until Monaco has replaced its code view (each wait
 * up to `timeoutMs`, default 30 000). Returns the timeline and the gzip JavaScript bytes before the focus
 * and with Monaco. Throws if the verdict never appears or a Monaco editor was there before the focus.
 */
export async function measurePlaygroundLoad(ctx: BrowserContext, url: string, { timeoutMs = 30_000 } = {}): Promise<PlaygroundTimeline> {
  const page = await ctx.newPage();
  trackNetwork(page);
  const js: { url: string; gzip: number; t: number }[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (res) => {
    reading.push(
      (async () => {
        try {
          const contentType = (await res.allHeaders())['content-type'] ?? '';
          if (!isJavaScript({ url: res.url(), contentType })) return;
          js.push({ url: res.url(), gzip: gzipSize(await res.body()), t: Date.now() });
        } catch {
          // the page went away while reading
        }
      })(),
    );
  });
  try {
    await page.addInitScript({ content: TIMELINE_INIT_SCRIPT });
    await page.goto(url, { waitUntil: 'load' });
    await pollUntil(page, `(() => { const t = window.__wilTimeline; return !!t && t.verdict !== undefined && t.diagramSvg !== undefined; })()`, { timeoutMs });
    await waitForNetworkQuiet(page, { quietMs: 500, timeoutMs });
    await Promise.all(reading);
    const jsGzipBeforeFocus = js.reduce((n, f) => n + f.gzip, 0);
    // The first interaction: focus the federated credentials editor's code view (what Tab or a click does).
    const monacoBefore = (await page.evaluate('!!document.querySelector(".monaco-editor")')) as boolean;
    await page.evaluate(`(() => { window.__wilTimeline.firstFocus = performance.now(); document.querySelector('[data-testid="editor-fic"] .code-view__input')?.focus(); })()`);
    await pollUntil(page, `!!(window.__wilTimeline && window.__wilTimeline.monacoReady !== undefined)`, { timeoutMs, intervalMs: 20 });
    await waitForNetworkQuiet(page, { quietMs: 500, timeoutMs });
    await Promise.all(reading);
    const jsGzipWithMonaco = js.reduce((n, f) => n + f.gzip, 0);
    const data = (await page.evaluate(`(() => {
      const entries = performance.getEntriesByType('resource');
      const m = entries.filter((e) => ${LAZY_CHUNKS.monaco}.test(e.name));
      const d = entries.filter((e) => ${LAZY_CHUNKS.mermaid}.test(e.name));
      return {
        t: window.__wilTimeline,
        monaco: { names: m.map((e) => e.name), end: m.length ? Math.max(...m.map((e) => e.responseEnd)) : undefined },
        mermaid: { names: d.map((e) => e.name), end: d.length ? Math.max(...d.map((e) => e.responseEnd)) : undefined },
      };
    })()`)) as {
      t: Record<string, unknown>;
      monaco: { names: string[]; end?: number };
      mermaid: { names: string[]; end?: number };
    };
    const t = data.t as { verdict?: number; verdictText?: string; monacoEditor?: number; diagramSvg?: number; firstFocus?: number; monacoReady?: number };
    if (t.verdict === undefined) throw new Error(`playground: the verdict never showed a result (${url})`);
    if (monacoBefore) throw new Error(`playground: a Monaco editor was there before any interaction (${url})`);
    return {
      verdict: t.verdict,
      verdictText: t.verdictText ?? '',
      ...(data.monaco.end !== undefined ? { monacoChunksLoaded: data.monaco.end } : {}),
      ...(data.mermaid.end !== undefined ? { mermaidChunkLoaded: data.mermaid.end } : {}),
      ...(t.monacoEditor !== undefined ? { monacoEditor: t.monacoEditor } : {}),
      ...(t.diagramSvg !== undefined ? { diagramSvg: t.diagramSvg } : {}),
      ...(t.firstFocus !== undefined ? { firstFocus: t.firstFocus } : {}),
      ...(t.monacoReady !== undefined ? { monacoReady: t.monacoReady } : {}),
      jsGzipBeforeFocus,
      jsGzipWithMonaco,
      chunks: { monaco: data.monaco.names, mermaid: data.mermaid.names },
    };
  } finally {
    await page.close();
  }
}

/** The `q`-quantile (0..1) of `values` by nearest rank on the sorted list; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * Script installed before the playground loads for {@link measureEditLatency}: records every keydown
 * (`performance.now()` at dispatch, capture phase); when the store's debounce timer (a `setTimeout` of
 * exactly `debounceMs`) fired after it; and when the verdict's `data-outcome` changed and the diagram
 * canvas got a new SVG, each both at the DOM change and at the next animation frame (when the browser
 * can first paint it).
 */
export function editInitScript(debounceMs: number): string {
  return `(() => {
  const log = (window.__wilEdits = []);
  window.addEventListener('keydown', () => { log.push({ key: performance.now() }); }, true);
  // The store's debounce timer: note when it fires (the edit is applied from then on).
  const setTimeout0 = window.setTimeout.bind(window);
  window.setTimeout = (fn, delay, ...args) => setTimeout0(typeof fn === 'function' && ${debounceMs} > 0 && delay === ${debounceMs}
    ? (...a) => { const cur = log[log.length - 1]; if (cur && cur.verdict === undefined) cur.fired = performance.now(); return fn(...a); }
    : fn, delay, ...args);
  const seen = { outcome: null, svg: null };
  new MutationObserver(() => {
    const now = performance.now();
    const cur = log[log.length - 1];
    const v = document.querySelector('[data-testid="verdict"]');
    const outcome = v && v.getAttribute('data-outcome');
    const svg = document.querySelector('[data-testid="diagram"] .diagram__canvas svg');
    if (cur && outcome !== seen.outcome && cur.verdict === undefined) {
      cur.verdict = now;
      cur.outcome = outcome;
      requestAnimationFrame(() => { cur.verdictFrame = performance.now(); });
    }
    if (cur && svg && svg !== seen.svg && cur.verdict !== undefined && cur.diagram === undefined) {
      cur.diagram = now;
      requestAnimationFrame(() => { cur.diagramFrame = performance.now(); });
    }
    seen.outcome = outcome;
    seen.svg = svg;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-outcome'] });
})();`;
}

/** One measured edit: milliseconds from the keydown to each event. */
export interface EditSample {
  key: string;
  outcome: string;
  /** The store's debounce timer fired: the edit started being applied. */
  debounceFired: number;
  /** Verdict `data-outcome` changed in the DOM. */
  verdictDom: number;
  /** The next animation frame after that (first paint that can show it). */
  verdictFrame: number;
  /** The diagram canvas got its new SVG. */
  diagramDom: number;
  diagramFrame: number;
}

/**
 * Types `edits` single keystrokes into the playground's federated credentials editor (Monaco), toggling
 * the credential's subject between right (`...:my-app-sa`, granted) and wrong (`...:my-app-sax`, denied:
 * AADSTS700213), so each keystroke flips the verdict. Waits after each edit until the verdict and the
 * diagram have changed and the page is idle. Use a context with `reducedMotion: 'reduce'`, so the diagram
 * draws the final state at once instead of animating (the animation is a deliberate ~1.6 s walk-through).
 * `debounceMs` is the store's debounce (`DEBOUNCE_MS` in store.ts), used to spot its timer. Returns one
 * sample per edit (ms since the keydown). Throws when an edit does not flip the verdict.
 */
export async function measureEditLatency(
  ctx: BrowserContext,
  url: string,
  { edits = 30, debounceMs, timeoutMs = 10_000 }: { edits?: number; debounceMs: number; timeoutMs?: number },
): Promise<EditSample[]> {
  const page = await ctx.newPage();
  trackNetwork(page);
  try {
    await page.addInitScript({ content: editInitScript(debounceMs) });
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: timeoutMs });
    const fic = page.getByTestId('editor-fic');
    // Monaco loads on the first interaction with an editor: focus the code view, wait for the swap.
    await fic.locator('.code-view__input').focus();
    await fic.locator('.code-editor[data-mode="monaco"] .monaco-editor').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="diagram"][data-animating="false"] .diagram__canvas svg').waitFor({ timeout: 30_000 });
    await waitForNetworkQuiet(page, { quietMs: 500 });

    // Cursor right after "my-app-sa" in the subject: find it with Monaco's find widget, close the widget
    // (the match stays selected) and collapse the selection to its end.
    await fic.locator('.view-lines').click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('my-app-sa"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft'); // before the closing quote
    await page.waitForTimeout(300);
    await page.evaluate('window.__wilEdits.length = 0');

    const samples: EditSample[] = [];
    for (let i = 0; i < edits; i++) {
      const key = i % 2 === 0 ? 'x' : 'Backspace';
      const expected = i % 2 === 0 ? 'denied' : 'granted';
      await page.keyboard.press(key);
      const done = await pollUntil(
        page,
        `(() => { const e = window.__wilEdits[${i}]; return !!e && e.verdictFrame !== undefined && e.diagramFrame !== undefined; })()`,
        { timeoutMs, intervalMs: 20 },
      );
      if (!done) throw new Error(`edit ${i + 1} (${key}): no verdict and diagram update within ${timeoutMs} ms`);
      const e = (await page.evaluate(`window.__wilEdits[${i}]`)) as {
        key: number;
        outcome: string;
        fired?: number;
        verdict: number;
        verdictFrame: number;
        diagram: number;
        diagramFrame: number;
      };
      if (e.outcome !== expected) throw new Error(`edit ${i + 1} (${key}): verdict became ${e.outcome}, expected ${expected}`);
      if (debounceMs > 0 && e.fired === undefined) throw new Error(`edit ${i + 1}: no ${debounceMs} ms debounce timer fired (did the store's DEBOUNCE_MS change?)`);
      samples.push({
        key,
        outcome: e.outcome,
        debounceFired: (e.fired ?? e.key) - e.key,
        verdictDom: e.verdict - e.key,
        verdictFrame: e.verdictFrame - e.key,
        diagramDom: e.diagram - e.key,
        diagramFrame: e.diagramFrame - e.key,
      });
      // Let the page settle (the "Updating…" flag clears, Monaco's JSON worker validates) before the next.
      await page.locator('.verdict__busy:not(.is-busy)').waitFor({ state: 'attached', timeout: timeoutMs });
      await page.waitForTimeout(150);
    }
    return samples;
  } finally {
    await page.close();
  }
}

/** What a typing burst cost the main thread (see {@link measureTypingBurst}). */
export interface TypingBurst {
  keystrokes: number;
  /** Durations (ms) of the long tasks (> 50 ms, the Long Tasks API) from the first keystroke until idle. */
  longTasks: number[];
  /** ms from the first keydown until the verdict showed the burst's final outcome. */
  settledMs: number;
}

/**
 * Types a burst of `keystrokes` characters (default 30, `delayMs` apart, default 35: fast typing) at the
 * end of the subject in the playground's federated credentials editor (Monaco, loaded by focusing it
 * first) and records the long tasks (> 50 ms) until the verdict has settled on "denied" (the subject no
 * longer matches) and the page is idle. Long tasks are the frames the typing drops.
 */
export async function measureTypingBurst(ctx: BrowserContext, url: string, { keystrokes = 30, delayMs = 35, timeoutMs = 20_000 } = {}): Promise<TypingBurst> {
  const page = await ctx.newPage();
  trackNetwork(page);
  try {
    await page.addInitScript({
      content: `(() => {
  const tasks = (window.__wilLongTasks = []);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true }); } catch {}
  window.addEventListener('keydown', () => { if (window.__wilBurstStart === undefined) window.__wilBurstStart = performance.now(); }, true);
})();`,
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: timeoutMs });
    const fic = page.getByTestId('editor-fic');
    await fic.locator('.code-view__input').focus();
    await fic.locator('.code-editor[data-mode="monaco"] .monaco-editor').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="diagram"][data-animating="false"] .diagram__canvas svg').waitFor({ timeout: 30_000 });
    await waitForNetworkQuiet(page, { quietMs: 500, idle: true });
    await fic.locator('.view-lines').click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('my-app-sa"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    await page.evaluate('window.__wilBurstStart = undefined');
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2).slice(0, keystrokes);
    await page.keyboard.type(text, { delay: delayMs });
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: timeoutMs });
    const settledAt = (await page.evaluate('performance.now()')) as number;
    await waitForNetworkQuiet(page, { quietMs: 300, idle: true });
    const r = (await page.evaluate('({ start: window.__wilBurstStart, tasks: window.__wilLongTasks })')) as { start: number; tasks: { start: number; duration: number }[] };
    return { keystrokes, longTasks: r.tasks.filter((t) => t.start + t.duration >= r.start).map((t) => Math.round(t.duration)), settledMs: settledAt - r.start };
  } finally {
    await page.close();
  }
}

/**
 * The built site's directory whose routes the e2e tests enumerate: `E2E_DIST` when set (use it together
 * with `E2E_BASE_URL` when testing a server you started on another build), else the repository's `dist/`.
 */
export function distDir(): string {
  return process.env.E2E_DIST ?? new URL('../../dist/', import.meta.url).pathname;
}
