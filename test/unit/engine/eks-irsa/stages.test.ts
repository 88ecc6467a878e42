/**
 * eks-irsa stages, pass and fail paths, every code, frozen clock: each case changes one thing in the
 * healthy default world and checks the stage, code, HTTP status and the real text.
 */
import { describe, expect, it } from 'vitest';
import { runChain } from '../../../../src/engine/chain.ts';
import { parseScenario } from '../../../../src/engine/scenario.ts';
import '../../../../src/engine/providers/registry.ts';
import { createKeyStore } from '../../../../src/engine/issuer.ts';
import { defaultIrsaWorld, defaultTrustPolicy, IRSA_ISSUER } from '../../../../src/engine/providers/eks-irsa/defaults.ts';
import { webhookExpiration } from '../../../../src/engine/providers/eks-irsa/admission.ts';
import type { IrsaWorld } from '../../../../src/engine/providers/eks-irsa/schema.ts';
import type { World } from '../../../../src/engine/schema.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const keys = createKeyStore();
const run = (change: (w: IrsaWorld) => void = () => {}) => {
  const w = defaultIrsaWorld();
  change(w);
  return runChain(w as unknown as World, { now: NOW, keys, provider: 'eks-irsa' });
};
const stage = async (change: (w: IrsaWorld) => void, id: string) => (await run(change)).stages.find((s) => s.id === id)!;

describe('eks-irsa chain', () => {
  it('the default world is granted, every stage passes, with credentials and the STS request as artifacts', async () => {
    const r = await run();
    expect(r.outcome).toBe('granted');
    expect(r.stages.map((s) => s.status)).toEqual(Array(9).fill('pass'));
    expect(r.artifacts.env.AWS_ROLE_ARN).toBe('arn:aws:iam::111122223333:role/my-app-role');
    expect(r.artifacts.env.AWS_WEB_IDENTITY_TOKEN_FILE).toBe('/var/run/secrets/eks.amazonaws.com/serviceaccount/token');
    expect(r.artifacts.token?.payload.aud).toEqual(['sts.amazonaws.com']);
    expect(r.artifacts.token?.payload.iss).toBe(IRSA_ISSUER);
    expect(r.artifacts.token?.payload.exp).toBe(NOW.getTime() / 1000 + 86400);
    expect(r.artifacts.exchangeRequest?.form.Action).toBe('AssumeRoleWithWebIdentity');
    expect(r.artifacts.exchangeRequest?.url).toBe('https://sts.amazonaws.com/');
    expect((r.artifacts.accessToken as { AssumedRoleUser: { Arn: string } }).AssumedRoleUser.Arn).toBe('arn:aws:sts::111122223333:assumed-role/my-app-role/my-app-session');
    expect(r.configErrors).toEqual([]);
  });

  describe('admission', () => {
    it('fails without the role-arn annotation, naming a near-miss key', async () => {
      const s = await stage((w) => {
        w.serviceAccount.annotations = { 'eks.amazonaws.com/role_arn': 'arn:aws:iam::111122223333:role/my-app-role' };
      }, 'admission');
      expect(s.status).toBe('fail');
      expect(s.checks.some((c) => c.name.includes('look like role-arn') && !c.ok)).toBe(true);
      expect(s.message).toMatch(/^AccessDenied: User: arn:aws:sts::111122223333:assumed-role\/<node-instance-role>\/<instance-id> is not authorized to perform: s3:GetObject/);
      expect(s.uncertain).toMatch(/instance role/);
    });
    it('fails for a pod created before the annotation, and for another ServiceAccount, and without the webhook', async () => {
      expect((await stage((w) => void (w.pod.createdAfterAnnotation = false), 'admission')).fix).toMatch(/rollout restart/);
      expect((await stage((w) => void (w.pod.serviceAccountName = 'default'), 'admission')).fix).toMatch(/serviceAccountName: my-app-sa/);
      expect((await stage((w) => void (w.cluster.podIdentityWebhook = false), 'admission')).fix).toMatch(/Pod Identity Webhook/);
    });
    it('injects AWS_STS_REGIONAL_ENDPOINTS and the regional STS URL for sts-regional-endpoints "true"', async () => {
      const r = await run((w) => void (w.serviceAccount.annotations['eks.amazonaws.com/sts-regional-endpoints'] = 'true'));
      expect(r.artifacts.env.AWS_STS_REGIONAL_ENDPOINTS).toBe('regional');
      expect(r.artifacts.exchangeRequest?.url).toBe('https://sts.us-east-1.amazonaws.com/');
    });
    it('token-expiration: default 86400, below 600 raised to 600', () => {
      expect(webhookExpiration(undefined).seconds).toBe(86400);
      expect(webhookExpiration('100').seconds).toBe(600);
      expect(webhookExpiration('3600').seconds).toBe(3600);
      expect(webhookExpiration('soon').note).toMatch(/not a number/);
    });
    it('warns when the manifest overrides AWS_ROLE_ARN', async () => {
      const s = await stage((w) => void (w.pod.env = { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/other' }), 'admission');
      expect(s.status).toBe('warn');
      expect(s.fix).toBeTruthy();
    });
  });

  it('projected-token fails for an unknown signing key', async () => {
    const s = await stage((w) => void (w.token.signingKey = 'nope'), 'projected-token');
    expect(s.status).toBe('fail');
    expect(s.message).toBe('no signing key "nope" configured for --service-account-signing-key-file');
  });

  describe('client-lookup (STS request, IAM OIDC provider)', () => {
    it('ValidationError "Request ARN is invalid" for a malformed role ARN', async () => {
      const s = await stage((w) => void (w.serviceAccount.annotations['eks.amazonaws.com/role-arn'] = 'arn:aws:iam::::111122223333:role/my-app-role'), 'client-lookup');
      expect([s.code, s.httpStatus, s.message]).toEqual(['ValidationError', 400, 'ValidationError: Request ARN is invalid']);
    });
    it('InvalidIdentityToken "No OpenIDConnect provider found" without a provider, or with a trailing-slash URL', async () => {
      const s = await stage((w) => void (w.oidcProviders = []), 'client-lookup');
      expect([s.code, s.httpStatus, s.message]).toEqual(['InvalidIdentityToken', 400, `InvalidIdentityToken: No OpenIDConnect provider found in your account for ${IRSA_ISSUER}`]);
      const slash = await stage((w) => void (w.oidcProviders[0]!.url = `${IRSA_ISSUER}/`), 'client-lookup');
      expect(slash.code).toBe('InvalidIdentityToken');
      expect(slash.uncertain).toMatch(/byte for byte/);
    });
    it('InvalidIdentityToken "Incorrect token audience" when the audience is not a client ID', async () => {
      const s = await stage((w) => void (w.oidcProviders[0]!.clientIds = ['other']), 'client-lookup');
      expect(s.message).toBe('InvalidIdentityToken: Incorrect token audience');
      const ann = await stage((w) => void (w.serviceAccount.annotations['eks.amazonaws.com/audience'] = 'my-aud'), 'client-lookup');
      expect(ann.code).toBe('InvalidIdentityToken');
    });
  });

  describe('federation-match (trust policy)', () => {
    const denied = 'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity';
    it('AccessDenied (403) for a wrong namespace in :sub, naming the differing value', async () => {
      const s = await stage((w) => void (w.role.trustPolicy = defaultTrustPolicy('system:serviceaccount:default:my-app-sa')), 'federation-match');
      expect([s.code, s.httpStatus, s.message]).toEqual(['AccessDenied', 403, denied]);
      expect(s.checks.some((c) => c.actual.includes('system:serviceaccount:dev:my-app-sa'))).toBe(true);
      expect(s.uncertain).toMatch(/order/);
    });
    it('AccessDenied for a deleted role, and for an explicit Deny', async () => {
      expect((await stage((w) => void (w.role.exists = false), 'federation-match')).message).toBe(denied);
      const s = await stage((w) => {
        const p = w.role.trustPolicy as { Statement: unknown[] };
        p.Statement.push({ Effect: 'Deny', Principal: '*', Action: 'sts:*' });
      }, 'federation-match');
      expect(s.summary).toMatch(/explicit Deny/);
    });
    it('a trust policy without the aud condition still allows (aud was checked against the provider)', async () => {
      const s = await stage((w) => {
        const p = defaultTrustPolicy() as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
        const c = p.Statement[0]!.Condition.StringEquals;
        for (const k of Object.keys(c)) if (k.endsWith(':aud')) delete c[k];
        w.role.trustPolicy = p;
      }, 'federation-match');
      expect(s.status).toBe('pass');
    });
    it('a malformed policy is a located config error', async () => {
      const r = await run((w) => void ((w.role.trustPolicy as { Statement: { Condition: unknown }[] }).Statement[0]!.Condition = { StringEqual: { a: 'b' } }));
      expect(r.configErrors.map((e) => [e.code, e.path])).toEqual([['MalformedPolicyDocument', 'role.trustPolicy.Statement[0].Condition.StringEqual']]);
      expect(r.failedStage).toBeUndefined(); // the statement that could be read has no conditions left: it allows
    });
  });

  it('signature: InvalidIdentityToken for an unpublished key and for a token edited after signing', async () => {
    const k = await stage((w) => void (w.cluster.signingKeys = [{ name: 'sa-key-1', published: false }, { name: 'sa-key-2', published: true }]), 'signature');
    expect([k.code, k.message]).toEqual(['InvalidIdentityToken', 'InvalidIdentityToken: The web identity token provided could not be validated']);
    expect(k.uncertain).toMatch(/third-party/);
    const t = await stage((w) => void (w.token.tamperedAfterSigning = true), 'signature');
    expect(t.code).toBe('InvalidIdentityToken');
    expect(t.summary).toMatch(/changed after/);
  });

  it('lifetime: ExpiredTokenException with both times', async () => {
    const s = await stage((w) => void (w.token.issuedSecondsAgo = 90000), 'lifetime');
    const now = NOW.getTime() / 1000;
    expect([s.code, s.httpStatus]).toEqual(['ExpiredTokenException', 400]);
    expect(s.message).toBe(`ExpiredTokenException: Token expired: current date/time ${now} must be before the expiration date/time ${now - 90000 + 86400}`);
  });

  it('access-token: ValidationError when DurationSeconds exceeds MaxSessionDuration', async () => {
    const s = await stage((w) => void (w.request.durationSeconds = 7200), 'access-token');
    expect(s.message).toBe('ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    expect((await stage((w) => void (w.request.durationSeconds = 100), 'access-token')).code).toBe('ValidationError');
  });

  describe('authorization', () => {
    it('S3 AccessDenied (403): implicit deny names the action', async () => {
      const s = await stage((w) => void (w.role.permissionPolicies = []), 'authorization');
      expect([s.code, s.httpStatus]).toEqual(['AccessDenied', 403]);
      expect(s.message).toBe('AccessDenied: User: arn:aws:sts::111122223333:assumed-role/my-app-role/my-app-session is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::my-app-config/config.json" because no identity-based policy allows the s3:GetObject action');
    });
    it('S3 AccessDenied: explicit deny wording', async () => {
      const s = await stage((w) => w.role.permissionPolicies.push({ name: 'deny', document: { Statement: { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' } } }), 'authorization');
      expect(s.message).toMatch(/with an explicit deny in an identity-based policy$/);
    });
    it('Secrets Manager AccessDeniedException (400) with the secret id', async () => {
      const s = await stage((w) => void (w.resource = { kind: 'secretsmanager-secret', arn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-Ab12Cd', id: 'db' }), 'authorization');
      expect([s.code, s.httpStatus]).toEqual(['AccessDeniedException', 400]);
      expect(s.message).toMatch(/secretsmanager:GetSecretValue on resource: db because no identity-based policy allows the secretsmanager:GetSecretValue action$/);
    });
  });

  it('the scenario loader refuses a misspelt world key for eks-irsa with its path', () => {
    const r = parseScenario({ schema: 1, title: 't', provider: 'eks-irsa', world: { role: { trustPolicyy: {} } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('world.role');
  });
});
