/**
 * Fuzz per provider (issue 11, "Bad input"): a random partial world over each provider's default, read by
 * the scenario loader and, when valid, run through that provider's chain, never throws and always gives
 * one well-formed result (ensureChainResult). The arbitraries mutate the values the providers' own stages
 * read (GitHub job fields, cluster platform facts, credentials), so deep paths are reached; the test checks
 * that both valid and invalid inputs occurred and that some runs were denied and some granted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario.ts';
import { runChain } from '../../src/engine/chain.ts';
import { PROVIDER_IDS } from '../../src/engine/providers/registry.ts';
import { ensureChainResult, FUZZ_NOW, pooledKeyStore } from './fuzz-properties.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const keys = pooledKeyStore();

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'main', 'refs/heads/main', 'refs/tags/v1', 'production', 'Contoso', 'https://token.actions.githubusercontent.com/', 'us-east-1', 'cn-north-1', 'abc123', 'api://AzureADTokenExchange', '__proto__'));
const scalar = fc.oneof(text, fc.integer({ min: -5, max: 200_000 }), fc.boolean(), fc.constant(null));

/** A partial world touching the fields each provider reads; unknown or ill-typed values are allowed. */
const partialWorld = fc.record(
  {
    github: fc.record({ owner: text, repo: text, event: fc.constantFrom('push', 'pull_request', 'workflow_dispatch', 'schedule', 'x'), ref: text, environment: fc.oneof(text, fc.constant(null)), permissions: fc.record({ idToken: fc.constantFrom('write', 'read', 'none', 'absent', 'x') }, { requiredKeys: [] }), azureLogin: fc.record({ audience: fc.oneof(text, fc.constant(null)), clientId: fc.oneof(text, fc.constant(null)), allowNoSubscriptions: fc.boolean() }, { requiredKeys: [] }), tokenIssuedSecondsAgo: fc.integer({ min: -100, max: 100_000 }) }, { requiredKeys: [] }),
    cluster: fc.record({ platform: fc.dictionary(fc.constantFrom('region', 'oidcId', 'project', 'location', 'cluster', 'distribution', 'kind'), scalar, { maxKeys: 3 }), workloadIdentityWebhook: fc.record({ installed: fc.boolean() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    identity: fc.record({ federatedCredentials: fc.array(fc.record({ name: text, issuer: text, subject: text, audiences: fc.array(text, { maxLength: 2 }) }), { maxLength: 3 }) }, { requiredKeys: [] }),
    roleAssignments: fc.constantFrom([], undefined),
  },
  { requiredKeys: [] },
);

/** eks-irsa has its own world (no Entra side): annotations, pod, token, IAM OIDC providers, policies as JSON. */
const policyValue = fc.oneof(text, fc.array(text, { maxLength: 2 }), fc.integer(), fc.boolean(), fc.constant(null));
const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'x'),
    Principal: fc.oneof(fc.constant('*'), fc.record({ Federated: fc.oneof(text, fc.constant('arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B')) })),
    Action: fc.oneof(fc.constantFrom('sts:AssumeRoleWithWebIdentity', 's3:GetObject', 's3:*', '*', 'sts:assumerolewithwebidentity'), text),
    Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::my-app-config/*'), text),
    Condition: fc.dictionary(fc.constantFrom('StringEquals', 'StringLike', 'StringNotEquals', 'ForAnyValue:StringLike', 'StringEqualsIfExists', 'Null', 'NumericLessThan', 'Bogus'), fc.dictionary(fc.constantFrom('oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B:sub', 'oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B:AUD', 'aws:PrincipalArn', 'x'), policyValue, { maxKeys: 2 }), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);
const policy = fc.oneof(fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 'x'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })) }, { requiredKeys: [] }), scalar);
const irsaPartialWorld = fc.record(
  {
    serviceAccount: fc.record({ namespace: text, annotations: fc.dictionary(fc.constantFrom('eks.amazonaws.com/role-arn', 'eks.amazonaws.com/audience', 'eks.amazonaws.com/token-expiration', 'eks.amazonaws.com/sts-regional-endpoints', 'eks.amazonaws.com/role_arn'), fc.oneof(text, fc.constantFrom('arn:aws:iam::111122223333:role/my-app-role', '100', 'true'))) }, { requiredKeys: [] }),
    pod: fc.record({ serviceAccountName: fc.oneof(text, fc.constant('my-app-sa')), createdAfterAnnotation: fc.boolean(), env: fc.dictionary(fc.constantFrom('AWS_ROLE_ARN', 'AWS_REGION'), text, { maxKeys: 1 }) }, { requiredKeys: [] }),
    token: fc.record({ issuedSecondsAgo: fc.integer({ min: -100, max: 200_000 }), claims: fc.dictionary(fc.constantFrom('iss', 'sub', 'aud', 'exp', 'nbf'), scalar, { maxKeys: 2 }), tamperedAfterSigning: fc.boolean() }, { requiredKeys: [] }),
    oidcProviders: fc.array(fc.record({ url: text, clientIds: fc.array(text, { maxLength: 2 }) }), { maxLength: 2 }),
    role: fc.record({ exists: fc.boolean(), trustPolicy: policy, permissionPolicies: fc.array(fc.record({ name: text, document: policy }), { maxLength: 2 }), maxSessionDurationSeconds: fc.integer({ min: 0, max: 50_000 }) }, { requiredKeys: [] }),
    request: fc.record({ durationSeconds: fc.integer({ min: 0, max: 50_000 }) }, { requiredKeys: [] }),
    resource: fc.record({ kind: fc.constantFrom('s3-object', 'secretsmanager-secret', 'x'), arn: text }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe(`fuzz per provider, ${RUNS} cases each: the loader and the chain never throw, results are well formed`, () => {
  for (const provider of PROVIDER_IDS) {
    it(provider, async () => {
      const seen = { invalid: 0, granted: 0, denied: 0 };
      await fc.assert(
        fc.asyncProperty(provider === 'eks-irsa' ? irsaPartialWorld : partialWorld, async (world) => {
          const clean = JSON.parse(JSON.stringify(world)) as Record<string, unknown>;
          if (clean.roleAssignments === undefined) delete clean.roleAssignments;
          const parsed = parseScenario({ schema: 1, title: 'fuzz', provider, world: clean });
          if (!parsed.ok) {
            seen.invalid++;
            expect(parsed.issues.length).toBeGreaterThan(0);
            return;
          }
          const r = await runChain(parsed.world, { now: FUZZ_NOW, keys, provider });
          ensureChainResult(r);
          expect(r.provider).toBe(provider);
          seen[r.outcome]++;
        }),
        { numRuns: RUNS },
      );
      expect(seen.invalid, 'some inputs must be refused').toBeGreaterThan(0);
      expect(seen.denied, 'some valid inputs must run and be denied').toBeGreaterThan(0);
    });
  }
});
