/**
 * github-entra catalogue additions: GitHub causes per Entra code (every code exists in the shared
 * catalogue, every scenario named exists), log patterns for failures without a code, and parsing of
 * azure/login's "Federated token details".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../../../src/engine/errors.ts';
import { GITHUB_CODE_CAUSES, GITHUB_LOG_PATTERNS, parseFederatedTokenDetails, recognizeGithubLog } from '../../../../src/engine/providers/github-entra/catalogue.ts';
import { githubAdmission } from '../../../../src/engine/providers/github-entra/admission.ts';
import { noSubscriptionsFailure } from '../../../../src/engine/providers/github-entra/authorization.ts';
import { githubProjectedToken } from '../../../../src/engine/providers/github-entra/token.ts';
import { defaultGithub } from '../../../../src/engine/providers/github-entra/defaults.ts';

const DIR = join(import.meta.dirname, '../../../../content/scenarios');

describe('GITHUB_CODE_CAUSES', () => {
  it('introduces no code: every entry is in the shared error catalogue', () => {
    for (const code of Object.keys(GITHUB_CODE_CAUSES)) expect(ERROR_CATALOGUE[code], code).toBeDefined();
  });
  it('every entry has causes and public sources; every scenario it names exists', () => {
    for (const e of Object.values(GITHUB_CODE_CAUSES)) {
      expect(e.causes.length).toBeGreaterThan(0);
      for (const s of e.sources) expect(s).toMatch(/^https:\/\//);
      for (const s of e.scenarios) expect(existsSync(join(DIR, `${s}.yaml`)), s).toBe(true);
    }
  });
});

describe('GITHUB_LOG_PATTERNS', () => {
  it('recognises the texts the stages print (each pattern matches its own stage\'s message)', () => {
    const noPerm = githubAdmission({ ...defaultGithub(), permissions: { idToken: 'none' } }).stage.message!;
    expect(recognizeGithubLog(noPerm).map((p) => p.id)).toEqual(['id-token-permission']);
    const g = defaultGithub();
    g.azureLogin.subscriptionId = undefined;
    expect(recognizeGithubLog(githubAdmission(g).stage.message!).map((p) => p.id)).toEqual(['azure-login-missing-subscription']);
    const g2 = defaultGithub();
    g2.azureLogin.clientId = undefined;
    expect(recognizeGithubLog(githubAdmission(g2).stage.message!).map((p) => p.id)).toEqual(['azure-login-missing-ids']);
    const ghes = githubAdmission({ ...defaultGithub(), ghes: { host: 'h.example.com', version: '3.3' } }).stage.message!;
    expect(recognizeGithubLog(ghes).map((p) => p.id)).toEqual(['ghes-id-token-not-allowed']);
    const none = noSubscriptionsFailure({ clientId: 'abc', principalId: 'p', allowNoSubscriptions: false, roleAssignments: [] })!.message!;
    expect(recognizeGithubLog(none).map((p) => p.id)).toEqual(['no-subscriptions-found']);
    const other = noSubscriptionsFailure({ clientId: 'abc', principalId: 'p', subscriptionId: 'x', allowNoSubscriptions: true, roleAssignments: [] })!.message!;
    expect(recognizeGithubLog(other).map((p) => p.id)).toEqual(['subscription-not-in-cloud']);
  });
  it('recognises the older v1 wording too, and nothing in an unrelated text', () => {
    expect(recognizeGithubLog('Error:  Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable. Please make sure to give write permissions to id-token in the workflow.')).toHaveLength(1);
    expect(recognizeGithubLog('Error: Ensure subscriptionId is supplied.').map((p) => p.id)).toEqual(['azure-login-missing-subscription']);
    expect(recognizeGithubLog('AADSTS700213: No matching federated identity record found')).toEqual([]);
  });
  it('has an id, a meaning and sources per pattern, ids unique', () => {
    expect(new Set(GITHUB_LOG_PATTERNS.map((p) => p.id)).size).toBe(GITHUB_LOG_PATTERNS.length);
    for (const p of GITHUB_LOG_PATTERNS) {
      expect(p.meaning).toBeTruthy();
      expect(p.sources.length).toBeGreaterThan(0);
      if (p.scenario) expect(existsSync(join(DIR, `${p.scenario}.yaml`)), p.scenario).toBe(true);
    }
  });
});

describe('parseFederatedTokenDetails', () => {
  it('reads back what the projected-token stage prints', () => {
    const t = githubProjectedToken({ ...defaultGithub(), environment: 'dev' }, 1_768_471_200);
    expect(parseFederatedTokenDetails(`Run azure/login@v2\n${t.details}\nRunning Azure CLI Login.`)).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:contoso/webapp:environment:dev',
      audience: 'api://AzureADTokenExchange',
      jobWorkflowRef: 'contoso/webapp/.github/workflows/deploy.yml@refs/heads/main',
    });
  });
  it('reads the older two-line form and returns nothing for other text', () => {
    expect(parseFederatedTokenDetails('Federated token details: \n issuer - https://token.actions.githubusercontent.com \n subject claim - repo:o/r:pull_request')).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:pull_request',
    });
    expect(parseFederatedTokenDetails('hello')).toEqual({});
  });
});
