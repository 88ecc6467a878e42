/**
 * selfmanaged-entra: the issuer of new tokens (first --service-account-issuer), the healthy default
 * ($web blob hosting, trailing slash), discovery per hosting kind (api-server RBAC binding, storage
 * firewall, no anonymous read, files not uploaded, in-cluster issuer, doc issuer mismatch, jwks-uri flag),
 * the JWKS key set (stale upload), the signature refinement and admission. Rules: other-providers.md §2.4;
 * workload-identity.md A1, A2, A6, D2; azure-workload-identity discovery-document.md; #1130, #605, #616.
 * Clock frozen.
 */
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../../src/engine/stage.ts';
import {
  defaultSelfManagedWorld,
  ECDSA_UNCERTAIN,
  issuerFlagHint,
  SELFMANAGED_DEFAULT_ISSUER,
  selfManagedAdmission,
  selfManagedDiscovery,
  selfManagedDiscoveryDocument,
  SelfManagedEntraWorldSchema,
  selfManagedHostedAt,
  selfManagedIssuer,
  selfManagedJwksKeyNames,
  selfManagedSignature,
  type SelfManagedEntraWorld,
} from '../../../../src/engine/providers/selfmanaged-entra/index.ts';
import { atTwoInstants, freezeClock } from './helpers.ts';

freezeClock();

const ISS = SELFMANAGED_DEFAULT_ISSUER;
const W = (mut: (w: SelfManagedEntraWorld) => void = () => {}): SelfManagedEntraWorld => {
  const w = defaultSelfManagedWorld();
  mut(w);
  return w;
};
const apiServer = (w: SelfManagedEntraWorld, iss = 'https://k8s.example.com') => {
  w.cluster.platform.serviceAccountIssuers = [iss];
  w.cluster.platform.hosting = { kind: 'api-server', reachableFromInternet: true, anonymousRead: true, firewall: false, unauthenticatedDiscoveryBinding: true, discoveryUploaded: true, jwksUploaded: true };
};

describe('selfManagedIssuer', () => {
  it('new tokens carry the FIRST --service-account-issuer; the others are only accepted', () => {
    const r = selfManagedIssuer({ ...defaultSelfManagedWorld().cluster.platform, serviceAccountIssuers: ['https://a.example/', 'https://kubernetes.default.svc.cluster.local'] });
    expect(r.issuer).toBe('https://a.example/');
    expect(r.accepted).toEqual(['https://a.example/', 'https://kubernetes.default.svc.cluster.local']);
    expect(r.checks.find((c) => c.name.includes('several times'))?.ok).toBe(true);
    expect(r.checks.find((c) => c.name.includes('is public'))?.ok).toBe(true);
  });
  it('the in-cluster defaults (with or without a trailing slash) fail the "public" check (A2, #616)', () => {
    for (const iss of ['https://kubernetes.default.svc.cluster.local', 'https://kubernetes.default.svc', 'https://kubernetes.default.svc/']) {
      const r = selfManagedIssuer({ ...defaultSelfManagedWorld().cluster.platform, serviceAccountIssuers: [iss] });
      expect(r.checks.find((c) => c.name.includes('is public'))?.ok).toBe(false);
    }
  });
  it('a blob-web issuer gets the $web sample note; the trailing slash is kept byte for byte', () => {
    const r = selfManagedIssuer(defaultSelfManagedWorld().cluster.platform);
    expect(r.issuer).toBe(ISS);
    expect(r.issuer.endsWith('/$web/')).toBe(true);
    expect(r.checks.some((c) => c.name === 'issuer and the $web sample')).toBe(true);
  });
  it('issuerFlagHint: per distribution, kind/k3s/kubeadm marked unverified', () => {
    expect(issuerFlagHint('k3s').text).toContain('--kube-apiserver-arg=service-account-issuer=');
    expect(issuerFlagHint('k3s').uncertain).toBeDefined();
    expect(issuerFlagHint('kind').text).toContain('apiServer.extraArgs');
    expect(issuerFlagHint('kubeadm').text).toContain('apiServer.extraArgs');
    expect(issuerFlagHint('openshift').uncertain).toBeUndefined();
  });
});

describe('defaultSelfManagedWorld', () => {
  it('is valid; issuer = the azwi $web sample form; credential names it byte for byte', () => {
    const w = defaultSelfManagedWorld();
    expect(SelfManagedEntraWorldSchema.safeParse(w).success).toBe(true);
    expect(ISS).toMatch(/^https:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/\$web\/$/);
    expect(w.identity.federatedCredentials[0]!.issuer).toBe(ISS);
    expect(w.cluster.oidcIssuer.url).toBe(ISS);
  });
  it('schema defaults: hosting reachable, readable, uploaded; alg RS256; distribution kubeadm', () => {
    const p = SelfManagedEntraWorldSchema.shape.cluster.shape.platform.parse({ kind: 'selfmanaged', serviceAccountIssuers: [ISS], hosting: { kind: 'blob-web' } });
    expect(p).toMatchObject({ distribution: 'kubeadm', signingAlg: 'RS256', hosting: { reachableFromInternet: true, anonymousRead: true, firewall: false, discoveryUploaded: true, jwksUploaded: true, unauthenticatedDiscoveryBinding: false } });
  });
  it('at least one issuer flag value is required', () => {
    expect(SelfManagedEntraWorldSchema.shape.cluster.shape.platform.safeParse({ kind: 'selfmanaged', serviceAccountIssuers: [], hosting: { kind: 'blob-web' } }).success).toBe(false);
  });
});

describe('selfManagedDiscovery: blob / other hosting', () => {
  it('healthy default passes; the document is the walkthrough\'s (issuer with slash, jwks_uri …/$web/openid/v1/jwks)', () => {
    const o = selfManagedDiscovery(W(), ISS);
    expect(o.stage.status).toBe('pass');
    expect(o.document).toEqual({
      issuer: ISS,
      jwks_uri: `${ISS}openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(o.discoveryUrl).toBe(`${ISS}.well-known/openid-configuration`);
  });
  it('storage firewall → AADSTS50166 (#1130, C11)', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.firewall = true)), ISS);
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.fix).toContain('public network access');
  });
  it('no anonymous read → AADSTS50166', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.anonymousRead = false)), ISS);
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.checks[0]!.actual).toContain('no anonymous read access');
  });
  it('host not reachable from the internet → AADSTS50166', () => {
    expect(selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.reachableFromInternet = false)), ISS).stage.code).toBe('AADSTS50166');
  });
  it('discovery document never uploaded → HTTP 404 → AADSTS90061 with an upload fix', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.discoveryUploaded = false)), ISS);
    expect(o.stage.code).toBe('AADSTS90061');
    expect(o.stage.fix).toContain('.well-known/openid-configuration');
  });
  it('JWKS never uploaded → 404 at jwks_uri → AADSTS90061 with the azwi jwks fix', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.jwksUploaded = false)), ISS);
    expect(o.stage.code).toBe('AADSTS90061');
    expect(o.stage.summary).toContain(`${ISS}openid/v1/jwks`);
    expect(o.stage.fix).toContain('azwi jwks');
  });
  it('a document whose jwks_uri names another path on the same account → 404; another host → unreachable', () => {
    const same = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.discoveryJwksUri = `${ISS}keys.json`)), ISS);
    expect(same.stage.code).toBe('AADSTS90061');
    const other = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.discoveryJwksUri = 'https://elsewhere.example/jwks')), ISS);
    expect(other.stage.code).toBe('AADSTS50166');
  });
  it('the hosted document names the issuer without the slash the flag has → refused (AADSTS50166, code a guess)', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.hosting.discoveryIssuer = ISS.replace(/\/$/, ''))), ISS);
    expect(o.stage.status).toBe('fail');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.uncertain).toContain('guess');
  });
  it('issuer left at the in-cluster default: unreachable → AADSTS50166, fix names the hosted URL', () => {
    const w = W((x) => (x.cluster.platform.serviceAccountIssuers = ['https://kubernetes.default.svc.cluster.local']));
    w.cluster.platform.hosting.url = ISS;
    const o = selfManagedDiscovery(w, 'https://kubernetes.default.svc.cluster.local');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.fix).toContain(ISS);
  });
  it('iss elsewhere than the hosting: same account → 404 (AADSTS90061); another host → AADSTS50166', () => {
    expect(selfManagedDiscovery(W(), ISS.replace('$web', 'oidc')).stage.code).toBe('AADSTS90061');
    expect(selfManagedDiscovery(W(), 'https://issuer.example.org/').stage.code).toBe('AADSTS50166');
  });
  it('a trailing-slash difference between iss and the hosting still fetches the same document', () => {
    // Discovery strips the slash before /.well-known; the slash only matters for the credential match.
    const o = selfManagedDiscovery(W(), ISS.replace(/\/$/, ''));
    expect(o.stage.checks[0]!.ok).toBe(true);
    expect(o.stage.status).toBe('fail'); // document issuer (with slash) ≠ iss (without): refused, as for aks-entra
  });
  it('non-https iss → AADSTS50166', () => {
    expect(selfManagedDiscovery(W(), 'http://oidc.example.com/').stage.code).toBe('AADSTS50166');
  });
  it('--service-account-jwks-uri with blob hosting is only informational', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.serviceAccountJwksUri = 'https://x.example/jwks')), ISS);
    expect(o.stage.status).toBe('pass');
    expect(o.stage.checks.some((c) => c.name === '--service-account-jwks-uri' && c.ok)).toBe(true);
  });
  it('an ECDSA key is announced in the document and marked uncertain', () => {
    const o = selfManagedDiscovery(W((w) => (w.cluster.platform.signingAlg = 'ES256')), ISS);
    expect(o.document?.id_token_signing_alg_values_supported).toEqual(['ES256']);
    expect(o.stage.uncertain).toContain('ES256');
  });
  it('hosting.url absent → hosted where the flag points', () => {
    expect(selfManagedHostedAt(W())).toBe(ISS);
    expect(selfManagedHostedAt(W((w) => (w.cluster.platform.hosting.url = 'https://h.example/')))).toBe('https://h.example/');
  });
});

describe('selfManagedDiscovery: the API server serves discovery itself (A6)', () => {
  it('passes with system:service-account-issuer-discovery bound to system:unauthenticated', () => {
    const w = W((x) => apiServer(x));
    const o = selfManagedDiscovery(w, 'https://k8s.example.com');
    expect(o.stage.status).toBe('pass');
    expect(o.jwksUri).toBe('https://k8s.example.com/openid/v1/jwks');
  });
  it('without that binding the anonymous fetch is refused → AADSTS50166, inference marked', () => {
    const w = W((x) => apiServer(x));
    w.cluster.platform.hosting.unauthenticatedDiscoveryBinding = false;
    const o = selfManagedDiscovery(w, 'https://k8s.example.com');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.uncertain).toContain('inference');
    expect(o.stage.fix).toContain('system:unauthenticated');
  });
  it('API server not reachable from the internet → AADSTS50166, fix: host a public copy', () => {
    const w = W((x) => apiServer(x));
    w.cluster.platform.hosting.reachableFromInternet = false;
    const o = selfManagedDiscovery(w, 'https://k8s.example.com');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.fix).toContain('public copy');
  });
  it('--service-account-jwks-uri overrides jwks_uri in the API server\'s document; a private one fails', () => {
    const w = W((x) => apiServer(x));
    w.cluster.platform.serviceAccountJwksUri = 'https://keys.example.net/jwks';
    expect(selfManagedDiscoveryDocument(w).jwks_uri).toBe('https://keys.example.net/jwks');
    const ok = selfManagedDiscovery(w, 'https://k8s.example.com');
    expect(ok.stage.status).toBe('pass');
    expect(ok.stage.uncertain).toContain('--service-account-jwks-uri');
    w.cluster.platform.serviceAccountJwksUri = 'https://10.0.0.5:6443/openid/v1/jwks';
    expect(selfManagedDiscovery(w, 'https://k8s.example.com').stage.code).toBe('AADSTS50166');
  });
  it('does not read the clock', () => {
    const [a, b] = atTwoInstants(() => selfManagedDiscovery(W(), ISS));
    expect(a).toEqual(b);
  });
});

describe('JWKS key set and signature', () => {
  const rotated = () =>
    W((w) => {
      w.cluster.signingKeys = [{ name: 'sa-key-1', published: true }, { name: 'sa-key-2', published: true }];
      w.token.signingKey = 'sa-key-2';
      w.cluster.platform.hosting.uploadedKeys = ['sa-key-1'];
    });
  const kidMissing: Stage = { status: 'fail', code: 'AADSTS7000272', summary: 'base', checks: [{ name: 'header kid in the JWKS', expected: 'x', actual: 'y', ok: false }], message: 'AADSTS7000272: The certificate …', fix: 'base fix' };

  it('blob hosting: the JWKS is what was uploaded; absent = every published key', () => {
    expect(selfManagedJwksKeyNames(W())).toEqual(['sa-key-1']);
    expect(selfManagedJwksKeyNames(rotated())).toEqual(['sa-key-1']);
  });
  it('retired keys are not dropped after 24 h (that is AKS\'s managed rotation)', () => {
    expect(selfManagedJwksKeyNames(W((w) => (w.cluster.signingKeys = [{ name: 'sa-key-1', published: true, retiredSecondsAgo: 999999 }])))).toEqual(['sa-key-1']);
  });
  it('api-server hosting ignores uploadedKeys and lists published keys', () => {
    const w = rotated();
    apiServer(w);
    w.cluster.platform.hosting.uploadedKeys = ['sa-key-1'];
    expect(selfManagedJwksKeyNames(w)).toEqual(['sa-key-1', 'sa-key-2']);
  });
  it('AADSTS7000272 from a stale uploaded JWKS: code and message kept, self-managed summary and fix', () => {
    const r = selfManagedSignature(rotated(), kidMissing);
    expect(r.code).toBe('AADSTS7000272');
    expect(r.message).toBe(kidMissing.message);
    expect(r.summary).toContain('was not uploaded again');
    expect(r.fix).toContain('azwi jwks');
    expect(r.checks.find((c) => c.name === 'signing key in the uploaded JWKS')?.actual).toBe('"sa-key-1"');
    expect(kidMissing.summary).toBe('base'); // input not mutated
  });
  it('AADSTS7000272 on api-server hosting names --service-account-key-file', () => {
    const w = W((x) => apiServer(x));
    w.cluster.signingKeys = [{ name: 'sa-key-1', published: false }];
    expect(selfManagedSignature(w, kidMissing).fix).toContain('--service-account-key-file');
  });
  it('a passing RS256 signature is returned as is', () => {
    const ok: Stage = { status: 'pass', summary: 's', checks: [{ name: 'RS256 signature', expected: '', actual: '', ok: true }] };
    expect(selfManagedSignature(W(), ok)).toEqual(ok);
  });
  it('ECDSA: a passing signature becomes a warning with the uncertainty; a failure keeps failing', () => {
    const ok: Stage = { status: 'pass', summary: 's', checks: [{ name: 'RS256 signature', expected: '', actual: '', ok: true }] };
    const es = W((w) => (w.cluster.platform.signingAlg = 'ES256'));
    const r = selfManagedSignature(es, ok);
    expect(r.status).toBe('warn');
    expect(r.uncertain).toContain(ECDSA_UNCERTAIN);
    const f = selfManagedSignature(es, kidMissing);
    expect(f.status).toBe('fail');
    expect(f.uncertain).toContain(ECDSA_UNCERTAIN);
  });
});

describe('selfManagedAdmission', () => {
  it('webhook installed: defers to aks-entra', () => {
    expect(selfManagedAdmission(W()).state).toBe('webhook');
  });
  it('no webhook: no mutation; the summary names the distribution', () => {
    const r = selfManagedAdmission(W((w) => ((w.cluster.workloadIdentityWebhook.installed = false), (w.cluster.platform.distribution = 'k3s'))));
    expect(r.state).toBe('not-installed');
    expect(r.stage?.summary).toContain('No mutation happened: this k3s cluster runs no Azure Workload Identity webhook');
  });
});
