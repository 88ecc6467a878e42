/**
 * cluster-common: the non-AKS admission (webhook / hand-written / not-installed), the discovery that
 * follows jwks_uri, the issuer-string rules and the stage builders. Rules: other-providers.md §2.1, §2.4;
 * workload-identity.md A2, A3, A6, B3, C3, D2, D3. Clock frozen.
 */
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../../../src/engine/defaults.ts';
import {
  AZURE_EXCHANGE_AUDIENCE,
  clusterAdmission,
  EMPTY_TOKEN_PATH_MESSAGE,
  MIN_PROJECTED_EXPIRATION,
  type ClusterWorld,
  type OtherTokenFile,
} from '../../../../src/engine/providers/cluster-common/admission.ts';
import { discoverIssuer, EXTERNAL_OIDC_FAILED, type DiscoveryFacts } from '../../../../src/engine/providers/cluster-common/discovery.ts';
import { ficIssuerHints, IN_CLUSTER_ISSUERS, isInClusterOrPrivate, issuerUrlChecks } from '../../../../src/engine/providers/cluster-common/issuer.ts';
import { clusterTokenRequest, DEFAULT_AUDIENCES_UNCERTAIN } from '../../../../src/engine/providers/cluster-common/token.ts';
import { AZURE_TOKEN_FILE, ClusterPodSchema } from '../../../../src/engine/providers/cluster-common/schema.ts';
import { failStage, failWithCode, joinUncertain, passStage, quote } from '../../../../src/engine/providers/cluster-common/stage.ts';
import { atTwoInstants, clone, freezeClock } from './helpers.ts';

freezeClock();

const world = (): ClusterWorld => clone(defaultWorld()) as ClusterWorld;
const IRSA: OtherTokenFile = { path: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token', audience: 'sts.amazonaws.com', expirationSeconds: 86400, label: 'IRSA token' };
const ALL_ENV = (file: string) => ({ AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: 't', AZURE_FEDERATED_TOKEN_FILE: file });

function noWebhook(mut: (w: ClusterWorld) => void = () => {}): ClusterWorld {
  const w = world();
  w.cluster.workloadIdentityWebhook.installed = false;
  mut(w);
  return w;
}

describe('clusterAdmission: webhook installed', () => {
  it('defers to the aks-entra stage: no stage, the webhook token file, nothing presented instead', () => {
    const r = clusterAdmission(world(), 'EKS');
    expect(r.state).toBe('webhook');
    expect(r.stage).toBeUndefined();
    expect(r.tokenFile).toBe(AZURE_TOKEN_FILE);
    expect(r.presented).toBeUndefined();
    expect(r.checks.every((c) => c.ok)).toBe(true);
  });

  it('a pre-set AZURE_FEDERATED_TOKEN_FILE naming another token wins and is flagged (B3)', () => {
    const w = world();
    w.pod.containers[0]!.env.AZURE_FEDERATED_TOKEN_FILE = IRSA.path;
    const r = clusterAdmission(w, 'EKS', [IRSA]);
    expect(r.tokenFile).toBe(IRSA.path);
    expect(r.presented).toEqual({ source: 'other', audience: 'sts.amazonaws.com', expirationSeconds: 86400, label: 'IRSA token' });
    const bad = r.checks.find((c) => c.name === 'token file the app reads');
    expect(bad?.ok).toBe(false);
    expect(bad?.actual).toContain('"sts.amazonaws.com"');
  });

  it('a hand-written volume is ignored unless AZURE_FEDERATED_TOKEN_FILE points at it', () => {
    const w = world();
    w.pod.handWrittenTokenVolume = { audience: 'other', path: '/tokens/t', expirationSeconds: 3600 };
    const r1 = clusterAdmission(w, 'GKE');
    expect(r1.presented).toBeUndefined();
    expect(r1.checks.some((c) => c.name === 'hand-written token volume' && c.ok)).toBe(true);
    w.pod.containers[0]!.env.AZURE_FEDERATED_TOKEN_FILE = '/tokens/t';
    const r2 = clusterAdmission(w, 'GKE');
    expect(r2.presented).toEqual({ source: 'hand-written', audience: 'other', expirationSeconds: 3600, label: 'hand-written token volume' });
  });
});

describe('clusterAdmission: no webhook, nothing written by hand', () => {
  it('"no mutation happened": fails with the quick-start empty-path message (C08, #461)', () => {
    const r = clusterAdmission(noWebhook(), 'GKE');
    expect(r.state).toBe('not-installed');
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.message).toBe(EMPTY_TOKEN_PATH_MESSAGE);
    expect(r.stage?.message).toBe('failed to read the service account token from the filesystem: open : no such file or directory');
    expect(r.stage?.error).toBe('CredentialUnavailableError');
    expect(r.stage?.code).toBeUndefined();
    expect(r.stage?.summary).toMatch(/^No mutation happened: GKE runs no Azure Workload Identity webhook/);
    expect(r.stage?.summary).toContain('is simply ignored');
    expect(r.stage?.uncertain).toContain('§2.1');
    expect(r.stage?.fix).toContain(AZURE_EXCHANGE_AUDIENCE);
  });

  it('without the use label the summary says nothing acts on the pod', () => {
    const r = clusterAdmission(noWebhook((w) => delete w.pod.labels['azure.workload.identity/use']), 'EKS');
    expect(r.stage?.summary).toContain('nothing acts on the pod');
    expect(r.checks.find((c) => c.name.startsWith('pod label'))?.actual).toBe('(absent)');
  });

  it('a token-file variable set by hand with no volume behind it: open <file> fails', () => {
    const r = clusterAdmission(noWebhook((w) => (w.pod.containers[0]!.env.AZURE_FEDERATED_TOKEN_FILE = '/x/token')), 'EKS');
    expect(r.state).toBe('not-installed');
    expect(r.stage?.message).toBe('open /x/token: no such file or directory');
    expect(r.tokenFile).toBe('/x/token');
  });
});

describe('clusterAdmission: hand-written configuration', () => {
  const withVol = (env: Record<string, string>, vol: Partial<{ audience: string | undefined; path: string; expirationSeconds: number }> = {}) =>
    noWebhook((w) => {
      w.pod.handWrittenTokenVolume = { audience: AZURE_EXCHANGE_AUDIENCE, path: AZURE_TOKEN_FILE, expirationSeconds: 3600, ...vol } as never;
      if (vol.audience === undefined && 'audience' in vol) delete (w.pod.handWrittenTokenVolume as { audience?: string }).audience;
      w.pod.containers[0]!.env = env;
    });

  it('passes when volume and the three variables are right, and presents the volume\'s token', () => {
    const r = clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE)), 'EKS');
    expect(r.state).toBe('hand-written');
    expect(r.stage?.status).toBe('pass');
    expect(r.presented).toEqual({ source: 'hand-written', audience: AZURE_EXCHANGE_AUDIENCE, expirationSeconds: 3600, label: 'hand-written token volume' });
    expect(r.tokenFile).toBe(AZURE_TOKEN_FILE);
  });

  it('fails with the SDK\'s message for the first missing variable (B4 order: client ID first)', () => {
    const r = clusterAdmission(withVol({ AZURE_TENANT_ID: 't', AZURE_FEDERATED_TOKEN_FILE: AZURE_TOKEN_FILE }), 'EKS');
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.message).toBe('no client ID specified. Check pod configuration or set ClientID in the options');
    expect(r.stage?.summary).toContain('AZURE_CLIENT_ID is not set');
    const r2 = clusterAdmission(withVol({ AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: 't' }), 'EKS');
    expect(r2.stage?.message).toBe('no token file specified. Check pod configuration or set TokenFilePath in the options');
  });

  it('a client ID passed by the app itself stands in for AZURE_CLIENT_ID', () => {
    const w = withVol({ AZURE_TENANT_ID: 't', AZURE_FEDERATED_TOKEN_FILE: AZURE_TOKEN_FILE });
    w.request.clientId = 'from-app';
    expect(clusterAdmission(w, 'EKS').stage?.status).toBe('pass');
  });

  it('AZURE_FEDERATED_TOKEN_FILE not where the volume writes: open fails', () => {
    const r = clusterAdmission(withVol(ALL_ENV('/wrong/path')), 'EKS');
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.message).toBe('open /wrong/path: no such file or directory');
  });

  it('expirationSeconds below the 600 s TokenRequest minimum is refused; 600 is accepted (A3)', () => {
    expect(MIN_PROJECTED_EXPIRATION).toBe(600);
    const r = clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE), { expirationSeconds: 599 }), 'EKS');
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.uncertain).toContain('A3');
    expect(clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE), { expirationSeconds: 600 }), 'EKS').stage?.status).toBe('pass');
  });

  it('a wrong volume audience admits the pod with a warning and presents that audience', () => {
    const r = clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE), { audience: 'sts.amazonaws.com' }), 'EKS');
    expect(r.stage?.status).toBe('warn');
    expect(r.stage?.fix).toContain(AZURE_EXCHANGE_AUDIENCE);
    expect(r.presented?.audience).toBe('sts.amazonaws.com');
  });

  it('a volume without an audience presents the API server default audiences (no audience set)', () => {
    const r = clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE), { audience: undefined }), 'EKS');
    expect(r.stage?.status).toBe('warn');
    expect(r.presented).toBeDefined();
    expect('audience' in r.presented!).toBe(false);
  });

  it('variables pointing at another platform token: admitted, warned, inference marked uncertain (§2.2)', () => {
    const r = clusterAdmission(noWebhook((w) => (w.pod.containers[0]!.env = ALL_ENV(IRSA.path))), 'EKS', [IRSA]);
    expect(r.state).toBe('hand-written');
    expect(r.stage?.status).toBe('warn');
    expect(r.stage?.uncertain).toContain('§2.2');
    expect(r.presented?.source).toBe('other');
    expect(r.presented?.audience).toBe('sts.amazonaws.com');
  });

  it('pointing at another token but missing a variable still fails with the SDK message', () => {
    const r = clusterAdmission(noWebhook((w) => (w.pod.containers[0]!.env = { AZURE_FEDERATED_TOKEN_FILE: IRSA.path })), 'EKS', [IRSA]);
    expect(r.stage?.status).toBe('fail');
    expect(r.stage?.message).toBe('no client ID specified. Check pod configuration or set ClientID in the options');
  });

  it('does not read the clock', () => {
    const [a, b] = atTwoInstants(() => clusterAdmission(withVol(ALL_ENV(AZURE_TOKEN_FILE)), 'EKS'));
    expect(a).toEqual(b);
  });
});

describe('ClusterPodSchema', () => {
  it('defaults a hand-written volume to the webhook path and 3600 s', () => {
    const pod = ClusterPodSchema.parse({ name: 'p', handWrittenTokenVolume: { audience: AZURE_EXCHANGE_AUDIENCE } });
    expect(pod.handWrittenTokenVolume).toEqual({ audience: AZURE_EXCHANGE_AUDIENCE, path: AZURE_TOKEN_FILE, expirationSeconds: 3600 });
  });
  it('rejects unknown keys in the volume', () => {
    expect(ClusterPodSchema.safeParse({ name: 'p', handWrittenTokenVolume: { audiences: [] } }).success).toBe(false);
  });
});

describe('discoverIssuer', () => {
  const ISS = 'https://issuer.example.com/x';
  const base = (over: Partial<DiscoveryFacts> = {}): DiscoveryFacts => ({
    iss: ISS,
    discoveryFetch: { kind: 'ok' },
    document: { issuer: ISS, jwks_uri: `${ISS}/keys` },
    jwksFetch: (u) => (u === `${ISS}/keys` ? { kind: 'ok' } : { kind: 'http', status: 404, detail: 'nf' }),
    jwksKeyCount: 2,
    ...over,
  });

  it('passes, follows jwks_uri (not a fixed path) and serves the A6 document fields in order', () => {
    const seen: string[] = [];
    const o = discoverIssuer(base({ jwksFetch: (u) => (seen.push(u), { kind: 'ok' }) }));
    expect(o.stage.status).toBe('pass');
    expect(seen).toEqual([`${ISS}/keys`]);
    expect(o.discoveryUrl).toBe(`${ISS}/.well-known/openid-configuration`);
    expect(Object.keys(o.document!)).toEqual(['issuer', 'jwks_uri', 'response_types_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported']);
    expect(o.document!.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(o.jwksUri).toBe(`${ISS}/keys`);
    expect(o.stage.summary).toContain('2 keys');
  });

  it('a served document (platform shape) is returned verbatim, in its own field order', () => {
    const served = { issuer: ISS, jwks_uri: `${ISS}/keys`, authorization_endpoint: 'urn:x', claims_supported: ['sub'] };
    const o = discoverIssuer(base({ document: { issuer: ISS, jwks_uri: `${ISS}/keys`, served } }));
    expect(o.document).toEqual(served);
    expect(Object.keys(o.document!)).toEqual(['issuer', 'jwks_uri', 'authorization_endpoint', 'claims_supported']);
    expect(o.document).not.toBe(served);
  });

  it('HTTP 404 on the discovery document → AADSTS90061 with the exact text', () => {
    const o = discoverIssuer(base({ discoveryFetch: { kind: 'http', status: 404, detail: 'nf' } }));
    expect(o.stage.status).toBe('fail');
    expect(o.stage.code).toBe('AADSTS90061');
    expect(o.stage.message).toBe(`AADSTS90061: ${EXTERNAL_OIDC_FAILED}`);
    expect(EXTERNAL_OIDC_FAILED).toBe('Request to External OIDC endpoint failed.');
    expect(o.stage.httpStatus).toBe(400);
    expect(o.stage.error).toBe('invalid_request');
    expect(o.stage.learnMore).toEqual(['/errors/aadsts90061/']);
    expect(o.document).toBeUndefined();
  });

  it('unreachable or refused → AADSTS50166; 401/403 adds the inference note', () => {
    for (const f of [{ kind: 'unreachable', detail: 'x' }, { kind: 'refused', detail: 'fw' }] as const) {
      const o = discoverIssuer(base({ discoveryFetch: f }));
      expect(o.stage.code).toBe('AADSTS50166');
      expect(o.stage.uncertain).not.toContain('401/403');
    }
    const o = discoverIssuer(base({ discoveryFetch: { kind: 'http', status: 403, detail: 'forbidden' } }));
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.uncertain).toContain('401/403');
    // The catalogue's own note is kept, not replaced.
    expect(o.stage.uncertain).toContain('which one appears for which cause is not documented');
  });

  it('a JWKS fetch failure fails at the URL the document named, after the document was read', () => {
    const o = discoverIssuer(base({ document: { issuer: ISS, jwks_uri: `${ISS}/elsewhere` } }));
    expect(o.stage.code).toBe('AADSTS90061');
    expect(o.stage.summary).toContain(`${ISS}/elsewhere`);
    expect(o.document).toBeDefined();
  });

  it('a non-https jwks_uri is never fetched', () => {
    let called = false;
    const o = discoverIssuer(base({ document: { issuer: ISS, jwks_uri: 'http://issuer.example.com/keys' }, jwksFetch: () => ((called = true), { kind: 'ok' }) }));
    expect(called).toBe(false);
    expect(o.stage.code).toBe('AADSTS50166');
  });

  it('a document issuer that differs from iss is refused as for aks-entra (OIDC Discovery §4.3), code marked a guess', () => {
    const o = discoverIssuer(base({ document: { issuer: `${ISS}/`, jwks_uri: `${ISS}/keys` } }));
    expect(o.stage.status).toBe('fail');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.uncertain).toContain('guess');
    expect(o.stage.fix).toContain('byte for byte');
  });

  it('provider fix and uncertainty are used', () => {
    const o = discoverIssuer(base({ discoveryFetch: { kind: 'unreachable', detail: 'x' }, fix: 'FIX', uncertain: 'UNC' }));
    expect(o.stage.fix).toBe('FIX');
    expect(o.stage.uncertain).toContain('UNC');
    expect(discoverIssuer(base({ uncertain: 'UNC' })).stage.uncertain).toBe('UNC');
  });
});

describe('issuer helpers', () => {
  it('in-cluster defaults and private hosts are recognised; public hosts are not', () => {
    for (const i of IN_CLUSTER_ISSUERS) expect(isInClusterOrPrivate(i)).toBe(true);
    for (const i of ['https://localhost:6443', 'https://10.0.0.1', 'https://192.168.1.2', 'https://172.16.0.1', 'https://127.0.0.1']) expect(isInClusterOrPrivate(i)).toBe(true);
    for (const i of ['https://oidc.eks.us-east-1.amazonaws.com/id/AB', 'https://172.32.0.1', 'not a url']) expect(isInClusterOrPrivate(i)).toBe(false);
  });

  it('A6 shape: https, no query, no fragment', () => {
    expect(issuerUrlChecks('https://a.example/x').every((c) => c.ok)).toBe(true);
    expect(issuerUrlChecks('http://a.example/x')[0]!.ok).toBe(false);
    expect(issuerUrlChecks('https://a.example/x?y=1')[1]!.ok).toBe(false);
    expect(issuerUrlChecks('https://a.example/x#f')[1]!.ok).toBe(false);
    expect(issuerUrlChecks('nonsense')[0]!.actual).toContain('not a URL');
  });

  it('ficIssuerHints explains trailing-slash and case near misses, nothing when one matches', () => {
    const f = (name: string, issuer: string) => ({ name, issuer, subject: 's', audiences: ['a'], createdSecondsAgo: 0 });
    const iss = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCD';
    expect(ficIssuerHints(iss, [f('a', iss), f('b', `${iss}/`)])).toEqual([]);
    const h = ficIssuerHints(iss, [f('slash', `${iss}/`), f('case', iss.replace('ABCD', 'abcd')), f('far', 'https://x.example')]);
    expect(h.map((c) => c.name)).toEqual(['credential "slash" issuer, trailing slash', 'credential "case" issuer, letter case']);
    expect(h.every((c) => !c.ok)).toBe(true);
    expect(h[0]!.note).toContain('no trailing "/"');
    expect(ficIssuerHints(`${iss}/`, [f('s', iss)])[0]!.note).toContain('ends with "/"');
  });
});

describe('stage builders', () => {
  it('passStage is warn when any check is not ok', () => {
    expect(passStage('s', [{ name: 'n', expected: '', actual: '', ok: true }]).status).toBe('pass');
    expect(passStage('s', [{ name: 'n', expected: '', actual: '', ok: false }]).status).toBe('warn');
  });
  it('failStage omits an undefined message', () => {
    expect('message' in failStage('s', [], undefined, 'f')).toBe(false);
  });
  it('failWithCode takes status and error from the catalogue and joins uncertainty', () => {
    const s = failWithCode('AADSTS7000272', 's', [], 'm', 'f', { uncertain: 'mine' });
    expect(s.httpStatus).toBe(401);
    expect(s.error).toBe('invalid_client');
    expect(s.uncertain).toBe('mine');
    const t = failWithCode('AADSTS50166', 's', [], 'm', 'f', { uncertain: 'mine' });
    expect(t.uncertain).toMatch(/not documented\. mine$/);
  });
  it('quote and joinUncertain', () => {
    expect(quote(undefined)).toBe('(absent)');
    expect(quote('a')).toBe('"a"');
    expect(joinUncertain(undefined, '', 'a', 'b')).toBe('a b');
    expect(joinUncertain()).toBeUndefined();
  });
});

describe('clusterTokenRequest', () => {
  const ISS = 'https://oidc.eks.us-east-1.amazonaws.com/id/AB';
  it('webhook token: world audience, the admission-settled lifetime, the webhook file', () => {
    const w = world();
    expect(clusterTokenRequest(w, clusterAdmission(w, 'EKS'), ISS, 7200)).toEqual({ audiences: ['api://AzureADTokenExchange'], expirationSeconds: 7200, tokenFile: AZURE_TOKEN_FILE, source: 'webhook' });
  });
  it('the IRSA file: its audience and lifetime', () => {
    const w = world();
    w.pod.containers[0]!.env.AZURE_FEDERATED_TOKEN_FILE = IRSA.path;
    expect(clusterTokenRequest(w, clusterAdmission(w, 'EKS', [IRSA]), ISS, 3600)).toEqual({ audiences: ['sts.amazonaws.com'], expirationSeconds: 86400, tokenFile: IRSA.path, source: 'other' });
  });
  it('a hand-written volume without audience: aud = [iss] (A2 default audiences), marked uncertain', () => {
    const w = noWebhook((x) => {
      x.pod.handWrittenTokenVolume = { path: AZURE_TOKEN_FILE, expirationSeconds: 1800 };
      x.pod.containers[0]!.env = ALL_ENV(AZURE_TOKEN_FILE);
    });
    const r = clusterTokenRequest(w, clusterAdmission(w, 'GKE'), ISS, 3600);
    expect(r.audiences).toEqual([ISS]);
    expect(r.expirationSeconds).toBe(1800);
    expect(r.source).toBe('hand-written');
    expect(r.uncertain).toBe(DEFAULT_AUDIENCES_UNCERTAIN);
  });
});
