/**
 * Fidelity audit, UI side: what the engine marks uncertain is shown as uncertain wherever it is rendered
 * (here: the "refused when saved" lists of the playground and of the static pages / embeds).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChainResult } from '../../src/engine/types.ts';
import { ConfigErrorList } from '../../src/components/static/StageList.tsx';
import { ConfigErrors } from '../../src/components/playground/StageList.tsx';

const result = {
  configErrors: [
    { code: 'BadRequest', message: 'An identity can hold at most 20 federated identity credentials.', path: 'identity.federatedCredentials[20]', uncertain: 'The exact text was not captured.' },
    { code: 'BadRequest', message: 'Federated identity credentials must have exactly one audience.', path: 'identity.federatedCredentials[3].audiences' },
  ],
} as unknown as ChainResult;

function expectOneUncertain(html: string) {
  expect(html.match(/data-testid="config-error-uncertain"/g)).toHaveLength(1);
  expect(html).toContain('Uncertain:');
  expect(html).toContain('The exact text was not captured.');
}

describe('config errors carry their uncertainty into the UI', () => {
  it('static ConfigErrorList shows "Uncertain:" only on the entry that has it', () => {
    expectOneUncertain(renderToStaticMarkup(createElement(ConfigErrorList, { result })));
  });
  it('playground ConfigErrors shows "Uncertain:" only on the entry that has it', () => {
    expectOneUncertain(renderToStaticMarkup(createElement(ConfigErrors, { result })));
  });
});

describe('a refusal whose printed text does not state its rule shows the rule', () => {
  it('a bad credential name: the engine gives the name rule, and both lists render it', async () => {
    const { createKeyStore, defaultWorld, runChain } = await import('../../src/engine/index.ts');
    const w = defaultWorld();
    w.identity.federatedCredentials[0]!.name = 'a';
    const r = await runChain(w, { now: new Date('2026-01-15T10:00:00Z'), keys: createKeyStore() });
    const e = r.configErrors.find((c) => c.path.endsWith('.name'))!;
    expect(e.message).toBe("Federated Identity Credential name 'a' is invalid.");
    expect(e.rule).toContain('3 to 120 characters');
    for (const html of [renderToStaticMarkup(createElement(ConfigErrorList, { result: r })), renderToStaticMarkup(createElement(ConfigErrors, { result: r }))]) {
      expect(html).toContain('data-testid="config-error-rule"');
      expect(html).toContain(`Rule: ${e.rule}`);
    }
    // An entry without a rule renders none.
    expect(renderToStaticMarkup(createElement(ConfigErrors, { result }))).not.toContain('config-error-rule');
  });
});

describe('failing stages keep their uncertainty where the compact views show them', () => {
  it('the embed shows the failing stage\'s "Uncertain:" note with its problem (the compact list hides notes)', async () => {
    const { EmbedResult } = await import('../../src/components/embed/EmbedResult.tsx');
    const { createKeyStore, defaultWorld, runChain } = await import('../../src/engine/index.ts');
    const w = defaultWorld();
    w.identity.federatedCredentials[0]!.createdSecondsAgo = 5; // not propagated: AADSTS70021, uncertain
    const r = await runChain(w, { now: new Date('2026-01-15T10:00:00Z'), keys: createKeyStore() });
    const uncertain = r.stages.find((s) => s.status === 'fail')!.uncertain!;
    expect(uncertain).toBeTruthy();
    const html = renderToStaticMarkup(createElement(EmbedResult, { result: r, title: 'T', playgroundHref: '/playground/', more: { href: '/', text: 'Open', after: '' } }));
    expect(html).toContain('data-testid="embed-uncertain"');
    expect(html).toContain(uncertain.split('`')[0]!.slice(0, 40));
  });

  it('lesson 7\'s clock lab shows the undocumented clock-skew note when the cached token is refused at its expiry', async () => {
    const { AppCard } = await import('../../src/components/learn/ClockLab.tsx');
    const { clockWorld, CLOCK_TOKEN_TTL } = await import('../../src/components/learn/exercises.ts');
    const { createKeyStore, runChain } = await import('../../src/engine/index.ts');
    const r = await runChain(clockWorld(CLOCK_TOKEN_TTL), { now: new Date('2026-01-15T10:00:00Z'), keys: createKeyStore() });
    expect(r.failedStage).toBe('lifetime');
    const html = renderToStaticMarkup(createElement(AppCard, { title: 'A', how: 'h', age: CLOCK_TOKEN_TTL, result: r, testid: 'app-cached' }));
    expect(html).toContain('data-testid="app-cached-uncertain"');
    expect(html).toMatch(/Uncertain: .*clock skew/s);
  });
});
