/**
 * Security: whatever a user types or a link carries is shown as text, never run or turned into markup.
 *
 * XSS payloads (an <img onerror>, a closing quote plus <script>, Mermaid label injection that tries to
 * close a node label and add a node or a `click … call` directive, `javascript:` URLs) go into the
 * federated credential's name, issuer and subject, the ServiceAccount's and the Pod's names and
 * annotations (typed into the playground's editors), and into a share link's title and world (opened in
 * the playground and in the embed). Each time: no dialog opens (page.on('dialog') records it), no element
 * or attribute is injected (no <img src=x>, no on* attribute anywhere, no script holding the payload, no
 * javascript: link), and the payload is visible as text somewhere, so the test knows it was rendered.
 *
 * Also: a 1 MB paste into an editor is refused with a message, and the page stays responsive. And the
 * Content-Security-Policy of every built page (read from dist/): present before any script, no
 * 'unsafe-inline' or 'unsafe-eval' for scripts, nothing allowed from other origins, no frame-ancestors
 * (embeds must stay frameable), and every inline script on the page allowed by its hash. The e2e suites
 * (routes.test.ts) check that no page, Monaco, Mermaid or worker actually trips it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShare } from '../../src/lib/share.ts';
import { expectNoProblems, newPage, openBrowser, siteUrl, startMonaco } from './harness.ts';
import { builtRoutes, distDir, settle } from './measure.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(2)</script>';
const MERMAID_NODE = 'A"]-->B[<img src=x onerror=alert(3)>';
const MERMAID_CLICK = 'x"]\nclick pod call alert(4)\nA["';
const JS_URL = 'javascript:alert(5)';
/** Payloads as they may appear in a one-line field (the Mermaid click directive needs its newlines). */
const PAYLOADS = [IMG, SCRIPT, MERMAID_NODE, MERMAID_CLICK, JS_URL];

/** Anything the payloads could have created in the page (or in its same-origin frames). */
async function injected(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    found.push(
      ...((await frame.evaluate(`(() => {
        const out = [];
        for (const el of document.querySelectorAll('*')) {
          for (const a of el.getAttributeNames()) if (/^on/i.test(a)) out.push(el.tagName + ' has ' + a + '="' + el.getAttribute(a) + '"');
          if (el.tagName.toLowerCase() === 'img' && /^x$|\\/x$/.test(el.getAttribute('src') || '')) out.push('img src=x');
          if (el.tagName.toLowerCase() === 'script' && /alert\\(/.test(el.textContent || '')) out.push('script with alert(');
          const href = el.getAttribute('href') || el.getAttribute('xlink:href') || '';
          if (/^\\s*javascript:/i.test(href)) out.push(el.tagName + ' links to ' + href);
        }
        return out;
      })()`)) as string[]),
    );
  }
  return found;
}

/** The page's visible text (and, for the diagram, its SVG text), to find the payloads in. */
async function pageText(page: Page): Promise<string> {
  return (await page.evaluate(
    'document.body.innerText + "\\n" + Array.from(document.querySelectorAll("svg foreignObject, svg text")).map((e) => e.textContent).join("\\n")',
  )) as string;
}

/**
 * Pastes `text` into the focused element: a `paste` event carrying the text, as the browser fires for
 * Ctrl+V (Monaco reads `clipboardData`; a paste keeps the text as it is, without auto-indent or
 * auto-closing quotes).
 */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate(`((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  })(${JSON.stringify(text)})`);
}

/** Replaces an editor's whole text with a paste. */
async function replaceEditorText(page: Page, editorId: string, text: string): Promise<void> {
  const editor = page.getByTestId(`editor-${editorId}`);
  await startMonaco(editor);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await paste(page, text);
  const shown = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' '); // Monaco draws spaces as no-break spaces
  expect(shown, 'the paste did not reach the editor').toContain(text.split('\n')[0]!.trim().slice(0, 20));
}

/** Waits until the playground has applied the edits (debounce, engine) and the diagram has been redrawn. */
async function applied(page: Page): Promise<void> {
  await page.locator('.verdict__busy:not(.is-busy)').waitFor({ state: 'attached', timeout: 10_000 });
  expect(await settle(page)).toBe(true);
}

describe('XSS payloads typed into the playground editors render as text', () => {
  let ctx: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
    page = await newPage(ctx);
    page.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    expect(await settle(page)).toBe(true);
    await startMonaco(page.getByTestId('editor-fic'));
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('in the federated credential: name, issuer and subject', async () => {
    const issuer = 'https://eastus.oic.prod-aks.azure.com/72f0c4d1-5b3e-4a8f-9c21-6d7e8f9a0b1c/c3a9e1f4-8d2b-4e6a-b5c7-1f0e9d8c7b6a/';
    const fic = [
      // Refused when written (bad name): the write-time error quotes the name.
      { name: IMG, issuer, subject: 'system:serviceaccount:dev:my-app-sa', audiences: ['api://AzureADTokenExchange'] },
      // Stored, issuer matches, subject does not: the match stage shows the subject it compared.
      { name: 'fic-two', issuer, subject: MERMAID_NODE, audiences: ['api://AzureADTokenExchange'] },
      { name: 'fic-three', issuer: JS_URL, subject: MERMAID_CLICK, audiences: [SCRIPT] },
    ];
    await replaceEditorText(page, 'fic', JSON.stringify(fic, null, 2));
    await applied(page);
    const text = await pageText(page);
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('denied');
    expect(text).toContain(`'${IMG}' is invalid`); // the write-time error names the refused credential
    expect(text).toContain(JSON.stringify(MERMAID_NODE)); // the match stage shows the subject it compared
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('in the ServiceAccount: name and annotations', async () => {
    await replaceEditorText(
      page,
      'sa',
      [
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        `  name: ${JSON.stringify(IMG)}`,
        '  namespace: dev',
        '  annotations:',
        `    azure.workload.identity/client-id: ${JSON.stringify(SCRIPT)}`,
        `    note: ${JSON.stringify(MERMAID_CLICK)}`,
      ].join('\n'),
    );
    await applied(page);
    // A name with < and spaces is not a Kubernetes name: the editor says so, quoting it as text.
    const error = await page.getByTestId('editor-sa-error').innerText();
    expect(error).toContain(IMG);
    expect(await injected(page)).toEqual([]);

    // With a valid name, the annotation payloads reach the chain (the client ID check shows the value).
    await replaceEditorText(
      page,
      'sa',
      ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: my-app-sa', '  namespace: dev', '  annotations:', `    azure.workload.identity/client-id: ${JSON.stringify(SCRIPT)}`, `    note: ${JSON.stringify(MERMAID_NODE)}`].join('\n'),
    );
    await applied(page);
    expect(await page.getByTestId('editor-sa-error').innerText()).toBe('');
    expect(await pageText(page)).toContain(SCRIPT);
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('in the Pod: name and annotations', async () => {
    await replaceEditorText(
      page,
      'pod',
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${JSON.stringify(MERMAID_NODE)}`,
        '  namespace: dev',
        '  labels:',
        '    azure.workload.identity/use: "true"',
        '  annotations:',
        `    azure.workload.identity/service-account-token-expiration: ${JSON.stringify(IMG)}`,
        'spec:',
        '  serviceAccountName: my-app-sa',
        '  containers:',
        '    - name: app',
        '      image: mcr.microsoft.com/azure-cli:latest',
      ].join('\n'),
    );
    await applied(page);
    // Not a Kubernetes name: the editor's error quotes it (JSON-escaped), as text.
    expect(await page.getByTestId('editor-pod-error').innerText()).toContain(JSON.stringify(MERMAID_NODE));
    expect(await injected(page)).toEqual([]);

    // With a valid name, the annotation reaches the chain: the webhook rejects the expiration and says why.
    await replaceEditorText(
      page,
      'pod',
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: my-app',
        '  namespace: dev',
        '  labels:',
        '    azure.workload.identity/use: "true"',
        '  annotations:',
        `    azure.workload.identity/service-account-token-expiration: ${JSON.stringify(IMG)}`,
        `    note: ${JSON.stringify(MERMAID_CLICK)}`,
        'spec:',
        '  serviceAccountName: my-app-sa',
        '  containers:',
        '    - name: app',
        '      image: mcr.microsoft.com/azure-cli:latest',
      ].join('\n'),
    );
    await applied(page);
    expect(await page.getByTestId('editor-pod-error').innerText()).toBe('');
    expect(await pageText(page)).toContain(IMG);
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('made no console errors and no requests to other origins', () => {
    expectNoProblems(page);
  });
});

describe('XSS payloads in a share link render as text', () => {
  let ctx: BrowserContext;
  let link: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1280, height: 900 } });
    ctx.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    link = await encodeShare({
      schema: 1,
      title: `${IMG} ${SCRIPT} ${MERMAID_NODE}`,
      now: '2026-01-15T10:00:00Z',
      world: {
        serviceAccount: { name: MERMAID_NODE, annotations: { 'azure.workload.identity/client-id': IMG, note: MERMAID_CLICK } },
        pod: { name: MERMAID_CLICK, annotations: { note: SCRIPT } },
        identity: {
          name: MERMAID_NODE,
          federatedCredentials: [{ name: IMG, issuer: JS_URL, subject: MERMAID_CLICK, audiences: [SCRIPT] }],
        },
        resource: { id: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${IMG}` },
      },
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  for (const path of ['/playground/', '/embed/']) {
    it(`${path}#s=… shows the title and the values as text`, async () => {
      const page = await newPage(ctx);
      try {
        await page.goto(siteUrl(`${path}#s=${link}`), { waitUntil: 'load' });
        expect(await settle(page)).toBe(true);
        const text = await pageText(page);
        expect(text, 'the link was not loaded').toContain(IMG);
        expect(text).toContain(MERMAID_NODE);
        expect(await injected(page)).toEqual([]);
        expect(dialogs).toEqual([]);
        expectNoProblems(page);
      } finally {
        await page.close();
      }
    });
  }

  it('the payload list covers every kind the issue names', () => {
    expect(PAYLOADS.some((p) => /onerror/.test(p))).toBe(true);
    expect(PAYLOADS.some((p) => p.startsWith('"><script>'))).toBe(true);
    expect(PAYLOADS.some((p) => /click \w+ call/.test(p))).toBe(true);
    expect(PAYLOADS.some((p) => p.startsWith('javascript:'))).toBe(true);
  });
});

describe('the checks above would notice an injection', () => {
  it('finds an <img onerror> that does get into the page', async () => {
    const ctx = await openBrowser();
    try {
      const page = await newPage(ctx);
      await page.goto(siteUrl('/'), { waitUntil: 'load' });
      expect(await injected(page)).toEqual([]);
      await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<p><img src=x data-test onerror="void 0"><a href="javascript:void 0">x</a></p>')`);
      const found = await injected(page);
      expect(found).toEqual(expect.arrayContaining(['img src=x', 'IMG has onerror="void 0"', 'A links to javascript:void 0']));
    } finally {
      await ctx.close();
    }
  });
});

/** True when the page answers a trivial evaluation within `ms` (its main thread is not frozen). */
async function responsive(page: Page, ms = 2000): Promise<boolean> {
  return Promise.race([page.evaluate('1').then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), ms))]);
}

/**
 * A message saying the text is too large, next to the editor (waits up to 5 s). The playground's error
 * element has the test id `editor-<id>-error`; the lesson exercises' and challenges' has the id `<id>-error`.
 */
async function sizeRefusal(page: Page, editorId: string): Promise<string> {
  const error = page.locator(`[data-testid="editor-${editorId}-error"], #${editorId}-error`).first();
  await error.getByText(/too (large|long|big)|at most|limit|[KM]B\b/i).first().waitFor({ timeout: 5_000 });
  return error.innerText();
}

describe('a 1 MB paste into a playground editor', () => {
  const ONE_LINE = `[${JSON.stringify({ name: 'big', issuer: 'https://issuer.example/', subject: 'x'.repeat(1_000_000), audiences: ['api://AzureADTokenExchange'] })}]`;
  const credential = { issuer: 'https://eastus.oic.prod-aks.azure.com/x/', subject: 'system:serviceaccount:dev:my-app-sa', audiences: ['api://AzureADTokenExchange'] };
  const MANY = JSON.stringify(Array.from({ length: 5200 }, (_, i) => ({ name: `fic-${i}`, ...credential })), null, 2);

  async function pasteInto(text: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
    const page = await newPage(ctx);
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    expect(await settle(page)).toBe(true);
    await startMonaco(page.getByTestId('editor-fic'));
    await page.getByTestId('editor-fic').locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await paste(page, text);
    return { ctx, page };
  }

  it('the payloads are about 1 MB', () => {
    expect(ONE_LINE.length).toBeGreaterThanOrEqual(1_000_000);
    expect(MANY.length).toBeGreaterThanOrEqual(1_000_000);
  });

  it('one long line: the page stays responsive', async () => {
    const { ctx, page } = await pasteInto(ONE_LINE);
    try {
      for (let i = 0; i < 6; i++) {
        expect(await responsive(page), `frozen ${i * 0.5} s after the paste`).toBe(true);
        await page.waitForTimeout(500);
      }
    } finally {
      await ctx.close();
    }
  });

  // The store applies at most 256 KB per editor (store.ts, MAX_EDITOR_BYTES): a longer text is kept as
  // typed but not parsed, and the editor says why, with both sizes.
  it('one long line is refused with a message that gives its size and the limit', async () => {
    const { ctx, page } = await pasteInto(ONE_LINE);
    try {
      const message = await sizeRefusal(page, 'fic');
      expect(message).toContain('at most 256 KB');
      expect(message).toContain(`this text is ${Math.ceil(ONE_LINE.length / 1024).toLocaleString('en-US')} KB`);
      // The last text that applied is still in effect: the default world's verdict, and no engine run on the paste.
      expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('granted');
      expect(await page.getByTestId('verdict').innerText()).toMatch(/last valid configuration/i);
      expectNoProblems(page);
    } finally {
      await ctx.close();
    }
  });

  it('5,200 credentials (1 MB) are refused with a message, and the page does not freeze', async () => {
    const { ctx, page } = await pasteInto(MANY);
    try {
      expect(await responsive(page, 3000), 'the page froze').toBe(true);
      expect(await sizeRefusal(page, 'fic')).toContain('at most 256 KB');
      await page.waitForTimeout(1000);
      expect(await responsive(page, 3000), 'the page froze').toBe(true);
      expectNoProblems(page);
    } finally {
      await ctx.close();
    }
  });

  // Lesson exercises and challenges edit through the same store: the same guard applies.
  for (const { path, scrollTo } of [
    { path: '/learn/federated-credential/', scrollTo: true }, // the exercise hydrates when scrolled to (client:visible)
    { path: '/workshop/challenges/subject-typo/', scrollTo: false },
  ]) {
    it(`${path}: the exercise's editor refuses it too, with the same message`, async () => {
      const ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
      try {
        const page = await newPage(ctx);
        await page.goto(siteUrl(path), { waitUntil: 'load' });
        const editor = page.getByTestId('editor-fic');
        if (scrollTo) await editor.scrollIntoViewIfNeeded();
        await startMonaco(editor);
        expect(await settle(page)).toBe(true);
        await startMonaco(editor);
        await editor.locator('.view-lines').click();
        await page.keyboard.press('Control+A');
        await paste(page, ONE_LINE);
        const message = await sizeRefusal(page, 'fic');
        expect(message).toContain('at most 256 KB');
        expect(message).toContain(`this text is ${Math.ceil(ONE_LINE.length / 1024).toLocaleString('en-US')} KB`);
        expect(await responsive(page, 3000), 'the page froze').toBe(true);
        expectNoProblems(page);
      } finally {
        await ctx.close();
      }
    });
  }

  it('1,150 credentials (just under the limit) apply: over a thousand write-time warnings, located, and no freeze', async () => {
    // Every credential after the first repeats its issuer and subject: a warning each, located in the text.
    // Locating them used to re-parse the whole text per warning (minutes for this paste).
    const justUnder = JSON.stringify(Array.from({ length: 1150 }, (_, i) => ({ name: `fic-${i}`, ...credential })), null, 2);
    expect(justUnder.length).toBeGreaterThan(200 * 1024);
    expect(justUnder.length).toBeLessThan(256 * 1024);
    const { ctx, page } = await pasteInto(justUnder);
    try {
      await page.locator('.warning-callout li').nth(1000).waitFor({ state: 'attached', timeout: 20_000 });
      expect(await responsive(page, 3000), 'the page froze').toBe(true);
      expect(await page.getByTestId('editor-fic-error').innerText()).toBe('');
      const warnings = page.locator('.warning-callout li');
      // 1,149 duplicates of the first (refused writes store nothing, so the 20-credential limit is never reached)
      expect(await warnings.count()).toBe(1149);
      // Located: the last duplicate is credential 1149, on its own line of the pasted text.
      const line = justUnder.split('\n').findIndex((l) => l.includes('"name": "fic-1149"'));
      expect(await warnings.last().innerText()).toContain(`Line ${line}: BadRequest`);
      expectNoProblems(page);
    } finally {
      await ctx.close();
    }
  });
});

describe('Content-Security-Policy of every built page', () => {
  const dist = distDir();
  const pages = builtRoutes(dist).map((route) => ({ route, html: readFileSync(join(dist, route.endsWith('.html') ? route : `${route}index.html`), 'utf8') }));

  /** The page's CSP meta tag content, as directive name → sources. */
  function policy(html: string): Map<string, string[]> | undefined {
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
    if (!meta) return undefined;
    return new Map(
      meta[1]!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
    );
  }

  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThan(10);
  });

  it('every page has one in <head>, before any external script', () => {
    // An inline script before the tag runs without the policy; it is still vetted by the hash check below
    // (Starlight puts its theme script first in <head>).
    const problems = pages.flatMap(({ route, html }) => {
      const at = html.search(/<meta http-equiv="content-security-policy"/i);
      if (at < 0) return [`${route}: no CSP meta tag`];
      const firstExternal = html.search(/<script[^>]*\bsrc=/i);
      const out: string[] = [];
      if (firstExternal >= 0 && firstExternal < at) out.push(`${route}: a <script src> comes before the CSP meta tag (it is not covered)`);
      if (at > html.search(/<\/head>/i)) out.push(`${route}: the CSP meta tag is not in <head>`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('scripts: self and hashes only (no unsafe-inline, no unsafe-eval); no other origin anywhere; no frame-ancestors', () => {
    for (const { route, html } of pages) {
      const p = policy(html)!;
      const script = p.get('script-src') ?? [];
      expect(script, route).toContain("'self'");
      expect(script, route).not.toContain("'unsafe-inline'");
      expect(script, route).not.toContain("'unsafe-eval'");
      expect(p.get('default-src'), route).toEqual(["'self'"]);
      expect(p.get('connect-src'), route).toEqual(["'self'"]);
      expect(p.get('object-src'), route).toEqual(["'none'"]);
      expect(p.has('frame-ancestors'), `${route}: frame-ancestors would stop embeds (and a meta CSP cannot set it)`).toBe(false);
      for (const [name, sources] of p) {
        for (const source of sources) {
          expect(/^(https?:|\*|wss?:)/i.test(source), `${route}: ${name} allows ${source}`).toBe(false);
        }
      }
    }
  });

  it('every inline script on every page is allowed by its hash', () => {
    const missing = new Map<string, string>();
    for (const { route, html } of pages) {
      const hashes = new Set(policy(html)!.get('script-src') ?? []);
      for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const type = /\btype="([^"]*)"/i.exec(m[1]!)?.[1];
        if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue; // data blocks do not run
        const hash = `'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`;
        if (!hashes.has(hash)) missing.set(hash, `${route}: ${m[2]!.trim().slice(0, 80)}`);
      }
    }
    // Astro hashes the scripts it bundles; an `is:inline` script needs its component listed in
    // astro.config.mjs (the inlineScriptHashes() sources of security.csp.scriptDirective.hashes) or its hash
    // inserted with Astro.csp.insertScriptHash().
    expect([...missing].map(([hash, where]) => `${hash} — ${where}`)).toEqual([]);
  });
});
