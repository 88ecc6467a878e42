import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorld } from '../../src/engine/index.ts';
import { encodeShare, shareScenario } from '../../src/lib/share.ts';
import { expectMonacoStyled, expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl, startMonaco } from './harness.ts';

const STAGES = [
  'admission',
  'projected-token',
  'client-lookup',
  'federation-match',
  'issuer-discovery',
  'signature',
  'lifetime',
  'access-token',
  'authorization',
];
const AFTER_MATCH = ['issuer-discovery', 'signature', 'lifetime', 'access-token', 'authorization'];

async function stageStatuses(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const id of STAGES) out[id] = await page.getByTestId(`stage-${id}`).getAttribute('data-status');
  return out;
}

async function waitForOutcome(page: Page, outcome: 'granted' | 'denied') {
  await page.locator(`[data-testid="verdict"][data-outcome="${outcome}"]`).waitFor({ timeout: 10_000 });
}

/** Waits until the diagram has finished animating the latest result. */
async function waitForDiagramIdle(page: Page) {
  await page.locator('[data-testid="diagram"][data-animating="false"] svg g.node').first().waitFor({ timeout: 15_000 });
}

/** Text of the Mermaid node for a chain node id (pod, sa, issuer, entra, mi, resource). */
async function nodeText(page: Page, node: string): Promise<string> {
  const text = await page.locator(`[data-testid="diagram"] svg g.node[id*="-flowchart-${node}-"]`).textContent();
  return (text ?? '').replace(/\s+/g, ' '); // \s includes the no-break space between symbol and word
}

/**
 * Replaces text in a Monaco editor with its find/replace widget: click into the editor, Ctrl+H, then the
 * find and replace fields, and Ctrl+Alt+Enter (replace all).
 */
async function replaceInEditor(page: Page, editor: Locator, find: string, replace: string) {
  await startMonaco(editor);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+H');
  const widget = editor.locator('.find-widget.visible');
  await widget.waitFor({ state: 'visible' });
  const findInput = widget.locator('.find-part textarea, .find-part input').first();
  const replaceInput = widget.locator('.replace-part textarea, .replace-part input').first();
  await findInput.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(find);
  await replaceInput.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(replace);
  await page.keyboard.press('Control+Alt+Enter'); // replace all
  await page.keyboard.press('Escape');
}

describe('playground /playground/', () => {
  let ctx: BrowserContext;
  let page: Page;
  let fic: Locator;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
    page = await newPage(ctx);
    const res = await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    fic = page.getByTestId('editor-fic');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('shows "Granted" with all nine stages passing for the default configuration', async () => {
    await waitForOutcome(page, 'granted');
    expect(await page.getByTestId('verdict').innerText()).toMatch(/^✓?\s*Granted/m);
    expect(await stageStatuses(page)).toEqual(Object.fromEntries(STAGES.map((id) => [id, 'pass'])));
    await waitForDiagramIdle(page);
    for (const node of ['pod', 'sa', 'issuer', 'entra', 'mi', 'resource']) expect(await nodeText(page, node)).toContain('✓ passed');
  });

  it('shows the minted token in three labelled parts, with its decoded claims', async () => {
    const jwt = (await page.getByTestId('token-jwt').innerText()).replace(/\s+/g, '');
    expect(jwt.split('.')).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload.sub).toBe('system:serviceaccount:dev:my-app-sa');
    expect(await page.getByTestId('token-signature').innerText()).toMatch(/Signature: verified/);
    expect(await page.locator('.claims').last().innerText()).toMatch(/expires in 1 h/);
  });

  it('loads Monaco styled, from the site itself', async () => {
    await expectMonacoStyled(fic);
    await expectMonacoStyled(page.getByTestId('editor-pod'));
  });

  it('fails federation-match with AADSTS700213 when the subject names another namespace, and skips later stages', async () => {
    await replaceInEditor(page, fic, 'serviceaccount:dev:', 'serviceaccount:prod:');
    // The diagram animates the new result, stage by stage.
    await page.locator('[data-testid="diagram"][data-animating="true"]').waitFor({ timeout: 5_000 });
    await waitForOutcome(page, 'denied');
    const verdict = await page.getByTestId('verdict').innerText();
    expect(verdict).toContain('Denied at Federated identity credential match — AADSTS700213');

    const statuses = await stageStatuses(page);
    expect(statuses['federation-match']).toBe('fail');
    for (const id of ['admission', 'projected-token', 'client-lookup']) expect(statuses[id]).toBe('pass');
    for (const id of AFTER_MATCH) expect(statuses[id]).toBe('skipped');
    const failing = page.getByTestId('stage-federation-match');
    expect(await failing.innerText()).toContain("No matching federated identity record found for presented assertion subject 'system:serviceaccount:dev:my-app-sa'");

    await waitForDiagramIdle(page);
    expect(await nodeText(page, 'entra')).toContain('✗ AADSTS700213');
    expect(await nodeText(page, 'mi')).toContain('– skipped');
    expect(await nodeText(page, 'resource')).toContain('– skipped');
    expect(await page.locator('[data-testid="diagram"] li[data-node="entra"]').getAttribute('data-status')).toBe('fail');
    expect(await page.locator('[data-testid="diagram"] li[data-node="mi"]').getAttribute('data-status')).toBe('skipped');
  });

  it('is granted again when the subject is typed back', async () => {
    await replaceInEditor(page, fic, 'serviceaccount:prod:', 'serviceaccount:dev:');
    await waitForOutcome(page, 'granted');
    expect(Object.values(await stageStatuses(page))).toEqual(STAGES.map(() => 'pass'));
  });

  it('"Jump to" brings each input group into view and moves focus to it', async () => {
    const nav = page.getByRole('navigation', { name: 'Configuration inputs' });
    await nav.getByRole('button', { name: 'Pod' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pod-label');
    await expect.poll(() => page.getByTestId('editor-pod').locator('h3').evaluate((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })).toBe(true);
    await nav.getByRole('button', { name: 'Cluster and identity' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.tagName)).toBe('SUMMARY');
    expect(await page.locator('details.advanced').getAttribute('open')).not.toBeNull();
    expect(await page.evaluate(() => location.hash)).not.toMatch(/^#(?!s=)/); // no fragment of its own: share links stay intact
    await nav.getByRole('button', { name: 'Credentials' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fic-label');
    await page.locator('details.advanced > summary').click(); // closed again, as the tests below expect
    expect(await page.locator('details.advanced').getAttribute('open')).toBeNull();
  });

  it('redraws without walking through the chain again when an edit changes no stage', async () => {
    await waitForDiagramIdle(page);
    const states: string[] = [];
    await page.exposeFunction('__recordUnchanged', (v: string) => states.push(v));
    await page.evaluate(() => {
      const fig = document.querySelector('[data-testid="diagram"]')!;
      new MutationObserver(() => (window as unknown as { __recordUnchanged(v: string): void }).__recordUnchanged(fig.getAttribute('data-animating') ?? '')).observe(fig, {
        attributes: true,
        attributeFilter: ['data-animating'],
      });
    });
    const before = await page.getByTestId('stage-federation-match').innerText();
    await replaceInEditor(page, fic, '"aks-dev-my-app"', '"aks-dev-my-app-2"');
    await expect.poll(() => page.getByTestId('stage-federation-match').innerText(), { timeout: 10_000 }).not.toBe(before);
    expect(await page.getByTestId('stage-federation-match').innerText()).toContain('aks-dev-my-app-2');
    await waitForDiagramIdle(page);
    expect(states).not.toContain('true');
    // Replay still walks through it.
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.locator('[data-testid="diagram"][data-animating="true"]').waitFor({ timeout: 5_000 });
    await waitForDiagramIdle(page);
  });

  it('keeps the last verdict on invalid JSON, shows the error next to the editor and marks it in Monaco', async () => {
    await startMonaco(fic);
    await fic.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' oops');
    const error = page.getByTestId('editor-fic-error');
    await error.getByText('JSON syntax error').waitFor({ timeout: 5_000 });
    expect(await error.innerText()).toMatch(/Line \d+, column \d+: JSON syntax error/);
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('granted');
    expect(await page.getByTestId('verdict').innerText()).toContain('Showing the last valid configuration');
    await fic.locator('.squiggly-error').first().waitFor({ timeout: 5_000 });

    for (let i = 0; i < ' oops'.length; i++) await page.keyboard.press('Backspace');
    await error.getByText('JSON syntax error').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByTestId('verdict').innerText()).not.toContain('Showing the last valid configuration');
  });

  it('lets the keyboard leave the editor with Esc then Tab', async () => {
    await startMonaco(fic);
    await fic.locator('.view-lines').click();
    expect(await fic.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Tab'); // Tab alone indents and stays
    expect(await fic.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Backspace'); // undo the indentation
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await fic.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    // …into the next editor, the ServiceAccount's, not past it.
    await expect.poll(() => page.locator('[data-testid="editor-sa"]').evaluate((el) => el.contains(document.activeElement))).toBe(true);
    // The hint is announced with the editor.
    const describedBy = await fic.locator('textarea, [role="textbox"]').first().getAttribute('aria-describedby');
    expect(describedBy).toContain('editor-keys');
    expect(await page.locator('#editor-keys').innerText()).toContain('Esc then Tab to leave the editor');
    expect(await page.locator('#editor-keys').getAttribute('data-editor')).toBe('monaco');
  });

  it('updates from the token request form: a 300-second expiration fails at the projected token stage', async () => {
    await page.getByLabel('Expiration (seconds)').fill('300');
    await page.locator('[data-testid="stage-projected-token"][data-status="fail"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('verdict').innerText()).toContain('Denied at Projected service account token (TokenRequest)');
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await waitForOutcome(page, 'granted');
    expect(await page.getByLabel('Expiration (seconds)').inputValue()).toBe('3600');
  });

  it('says what the Expiration field accepts when it gets another notation (1e10), and takes digits again', async () => {
    const field = page.getByLabel('Expiration (seconds)');
    const error = page.locator('#setting-expirationSeconds-error');
    await field.fill('1e10');
    await expect.poll(() => error.innerText()).toBe('Expiration: "1e10" is not read. Type digits only, such as 3600 (whole seconds, as in the manifest\'s expirationSeconds).');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('setting-expirationSeconds-error');
    await field.fill('7200');
    await expect.poll(() => error.innerText()).toBe('');
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await waitForOutcome(page, 'granted');
  });

  it('edits the rest of the world in the advanced YAML editor: an unreachable issuer fails issuer-discovery', async () => {
    const advanced = page.getByTestId('editor-advanced');
    expect(await advanced.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await advanced.locator('summary').click();
    await expectMonacoStyled(advanced);
    const historyLength = await page.evaluate(() => history.length);

    await replaceInEditor(page, advanced, 'reachable: true', 'reachable: false');
    await waitForOutcome(page, 'denied');
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS50166');
    const statuses = await stageStatuses(page);
    expect(statuses['issuer-discovery']).toBe('fail');
    expect(statuses['federation-match']).toBe('pass');
    for (const id of ['signature', 'lifetime', 'access-token', 'authorization']) expect(statuses[id]).toBe('skipped');
    expect(await page.getByTestId('stage-issuer-discovery').innerText()).toContain('AADSTS50166');
    // The address follows the state without adding history entries.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);

    // A value of the wrong type: located, marked, and the last verdict kept.
    await replaceInEditor(page, advanced, 'reachable: false', 'reachable: nope');
    const error = page.getByTestId('editor-advanced-error');
    await error.getByText('expected boolean').waitFor({ timeout: 5_000 });
    expect(await error.innerText()).toMatch(/Line \d+, column 5: cluster\.oidcIssuer\.reachable: expected boolean, received string/);
    await advanced.locator('.squiggly-error').first().waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('denied');
    expect(await page.getByTestId('verdict').innerText()).toContain('fix Cluster, identity, request, resource and role assignments to update');

    await replaceInEditor(page, advanced, 'reachable: nope', 'reachable: true');
    await waitForOutcome(page, 'granted');
    expect(Object.values(await stageStatuses(page))).toEqual(STAGES.map(() => 'pass'));
    expect(await error.innerText()).toBe('');
    // Back to the default world: the address drops the fragment.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  });

  it('has no accessibility violations (axe, WCAG 2.2 AA), granted and denied', async () => {
    await waitForDiagramIdle(page);
    const granted = await runAxe(page);
    expect(granted, formatViolations(granted)).toEqual([]);
    await replaceInEditor(page, fic, 'serviceaccount:dev:', 'serviceaccount:prod:');
    await waitForOutcome(page, 'denied');
    await waitForDiagramIdle(page);
    const denied = await runAxe(page);
    expect(denied, formatViolations(denied)).toEqual([]);
  });

  it('made no console errors, failed requests or requests to other origins', () => {
    expectNoProblems(page);
  });
});

describe('playground with reduced motion, dark theme and a narrow screen', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce', colorScheme: 'dark' });
    page = await newPage(ctx);
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('shows the final diagram at once, without animating', async () => {
    await waitForOutcome(page, 'granted');
    const states: string[] = [];
    await page.exposeFunction('__recordAnimating', (v: string) => states.push(v));
    await page.evaluate(() => {
      const fig = document.querySelector('[data-testid="diagram"]')!;
      new MutationObserver(() => (window as unknown as { __recordAnimating(v: string): void }).__recordAnimating(fig.getAttribute('data-animating') ?? '')).observe(fig, {
        attributes: true,
        attributeFilter: ['data-animating'],
      });
    });
    await page.getByLabel('Audience').fill('api://SomethingElse');
    await waitForOutcome(page, 'denied');
    await waitForDiagramIdle(page);
    expect(states).not.toContain('true');
    expect(await nodeText(page, 'pod')).toContain('✓ passed');
  });

  it('Copy link falls back to a selected read-only field when the clipboard refuses', async () => {
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByLabel('Link to this configuration');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/playground\/#s=1\.[A-Za-z0-9_-]+$/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    // Selected and focused, so Ctrl+C copies it.
    expect(await field.evaluate((el: HTMLInputElement) => [document.activeElement === el, el.selectionStart, el.selectionEnd])).toEqual([true, 0, url.length]);
    expect(await page.getByTestId('copy-link-status').innerText()).toMatch(/^Copy the selected link below/);
    // The address already follows the state (replaceState), so it is the same link.
    expect(await page.evaluate(() => location.href)).toBe(url);
    // The link holds the edited audience: opened in another tab, it reproduces the denied verdict.
    const other = await newPage(ctx);
    await other.goto(url, { waitUntil: 'load' });
    await other.getByTestId('shared-banner').waitFor();
    expect(await other.getByLabel('Audience').inputValue()).toBe('api://SomethingElse');
    await waitForOutcome(other, 'denied');
    expectNoProblems(other);
    await other.close();
  });

  it('is axe clean in dark mode on a narrow screen, with no problems', async () => {
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
  });
});

describe('playground before Monaco: the code view', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('shows highlighted code with line numbers, loads no Monaco until the editor is used, and keeps every keystroke typed while Monaco loads', async () => {
    const page = await newPage(ctx);
    const monacoRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/_astro\/(monaco|editor\.api|editor\.worker)[.-][\w-]+\.js$/.test(r.url())) monacoRequests.push(r.url());
    });
    // Hold Monaco's chunk back for 1.5 s, so that the typing below certainly happens before Monaco exists.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/_astro\/monaco[.-][\w-]+\.js$/, async (route) => {
      // Held until the test has typed (not on a timer: under load a timer ran out first and Monaco was there).
      await Promise.race([held, new Promise((r) => setTimeout(r, 45_000))]);
      await route.continue();
    });
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    await waitForOutcome(page, 'granted');
    const fic = page.getByTestId('editor-fic');
    const view = fic.locator('.code-view');
    await view.waitFor();
    // Highlighted like the editor: Prism token classes, one numbered row per line, Monaco's font metrics.
    expect(await view.locator('.tok-property').count()).toBeGreaterThan(3);
    const input = fic.locator('.code-view__input');
    const text = await input.inputValue();
    expect(await view.locator('.code-view__ln').count()).toBe(text.split('\n').length);
    const metrics = await view.evaluate((el) => ({ font: getComputedStyle(el).fontSize, line: getComputedStyle(el).lineHeight }));
    expect(metrics).toEqual({ font: '13px', line: '19px' });
    expect(await input.getAttribute('aria-label')).toBe('Federated identity credentials (JSON)');
    await page.waitForTimeout(500);
    expect(monacoRequests, 'Monaco before any interaction').toEqual([]);
    const firstLineLeft = async (sel: string) => fic.evaluate((el, s) => {
      const line = el.querySelector(s);
      const r = document.createRange();
      r.selectNodeContents(line!);
      return r.getClientRects()[0]!.left - el.getBoundingClientRect().left;
    }, sel);
    const leftBefore = await firstLineLeft('.code-view__code');

    // Click at the end of the subject's line and type at once, while Monaco's chunk is held back.
    const subjectLine = text.split('\n').findIndex((l) => l.includes('"subject"'));
    await input.click();
    await input.evaluate((el: HTMLTextAreaElement, n) => {
      const lines = el.value.split('\n');
      const end = lines.slice(0, n + 1).join('\n').length - 2; // before the closing quote and comma
      el.setSelectionRange(end, end);
    }, subjectLine);
    expect(await fic.locator('.code-editor').getAttribute('data-mode')).toBe('loading');
    await page.keyboard.type('-typed', { delay: 20 });
    await page.keyboard.insertText('+pasted');
    expect(await page.locator('.monaco-editor').count(), 'Monaco was there already: the test typed into Monaco').toBe(0);
    expect(await input.inputValue()).toContain('my-app-sa-typed+pasted"');
    release();

    // Monaco takes over with every character, the caret where it was, and the focus.
    await fic.locator('.code-editor[data-mode="monaco"]').waitFor({ timeout: 30_000 });
    await expectMonacoStyled(fic);
    const shown = (await fic.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    expect(shown).toContain('my-app-sa-typed+pasted"');
    expect(await fic.evaluate((el) => !!document.activeElement?.closest('.monaco-editor') && el.contains(document.activeElement))).toBe(true);
    await page.keyboard.type('!');
    await expect.poll(async () => (await fic.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('my-app-sa-typed+pasted!"');
    // The verdict followed the typing (the subject no longer matches), and nothing moved sideways.
    await waitForOutcome(page, 'denied');
    expect(Math.abs((await firstLineLeft('.view-line span')) - leftBefore), 'the text moved when Monaco took over').toBeLessThanOrEqual(1);
    expectNoProblems(page);
    await page.close();
  });

  it('a second editor clicked once Monaco is loaded takes the focus and the caret where it was clicked: nothing typed is lost', async () => {
    // GitHub's playground: the workflow job editor starts Monaco, then the credentials editor is clicked.
    // (Before the fix Monaco was ready within the press, the pressed code view was swapped out before the
    // press focused it, focus fell to <main> and the typing went nowhere.)
    const page = await newPage(ctx);
    await page.goto(siteUrl('/playground/?provider=github-entra'), { waitUntil: 'load' });
    await waitForOutcome(page, 'granted');
    await startMonaco(page.getByTestId('editor-workflow'));
    const fic = page.getByTestId('editor-fic');
    const input = fic.locator('.code-view__input');
    const text = await input.inputValue();
    expect(await fic.locator('.code-editor').getAttribute('data-mode')).toBe('code');
    // Press on the subject's line, after its value: the caret goes to that line's end.
    const subjectLine = text.split('\n').findIndex((l) => l.includes('"subject"'));
    const row = fic.locator('.code-view__line').nth(subjectLine);
    const box = (await row.count()) ? await row.boundingBox() : null;
    const inputBox = (await input.boundingBox())!;
    const y = box ? box.y + box.height / 2 : inputBox.y + (subjectLine + 0.5) * 19 + 8;
    await page.mouse.click(inputBox.x + inputBox.width - 20, y);
    await fic.locator('.code-editor[data-mode="monaco"]').waitFor({ timeout: 30_000 });
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('-x');
    expect(await fic.evaluate((el) => el.contains(document.activeElement) && !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
    await expect.poll(async () => (await fic.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')).toMatch(/"subject": "[^"]*-x",/);
    await waitForOutcome(page, 'denied');
    expectNoProblems(page);
    await page.close();
  });
});

describe('playground on a touch device', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    page = await newPage(ctx);
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('uses plain text editors instead of Monaco, and they drive the chain', async () => {
    await waitForOutcome(page, 'granted');
    const textarea = page.getByTestId('editor-fic').locator('textarea');
    expect(await textarea.count()).toBe(1);
    await textarea.fill((await textarea.inputValue()).replace('serviceaccount:dev:', 'serviceaccount:prod:'));
    await waitForOutcome(page, 'denied');
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700213');
    expect(await page.locator('.monaco-editor').count()).toBe(0);
  });

  it("the keyboard hint describes the plain text fields, not Monaco's keys, and the editors still name it", async () => {
    const hint = page.locator('#editor-keys');
    expect(await hint.getAttribute('data-editor')).toBe('text');
    const text = await hint.innerText();
    expect(text).toMatch(/plain text fields/);
    expect(text).not.toMatch(/Esc|Ctrl|indents/);
    expect(await hint.locator('kbd').count()).toBe(0);
    const describedBy = await page.getByTestId('editor-fic').locator('textarea').getAttribute('aria-describedby');
    expect(describedBy?.split(/\s+/)).toContain('editor-keys');
  });

  it('is axe clean with no problems', async () => {
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
  });
});

describe('playground opened from a scenario that changes the cluster', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('a scenario that changes the cluster opens the advanced section, where it can be fixed', async () => {
    const scenarioPage = await newPage(ctx);
    await scenarioPage.goto(siteUrl('/scenarios/issuer-storage-blocks-public-access/'), { waitUntil: 'load' });
    const href = await scenarioPage.getByTestId('open-playground').getAttribute('href');
    const page = await newPage(ctx);
    await page.goto(siteUrl(href!), { waitUntil: 'load' });
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS50166');
    const advanced = page.getByTestId('editor-advanced');
    // The link's world is applied after hydration, and the section opens on the render after that.
    await expect.poll(() => advanced.evaluate((el) => (el as HTMLDetailsElement).open), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('scenario-info').innerText()).toContain('It also changes cluster in');
    await page.getByRole('button', { name: 'Show that section' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('advanced-summary');
    await expectMonacoStyled(advanced);
    expect((await advanced.locator('.view-lines').innerText()).replace(/\s+/g, '')).toContain('reachable:false');
    await replaceInEditor(page, advanced, 'reachable: false', 'reachable: true');
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: 10_000 });
    expectNoProblems(page);
  });
});

describe('playground: two federated credentials with the same name, and an http issuer', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('says the later credential overwrote the earlier one (names address the resource), and warns about http as uncertain, without calling either refused', async () => {
    const world = defaultWorld();
    const good = world.identity.federatedCredentials[0]!;
    // The same name twice: the later entry (issuer without the trailing slash) replaces the correct one.
    world.identity.federatedCredentials = [good, { ...good, issuer: good.issuer.replace(/\/$/, '') }, { ...good, name: 'plain-http', issuer: 'http://issuer.example/' }];
    const fragment = await encodeShare(shareScenario(defaultWorld(), world, { title: 'Same name twice', now: '2026-01-15T10:00:00Z' }));
    const page = await newPage(ctx);
    await page.goto(siteUrl(`/playground/#s=${fragment}`), { waitUntil: 'load' });
    await waitForOutcome(page, 'denied');
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700211');
    const notes = page.getByTestId('config-notes');
    await notes.waitFor();
    const text = await notes.innerText();
    expect(text).toContain('Accepted when saved, but note');
    expect(text).toMatch(/Overwritten identity\.federatedCredentials\[1\]: A credential named '.+' was already stored \(identity\.federatedCredentials\[0\]\)\. The name addresses the credential, so this write updated it in place/);
    expect(text).toMatch(/InsecureIssuer identity\.federatedCredentials\[2\]\.issuer: .*http, not https/);
    expect(await notes.getByTestId('config-error-uncertain').count()).toBe(1);
    expect(await page.getByTestId('config-errors').count()).toBe(0);
    expect(await page.getByText('Refused when saved').count()).toBe(0);
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
  });
});
