/**
 * A keyboard-only run of the playground (no mouse, no element.focus()/click() from the test): Tab from the
 * top of the page into the federated credentials editor (Monaco), type an edit, leave the editor with the
 * documented escape (Ctrl+M, then Shift+Tab; Esc then Tab), reach "Reset to default" and activate it with
 * Enter. The escape hint is visible and announced with the editor (aria-describedby).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoProblems, newPage, openBrowser, siteUrl } from './harness.ts';
import { settle } from './measure.ts';

/** A short description of the focused element, for failure messages. */
async function focused(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const editor = el.closest('[data-testid^="editor-"]');
    const name = el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (name ? ' "' + name + '"' : '') + (editor ? ' in ' + editor.getAttribute('data-testid') : '');
  })()`)) as string;
}

const inEditor = (page: Page, id: string) => page.getByTestId(`editor-${id}`).evaluate((el) => el.contains(document.activeElement));

describe('playground, keyboard only', () => {
  let ctx: BrowserContext;
  let page: Page;
  const path: string[] = [];

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1440, height: 900 } });
    page = await newPage(ctx);
    await page.goto(siteUrl('/playground/'), { waitUntil: 'load' });
    expect(await settle(page)).toBe(true);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Reloads the page and presses Tab until the FIC editor has focus (asserts it gets there). */
  async function tabIntoFicFromTop() {
    await page.reload({ waitUntil: 'load' });
    expect(await settle(page)).toBe(true);
    for (let i = 0; i < 60 && !(await inEditor(page, 'fic')); i++) await page.keyboard.press('Tab');
    expect(await inEditor(page, 'fic'), await focused(page)).toBe(true);
    await monacoHasFocus();
  }

  /**
   * Tab lands in the editor's code view (a text field); that focus loads Monaco, which takes over with the
   * focus still in the editor (CodeEditor.tsx).
   */
  async function monacoHasFocus() {
    await page.locator('[data-testid="editor-fic"] .code-editor[data-mode="monaco"]').waitFor({ timeout: 30_000 });
    expect(await inEditor(page, 'fic'), `focus left the editor when Monaco took over: ${await focused(page)}`).toBe(true);
    expect(await page.evaluate('!!document.activeElement.closest(".monaco-editor")'), await focused(page)).toBe(true);
  }

  it('starts with a skip link, then reaches the federated credentials editor with Tab alone', async () => {
    await page.keyboard.press('Tab');
    path.push(await focused(page));
    expect(path[0], 'the first Tab stop').toMatch(/^a .*Skip to content/);
    for (let i = 0; i < 60 && !(await inEditor(page, 'fic')); i++) {
      await page.keyboard.press('Tab');
      path.push(await focused(page));
    }
    expect(await inEditor(page, 'fic'), `Tab path:\n${path.join('\n')}`).toBe(true);
    // Before Monaco: a labelled text field (what a screen reader announces), in the Tab order.
    expect(path[path.length - 1]).toMatch(/^textarea#fic-textarea "Federated identity credentials \(JSON\)"/);
    await monacoHasFocus();
    // The Reset button comes before the editor on the way in.
    expect(path.some((p) => /^button.*Reset to default/.test(p)), `Tab path:\n${path.join('\n')}`).toBe(true);
  });

  it('announces the way out with the editor, and shows it', async () => {
    const describedBy = (await page.evaluate('document.activeElement.getAttribute("aria-describedby")')) as string | null;
    expect(describedBy?.split(/\s+/)).toContain('editor-keys');
    for (const id of describedBy!.split(/\s+/)) expect(await page.locator(`#${id}`).count(), `aria-describedby names #${id}, which does not exist`).toBe(1);
    const hint = page.locator('#editor-keys');
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.innerText()).toMatch(/Esc then Tab to leave the editor/);
    expect(await hint.innerText()).toMatch(/Ctrl\s*\+\s*M/);
    const label = (await page.evaluate('document.activeElement.getAttribute("aria-label")')) as string | null;
    expect(label).toMatch(/Federated identity credentials/);
  });

  it('types an edit that changes the verdict', async () => {
    // Put the cursor at the end of the subject with the editor's own find (Ctrl+F), then type.
    await page.keyboard.press('Control+F');
    await page.keyboard.type('my-app-sa"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await inEditor(page, 'fic')).toBe(true);
    await page.keyboard.type('x');
    await page.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('verdict').innerText()).toContain('AADSTS700213');
  });

  it('Tab alone stays in the editor (it indents)', async () => {
    await page.keyboard.press('Tab');
    expect(await inEditor(page, 'fic')).toBe(true);
    await page.keyboard.press('Shift+Tab'); // outdent what Tab inserted
    expect(await inEditor(page, 'fic')).toBe(true);
  });

  it('Ctrl+M makes Tab move focus: Shift+Tab leaves the editor, reaches Reset, and Enter activates it', async () => {
    expect(await inEditor(page, 'fic')).toBe(true);
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Shift+Tab');
    expect(await inEditor(page, 'fic'), `still in the editor: ${await focused(page)}`).toBe(false);
    for (let i = 0; i < 10 && !/Reset to default/.test(await focused(page)); i++) await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatch(/^button.*Reset to default/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('editor-fic').locator('.view-lines').innerText()).not.toContain('my-app-sax');
  });

  it('Ctrl+M again gives Tab back to indenting', async () => {
    for (let i = 0; i < 10 && !(await inEditor(page, 'fic')); i++) await page.keyboard.press('Tab');
    expect(await inEditor(page, 'fic'), await focused(page)).toBe(true);
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Tab');
    expect(await inEditor(page, 'fic'), await focused(page)).toBe(true);
    await page.keyboard.press('Shift+Tab'); // outdent again
    expect(await inEditor(page, 'fic')).toBe(true);
  });

  // Esc then Tab / Shift+Tab must resolve the editor that has focus: Monaco shares `addCommand` keybindings
  // between editors, so a handler bound to one editor's container once moved focus from the FIC editor past
  // the ServiceAccount and Pod editors (and Shift+Tab went forwards).
  it('is back in the FIC editor after a reload and Tab from the top', async () => {
    await tabIntoFicFromTop();
  });

  it('Esc then Tab moves from the FIC editor to the next editor (ServiceAccount)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inEditor(page, 'sa'), `after Esc, Tab: ${await focused(page)}`).toBe(true);
  });

  it('is back in the FIC editor after a reload and Tab from the top (again)', async () => {
    await tabIntoFicFromTop();
  });

  it('Esc then Shift+Tab moves from the FIC editor back to the control before it (the last "Jump to" button)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page), 'after Esc, Shift+Tab').toMatch(/^button.*Cluster and identity/);
  });

  it('made no console errors or failed requests', () => {
    expectNoProblems(page);
  });
});
