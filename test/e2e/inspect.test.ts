/**
 * /inspect/ ("Debug your own") in a real browser, with the network cut off after the page has loaded:
 * a token minted here in Node by the engine and a credential list that differs only by the issuer's
 * trailing slash must give AADSTS700211 with the slash highlighted; the pasted JWKS verifies the
 * signature; a garbage token shows which part fails and why; an error message's code is recognised and
 * linked; nothing is stored, sent or put in the URL; axe finds nothing in light and dark.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { MAX_INPUT_CHARS } from '../../src/engine/inspect.ts';
import { expectNoProblems, formatViolations, newPage, openBrowser, runAxe, siteUrl } from './harness.ts';

let jwt = '';
let jwks = '';
let issuer = '';
let subject = '';

/** The credential list as `az identity federated-credential list` prints it, issuer without its final "/". */
function ficList(): string {
  return JSON.stringify(
    [
      {
        audiences: ['api://AzureADTokenExchange'],
        id: '/subscriptions/0000/resourceGroups/rg-demo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-app-mi/federatedIdentityCredentials/aks-dev-my-app',
        issuer: issuer.replace(/\/$/, ''),
        name: 'aks-dev-my-app',
        resourceGroup: 'rg-demo',
        subject,
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      },
    ],
    null,
    2,
  );
}

async function openInspect(ctx: BrowserContext): Promise<Page> {
  const page = await newPage(ctx);
  const res = await page.goto(siteUrl('/inspect/'), { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  await page.locator('[data-testid="inspect"][data-ready="true"]').waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  return page;
}

/** Waits until the debounced run has settled on the current inputs. */
async function settled(page: Page) {
  await page.locator('[data-testid="inspect"][data-busy="false"]').waitFor({ timeout: 10_000 });
}

describe('inspect page /inspect/', () => {
  let ctx: BrowserContext;
  let page: Page;
  const afterLoad: Request[] = [];

  beforeAll(async () => {
    const r = await simulate({ schema: 1, title: 'x' }, { now: new Date() });
    jwt = r.artifacts.token!.jwt;
    jwks = JSON.stringify(r.artifacts.jwks, null, 2);
    issuer = r.artifacts.token!.payload.iss as string;
    subject = r.artifacts.token!.payload.sub as string;
    expect(issuer.endsWith('/')).toBe(true);

    ctx = await openBrowser();
    page = await openInspect(ctx);
    page.on('request', (req) => afterLoad.push(req));
    await ctx.setOffline(true);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('says that nothing pasted leaves the browser, in the HTML before any script runs', async () => {
    const html = await (await fetch(siteUrl('/inspect/'))).text();
    expect(html).toContain('Nothing you paste leaves this browser.');
    await expect(page.getByTestId('privacy').innerText()).resolves.toMatch(/not sent anywhere, not\s+stored/);
  });

  it('offline: the pasted token and a credential lacking the trailing slash give AADSTS700211, with the slash highlighted', async () => {
    const token = page.getByTestId('input-token');
    await token.fill(jwt.slice(0, -6));
    await token.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(jwt.slice(-6)); // the last characters typed with the keyboard
    expect(await token.inputValue()).toBe(jwt);
    await page.getByTestId('input-fics').fill(ficList());
    await settled(page);

    const headline = page.getByTestId('headline');
    await page.locator('[data-testid="headline"][data-code="AADSTS700211"]').waitFor({ timeout: 10_000 });
    expect(await headline.innerText()).toContain('AADSTS700211');
    const verdict = page.getByTestId('fic-verdict');
    expect(await verdict.getAttribute('data-status')).toBe('fail');
    expect(await verdict.getAttribute('data-code')).toBe('AADSTS700211');
    expect(await verdict.locator('a[href="/errors/aadsts700211/"]').count()).toBe(1);

    const issuerField = page.locator('[data-testid="credential-comparison"] [data-field="issuer"]');
    expect(await issuerField.getAttribute('data-equal')).toBe('false');
    const onlyInToken = issuerField.locator('del[data-diff="token-only"]');
    expect(await onlyInToken.count()).toBe(1);
    expect(await onlyInToken.innerText()).toBe('/');
    expect(await onlyInToken.isVisible()).toBe(true);
    // Screen readers get the same comparison with the run labelled in words.
    expect(await issuerField.locator('.visually-hidden').first().textContent()).toContain('[only in the token: /]');
    expect(await issuerField.getByTestId('diff-explanation').innerText()).toMatch(/trailing "\/"/);
    expect(await issuerField.innerText()).toContain(`At character ${issuer.length} the token’s value has “/”; the credential’s value ends there.`);
    // Subject and audience are the same.
    expect(await page.locator('[data-field="subject"]').getAttribute('data-equal')).toBe('true');
    expect(await page.locator('[data-field="audience"]').getAttribute('data-equal')).toBe('true');
    // Lifetime at this computer's clock.
    expect(await page.getByTestId('expiry').innerText()).toMatch(/^Expires in (59 min|1 h)/);
  });

  it('offline: the signature verifies against the pasted JWKS, and fails against another key', async () => {
    await page.getByTestId('input-jwks').fill(jwks);
    await settled(page);
    const sig = page.getByTestId('signature-verdict');
    await sig.waitFor();
    expect(await sig.getAttribute('data-status')).toBe('pass');
    expect(await sig.innerText()).toContain('The signature verifies');

    const other = await simulate({ schema: 1, title: 'y' }, { now: new Date() });
    await page.getByTestId('input-jwks').fill(JSON.stringify(other.artifacts.jwks));
    await settled(page);
    await page.locator('[data-testid="signature-verdict"][data-status="fail"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('signature-verdict').getAttribute('data-code')).toBe('AADSTS7000272');
    await page.getByTestId('input-jwks').fill(jwks);
    await page.locator('[data-testid="signature-verdict"][data-status="pass"]').waitFor({ timeout: 10_000 });
  });

  it('offline: an error message is recognised, explained and linked to its error page and scenarios', async () => {
    await page.getByTestId('input-errorText').fill('Azure.Identity failed: AADSTS700213: No matching federated identity record found for presented assertion subject');
    await settled(page);
    const card = page.getByTestId('error-AADSTS700213');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.locator('a[href="/errors/aadsts700213/"]').count()).toBeGreaterThan(0);
    expect(await card.innerText()).toContain('Federated identity credential match');
    const scenarioLinks = await card.locator('a[href^="/scenarios/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(scenarioLinks).toContain('/scenarios/fic-subject-wrong-namespace/');
    // The linked pages exist (checked from Node: the browser is offline).
    for (const href of ['/errors/aadsts700213/', '/scenarios/fic-subject-wrong-namespace/']) {
      expect((await fetch(siteUrl(href))).status).toBe(200);
    }
    // The summary line: a word and an arrow (not a lone "i"), and only catalogued codes called recognised.
    const line = page.locator('.insp-summary__item[data-section="inspect-errors"]');
    expect((await line.locator('.badge').innerText()).replace(/\s+/g, ' ').trim()).toBe('↓ Explained below');
    expect(await line.locator('.insp-summary__detail').innerText()).toBe('Recognised AADSTS700213.');
    await page.getByTestId('input-errorText').fill('AADSTS700213: No matching federated identity record. Then AADSTS99999: unknown.');
    await settled(page);
    await expect.poll(() => line.locator('.insp-summary__detail').innerText()).toBe('Recognised AADSTS700213. AADSTS99999 is not in the catalogue.');
  });

  it('has no accessibility violations with everything filled in (light)', async () => {
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a garbage token: shows which part cannot be decoded and why, without a page error', async () => {
    await page.getByTestId('input-token').fill('eyJhbGciOiJSUzI1NiJ9.eyJpc3Mi*OiJ4In0.abc');
    await settled(page);
    await page.locator('[data-testid="headline"][data-tone="fail"]').waitFor();
    expect(await page.getByTestId('headline').innerText()).toContain('The token cannot be read');
    expect(await page.getByTestId('token-problems').innerText()).toContain('Payload: character 9 ("*") is not base64url.');
    expect(await page.locator('[data-part="payload"]').getAttribute('data-ok')).toBe('false');
    expect(await page.locator('[data-part="header"]').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('bad-char').textContent()).toBe('[unreadable character: *]');
    expect(await page.getByTestId('decoded-header').innerText()).toContain('"alg": "RS256"');
    expect(await page.getByTestId('input-token').getAttribute('aria-invalid')).toBe('true');
    // Whatever is pasted, nothing is rendered as HTML.
    await page.getByTestId('input-token').fill('<img src=x onerror=alert(1)>.<b>x</b>');
    await settled(page);
    expect(await page.locator('[data-testid="inspect"] img, [data-testid="inspect"] b').count()).toBe(0);
  });

  it('refuses an input over the size limit with a message, and keeps the previous value', async () => {
    const token = page.getByTestId('input-token');
    await token.fill(jwt);
    await settled(page);
    await token.fill('a'.repeat(MAX_INPUT_CHARS + 1));
    const refusal = page.getByTestId('refusal-token');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toContain(`${(MAX_INPUT_CHARS + 1).toLocaleString('en-US')} characters long`);
    expect(await refusal.innerText()).toContain('The field and the results below still show the previous token.');
    expect(await token.inputValue()).toBe(jwt);
    await settled(page);
    expect(await page.getByTestId('headline').getAttribute('data-code')).toBe('AADSTS700211');
  });

  it('stores nothing, puts nothing in the URL and made no request at all after load', async () => {
    expect(page.url()).toBe(siteUrl('/inspect/'));
    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(storage).toEqual({ local: 0, session: 0, cookie: '' });
    expect(afterLoad.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    expectNoProblems(page);
  });

  it('Clear empties every input', async () => {
    await page.getByTestId('clear').click();
    for (const id of ['token', 'fics', 'jwks', 'discovery', 'errorText']) expect(await page.getByTestId(`input-${id}`).inputValue()).toBe('');
    await settled(page);
    expect(await page.getByTestId('headline').getAttribute('data-tone')).toBe('info');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('input-token');
  });

  it('an oversized paste into an empty page says so at the top, not "Nothing pasted yet"', async () => {
    await page.getByTestId('input-token').fill('a'.repeat(MAX_INPUT_CHARS + 1));
    await page.getByTestId('refusal-token').waitFor({ timeout: 10_000 });
    const head = page.getByTestId('headline');
    await expect.poll(() => head.innerText()).toContain('Too large to read');
    expect(await head.innerText()).toContain(`${(MAX_INPUT_CHARS + 1).toLocaleString('en-US')} characters long`);
    expect(await head.innerText()).not.toContain('previous');
    expect(await head.getAttribute('data-tone')).toBe('fail');
    await page.getByTestId('clear').click();
    await expect.poll(() => head.innerText()).toContain('Nothing pasted yet');
  });
});

describe('inspect page /inspect/: an empty credential list and look-alike characters, typed as a person would', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!jwt) {
      const r = await simulate({ schema: 1, title: 'x' }, { now: new Date() });
      jwt = r.artifacts.token!.jwt;
      issuer = r.artifacts.token!.payload.iss as string;
      subject = r.artifacts.token!.payload.sub as string;
    }
    ctx = await openBrowser();
    page = await openInspect(ctx);
    await ctx.setOffline(true);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Pastes most of the token, then types its end with the keyboard. */
  async function typeToken() {
    const token = page.getByTestId('input-token');
    await token.fill(jwt.slice(0, -4));
    await token.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(jwt.slice(-4));
  }

  /** Clears a field and types `text` into it key by key. */
  async function typeInto(id: string, text: string) {
    const field = page.getByTestId(`input-${id}`);
    await field.fill('');
    await field.focus();
    await page.keyboard.type(text);
  }

  it('[] typed as the credential list (plus the AADSTS70021 text): a red verdict, AADSTS700211, the federation row failed', async () => {
    await typeToken();
    await typeInto('fics', '[]');
    await typeInto('errorText', 'AADSTS70021: No matching federated identity record found for presented assertion.');
    await settled(page);
    await page.locator('[data-testid="headline"][data-tone="fail"]').waitFor({ timeout: 10_000 });
    const headline = page.getByTestId('headline');
    expect(await headline.getAttribute('data-code')).toBe('AADSTS700211');
    expect(await headline.innerText()).toContain('No federated identity credential exists on this identity at all');
    const row = page.locator('.insp-summary__item[data-section="inspect-federation"]');
    expect(await row.getAttribute('data-status')).toBe('fail');
    expect((await row.locator('.badge').innerText()).replace(/\s+/g, ' ').trim()).toBe('✗ Failed');
    const verdict = page.getByTestId('fic-verdict');
    expect(await verdict.getAttribute('data-code')).toBe('AADSTS700211');
    // The reference does not document the code for an identity with no credential: the page says so.
    expect(await verdict.locator('.uncertain').innerText()).toMatch(/does not document.*AADSTS70021/);
    // The field reads the empty list as input, not as a parse failure.
    const status = await page.locator('.insp-input--fics .insp-input__status').innerText();
    expect(status).toContain('Read an empty list');
    expect(status).not.toContain('No federated credentials found');
    expect(await page.getByTestId('input-fics').getAttribute('aria-invalid')).toBeNull();
  });

  it('a credential subject with a Cyrillic "а" typed in: the page names U+0430 and U+0061 instead of showing "a" vs "a"', async () => {
    const cyrillic = subject.replace('a', '\u0430');
    expect(cyrillic).not.toBe(subject);
    await typeInto('errorText', '');
    await typeInto('fics', JSON.stringify([{ name: 'cred-1', issuer, subject: cyrillic, audiences: ['api://AzureADTokenExchange'] }]));
    expect(await page.getByTestId('input-fics').inputValue()).toContain('\u0430');
    await settled(page);
    await page.locator('[data-testid="headline"][data-code="AADSTS700213"]').waitFor({ timeout: 10_000 });
    const field = page.locator('[data-testid="credential-comparison"] [data-field="subject"]');
    const text = await field.innerText();
    expect(text).toContain('“a” (U+0061 LATIN SMALL LETTER A) where the credential’s has “а” (U+0430 CYRILLIC SMALL LETTER A)');
    expect(await field.getByTestId('diff-explanation').innerText()).toContain('They look the same but are different characters');
    expect(await page.getByTestId('fic-verdict').innerText()).toContain('U+0430 CYRILLIC SMALL LETTER A');
  });

  it('a zero-width space typed into the credential subject is named U+200B', async () => {
    const zwsp = subject.replace('-sa', '\u200b-sa');
    expect(zwsp).not.toBe(subject);
    await typeInto('fics', JSON.stringify([{ name: 'cred-1', issuer, subject: zwsp, audiences: ['api://AzureADTokenExchange'] }]));
    await settled(page);
    await page.locator('[data-testid="headline"][data-code="AADSTS700213"]').waitFor({ timeout: 10_000 });
    const field = page.locator('[data-testid="credential-comparison"] [data-field="subject"]');
    await expect.poll(() => field.innerText()).toContain('(U+200B ZERO WIDTH SPACE, invisible), which the token’s value lacks');
    expect(await field.getByTestId('diff-explanation').innerText()).toContain('an invisible U+200B ZERO WIDTH SPACE');
  });

  it('has no accessibility violations with the look-alike comparison shown', async () => {
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expectNoProblems(page);
  });
});

describe('inspect page /inspect/ with the keyboard, dark theme, phone width, offline', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await openBrowser({ colorScheme: 'dark', viewport: { width: 390, height: 844 } });
    page = await openInspect(ctx);
    await ctx.setOffline(true);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('has no accessibility violations before anything is pasted', async () => {
    expect(await page.getByTestId('headline').getAttribute('data-tone')).toBe('info');
    expect(await page.getByTestId('not-run').innerText()).toContain('AADSTS700016');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('loads the example with the keyboard: a token minted in the browser, AADSTS700211, signature verified', async () => {
    const button = page.getByTestId('load-example');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="headline"][data-code="AADSTS700211"]').waitFor({ timeout: 15_000 });
    await settled(page);
    expect(await page.getByTestId('input-token').inputValue()).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(await page.getByTestId('signature-verdict').getAttribute('data-status')).toBe('pass');
    expect(await page.locator('del[data-diff="token-only"]').innerText()).toBe('/');
    expect(await page.getByTestId('error-AADSTS700211').count()).toBe(1);
    // Tab order: Load example → Clear → the token textarea.
    await button.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('clear');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('input-token');
  });

  it('has no accessibility violations with the example loaded (dark, 390 px)', async () => {
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('no console errors, page errors, failed or off-origin requests', () => {
    expectNoProblems(page);
  });
});

describe('inspect page /inspect/ with a GitHub Actions token', () => {
  let ctx: BrowserContext;
  let page: Page;
  let ghJwt = '';

  beforeAll(async () => {
    // A token minted by the engine's GitHub Actions issuer for a push to main (github-healthy-default).
    const r = await simulate({ schema: 1, title: 'x', provider: 'github-entra' }, { now: new Date() });
    ghJwt = r.artifacts.token!.jwt;
    expect(r.artifacts.token!.payload.sub).toBe('repo:contoso/webapp:ref:refs/heads/main');
    ctx = await openBrowser();
    page = await openInspect(ctx);
    await ctx.setOffline(true);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('says which subject a credential needs for this job, and why an environment credential does not match', async () => {
    await page.getByTestId('input-token').fill(ghJwt);
    const fics = [{ name: 'prod', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/webapp:environment:production', audiences: ['api://AzureADTokenExchange'] }];
    await page.getByTestId('input-fics').fill(JSON.stringify(fics, null, 2));
    await settled(page);
    await page.locator('[data-testid="headline"][data-code="AADSTS700213"]').waitFor({ timeout: 10_000 });
    const box = page.getByTestId('github-subject');
    expect(await box.innerText()).toContain('needs subject repo:contoso/webapp:ref:refs/heads/main');
    const mismatch = await page.getByTestId('github-form-mismatch').innerText();
    expect(mismatch).toContain('add the line "environment: production" to the job');
    expect(await page.getByTestId('issuer-kind').innerText()).toContain('GitHub Actions');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expectNoProblems(page);
  });
});
