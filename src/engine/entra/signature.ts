/**
 * Shared stage 6, `signature`: the token's kid must be in the issuer's JWKS and the RS256 signature must
 * verify (reference D2 step 5). Uses jose; pure (no network: the JWKS comes from the world).
 */
import { compactVerify, importJWK } from 'jose';
import type { Check } from '../types.ts';
import { fail, failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ProviderHints } from '../hints.ts';
import { ENTRA_MAX_JWKS_KEYS } from './constants.ts';

/** Imported RS256 public keys by the JSON text of their JWK (see {@link importVerificationKey}). */
const verificationKeys = new Map<string, Promise<Awaited<ReturnType<typeof importJWK>>>>();
/** How many imported keys {@link importVerificationKey} keeps; the oldest is dropped first. */
const VERIFICATION_KEY_CACHE_SIZE = 64;

/**
 * `importJWK(jwk, 'RS256')`, remembered by the JWK's JSON text: the same JWKS entry (every run of the
 * chain publishes the same few keys) is turned into a WebCrypto key once, not on every run. The JSON
 * text holds every field `importJWK` reads, so equal texts give equal keys. Only the import is cached:
 * each token is still verified in full. Rejects like `importJWK` (a failed import is not remembered).
 */
export function importVerificationKey(jwk: Record<string, unknown>): ReturnType<typeof importJWK> {
  const id = JSON.stringify(jwk);
  let key = verificationKeys.get(id);
  if (!key) {
    key = importJWK(jwk as Parameters<typeof importJWK>[0], 'RS256');
    if (id.length <= 16_384) {
      if (verificationKeys.size >= VERIFICATION_KEY_CACHE_SIZE) verificationKeys.delete(verificationKeys.keys().next().value!);
      verificationKeys.set(id, key);
      key.catch(() => {
        if (verificationKeys.get(id) === key) verificationKeys.delete(id);
      });
    }
  }
  return key;
}

/**
 * Entra ID's signature check (reference D2 step 5): find the JWK whose `kid` equals the header's kid
 * (missing: AADSTS7000272), then verify the RS256 signature with jose. A bad signature fails without a
 * code (the real code was not found in our sources; the result says so).
 */
export async function verifyWithJwks(jwt: string, header: Record<string, unknown>, payload: Record<string, unknown>, jwks: { keys: Record<string, unknown>[] }, hints: ProviderHints): Promise<Stage> {
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const keys = jwks.keys;
  // Entra ID keeps only the first 100 signing keys it downloads from an issuer's JWKS (entra-docs
  // workload-identity-federation.md).
  const jwk = keys.slice(0, ENTRA_MAX_JWKS_KEYS).find((k) => k.kid === kid);
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const checks: Check[] = [{ name: 'header kid in the JWKS', expected: keys.length ? `one of ${keys.map((k) => q(k.kid)).join(', ')}` : '(JWKS is empty)', actual: q(kid), ok: !!jwk }];
  if (!jwk) {
    return failCode(
      'AADSTS7000272',
      'The token was signed with a key the issuer no longer (or not yet) publishes in its JWKS, so Entra ID cannot verify it.',
      checks,
      `AADSTS7000272: The certificate with identifier ${kid} used to sign the federated credential could not be found in the metadata of identity provider ${iss}. Please validate that your Identity Provider's metadata exposes the key used to sign the incoming token.`,
      hints.unknownKidFix,
    );
  }
  let ok = false;
  try {
    const key = await importVerificationKey(jwk);
    await compactVerify(jwt, key, { algorithms: ['RS256'] });
    ok = true;
  } catch {
    ok = false;
  }
  checks.push({ name: 'RS256 signature', expected: 'verifies with the JWKS key', actual: ok ? 'verifies' : 'does not verify', ok });
  if (!ok) {
    return fail(
      'The kid is known, but the signature does not match the header and payload: the token was changed after the issuer signed it.',
      checks,
      'The client assertion\'s signature is invalid.',
      hints.badSignatureFix,
      { uncertain: 'The exact AADSTS code Entra ID returns for a bad signature was not found in our sources.' },
    );
  }
  return pass(`The signature verifies with the published key ${kid.slice(0, 8)}…, so the claims are exactly what the issuer signed.`, checks);
}
