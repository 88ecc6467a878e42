/**
 * github-entra admission (job permissions, GHES, azure/login input validation), projected-token
 * (GitHub mints the token, azure/login prints its details) and the subscription step of authorization.
 * Rules: shared/reference/other-providers.md §1.1, §1.2, §1.5; actions/toolkit oidc-utils.ts;
 * Azure/login LoginConfig.ts, main.ts, AzureCliLogin.ts.
 */
import { describe, expect, it } from 'vitest';
import { githubAdmission } from '../../../../src/engine/providers/github-entra/admission.ts';
import { federatedTokenDetails, githubProjectedToken } from '../../../../src/engine/providers/github-entra/token.ts';
import { githubIssuerDiscovery } from '../../../../src/engine/providers/github-entra/discovery.ts';
import { noSubscriptionsFailure, subscriptionLogin, subscriptionLoginPass, visibleSubscriptions } from '../../../../src/engine/providers/github-entra/authorization.ts';
import { defaultGithub, defaultGithubRoleAssignment } from '../../../../src/engine/providers/github-entra/defaults.ts';
import type { GithubWorld } from '../../../../src/engine/providers/github-entra/schema.ts';

const NOW = Date.parse('2026-01-15T10:00:00Z') / 1000;
const SUFFIX = ". Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.";
const gh = (over: Partial<GithubWorld> = {}): GithubWorld => ({ ...defaultGithub(), ...over });

describe('githubAdmission', () => {
  it('passes for the default job and returns the runner variables, client and tenant', () => {
    const a = githubAdmission(gh());
    expect(a.stage.status).toBe('pass');
    expect(Object.keys(a.env).sort()).toEqual(['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL']);
    expect(a.clientId).toBe(defaultGithub().azureLogin.clientId);
    expect(a.tenantId).toBe(defaultGithub().azureLogin.tenantId);
  });

  for (const idToken of ['read', 'none', 'absent'] as const) {
    it(`fails without id-token: write (${idToken}) with the toolkit and azure/login texts, no variables set`, () => {
      const a = githubAdmission(gh({ permissions: { idToken } }));
      expect(a.stage.status).toBe('fail');
      expect(a.env).toEqual({});
      expect(a.stage.message).toBe(
        `Error: Please make sure to give write permissions to id-token in the workflow.\nError: Login failed with Error: Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable${SUFFIX}`,
      );
      expect(a.stage.fix).toMatch(/id-token: write/);
      expect(a.stage.code).toBeUndefined();
    });
  }

  it('fails on GHES older than 3.5 when the workflow names id-token, before anything else', () => {
    const g = gh({ ghes: { host: 'ghe.example.com', version: '3.4' } });
    g.azureLogin.clientId = undefined;
    const a = githubAdmission(g);
    expect(a.stage.status).toBe('fail');
    expect(a.stage.message).toBe("The key 'id-token' is not allowed");
    expect(a.stage.uncertain).toBeTruthy();
  });

  it('on GHES older than 3.5 without id-token in permissions, fails as a job without the permission', () => {
    const a = githubAdmission(gh({ ghes: { host: 'ghe.example.com', version: '3.4' }, permissions: { idToken: 'absent' } }));
    expect(a.stage.message).toMatch(/Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable/);
  });

  it('compares GHES versions numerically (3.10 ≥ 3.5)', () => {
    expect(githubAdmission(gh({ ghes: { host: 'ghe.example.com', version: '3.10' } })).stage.status).toBe('pass');
    expect(githubAdmission(gh({ ghes: { host: 'ghe.example.com', version: '3.5.0' } })).stage.status).toBe('pass');
  });

  it('azure/login refuses missing client-id or tenant-id before any token request', () => {
    for (const key of ['clientId', 'tenantId'] as const) {
      const g = gh();
      g.azureLogin[key] = undefined;
      g.permissions.idToken = 'none'; // input validation comes first
      const a = githubAdmission(g);
      expect(a.stage.status).toBe('fail');
      expect(a.stage.message).toBe(`Error: Login failed with Error: Using auth-type: SERVICE_PRINCIPAL. Not all values are present. Ensure 'client-id' and 'tenant-id' are supplied.${SUFFIX}`);
    }
  });

  it('mentions environment secrets in the fix when the job references an environment', () => {
    const g = gh({ environment: 'production' });
    g.azureLogin.clientId = undefined;
    expect(githubAdmission(g).stage.fix).toMatch(/environment "production"/);
  });

  it('azure/login refuses a missing subscription-id unless allow-no-subscriptions is true (doubled period as in real logs)', () => {
    const g = gh();
    g.azureLogin.subscriptionId = undefined;
    const a = githubAdmission(g);
    expect(a.stage.status).toBe('fail');
    expect(a.stage.message).toBe(`Error: Login failed with Error: Ensure 'subscription-id' is supplied or 'allow-no-subscriptions' is 'true'.${SUFFIX}`);
    expect(a.stage.message).toContain("'true'.. Double check");
    g.azureLogin.allowNoSubscriptions = true;
    expect(githubAdmission(g).stage.status).toBe('pass');
  });
});

describe('githubProjectedToken', () => {
  it('passes and shows the "Federated token details" lines as azure/login prints them', () => {
    const t = githubProjectedToken(gh({ environment: 'dev' }), NOW);
    expect(t.stage.status).toBe('pass');
    expect(t.details).toBe(
      'Federated token details:\n issuer - https://token.actions.githubusercontent.com\n subject claim - repo:contoso/webapp:environment:dev\n audience - api://AzureADTokenExchange\n job_workflow_ref - contoso/webapp/.github/workflows/deploy.yml@refs/heads/main',
    );
    expect(t.stage.message).toBe(t.details);
    expect(t.payload.sub).toBe('repo:contoso/webapp:environment:dev');
    expect(t.header.alg).toBe('RS256');
  });

  it('explains why sub has its form (no environment: key → branch form)', () => {
    const note = githubProjectedToken(gh(), NOW).stage.checks.find((c) => c.name === 'subject (sub)')?.note;
    expect(note).toMatch(/no environment: key/);
    expect(githubProjectedToken(gh({ environment: 'prod' }), NOW).stage.checks.find((c) => c.name === 'subject (sub)')?.note).toMatch(/environment form wins/);
  });

  it('warns when azure/login requests no audience: aud becomes https://github.com/<owner>', () => {
    const g = gh();
    g.azureLogin.audience = '';
    const t = githubProjectedToken(g, NOW);
    expect(t.stage.status).toBe('warn');
    expect(t.payload.aud).toBe('https://github.com/contoso');
    expect(t.stage.fix).toMatch(/api:\/\/AzureADTokenExchange/);
    expect(t.details).toContain(' audience - https://github.com/contoso');
  });

  it('accepts sovereign-cloud audiences without a warning, warns on others', () => {
    const g = gh();
    g.azureLogin.audience = 'api://AzureADTokenExchangeUSGov';
    expect(githubProjectedToken(g, NOW).stage.status).toBe('pass');
    g.azureLogin.audience = 'api://AzureADMyOrg';
    expect(githubProjectedToken(g, NOW).stage.status).toBe('warn');
  });

  it('carries template uncertainty into the stage, but not the nbf note (that stays in the lifetime check)', () => {
    const plain = githubProjectedToken(gh(), NOW).stage;
    expect(plain.uncertain).toBeUndefined();
    expect(plain.checks.find((c) => c.name.startsWith('lifetime'))?.note).toMatch(/not confirmed/);
    const tmpl = githubProjectedToken(gh({ subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo', 'context'] } } }), NOW).stage;
    expect(tmpl.uncertain).toMatch(/context/);
  });

  it('federatedTokenDetails prints non-string values as JSON', () => {
    expect(federatedTokenDetails({ iss: 'i', sub: 's', aud: ['a'], job_workflow_ref: 'j' })).toContain(' audience - ["a"]');
  });
});

describe('subscription step (authorization)', () => {
  const base = {
    clientId: defaultGithub().azureLogin.clientId!,
    principalId: defaultGithubRoleAssignment().principalId,
    subscriptionId: defaultGithub().azureLogin.subscriptionId!,
    allowNoSubscriptions: false,
  };

  it('passes with a role on the subscription', () => {
    expect(noSubscriptionsFailure({ ...base, roleAssignments: [defaultGithubRoleAssignment()] })).toBeUndefined();
    expect(subscriptionLoginPass({ ...base, roleAssignments: [defaultGithubRoleAssignment()] }).status).toBe('pass');
  });

  it('fails with "No subscriptions found for <client-id>." without any role', () => {
    const f = noSubscriptionsFailure({ ...base, roleAssignments: [] });
    expect(f?.status).toBe('fail');
    expect(f?.message).toBe(
      `Error: No subscriptions found for ${base.clientId}.\nError: Login failed with Error: The process '/usr/bin/az' failed with exit code 1${SUFFIX}`,
    );
    expect(f?.fix).toMatch(/allow-no-subscriptions: true/);
    expect(f?.uncertain).toBeTruthy();
  });

  it('ignores roles of other principals, and roles younger than ten minutes', () => {
    const other = { ...defaultGithubRoleAssignment(), principalId: '00000000-0000-4000-8000-000000000000' };
    expect(noSubscriptionsFailure({ ...base, roleAssignments: [other] })?.message).toMatch(/^Error: No subscriptions found/);
    const fresh = { ...defaultGithubRoleAssignment(), createdSecondsAgo: 60 };
    expect(noSubscriptionsFailure({ ...base, roleAssignments: [fresh] })?.message).toMatch(/^Error: No subscriptions found/);
  });

  it('counts a role at resource-group scope, case-insensitively', () => {
    const rg = { ...defaultGithubRoleAssignment(), principalId: base.principalId.toUpperCase(), scope: `/subscriptions/${base.subscriptionId.toUpperCase()}/resourceGroups/rg-demo` };
    expect(visibleSubscriptions(base.principalId, [rg])).toEqual([base.subscriptionId]);
    expect(noSubscriptionsFailure({ ...base, roleAssignments: [rg] })).toBeUndefined();
  });

  it('allow-no-subscriptions: true skips the no-subscription failure when no subscription-id is given', () => {
    const { subscriptionId: _s, ...noSub } = base;
    expect(noSubscriptionsFailure({ ...noSub, allowNoSubscriptions: true, roleAssignments: [] })).toBeUndefined();
  });

  it('a subscription-id the identity cannot see fails az account set, even with allow-no-subscriptions', () => {
    const wrong = '11111111-2222-4333-8444-555555555555';
    for (const allowNoSubscriptions of [false, true]) {
      const r = subscriptionLogin({ ...base, allowNoSubscriptions, subscriptionId: wrong, roleAssignments: [defaultGithubRoleAssignment()] });
      expect(r.failure?.message).toBe(`Error: The subscription of '${wrong}' doesn't exist in cloud 'AzureCloud'.\nError: Login failed with Error: The process '/usr/bin/az' failed with exit code 1${SUFFIX}`);
    }
  });
});

describe('githubIssuerDiscovery', () => {
  it('serves the discovery document at {iss}/.well-known/openid-configuration with jwks_uri {iss}/.well-known/jwks', () => {
    const d = githubIssuerDiscovery(gh());
    expect(d.stage.status).toBe('pass');
    expect(d.url).toBe('https://token.actions.githubusercontent.com/.well-known/openid-configuration');
    expect(d.discovery.issuer).toBe('https://token.actions.githubusercontent.com');
    expect(d.discovery.jwks_uri).toBe('https://token.actions.githubusercontent.com/.well-known/jwks');
    expect(d.stage.uncertain).toBeUndefined();
  });
  it('follows the GHES issuer and says reachability is assumed', () => {
    const d = githubIssuerDiscovery(gh({ ghes: { host: 'ghe.example.com', version: '3.12' } }));
    expect(d.discovery.jwks_uri).toBe('https://ghe.example.com/_services/token/.well-known/jwks');
    expect(d.stage.uncertain).toMatch(/ghe\.example\.com/);
  });
  it('claims_supported lists every claim the simulator mints', () => {
    const d = githubIssuerDiscovery(gh());
    const { payload } = githubProjectedToken(gh({ environment: 'x' }), NOW);
    for (const k of Object.keys(payload)) expect(d.discovery.claims_supported as string[]).toContain(k);
  });
});

describe('provider index', () => {
  it('exports the nine slots in contract order and the GitHub titles', async () => {
    const idx = await import('../../../../src/engine/providers/github-entra/index.ts');
    const { STAGE_IDS } = await import('../../../../src/engine/schema.ts');
    expect(idx.GITHUB_ENTRA_ID).toBe('github-entra');
    expect(idx.GITHUB_ENTRA_STAGE_IDS).toEqual(STAGE_IDS);
    expect(Object.keys(idx.GITHUB_ENTRA_STAGE_TITLES).every((k) => (STAGE_IDS as readonly string[]).includes(k))).toBe(true);
    expect(typeof idx.githubAdmission).toBe('function');
    expect(typeof idx.githubHints.subjectFix).toBe('function');
  });
});
