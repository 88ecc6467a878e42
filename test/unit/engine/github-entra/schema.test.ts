/**
 * The github-entra world schema and its healthy defaults.
 * Rules: shared/reference/other-providers.md §1 (issuer, audience default, claim-key pattern).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID, DEFAULT_PRINCIPAL_ID, DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../../../src/engine/defaults.ts';
import { FederatedCredentialSchema, RoleAssignmentSchema } from '../../../../src/engine/schema.ts';
import { AZURE_LOGIN_DEFAULT_AUDIENCE, GITHUB_ISSUER, GithubSchema } from '../../../../src/engine/providers/github-entra/schema.ts';
import { defaultGithub, defaultGithubFederatedCredential, defaultGithubRoleAssignment, GITHUB_DEFAULTS } from '../../../../src/engine/providers/github-entra/defaults.ts';

describe('GithubSchema', () => {
  it('accepts the defaults unchanged (parse is the identity on them)', () => {
    expect(GithubSchema.parse(defaultGithub())).toEqual(GITHUB_DEFAULTS);
  });

  it('defaults describe a healthy run: push to main, no environment, id-token: write, azure/login default audience', () => {
    expect(GITHUB_DEFAULTS.event).toBe('push');
    expect(GITHUB_DEFAULTS.ref).toBe('refs/heads/main');
    expect(GITHUB_DEFAULTS.environment).toBeUndefined();
    expect(GITHUB_DEFAULTS.permissions.idToken).toBe('write');
    expect(GITHUB_DEFAULTS.azureLogin.audience).toBe('api://AzureADTokenExchange');
  });

  it('fills optional inputs: audience defaults to api://AzureADTokenExchange, allow-no-subscriptions to false', () => {
    const g = defaultGithub() as Record<string, unknown>;
    g.azureLogin = { clientId: 'c', tenantId: 't' };
    const out = GithubSchema.parse(g);
    expect(out.azureLogin.audience).toBe(AZURE_LOGIN_DEFAULT_AUDIENCE);
    expect(out.azureLogin.allowNoSubscriptions).toBe(false);
    expect(out.azureLogin.subscriptionId).toBeUndefined();
  });

  it('rejects an unknown (misspelt) key', () => {
    const g = { ...defaultGithub(), enviroment: 'prod' };
    expect(GithubSchema.safeParse(g).success).toBe(false);
  });

  it('rejects a short ref (the world takes full refs)', () => {
    expect(GithubSchema.safeParse({ ...defaultGithub(), ref: 'main' }).success).toBe(false);
    expect(GithubSchema.safeParse({ ...defaultGithub(), ref: 'refs/tags/v1.0.0' }).success).toBe(true);
  });

  it('rejects a claim key with characters other than letters, digits and underscores', () => {
    const bad = { ...defaultGithub(), subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo', 'job-workflow-ref'] } } };
    const good = { ...defaultGithub(), subjectTemplate: { repo: { useDefault: false, includeClaimKeys: ['repo', 'job_workflow_ref'] } } };
    expect(GithubSchema.safeParse(bad).success).toBe(false);
    expect(GithubSchema.safeParse(good).success).toBe(true);
  });

  it('caps string sizes', () => {
    expect(GithubSchema.safeParse({ ...defaultGithub(), environment: 'x'.repeat(256) }).success).toBe(false);
  });

  it('describes every top-level field', () => {
    for (const [key, field] of Object.entries(GithubSchema.shape)) {
      expect(field.description, key).toBeTruthy();
    }
  });

  it('defaultGithub returns an independent copy', () => {
    const a = defaultGithub();
    a.permissions.idToken = 'none';
    expect(defaultGithub().permissions.idToken).toBe('write');
  });
});

describe('default credential and role', () => {
  it('uses the same identifiers as the shared default world', () => {
    expect(GITHUB_DEFAULTS.azureLogin.clientId).toBe(DEFAULT_CLIENT_ID);
    expect(GITHUB_DEFAULTS.azureLogin.tenantId).toBe(DEFAULT_TENANT_ID);
    expect(GITHUB_DEFAULTS.azureLogin.subscriptionId).toBe(DEFAULT_SUBSCRIPTION_ID);
    expect(defaultGithubRoleAssignment().principalId).toBe(DEFAULT_PRINCIPAL_ID);
    expect(defaultGithubRoleAssignment().scope).toBe(`/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`);
  });

  it('are valid shared-schema objects; the credential has GitHub issuer without trailing slash', () => {
    expect(FederatedCredentialSchema.parse(defaultGithubFederatedCredential()).issuer).toBe(GITHUB_ISSUER);
    expect(GITHUB_ISSUER.endsWith('/')).toBe(false);
    expect(RoleAssignmentSchema.safeParse(defaultGithubRoleAssignment()).success).toBe(true);
  });
});

describe('defaultGithubRequest', () => {
  it('asks for an Azure Resource Manager token with the /.default scope', async () => {
    const { defaultGithubRequest } = await import('../../../../src/engine/providers/github-entra/defaults.ts');
    expect(defaultGithubRequest()).toEqual({ scope: 'https://management.azure.com/.default' });
  });
});
