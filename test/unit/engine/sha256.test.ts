/**
 * The engine's synchronous SHA-256 (@noble/hashes, as the engine imports it), the UUIDs derived from it, and the cache of
 * imported verification keys: each checked against an independent implementation (node:crypto,
 * jose), and the signature stage still verifying every token in full with a cached key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { createKeyStore, derivedUuid, replacePayload, signToken } from '../../../src/engine/issuer.ts';
import { AKS_HINTS, importVerificationKey, verifyWithJwks } from '../../../src/engine/chain.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('equals node:crypto for every length from 0 to 300 bytes (all padding cases) and for a 100 KB input', () => {
    for (let n = 0; n <= 300; n++) {
      const data = new Uint8Array(randomBytes(n));
      expect(hex(sha256(data)), `length ${n}`).toBe(nodeSha(data));
    }
    const big = new Uint8Array(randomBytes(100_000));
    expect(hex(sha256(big))).toBe(nodeSha(big));
  });

  it('does not modify its input', () => {
    const data = new Uint8Array(randomBytes(70));
    const copy = data.slice();
    sha256(data);
    expect(data).toEqual(copy);
  });
});

describe('derivedUuid', () => {
  it('is the first 16 bytes of SHA-256 of the UTF-8 seed with the version 4 and variant bits set', () => {
    for (const seed of ['', 'https://eastus.oic.prod-aks.azure.com/t/c/|pod|dev|my-app', 'ünïcødé ✓ 🔑', 'x'.repeat(1000)]) {
      const h = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
      h[6] = (h[6]! & 0x0f) | 0x40;
      h[8] = (h[8]! & 0x3f) | 0x80;
      const x = h.toString('hex');
      expect(derivedUuid(seed)).toBe(`${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`);
    }
  });
});

describe('importVerificationKey', () => {
  it('imports an equal JWK once and gives the same key back', async () => {
    const key = await createKeyStore().get('cache-test');
    const a = await importVerificationKey({ ...key.jwk });
    const b = await importVerificationKey(JSON.parse(JSON.stringify(key.jwk)) as Record<string, unknown>);
    expect(b).toBe(a);
    const other = await importVerificationKey({ ...(await createKeyStore().get('cache-test-2')).jwk });
    expect(other).not.toBe(a);
  });

  it('rejects what importJWK rejects (every time)', async () => {
    const bad = { kty: 'RSA', e: 'AQAB' };
    await expect(importVerificationKey(bad)).rejects.toThrow();
    await expect(importVerificationKey(bad)).rejects.toThrow();
  });

  it('leaves the verification itself to every call: a token changed after signing fails with the cached key', async () => {
    const key = await createKeyStore().get('cache-test-3');
    const jwks = { keys: [{ ...key.jwk } as Record<string, unknown>] };
    const header = { alg: 'RS256', kid: key.kid };
    const payload = { iss: 'https://issuer.example/', sub: 'system:serviceaccount:dev:app' };
    const jwt = await signToken(payload, key);
    expect((await verifyWithJwks(jwt, header, payload, jwks, AKS_HINTS)).status).toBe('pass');
    // Same JWKS entry (cache hit), another payload: must not verify.
    const tampered = replacePayload(jwt, { ...payload, sub: 'system:serviceaccount:kube-system:admin' });
    const r = await verifyWithJwks(tampered, header, payload, jwks, AKS_HINTS);
    expect(r.status).toBe('fail');
    expect(r.checks.find((c) => c.name === 'RS256 signature')?.ok).toBe(false);
    // And the original still verifies afterwards.
    expect((await verifyWithJwks(jwt, header, payload, jwks, AKS_HINTS)).status).toBe('pass');
  });
});
