/**
 * `signature` for selfmanaged-entra: the aks-entra signature stage (kid lookup in the JWKS, then the RS256
 * verify; workload-identity.md D2 step 5) runs unchanged on the JWKS Entra ID downloads from the
 * self-managed host ({@link selfManagedJwksKeyNames}). This helper only refines its result:
 *
 * - AADSTS7000272 because the uploaded JWKS lacks the signing key: the summary and fix name the
 *   self-managed cause — keys rotated and the JWKS in the bucket not re-uploaded, or the wrong key
 *   uploaded (other-providers.md §2.4 table). The code and message are the aks-entra stage's.
 * - An ECDSA signing key (`signingAlg` ES256/384/512, header alg per workload-identity.md A1): Entra ID's
 *   support for non-RSA keys in federated credential flows is **[uncertain]** (§2.4). The simulator signs
 *   with RS256 internally, so the verdict does not depend on it; the stage becomes a warning that says so.
 *
 * Pure; never throws. `base` is the aks-entra signature stage result (it is copied, not mutated).
 */
import type { Stage } from '../../stage.ts';
import { joinUncertain, passStage } from '../cluster-common/stage.ts';
import { selfManagedJwksKeyNames } from './keys.ts';
import type { SelfManagedEntraWorld } from './schema.ts';

export const ECDSA_UNCERTAIN =
  'Whether Entra ID accepts ECDSA (ES256/ES384/ES512) service account tokens in a federated credential flow is not confirmed; every published sample uses RS256 (other-providers.md §2.4). The simulator signs with RS256 internally.';

/** Refines the aks-entra signature stage for a self-managed issuer. */
export function selfManagedSignature(world: SelfManagedEntraWorld, base: Stage): Stage {
  const r: Stage = { ...base, checks: [...base.checks] };
  const p = world.cluster.platform;
  const keyName = world.token.signingKey;
  const inJwks = selfManagedJwksKeyNames(world);
  const hosted = p.hosting.kind !== 'api-server';
  if (r.code === 'AADSTS7000272' && world.cluster.signingKeys.some((k) => k.name === keyName) && !inJwks.includes(keyName)) {
    r.checks.push({
      name: hosted ? 'signing key in the uploaded JWKS' : 'signing key in the API server\'s JWKS',
      expected: quoteName(keyName),
      actual: inJwks.length ? inJwks.map(quoteName).join(', ') : '(no key)',
      ok: false,
      note: hosted
        ? 'The JWKS file is a copy made when it was uploaded; nothing updates it when the API server\'s keys change (other-providers.md §2.4).'
        : 'The API server publishes the public keys of --service-account-key-file; the signing key\'s public half must be among them.',
    });
    r.summary = hosted
      ? `The API server signs with key "${keyName}", but the JWKS uploaded to the hosting location does not hold its public key: the keys were rotated (or the wrong key was uploaded) and the JWKS was not uploaded again.`
      : `The API server signs with key "${keyName}", whose public key is not in --service-account-key-file, so its own JWKS does not list it.`;
    r.fix = hosted
      ? 'Regenerate the JWKS from the current public key(s) (azwi jwks --public-keys sa.pub --output-file jwks.json) and upload it again as openid/v1/jwks; keep the old key listed until tokens it signed have expired.'
      : 'Add the signing key\'s public key to --service-account-key-file and restart the API server.';
  }
  if (p.signingAlg && p.signingAlg !== 'RS256' && r.status !== 'fail' && r.status !== 'skipped') {
    r.checks.push({ name: 'signing algorithm', expected: 'RS256 (every published sample)', actual: p.signingAlg, ok: false, note: 'An ECDSA key gives ES256/ES384/ES512 (workload-identity.md A1).' });
    return passStage(r.summary, r.checks, {
      ...(r.code ? { code: r.code } : {}),
      fix: 'If the exchange is refused, sign service account tokens with an RSA key (RS256).',
      uncertain: joinUncertain(r.uncertain, ECDSA_UNCERTAIN),
    });
  }
  if (p.signingAlg && p.signingAlg !== 'RS256') r.uncertain = joinUncertain(r.uncertain, ECDSA_UNCERTAIN);
  return r;
}

const quoteName = (n: string) => JSON.stringify(n);
