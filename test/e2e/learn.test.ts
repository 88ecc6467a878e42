/**
 * The course at /learn/, taken as a learner would: every lesson's exercise is completed through the UI
 * (typing in the editors and fields, clicking, moving the clock with the keyboard), progress survives a
 * reload and shows in the sidebar, and resetting it works. The overview, the sidebar, each lesson's "Lesson n
 * of 10" and its previous/next links follow one course order (LESSONS). On every lesson page: Monaco and Mermaid are
 * not fetched before the exercise is scrolled into view (and are after, where the lesson uses them), axe
 * finds nothing (light and dark), and there are no console errors or off-origin requests.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMonacoStyled, expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl, startMonaco } from './harness.ts';

interface Lesson {
  slug: string;
  exercise: string;
  /** Chunks the exercise must load once visible. */
  loads: ('monaco' | 'mermaid')[];
}

const LESSONS: Lesson[] = [
  { slug: 'big-picture', exercise: 'remove-each-persona', loads: ['mermaid'] },
  // Right after the big picture: it says what the design is for, before the links are taken apart.
  { slug: 'why-it-matters', exercise: 'outlive-the-token', loads: [] },
  { slug: 'oidc-issuer', exercise: 'where-entra-looks', loads: [] },
  { slug: 'service-account-token', exercise: 'break-only-the-signature', loads: ['monaco'] },
  { slug: 'federated-credential', exercise: 'make-the-credential-match', loads: ['monaco'] },
  { slug: 'token-exchange', exercise: 'fix-the-token-request', loads: ['mermaid'] },
  { slug: 'managed-identity', exercise: 'grant-the-right-role', loads: ['monaco'] },
  { slug: 'troubleshooting', exercise: 'find-the-missing-token', loads: ['monaco'] },
  // Beyond AKS: the same managed identity trusted from GitHub Actions and from EKS (plain fields, no Monaco).
  { slug: 'beyond-github', exercise: 'add-an-environment', loads: [] },
  { slug: 'beyond-eks', exercise: 'trust-an-eks-cluster', loads: [] },
];

/** Build output names of the lazily loaded libraries (Vite chunk names). */
const CHUNKS: Record<'monaco' | 'mermaid', RegExp> = {
  monaco: /\/_astro\/(monaco|editor\.api|editor\.main|editor\.worker|json\.worker)[.-][\w-]+\.(js|css)$/,
  mermaid: /\/_astro\/mermaid[\w.-]*\.js$/,
};

/** Records every request URL of a page. */
function trackRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

const loaded = (urls: string[], lib: 'monaco' | 'mermaid') => urls.some((u) => CHUNKS[lib].test(new URL(u).pathname));

async function openLesson(page: Page, slug: string) {
  const res = await page.goto(siteUrl(`/learn/${slug}/`), { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  await page.waitForLoadState('networkidle');
}

/** Scrolls the exercise into view and waits for its island to hydrate. */
async function reachExercise(page: Page, id: string): Promise<Locator> {
  const heading = page.locator('h2#exercise');
  await heading.scrollIntoViewIfNeeded();
  const ex = page.getByTestId(`exercise-${id}`);
  await ex.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (exId) => {
      const el = document.querySelector(`[data-testid="exercise-${exId}"]`);
      const island = el?.closest('astro-island');
      const hydrated = !!island && !island.hasAttribute('ssr');
      // A reader keeps the exercise in view: if the page's layout moved it away (late content above it)
      // before its island saw it, scroll it back, as a person would.
      if (!hydrated && el) {
        const r = el.getBoundingClientRect();
        if (r.bottom < 0 || r.top > innerHeight) el.scrollIntoView({ block: 'center' });
      }
      return hydrated;
    },
    id,
    { timeout: 20_000 },
  );
  return ex;
}

async function expectSolved(ex: Locator) {
  await ex.locator('[data-testid="exercise-check"][data-solved="true"]').waitFor({ timeout: 15_000 });
  expect(await ex.getByTestId('exercise-check').innerText()).toMatch(/Solved/);
  // Solved on this visit: "Saved as completed" says so; the "Completed earlier" badge is for a later visit.
  await expect.poll(() => ex.getByTestId('exercise-check').innerText()).toContain('Saved as completed in this browser.');
  expect(await ex.getByTestId('exercise-completed').count()).toBe(0);
}

async function expectNotSolved(ex: Locator) {
  const check = ex.getByTestId('exercise-check');
  await expect.poll(async () => (await check.innerText()).includes('Not solved yet')).toBe(true);
  expect(await check.getAttribute('data-solved')).toBe('false');
}

/** Find-and-replace in a Monaco editor through its own widget (Ctrl+H), as a keyboard user would. */
async function replaceInEditor(page: Page, editor: Locator, find: string, replace: string) {
  await startMonaco(editor);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+H');
  const widget = editor.locator('.find-widget.visible');
  await widget.waitFor({ state: 'visible' });
  await widget.locator('.find-part textarea, .find-part input').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(find);
  await widget.locator('.replace-part textarea, .replace-part input').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(replace);
  await page.keyboard.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

/** The text Monaco shows (its model), read from the page's Monaco instance. */
async function editorText(editor: Locator): Promise<string> {
  await startMonaco(editor);
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Types into a plain text field like a person: select what is there, type the new value. */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The sidebar's ✓ marks: lesson paths marked completed. */
async function sidebarDone(page: Page): Promise<string[]> {
  return page.locator('.sidebar-content a:has([data-testid="lesson-done"])').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

const EXERCISE_STEPS: Record<string, (page: Page, ex: Locator) => Promise<void>> = {
  'add-an-environment': async (page, ex) => {
    const facts = ex.getByTestId('token-facts');
    await expect.poll(() => facts.innerText()).toContain('repo:contoso/webapp:ref:refs/heads/main');
    await expectNotSolved(ex);
    // Type the environment line under `deploy:`, as a person would: end of that line, Enter, the new key.
    const wf = ex.getByLabel('.github/workflows/deploy.yml');
    await wf.click();
    const text = await wf.inputValue();
    const at = text.indexOf('  deploy:') + '  deploy:'.length;
    await wf.evaluate((el, pos) => (el as HTMLTextAreaElement).setSelectionRange(pos, pos), at);
    await page.keyboard.press('Enter');
    await page.keyboard.type('    environment: production');
    await expect.poll(() => facts.innerText()).toContain('repo:contoso/webapp:environment:production');
    await expect.poll(() => ex.getByTestId('exercise-check').innerText()).toContain('AADSTS700213');
    await expectNotSolved(ex);
    // Fix the credential: select its subject and type the environment subject.
    const sub = ex.getByLabel('Subject identifier');
    await sub.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('repo:contoso/webapp:environment:production');
    await expectSolved(ex);
  },
  'trust-an-eks-cluster': async (page, ex) => {
    await expectNotSolved(ex);
    // A near miss first: the trailing slash is refused with AADSTS700211.
    await ex.getByLabel('The EKS issuer with a trailing slash').check();
    await ex.getByLabel('The ServiceAccount my-app-sa in namespace dev').check();
    await expect.poll(() => ex.getByTestId('exercise-check').innerText()).toContain('AADSTS700211');
    // With the keyboard: arrow keys move within the radio group.
    await ex.getByLabel('The EKS issuer as aws eks describe-cluster prints it').focus();
    await page.keyboard.press('Space');
    await expectSolved(ex);
    expect(await ex.getByTestId('eks-fic-table').innerText()).toContain('token.actions.githubusercontent.com');
  },
  async 'remove-each-persona'(page, ex) {
    const verdict = ex.getByTestId('verdict');
    await ex.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor();
    for (const name of ['ServiceAccount', 'OIDC issuer', 'Federated credential', 'Managed identity']) {
      const box = ex.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      await box.uncheck();
      await ex.locator('[data-testid="verdict"][data-outcome="denied"]').waitFor();
      expect(await verdict.innerText()).toMatch(/Denied at/);
      if (name !== 'Managed identity') {
        await expectNotSolved(ex);
        await box.check();
        await ex.locator('[data-testid="verdict"][data-outcome="granted"]').waitFor();
      }
    }
    await expectSolved(ex);
    // The diagram (Mermaid) was drawn and names the failing code.
    await ex.locator('[data-testid="diagram"] svg g.node').first().waitFor({ timeout: 15_000 });
  },

  async 'where-entra-looks'(page, ex) {
    const iss = (await ex.getByTestId('issuer-url').innerText()).trim();
    expect(iss.endsWith('/')).toBe(true);
    // A first, wrong try: an extra slash before .well-known.
    await typeInto(page, ex.getByLabel('1. URL of the discovery document'), `${iss}/.well-known/openid-configuration`);
    await ex.getByTestId('issuer-check').click();
    await expectNotSolved(ex);
    expect(await ex.locator('.answer-mark--wrong').count()).toBeGreaterThan(0);
    // Now right: read jwks_uri from the discovery document and the kid from the token header.
    await typeInto(page, ex.getByLabel('1. URL of the discovery document'), `${iss}.well-known/openid-configuration`);
    await ex.getByText('What the issuer serves at that URL').click();
    const discovery = JSON.parse(await ex.getByTestId('discovery-document').innerText()) as { jwks_uri: string };
    await typeInto(page, ex.getByLabel('2. URL of the JWKS'), discovery.jwks_uri);
    const header = JSON.parse(await ex.locator('.issuer-facts pre').innerText()) as { kid: string };
    await ex.locator('.key-option', { hasText: header.kid }).getByRole('radio').check();
    await ex.getByTestId('issuer-check').click();
    await expectSolved(ex);
  },

  async 'break-only-the-signature'(page, ex) {
    await page.getByTestId('mint-token').click();
    await page.getByTestId('token-jwt').waitFor();
    const payload = page.getByTestId('editor-payload');
    await expectMonacoStyled(payload);
    await expectNotSolved(ex);
    const minted = JSON.parse((await page.locator('.token-panel .decoded pre.json').nth(1).innerText()).trim()) as { exp: number; sub: string };
    // Changing sub is caught by the credential match, before the signature.
    await replaceInEditor(page, payload, minted.sub, 'system:serviceaccount:prod:admin-sa');
    await expect.poll(() => page.getByTestId('stage-federation-match').getAttribute('data-status')).toBe('fail');
    await expectNotSolved(ex);
    await replaceInEditor(page, payload, 'system:serviceaccount:prod:admin-sa', minted.sub);
    // Stretching exp fails only the signature.
    await replaceInEditor(page, payload, `"exp": ${minted.exp}`, `"exp": ${minted.exp + 3600}`);
    await expectSolved(ex);
    expect(await page.getByTestId('stage-federation-match').getAttribute('data-status')).toBe('pass');
    expect(await page.getByTestId('stage-signature').getAttribute('data-status')).toBe('fail');
    expect(await page.getByTestId('token-signature').innerText()).toMatch(/Signature: failed/);
  },

  async 'make-the-credential-match'(page, ex) {
    const fic = ex.getByTestId('editor-fic');
    await expectMonacoStyled(fic);
    await expectNotSolved(ex);
    expect(await ex.getByTestId('stage-federation-match').innerText()).toContain('AADSTS700211');
    // Hints come one at a time.
    const hints = ex.getByTestId('exercise-hints').locator('li');
    expect(await hints.count()).toBe(0);
    await ex.getByTestId('exercise-hint').click();
    expect(await hints.count()).toBe(1);
    await ex.getByTestId('exercise-hint').click();
    expect(await hints.count()).toBe(2);
    // Fix the issuer: append the trailing slash.
    const iss = JSON.parse((await ex.getByTestId('token-facts').locator('dd').first().innerText()).trim()) as string;
    await replaceInEditor(page, fic, `"${iss.slice(0, -1)}"`, `"${iss}"`);
    await expect.poll(async () => ex.getByTestId('stage-federation-match').innerText()).toContain('AADSTS7002138');
    // Show the solution: the attempt stays, next to it.
    await ex.getByTestId('exercise-solution-toggle').click();
    const compare = ex.getByTestId('exercise-solution');
    expect(await compare.innerText()).toContain('Your attempt');
    expect(await compare.locator('pre').first().innerText()).toContain(':Dev:');
    expect(await editorText(fic)).toContain(':Dev:');
    // Reset brings the broken start back (the slash is gone again).
    await ex.getByTestId('exercise-reset').click();
    await expect.poll(async () => ex.getByTestId('stage-federation-match').innerText()).toContain('AADSTS700211');
    await expect.poll(async () => (await editorText(fic)).includes(`${iss}"`)).toBe(false);
    // ...and folds the hints and the solution away again: a fresh start.
    expect(await hints.count()).toBe(0);
    expect(await ex.getByTestId('exercise-solution').count()).toBe(0);
    expect(await ex.getByTestId('exercise-solution-toggle').getAttribute('aria-expanded')).toBe('false');
    // Now both fixes.
    await replaceInEditor(page, fic, `"${iss.slice(0, -1)}"`, `"${iss}"`);
    await replaceInEditor(page, fic, ':Dev:', ':dev:');
    await expectSolved(ex);
  },

  async 'fix-the-token-request'(page, ex) {
    await expectNotSolved(ex);
    expect(await ex.getByTestId('stage-client-lookup').innerText()).toContain('AADSTS700016');
    const clientId = (await ex.locator('.identity-card dd').first().innerText()).trim();
    await typeInto(page, ex.getByLabel('client_id'), clientId);
    await expect.poll(async () => ex.getByTestId('stage-client-lookup').innerText()).toContain('AADSTS1002012');
    await typeInto(page, ex.getByLabel('scope'), 'https://vault.azure.net/.default');
    await expectSolved(ex);
    expect(await ex.getByTestId('exchange-request').innerText()).toContain(`client_id=${clientId}`);
    // The sequence diagram (Mermaid) further up was drawn.
    await page.getByTestId('sequence-diagram').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="sequence-diagram"][data-state="drawn"] svg').waitFor({ timeout: 15_000 });
  },

  async 'grant-the-right-role'(page, ex) {
    const roles = ex.getByTestId('editor-roles');
    await expectMonacoStyled(roles);
    await expectNotSolved(ex);
    expect(await ex.getByTestId('access-token').innerText()).toContain('"oid"');
    expect(await ex.getByTestId('stage-authorization').innerText()).toContain('ForbiddenByRbac');
    await replaceInEditor(page, roles, '"Owner"', '"Key Vault Secrets User"');
    await expectSolved(ex);
  },

  async 'outlive-the-token'(page, ex) {
    const slider = ex.getByLabel(/Time since the pod started/);
    await slider.focus();
    for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => ex.getByTestId('clock-value').innerText()).toBe('65 minutes');
    await ex.locator('[data-testid="app-cached"][data-outcome="denied"]').waitFor();
    await expectNotSolved(ex);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => ex.getByTestId('clock-value').innerText()).toBe('60 minutes');
    await expectSolved(ex);
    expect(await ex.getByTestId('app-cached').innerText()).toContain('AADSTS700024');
    expect(await ex.getByTestId('app-reread').getAttribute('data-outcome')).toBe('granted');
  },

  async 'find-the-missing-token'(page, ex) {
    const pod = ex.getByTestId('editor-pod');
    await expectMonacoStyled(pod);
    // The symptoms first: the app's error and no AZURE_* variables; the diagnosis stays folded.
    await expect.poll(() => ex.getByTestId('symptoms-log').innerText()).toContain('no client ID specified. Check pod configuration');
    expect(await ex.getByTestId('symptoms-env').innerText()).toContain('nothing');
    expect(await ex.getByTestId('diagnosis').getAttribute('open')).toBeNull();
    expect(await ex.getByTestId('stage-admission').getAttribute('data-status')).toBe('fail');
    // Click on the line "app: my-app", go to its end, and type the label on a new line.
    await pod.locator('.view-line', { hasText: 'app: my-app' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // The closing quote too, as a person types it: Monaco overtypes its auto-closed quote, and where the
    // YAML language's auto-closing has not loaded yet (a slow machine) the typed quote closes the string.
    await page.keyboard.type('azure.workload.identity/use: "true"');
    await expectSolved(ex);
    expect(await editorText(pod)).toContain('azure.workload.identity/use: "true"');
    // An unterminated string does not parse: the check says so instead of waiting ("Checking…") for good.
    await page.keyboard.press('Backspace');
    await expectNotSolved(ex);
    expect(await ex.getByTestId('exercise-check').innerText()).toContain('The Pod text is not applied');
    await page.keyboard.press('Control+Z');
    await expectSolved(ex);
    expect(await ex.getByTestId('symptoms-env').innerText()).toContain('AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/tokens/azure-identity-token');
    expect(await ex.getByTestId('diagnosis').getAttribute('open')).not.toBeNull();
  },
};

describe('the course /learn/', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('leaves / to the site, and the overview lists every lesson with links back to the site', async () => {
    const home = await newPage(ctx);
    await home.goto(siteUrl('/'), { waitUntil: 'load' });
    expect(await home.locator('[data-pagefind-body]').count()).toBe(0);
    expect(await home.locator('a[href="/learn/"]').count()).toBeGreaterThan(0);
    expect(await home.locator('script').count()).toBe(0);
    await home.close();

    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/'), { waitUntil: 'load' });
    const list = page.locator('[data-lesson-list] a');
    expect(await list.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).toEqual(LESSONS.map((l) => `/learn/${l.slug}/`));
    const sidebar = page.locator('.sidebar-content');
    for (const l of LESSONS) expect(await sidebar.locator(`a[href="/learn/${l.slug}/"]`).count(), l.slug).toBe(1);
    const lessonPaths = new Set(LESSONS.map((l) => `/learn/${l.slug}/`));
    const sidebarOrder = (await sidebar.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).filter((h) => h !== null && lessonPaths.has(h));
    expect(sidebarOrder).toEqual(LESSONS.map((l) => `/learn/${l.slug}/`));
    expect(await sidebar.locator('a[href="/learn/glossary/"]').count()).toBe(1);
    // The error-code index, outside the course but one click away.
    expect(await sidebar.locator('a[href="/errors/"]').innerText()).toBe('Error codes');
    const site = page.getByRole('navigation', { name: 'Site' }).first();
    for (const href of ['/', '/playground/', '/scenarios/']) expect(await site.locator(`a[href="${href}"]`).count(), href).toBe(1);
    expect(await page.locator('[data-wil-progress]').first().innerText()).toMatch(new RegExp(`0 of ${LESSONS.length} `));
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
    await page.close();
  });

  it('the header has the site\'s sections with Learn marked current, on one line from 800 to 1280 px; titles read "<page> · site"', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl(`/learn/${LESSONS[1]!.slug}/`), { waitUntil: 'load' });
    const header = page.locator('header.header');
    const site = header.getByRole('navigation', { name: 'Site' });
    expect(await site.locator('a').allInnerTexts()).toEqual(['Home', 'Learn', 'Playground', 'Scenarios', 'Inspect', 'Workshop']);
    expect(await site.locator('a[aria-current="page"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/learn/']);
    // The current item is not shown by colour alone: it has a bar under it.
    expect(await site.locator('a[aria-current="page"]').evaluate((a) => getComputedStyle(a).boxShadow)).toMatch(/inset/);
    expect(await page.title()).toBe(`${await page.locator('h1').first().innerText()} · Workload Identity Lab`);
    for (const width of [800, 900, 1024, 1152, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const boxes = await site.locator('a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect()).map((r) => ({ top: r.top, right: r.right })));
      expect(new Set(boxes.map((b) => Math.round(b.top))).size, `links on one line at ${width}px`).toBe(1);
      expect(Math.max(...boxes.map((b) => b.right)), `links inside the window at ${width}px`).toBeLessThanOrEqual(width);
      const headerHeight = await header.evaluate((h) => h.getBoundingClientRect().height);
      const title = await header.locator('.site-title').boundingBox();
      expect(title!.y + title!.height, `site title inside the header at ${width}px`).toBeLessThanOrEqual(headerHeight);
      expect(await header.locator('button[data-open-modal]').isVisible(), `search at ${width}px`).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    await page.close();
  });

  // retry: 1 — the troubleshooting exercise failed in three full runs (2026-12-07/08): the test typed the
  // label without its closing quote, relying on Monaco's auto-closing, which the YAML language registers
  // only once its module has loaded; on a loaded machine it had not (reproduced with CPU throttling 4×).
  // The test now types the quote. A retry re-runs the whole lesson from a fresh page, so every assertion
  // must still pass once.
  for (const lesson of LESSONS) {
    it(`lesson ${lesson.slug}: lazy libraries, the exercise solved through the UI, axe, no errors`, { retry: 1 }, async () => {
      const page = await newPage(ctx);
      const urls = trackRequests(page);
      await openLesson(page, lesson.slug);
      // Goals at the top, from the frontmatter.
      expect(await page.locator('.lesson-meta li').count()).toBeGreaterThan(0);
      // Its place in the course, and previous/next links in the course order (overview first, glossary last).
      const n = LESSONS.indexOf(lesson);
      expect(await page.locator('.lesson-meta__line').innerText()).toMatch(new RegExp(`^Lesson ${n + 1} of ${LESSONS.length} `));
      expect(await page.locator('.pagination-links a[rel="prev"]').getAttribute('href')).toBe(n === 0 ? '/learn/' : `/learn/${LESSONS[n - 1]!.slug}/`);
      expect(await page.locator('.pagination-links a[rel="next"]').getAttribute('href')).toBe(n === LESSONS.length - 1 ? '/learn/glossary/' : `/learn/${LESSONS[n + 1]!.slug}/`);
      // Nothing heavy before the learner reaches the interactive part.
      await page.waitForTimeout(400);
      expect(loaded(urls, 'monaco'), 'Monaco before the exercise was visible').toBe(false);
      expect(loaded(urls, 'mermaid'), 'Mermaid before the exercise was visible').toBe(false);

      const ex = await reachExercise(page, lesson.exercise);
      // The exercise's editors are highlighted code views until the learner uses one (issue 13).
      // (Some exercises show their editor only after a first step, e.g. minting a token.)
      if (lesson.loads.includes('monaco')) expect(loaded(urls, 'monaco'), 'Monaco before the first interaction with an editor').toBe(false);
      await EXERCISE_STEPS[lesson.exercise]!(page, ex);
      for (const lib of lesson.loads) expect(loaded(urls, lib), `${lib} after the exercise`).toBe(true);
      for (const lib of ['monaco', 'mermaid'] as const) if (!lesson.loads.includes(lib)) expect(loaded(urls, lib), `${lib} is not used here`).toBe(false);

      // The sidebar marks the lesson at once.
      await expect.poll(() => sidebarDone(page)).toContain(`/learn/${lesson.slug}/`);

      const v = await runAxe(page);
      expect(v, formatViolations(v)).toEqual([]);
      expectNoProblems(page);
      await page.close();
    });
  }

  it('keeps progress across a reload and shows it in the sidebar and on the exercises', async () => {
    const page = await newPage(ctx);
    await openLesson(page, 'troubleshooting');
    await page.reload({ waitUntil: 'load' });
    expect((await sidebarDone(page)).sort()).toEqual(LESSONS.map((l) => `/learn/${l.slug}/`).sort());
    expect(await page.locator('[data-wil-progress]').first().innerText()).toMatch(new RegExp(`${LESSONS.length} of ${LESSONS.length} `));
    const ex = await reachExercise(page, 'find-the-missing-token');
    expect(await ex.getByTestId('exercise-completed').innerText()).toContain('Completed earlier');
    await expectMonacoStyled(ex.getByTestId('editor-pod'));
    await page.waitForLoadState('networkidle'); // let the editor's workers load before leaving the page
    // The overview marks them too.
    await page.goto(siteUrl('/learn/'), { waitUntil: 'load' });
    expect(await page.locator('[data-lesson-list] [data-testid="lesson-done"]').count()).toBe(LESSONS.length);
    expectNoProblems(page);
    await page.close();
  });

  it('resets progress after a confirmation', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/glossary/'), { waitUntil: 'load' });
    const progress = page.locator('[data-wil-progress]').first();
    await progress.getByRole('button', { name: 'Reset progress' }).click();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    expect(await progress.innerText()).toMatch(new RegExp(`${LESSONS.length} of ${LESSONS.length} `));
    await progress.getByRole('button', { name: 'Reset progress' }).click();
    await progress.getByRole('button', { name: 'Yes, reset' }).click();
    await expect.poll(() => progress.innerText()).toMatch(new RegExp(`0 of ${LESSONS.length} `));
    expect(await sidebarDone(page)).toEqual([]);
    await page.reload({ waitUntil: 'load' });
    expect(await sidebarDone(page)).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('wil-learn-progress-v1'))).toBeNull();
    expectNoProblems(page);
    await page.close();
  });

  it('the glossary has every term the lessons link to, and passes axe', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/glossary/'), { waitUntil: 'load' });
    for (const id of ['issuer', 'subject', 'audience', 'jwks', 'kid', 'discovery-document', 'tokenrequest', 'federated-identity-credential', 'client-assertion', 'managed-identity', 'role-assignment']) {
      expect(await page.locator(`dt#${id}`).count(), id).toBe(1);
    }
    const v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
    await page.close();
  });

  it('search works offline (Pagefind, same origin)', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/'), { waitUntil: 'load' });
    await page.getByRole('button', { name: /Search/ }).first().click();
    await page.locator('dialog[open] input').fill('trailing slash');
    await page.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('dialog[open] .pagefind-ui__result-link').count()).toBeGreaterThan(0);
    expectNoProblems(page);
    await page.close();
  });

  it('search finds error codes and scenarios, not only lessons, with their own titles', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/'), { waitUntil: 'load' });
    await page.getByRole('button', { name: /Search/ }).first().click();
    const results = page.locator('dialog[open] .pagefind-ui__result-link');
    /** The results (title and path) Pagefind shows for `query`, once it shows any. */
    const search = async (query: string) => {
      await page.locator('dialog[open] input').fill(query);
      await expect.poll(() => page.locator('dialog[open] .pagefind-ui__message').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`results? for ${query}`, 'i'));
      // Pagefind prints the count first and then loads each result's fragment: wait until the list is in.
      const list = () => results.evaluateAll((as) => as.map((a) => ({ title: a.textContent?.trim() ?? '', path: new URL((a as HTMLAnchorElement).href).pathname })));
      await expect.poll(async () => (await list()).length, { timeout: 15_000 }).toBeGreaterThan(0);
      return list();
    };
    const code = await search('AADSTS700213');
    expect(code[0], JSON.stringify(code)).toEqual({ title: expect.stringMatching(/^AADSTS700213: A federated identity credential has the token’s issuer/), path: '/errors/aadsts700213/' });
    let storage = await search('storage blob owner');
    // Pagefind fills the list one result fragment at a time: wait for the whole list, not the first entries.
    await expect
      .poll(async () => (storage = await results.evaluateAll((as) => as.map((a) => ({ title: a.textContent?.trim() ?? '', path: new URL((a as HTMLAnchorElement).href).pathname })))).map((r) => r.path), { timeout: 15_000 })
      .toContain('/scenarios/storage-blob-owner-role-only/');
    expect(storage.find((r) => r.path === '/scenarios/storage-blob-owner-role-only/')?.title).toBe('Scenario: Owner on the storage account, yet reading a blob is refused');
    // A result opens its page.
    await results.first().click();
    await page.waitForURL(/\/scenarios\/storage-blob-owner-role-only\/$|\/errors\/authorizationpermissionmismatch\/$/);
    expectNoProblems(page);
    await page.close();
  });

  it('the exchange diagram is drawn at its own size: labels of 13 px or more at 1280 px, no hyphen inserted into a word, a scrolling box of its own on a phone', async () => {
    const page = await newPage(ctx);
    await openLesson(page, 'token-exchange');
    const figure = page.getByTestId('sequence-diagram');
    await figure.scrollIntoViewIfNeeded();
    await page.locator('[data-testid="sequence-diagram"][data-state="drawn"] svg').waitFor({ timeout: 15_000 });
    /** Font sizes of the diagram's labels as shown on screen (CSS size × the SVG's scale), and its widths. */
    const measure = () =>
      figure.evaluate((fig) => {
        const svg = fig.querySelector('.sequence__canvas svg') as SVGSVGElement;
        const labels = [...svg.querySelectorAll('text.messageText, text.actor')] as SVGTextElement[];
        const box = fig.querySelector('.sequence__scroll') as HTMLElement;
        return {
          sizes: labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0)),
          lines: labels.flatMap((t) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '') : [t.textContent ?? ''])),
          box: { clientWidth: box.clientWidth, scrollWidth: box.scrollWidth, tabIndex: box.tabIndex, role: box.getAttribute('role'), label: box.getAttribute('aria-label') },
          page: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth },
          hint: getComputedStyle(fig.querySelector('.sequence__hint')!).display,
        };
      });
    const wide = await measure();
    expect(wide.sizes.length).toBeGreaterThan(15);
    expect(Math.min(...wide.sizes), 'smallest label at 1280 px').toBeGreaterThanOrEqual(13);
    // No line of a label ends in a hyphen Mermaid added to split a word (openid-confi-guration).
    expect(wide.lines.filter((l) => /\w-$/.test(l.trim()))).toEqual([]);
    expect(wide.lines.join(' ')).toContain('openid-configuration');
    // It fits the lesson column at 1280 px: no sideways scrolling there, and no hint about it.
    expect(wide.box.scrollWidth).toBeLessThanOrEqual(wide.box.clientWidth);
    expect(wide.hint).toBe('none');
    // The step list keeps URLs whole: no automatic hyphenation.
    expect(await figure.evaluate((f) => getComputedStyle(f).hyphens)).toBe('none');

    await page.setViewportSize({ width: 390, height: 844 });
    await figure.scrollIntoViewIfNeeded();
    const narrow = await measure();
    expect(Math.min(...narrow.sizes), 'labels keep their size on a phone').toBeGreaterThanOrEqual(13);
    expect(narrow.box.scrollWidth, 'the diagram scrolls inside its box').toBeGreaterThan(narrow.box.clientWidth);
    expect(narrow.box).toMatchObject({ tabIndex: 0, role: 'region', label: expect.stringMatching(/diagram/i) });
    expect(narrow.page.scrollWidth, 'the page itself does not scroll sideways').toBeLessThanOrEqual(narrow.page.innerWidth);
    expect(narrow.hint).toBe('block');
    await page.setViewportSize({ width: 1280, height: 800 });
    const v = await runAxe(page, { include: '[data-testid="sequence-diagram"]' });
    expect(v, formatViolations(v)).toEqual([]);
    expectNoProblems(page);
    await page.close();
  });

  it('an error page lists the federations that produce its code, with their scenarios; the index groups codes by federation', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/errors/aadsts700211/'), { waitUntil: 'networkidle' });
    const sec = page.getByTestId('code-providers');
    const ids = await sec.locator('li[data-provider]').evaluateAll((els) => els.map((e) => e.getAttribute('data-provider')));
    expect(ids).toEqual(['aks-entra', 'github-entra', 'eks-entra', 'gke-entra', 'selfmanaged-entra']);
    const eks = sec.locator('li[data-provider="eks-entra"]');
    expect(await eks.locator('a[href="/scenarios/eks-fic-issuer-lowercase-id/"]').count()).toBe(1);
    const res = await page.request.get(siteUrl('/scenarios/eks-fic-issuer-lowercase-id/'));
    expect(res.status()).toBe(200);
    let v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    // A code with causes of its own beyond AKS says whose the page's main causes and fix are.
    await page.goto(siteUrl('/errors/aadsts700213/'), { waitUntil: 'networkidle' });
    const h2s = await page.locator('main h2').allInnerTexts();
    expect(h2s).toEqual(expect.arrayContaining(['Common causes on AKS', 'Fix on AKS']));
    expect(await page.getByTestId('causes-scope').locator('a[href="#providers"]').count()).toBe(1);
    const ghCauses = page.getByTestId('code-providers').locator('li[data-provider="github-entra"]');
    expect(await ghCauses.innerText()).toContain('the job references an environment');
    expect(await ghCauses.locator('a[href="/scenarios/github-job-environment-credential-for-branch/"]').count()).toBe(1);
    await page.goto(siteUrl('/errors/'), { waitUntil: 'networkidle' });
    const gh = page.getByTestId('errors-by-provider').locator('li[data-provider="github-entra"]');
    expect(await gh.locator('a[href="/errors/aadsts700213/#providers"]').count()).toBe(1);
    expect(await gh.locator('a[href="/scenarios/?provider=github-entra"]').count()).toBe(1);
    v = await runAxe(page);
    expect(v, formatViolations(v)).toEqual([]);
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of ['/errors/', '/errors/aadsts700211/', '/learn/beyond-github/', '/learn/beyond-eks/']) {
        // networkidle: leaving while a page's lazy chunk is still loading aborts it (a failed request).
        await page.goto(siteUrl(path), { waitUntil: 'networkidle' });
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(over, `${path} overflows at ${width}px`).toBeLessThanOrEqual(0);
      }
    }
    expectNoProblems(page);
    await page.close();
  });

  it("the lesson header's exercise link has the colour of the lesson's other links (light)", async () => {
    const page = await newPage(ctx);
    await openLesson(page, 'federated-credential');
    expect(await lessonLinkColours(page)).toEqual({ exercise: 'rgb(29, 78, 216)', text: 'rgb(29, 78, 216)' });
    await page.close();
  });
});

/** The colour of the lesson header's "exercise:" link and of the first link in the lesson's text. */
async function lessonLinkColours(page: Page): Promise<{ exercise: string; text: string }> {
  const exercise = await page.locator('.lesson-meta__line a').evaluate((a) => getComputedStyle(a).color);
  const text = await page.locator('.sl-markdown-content a:not(.not-content *):not(.sl-anchor-link)').first().evaluate((a) => getComputedStyle(a).color);
  return { exercise, text };
}


describe('the course in dark mode and on a phone', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await openBrowser({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', hasTouch: true, isMobile: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('follows the dark colour scheme', async () => {
    const page = await newPage(ctx);
    await page.goto(siteUrl('/learn/'), { waitUntil: 'load' });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    // The mobile menu holds the lessons and the site links.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('.sidebar-content a[href="/learn/big-picture/"]').waitFor({ state: 'visible' });
    expect(await page.getByRole('navigation', { name: 'Site' }).locator('a[href="/playground/"]').last().isVisible()).toBe(true);
    expectNoProblems(page);
    await page.close();
  });

  it("the lesson header's exercise link has the colour of the lesson's other links (dark)", async () => {
    const page = await newPage(ctx);
    await openLesson(page, 'federated-credential');
    expect(await lessonLinkColours(page)).toEqual({ exercise: 'rgb(122, 167, 255)', text: 'rgb(122, 167, 255)' });
    expectNoProblems(page);
    await page.close();
  });

  for (const path of [...LESSONS.map((l) => `/learn/${l.slug}/`), '/learn/', '/learn/glossary/']) {
    it(`axe, dark, narrow: ${path}`, async () => {
      const page = await newPage(ctx);
      await page.goto(siteUrl(path), { waitUntil: 'load' });
      const lesson = LESSONS.find((l) => path === `/learn/${l.slug}/`);
      if (lesson) {
        const ex = await reachExercise(page, lesson.exercise);
        await ex.locator('[data-testid="exercise-check"]:not(.exercise__check--pending)').waitFor();
        await page.waitForTimeout(300); // let resize observers mark scrolling tables as focusable
      }
      const v = await runAxe(page);
      expect(v, formatViolations(v)).toEqual([]);
      expectNoProblems(page);
      await page.close();
    });
  }
});
