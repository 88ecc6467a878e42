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
