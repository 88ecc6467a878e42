/**
 * A {@link KeyStore} over fixed, checked-in RSA keys (test/goldens/fixed-keys.json), so a chain result
 * (token, signature, JWKS) is byte-identical run after run. Key names get the fixture keys in the order
 * they are first asked for; the chain asks in a fixed order, so the mapping is stable.
 * Test-only: these private keys are public in the repository and never used by the site.
 */
import { readFileSync } from 'node:fs';
import { exportJWK, importJWK, type JWK } from 'jose';
import { kubernetesKeyId, type IssuerKey, type KeyStore } from '../../src/engine/issuer.ts';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixed-keys.json', import.meta.url), 'utf8')) as { keys: JWK[] };

async function load(name: string, priv: JWK): Promise<IssuerKey> {
  const privateKey = (await importJWK(priv, 'RS256', { extractable: true })) as CryptoKey;
  const { n, e } = priv;
  const publicKey = (await importJWK({ kty: 'RSA', n, e }, 'RS256', { extractable: true })) as CryptoKey;
  const kid = await kubernetesKeyId(publicKey);
  const pub = await exportJWK(publicKey);
  return { name, kid, privateKey, publicKey, jwk: { use: 'sig', kty: 'RSA', kid, alg: 'RS256', n: pub.n!, e: pub.e! } };
}

/** A key store handing out the fixture keys; throws when a run needs more names than there are keys. */
export function fixedKeyStore(): KeyStore {
  const keys = new Map<string, Promise<IssuerKey>>();
  return {
    get(name: string) {
      let k = keys.get(name);
      if (!k) {
        const priv = FIXTURE.keys[keys.size];
        if (!priv) throw new Error(`fixedKeyStore: more than ${FIXTURE.keys.length} key names in one run`);
        k = load(name, priv);
        keys.set(name, k);
      }
      return k;
    },
  };
}
