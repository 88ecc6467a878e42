/**
 * The simulated cluster OIDC issuer: Kubernetes-style kid, the discovery document, the JWKS, and the
 * projected service account token it mints (header, claim set, signature). The clock is frozen and
 * every expectation is recomputed independently (node:crypto for the kid, jose for verification).
 * Rules: shared/reference/workload-identity.md A1, A2, A6, B2.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  DEFAULT_ISSUER,
  defaultWorld,
  runChain,
  type ChainResult,
  type KeyStore,
  type World,
} from '../../../src/engine/index.ts';
import { deepMerge } from '../../../src/engine/merge.ts';
import { WorldSchema } from '../../../src/engine/schema.ts';
import { discoveryDocument, jwksUri } from '../../../src/engine/issuer.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

/** The default world with `patch` deep-merged over it, validated like a scenario's world. */
function world(patch: Record<string, unknown> = {}): World {
  return WorldSchema.parse(deepMerge(defaultWorld(), patch));
}

async function run(patch: Record<string, unknown> = {}): Promise<ChainResult> {
  return runChain(world(patch), { now: NOW, keys });
}

/** base64url(SHA-256(DER SubjectPublicKeyInfo)) computed with node:crypto, independently of the engine. */
function kidOf(jwk: JWK): string {
  const der = createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function verify(result: ChainResult) {
  const jwt = result.artifacts.token!.jwt;
  return jwtVerify(jwt, createLocalJWKSet(result.artifacts.jwks as { keys: JWK[] }), { currentDate: NOW, algorithms: ['RS256'] });
}

describe('key IDs', () => {
  it('are 43 base64url characters: SHA-256 of the DER SubjectPublicKeyInfo', async () => {
    const key = await keys.get('sa-key-1');
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.kid).toBe(kidOf(key.jwk));
  });

  it('differ between keys and are stable for one key', async () => {
    const a = await keys.get('sa-key-1');
    const b = await keys.get('sa-key-2');
    expect(a.kid).not.toBe(b.kid);
    expect(b.kid).toBe(kidOf(b.jwk));
    expect((await keys.get('sa-key-1')).kid).toBe(a.kid);
  });

  it('match the kid the published JWK carries', async () => {
    const r = await run();
    const key = await keys.get('sa-key-1');
    expect(r.artifacts.jwks.keys.map((k) => k.kid)).toEqual([key.kid]);
    expect(kidOf(r.artifacts.jwks.keys[0] as JWK)).toBe(key.kid);
  });
});

describe('discovery document', () => {
  it('has exactly the Kubernetes fields, in order, and no authorization_endpoint', async () => {
    const r = await run();
    const doc = r.artifacts.discovery;
    expect(Object.keys(doc)).toEqual([
      'issuer',
      'jwks_uri',
      'response_types_supported',
      'subject_types_supported',
      'id_token_signing_alg_values_supported',
    ]);
    expect(doc).toEqual({
      issuer: DEFAULT_ISSUER,
      jwks_uri: `${DEFAULT_ISSUER}openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(doc).not.toHaveProperty('authorization_endpoint');
  });

  it('puts the JWKS at <issuer>openid/v1/jwks with a single slash after a trailing-slash issuer', () => {
    const issuer = 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/';
    const uri = jwksUri(issuer);
    expect(uri).toBe('https://westeurope.oic.prod-aks.azure.com/tenant/cluster/openid/v1/jwks');
    expect(uri.replace('https://', '')).not.toContain('//');
    expect(discoveryDocument(issuer).jwks_uri).toBe(uri);
  });

  it('states the issuer it is served for, byte for byte', () => {
    expect(discoveryDocument('https://issuer.example/abc/').issuer).toBe('https://issuer.example/abc/');
  });
});

describe('JWKS', () => {
  it('entries are {use, kty, kid, alg, n, e} for RS256 keys', async () => {
    const r = await run();
    const [k] = r.artifacts.jwks.keys;
    expect(Object.keys(k!)).toEqual(['use', 'kty', 'kid', 'alg', 'n', 'e']);
    expect(k).toMatchObject({ use: 'sig', kty: 'RSA', alg: 'RS256', e: 'AQAB' });
    expect(k!.n).toMatch(/^[A-Za-z0-9_-]{342}$/); // 2048-bit modulus
  });

  it('holds published keys only', async () => {
    const r = await run({
      cluster: { signingKeys: [{ name: 'sa-key-1', published: true }, { name: 'sa-key-2', published: false }] },
    });
    const k1 = await keys.get('sa-key-1');
    const k2 = await keys.get('sa-key-2');
    const kids = r.artifacts.jwks.keys.map((k) => k.kid);
    expect(kids).toContain(k1.kid);
    expect(kids).not.toContain(k2.kid);
    expect(kids).toHaveLength(1);
  });

  it('holds every published key during a rotation', async () => {
    const r = await run({
      cluster: { signingKeys: [{ name: 'sa-key-1', published: true }, { name: 'sa-key-2', published: true }] },
    });
    const kids = r.artifacts.jwks.keys.map((k) => k.kid);
    expect(kids).toEqual([(await keys.get('sa-key-1')).kid, (await keys.get('sa-key-2')).kid]);
    expect(r.outcome).toBe('granted');
  });
});

describe('minted projected service account token', () => {
  it('has a header with exactly alg RS256 and kid (no typ)', async () => {
    const r = await run();
    const jwt = r.artifacts.token!.jwt;
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: 'RS256', kid: (await keys.get('sa-key-1')).kid });
    expect(header).not.toHaveProperty('typ');
    expect(r.artifacts.token!.header).toEqual(header);
  });

  it('carries the Kubernetes claim set (1.31)', async () => {
    const r = await run();
    const p = decodePayload(r.artifacts.token!.jwt);
    expect(p.iss).toBe(DEFAULT_ISSUER);
    expect(p.sub).toBe('system:serviceaccount:dev:my-app-sa');
    expect(p.aud).toEqual(['api://AzureADTokenExchange']);
    expect(p.iat).toBe(NOW_S);
    expect(p.nbf).toBe(p.iat);
    expect(p.exp).toBe(NOW_S + 3600);
    expect(p.jti).toMatch(UUID);
    const kio = p['kubernetes.io'] as Record<string, Record<string, string> | string>;
    expect(Object.keys(kio)).toEqual(['namespace', 'node', 'pod', 'serviceaccount']);
    expect(kio.namespace).toBe('dev');
    expect(kio.node).toMatchObject({ name: 'aks-nodepool1-12345678-vmss000000' });
    expect(kio.pod).toMatchObject({ name: 'my-app' });
    expect(kio.serviceaccount).toMatchObject({ name: 'my-app-sa' });
    for (const part of ['node', 'pod', 'serviceaccount'] as const) expect((kio[part] as Record<string, string>).uid).toMatch(UUID);
    expect(r.artifacts.token!.payload).toEqual(p);
  });

  it('follows the namespace, ServiceAccount, audience, lifetime and issue time of the world', async () => {
    const r = await run({
      serviceAccount: { namespace: 'payments', name: 'api' },
      pod: { name: 'api-7d9' },
      token: { audience: 'api://AzureADTokenExchangeChina', expirationSeconds: 7200, issuedSecondsAgo: 120 },
    });
    const p = decodePayload(r.artifacts.token!.jwt);
    expect(p.sub).toBe('system:serviceaccount:payments:api');
    expect(p.aud).toEqual(['api://AzureADTokenExchangeChina']);
    expect(p.iat).toBe(NOW_S - 120);
    expect(p.nbf).toBe(NOW_S - 120);
    expect(p.exp).toBe(NOW_S - 120 + 7200);
    expect((p['kubernetes.io'] as Record<string, unknown>).namespace).toBe('payments');
    expect((p['kubernetes.io'] as Record<string, { name: string }>).pod!.name).toBe('api-7d9');
  });

  it.each(['1.30', '1.32'])('has jti and node on Kubernetes %s', async (v) => {
    const p = decodePayload((await run({ cluster: { kubernetesVersion: v } })).artifacts.token!.jwt);
    expect(p.jti).toMatch(UUID);
    expect(p['kubernetes.io']).toHaveProperty('node');
  });

  it('has neither jti nor node on Kubernetes 1.29', async () => {
    const r = await run({ cluster: { kubernetesVersion: '1.29' } });
    const p = decodePayload(r.artifacts.token!.jwt);
    expect(p).not.toHaveProperty('jti');
    const kio = p['kubernetes.io'] as Record<string, unknown>;
    expect(kio).not.toHaveProperty('node');
    expect(Object.keys(kio)).toEqual(['namespace', 'pod', 'serviceaccount']);
    expect(r.outcome).toBe('granted');
  });

  it('verifies with jose against the published JWKS', async () => {
    const r = await run();
    const { payload, protectedHeader } = await verify(r);
    expect(payload.sub).toBe('system:serviceaccount:dev:my-app-sa');
    expect(protectedHeader.alg).toBe('RS256');
  });

  it('is signed by the key the world names', async () => {
    const r = await run({
      cluster: { signingKeys: [{ name: 'sa-key-1', published: true }, { name: 'sa-key-2', published: true }] },
      token: { signingKey: 'sa-key-2' },
    });
    expect(decodeProtectedHeader(r.artifacts.token!.jwt).kid).toBe((await keys.get('sa-key-2')).kid);
    await expect(verify(r)).resolves.toBeDefined();
  });

  it('applies claim overrides before signing; null removes a claim', async () => {
    const r = await run({
      token: { claims: { sub: 'system:serviceaccount:other:sa', custom: { a: [1, 2] }, jti: null, nbf: null } },
    });
    const { payload } = await verify(r);
    expect(payload.sub).toBe('system:serviceaccount:other:sa');
    expect(payload.custom).toEqual({ a: [1, 2] });
    expect(payload).not.toHaveProperty('jti');
    expect(payload).not.toHaveProperty('nbf');
    expect(payload.iss).toBe(DEFAULT_ISSUER);
    expect(r.artifacts.token!.payload).toEqual(payload);
  });

  it('with tamperedAfterSigning keeps header and signature but no longer verifies', async () => {
    const clean = await run();
    const r = await run({ token: { tamperedAfterSigning: true } });
    const [h, p, s] = r.artifacts.token!.jwt.split('.');
    const [ch, cp, cs] = clean.artifacts.token!.jwt.split('.');
    expect(h).toBe(ch);
    expect(p).not.toBe(cp);
    expect(s).toBe(cs);
    await expect(verify(r)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    // Default tampering stretches exp by 12 hours.
    expect(decodePayload(r.artifacts.token!.jwt).exp).toBe(NOW_S + 3600 + 43200);
  });

  it('with tamperedClaims applies exactly those edits after signing', async () => {
    const r = await run({ token: { tamperedAfterSigning: true, tamperedClaims: { sub: 'system:serviceaccount:kube-system:admin' } } });
    const p = decodePayload(r.artifacts.token!.jwt);
    expect(p.sub).toBe('system:serviceaccount:kube-system:admin');
    expect(p.exp).toBe(NOW_S + 3600);
    await expect(verify(r)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('is identical for the same world and clock (derived jti and UIDs)', async () => {
    const a = await run();
    const b = await run();
    expect(decodePayload(a.artifacts.token!.jwt)).toEqual(decodePayload(b.artifacts.token!.jwt));
  });
});
