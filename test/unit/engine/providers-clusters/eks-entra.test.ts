/**
 * eks-entra: issuer form (no trailing slash, upper-case hex ID, .com.cn in China), the healthy default,
 * discovery through jwks_uri, and admission with the IRSA token the EKS webhook mounts. Rules:
 * other-providers.md §2.1, §2.2; workload-identity.md F1; real-world-cases C34. Clock frozen.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultEksWorld,
  EKS_ANNOTATIONS,
  EKS_DEFAULT_ISSUER,
  EKS_JWKS_PATH,
  eksAdmission,
  eksDiscovery,
  eksDiscoveryDocument,
  eksDnsSuffix,
  EksEntraWorldSchema,
  eksIssuer,
  IRSA_TOKEN_FILE,
  irsaToken,
} from '../../../../src/engine/providers/eks-entra/index.ts';
import { atTwoInstants, freezeClock } from './helpers.ts';

freezeClock();

describe('eksIssuer', () => {
  it('builds https://oidc.eks.<region>.amazonaws.com/id/<ID> with no trailing slash', () => {
    const r = eksIssuer({ kind: 'eks', region: 'us-east-1', oidcId: 'FDF0A1B2C3D4E5F6A7B8C9D0E1F2A3F2F' });
    expect(r.issuer).toBe('https://oidc.eks.us-east-1.amazonaws.com/id/FDF0A1B2C3D4E5F6A7B8C9D0E1F2A3F2F');
    expect(r.checks.every((c) => c.ok)).toBe(true);
    expect(r.uncertain).toBeUndefined();
  });

  it('a lower-case ID fails the shape check (Entra compares case-sensitively)', () => {
    const r = eksIssuer({ kind: 'eks', region: 'us-east-1', oidcId: 'fdf0a1' });
    expect(r.checks.find((c) => c.name.includes('upper-case'))?.ok).toBe(false);
  });

  it('a malformed region fails the region check', () => {
    expect(eksIssuer({ kind: 'eks', region: 'useast1', oidcId: 'AB' }).checks.find((c) => c.name === 'region')?.ok).toBe(false);
  });

  it('cn-* regions use amazonaws.com.cn (C34, marked uncertain); GovCloud is uncertain too', () => {
    expect(eksDnsSuffix('cn-north-1')).toBe('amazonaws.com.cn');
    expect(eksDnsSuffix('eu-west-1')).toBe('amazonaws.com');
    const cn = eksIssuer({ kind: 'eks', region: 'cn-north-1', oidcId: 'AB' });
    expect(cn.issuer).toBe('https://oidc.eks.cn-north-1.amazonaws.com.cn/id/AB');
    expect(cn.uncertain).toContain('C34');
    expect(eksIssuer({ kind: 'eks', region: 'us-gov-west-1', oidcId: 'AB' }).uncertain).toContain('GovCloud');
  });
});

describe('defaultEksWorld', () => {
  it('is a valid eks-entra world whose credential names the issuer byte for byte', () => {
    const w = defaultEksWorld();
    expect(EksEntraWorldSchema.safeParse(w).success).toBe(true);
    expect(w.cluster.oidcIssuer.url).toBe(EKS_DEFAULT_ISSUER);
    expect(w.identity.federatedCredentials[0]!.issuer).toBe(EKS_DEFAULT_ISSUER);
    expect(EKS_DEFAULT_ISSUER.endsWith('/')).toBe(false);
  });
  it('returns a fresh copy each time', () => {
    const a = defaultEksWorld();
    a.identity.federatedCredentials[0]!.issuer = 'x';
    expect(defaultEksWorld().identity.federatedCredentials[0]!.issuer).toBe(EKS_DEFAULT_ISSUER);
  });
  it('rejects a platform with a misspelt key (strict)', () => {
    const w = defaultEksWorld() as unknown as { cluster: { platform: Record<string, unknown> } };
    w.cluster.platform.oidcID = 'X';
    expect(EksEntraWorldSchema.safeParse(w).success).toBe(false);
  });
});

describe('eksDiscovery', () => {
  it('passes for the cluster\'s own issuer and follows jwks_uri {iss}/keys (AWS EKS user guide)', () => {
    const w = defaultEksWorld();
    const o = eksDiscovery(w, EKS_DEFAULT_ISSUER);
    expect(o.stage.status).toBe('pass');
    expect(o.jwksUri).toBe(`${EKS_DEFAULT_ISSUER}${EKS_JWKS_PATH}`);
    expect(o.stage.uncertain).toBeUndefined();
    // EKS's own document shape (AWS knowledge-center article), not the API server's A6 one.
    expect(o.document).toEqual({
      issuer: EKS_DEFAULT_ISSUER,
      jwks_uri: `${EKS_DEFAULT_ISSUER}/keys`,
      authorization_endpoint: 'urn:kubernetes:programmatic_authorization',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      claims_supported: ['sub', 'iss'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(Object.keys(o.document!)[2]).toBe('authorization_endpoint');
    expect(eksDiscoveryDocument(`${EKS_DEFAULT_ISSUER}/`).jwks_uri).toBe(`${EKS_DEFAULT_ISSUER}/keys`);
  });
  it('an iss that is not this cluster\'s issuer cannot be fetched → AADSTS50166', () => {
    const o = eksDiscovery(defaultEksWorld(), 'https://oidc.eks.us-east-1.amazonaws.com/id/OTHER');
    expect(o.stage.status).toBe('fail');
    expect(o.stage.code).toBe('AADSTS50166');
  });
  it('counts only published keys', () => {
    const w = defaultEksWorld();
    w.cluster.signingKeys = [{ name: 'a', published: true }, { name: 'b', published: false }];
    expect(eksDiscovery(w, EKS_DEFAULT_ISSUER).stage.summary).toContain('(1 key)');
  });
});

describe('EKS admission', () => {
  it('no role-arn annotation: no IRSA token; with the webhook installed, defers to aks-entra', () => {
    const w = defaultEksWorld();
    expect(irsaToken(w)).toBeUndefined();
    const r = eksAdmission(w);
    expect(r.state).toBe('webhook');
    expect(r.stage).toBeUndefined();
    expect(r.checks.find((c) => c.name === 'EKS pod identity webhook')?.actual).toContain('nothing mounted');
  });

  it('role-arn: the IRSA token with default audience sts.amazonaws.com and 86400 s (F1)', () => {
    const w = defaultEksWorld();
    w.serviceAccount.annotations[EKS_ANNOTATIONS.roleArn] = 'arn:aws:iam::111122223333:role/app';
    expect(irsaToken(w)).toEqual({ path: IRSA_TOKEN_FILE, audience: 'sts.amazonaws.com', expirationSeconds: 86400, label: 'IRSA token of the EKS pod identity webhook' });
  });

  it('audience and token-expiration annotations; values below 600 round up to 600; junk falls back to 86400', () => {
    const w = defaultEksWorld();
    w.serviceAccount.annotations[EKS_ANNOTATIONS.roleArn] = 'arn:aws:iam::111122223333:role/app';
    w.serviceAccount.annotations[EKS_ANNOTATIONS.audience] = 'custom';
    w.serviceAccount.annotations[EKS_ANNOTATIONS.tokenExpiration] = '300';
    expect(irsaToken(w)).toMatchObject({ audience: 'custom', expirationSeconds: 600 });
    w.serviceAccount.annotations[EKS_ANNOTATIONS.tokenExpiration] = '7200';
    expect(irsaToken(w)?.expirationSeconds).toBe(7200);
    w.serviceAccount.annotations[EKS_ANNOTATIONS.tokenExpiration] = 'abc';
    expect(irsaToken(w)?.expirationSeconds).toBe(86400);
  });

  it('app pointed at the IRSA file presents aud sts.amazonaws.com (AADSTS700212 later, §2.2 inference)', () => {
    const w = defaultEksWorld();
    w.serviceAccount.annotations[EKS_ANNOTATIONS.roleArn] = 'arn:aws:iam::111122223333:role/app';
    w.pod.containers[0]!.env.AZURE_FEDERATED_TOKEN_FILE = IRSA_TOKEN_FILE;
    const r = eksAdmission(w);
    expect(r.state).toBe('webhook');
    expect(r.presented?.audience).toBe('sts.amazonaws.com');
    expect(r.checks.find((c) => c.name === 'token file the app reads')?.ok).toBe(false);
  });

  it('no Azure webhook: the EKS webhook never injects an Azure token → no mutation, fail', () => {
    const w = defaultEksWorld();
    w.cluster.workloadIdentityWebhook.installed = false;
    w.serviceAccount.annotations[EKS_ANNOTATIONS.roleArn] = 'arn:aws:iam::111122223333:role/app';
    const r = eksAdmission(w);
    expect(r.state).toBe('not-installed');
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.summary).toContain('EKS runs no Azure Workload Identity webhook');
    // The EKS webhook check is part of the failed stage's checks.
    expect(r.stage?.checks.some((c) => c.name === 'EKS pod identity webhook')).toBe(true);
  });

  it('does not read the clock', () => {
    const [a, b] = atTwoInstants(() => eksDiscovery(defaultEksWorld(), EKS_DEFAULT_ISSUER));
    expect(a).toEqual(b);
  });
});
