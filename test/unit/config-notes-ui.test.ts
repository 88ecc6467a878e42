/**
 * Write-time notes in the UI: a credential overwritten by a later one of the same name, or an http
 * issuer, is accepted, so both views list it under "Accepted when saved, but note", never under
 * "Refused when saved" (src/engine/config.ts, `kind`).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createKeyStore, defaultWorld, runChain } from '../../src/engine/index.ts';
import { ConfigErrorList } from '../../src/components/static/StageList.tsx';
import { ConfigErrors } from '../../src/components/playground/StageList.tsx';

async function twoWithOneName() {
  const w = defaultWorld();
  const good = w.identity.federatedCredentials[0]!;
  w.identity.federatedCredentials = [good, { ...good, issuer: 'http://issuer.example/' }, { ...good, name: 'x' }];
  return runChain(w, { now: new Date('2026-01-15T10:00:00Z'), keys: createKeyStore() });
}

describe.each([
  ['static ConfigErrorList', ConfigErrorList],
  ['playground ConfigErrors', ConfigErrors],
] as const)('%s', (_name, Component) => {
  it('lists the overwrite and the http warning as notes, and only the bad name as refused', async () => {
    const html = renderToStaticMarkup(createElement(Component, { result: await twoWithOneName() }));
    const refused = html.slice(html.indexOf('data-testid="config-errors"'), html.indexOf('data-testid="config-notes"'));
    const notes = html.slice(html.indexOf('data-testid="config-notes"'));
    expect(refused).toContain('Refused when saved');
    expect(refused).toContain("name &#x27;x&#x27; is invalid");
    expect(refused).not.toContain('Overwritten');
    expect(notes).toContain('Accepted when saved, but note');
    expect(notes).toContain('Overwritten');
    expect(notes).toMatch(/updated it in place/);
    expect(notes).toContain('InsecureIssuer');
    expect(notes).toContain('Uncertain:');
  });

  it('shows no refusal heading when every write was accepted', async () => {
    const w = defaultWorld();
    const good = w.identity.federatedCredentials[0]!;
    w.identity.federatedCredentials = [good, { ...good }];
    const r = await runChain(w, { now: new Date('2026-01-15T10:00:00Z'), keys: createKeyStore() });
    const html = renderToStaticMarkup(createElement(Component, { result: r }));
    expect(html).not.toContain('Refused when saved');
    expect(html).toContain('Accepted when saved, but note');
  });
});
