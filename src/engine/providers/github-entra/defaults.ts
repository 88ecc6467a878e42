/**
 * The healthy default GitHub world for `github-entra`: a push to `main` of `contoso/webapp`, a job with
 * `permissions: id-token: write` and no `environment:`, running azure/login with its default audience
 * api://AzureADTokenExchange against the default identity of src/engine/defaults.ts. Every GitHub-side
 * check passes; with {@link defaultGithubFederatedCredential} on the identity and
 * {@link defaultGithubRoleAssignment} in the role assignments, the whole chain passes.
 *
 * The GUIDs repeat src/engine/defaults.ts (DEFAULT_CLIENT_ID, DEFAULT_TENANT_ID, DEFAULT_SUBSCRIPTION_ID,
 * DEFAULT_PRINCIPAL_ID) because this folder imports only types, zod, schema, errors and issuer; a unit test
 * keeps them equal.
 */
import type { FederatedCredential } from '../../schema.ts';
import { AZURE_LOGIN_DEFAULT_AUDIENCE, GITHUB_ISSUER, type GithubWorld } from './schema.ts';

const CLIENT_ID = '5b1e6c2a-3d4f-4a8b-9c0d-e1f2a3b4c5d6';
const TENANT_ID = '72f0c4d1-5b3e-4a8f-9c21-6d7e8f9a0b1c';
const SUBSCRIPTION_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const PRINCIPAL_ID = 'a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

/** The default GitHub world (read-only; use {@link defaultGithub} for a copy to edit). */
export const GITHUB_DEFAULTS: Readonly<GithubWorld> = Object.freeze({
  owner: 'contoso',
  repo: 'webapp',
  ownerId: 98765432,
  repoId: 612345678,
  immutableSubjects: false,
  workflowFile: 'deploy.yml',
  workflowName: 'Deploy',
  event: 'push',
  ref: 'refs/heads/main',
  pullRequest: { number: 1, headRef: 'feature' },
  permissions: { idToken: 'write' },
  subjectTemplate: {},
  azureLogin: {
    clientId: CLIENT_ID,
    tenantId: TENANT_ID,
    subscriptionId: SUBSCRIPTION_ID,
    allowNoSubscriptions: false,
    audience: AZURE_LOGIN_DEFAULT_AUDIENCE,
  },
  tokenIssuedSecondsAgo: 0,
  actor: 'octocat',
  actorId: 583231,
  sha: '3f786850e387550fdab836ed7e6dc881de23001b',
  runId: 9876543210,
  runNumber: 42,
  runAttempt: 1,
  repositoryVisibility: 'private',
  runnerEnvironment: 'github-hosted',
} satisfies GithubWorld);

/** A fresh deep copy of {@link GITHUB_DEFAULTS} (callers may mutate it). */
export function defaultGithub(): GithubWorld {
  return JSON.parse(JSON.stringify(GITHUB_DEFAULTS)) as GithubWorld;
}

/**
 * The federated credential that trusts the default job: GitHub's issuer without a trailing slash, the
 * branch subject of a push to main, audience api://AzureADTokenExchange (ref. §1.1–§1.3).
 */
export function defaultGithubFederatedCredential(): FederatedCredential {
  return {
    name: 'github-webapp-main',
    issuer: GITHUB_ISSUER,
    subject: 'repo:contoso/webapp:ref:refs/heads/main',
    audiences: [AZURE_LOGIN_DEFAULT_AUDIENCE],
    createdSecondsAgo: 3600,
  };
}

/**
 * A role on the subscription, so that `az login` inside azure/login finds a subscription (ref. §1.5:
 * without any, the login step fails with "No subscriptions found for <client-id>.").
 */
export function defaultGithubRoleAssignment(): { principalId: string; role: string; scope: string; createdSecondsAgo: number } {
  return { principalId: PRINCIPAL_ID, role: 'Contributor', scope: `/subscriptions/${SUBSCRIPTION_ID}`, createdSecondsAgo: 86400 };
}

/**
 * The token request az login makes inside azure/login: an Azure Resource Manager token, which it uses to
 * list subscriptions (ref. §1.5). The exact scope string az login sends is inferred, not quoted in the
 * reference.
 */
export function defaultGithubRequest(): { scope: string } {
  return { scope: 'https://management.azure.com/.default' };
}
