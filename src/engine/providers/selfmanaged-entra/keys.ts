/**
 * Which signing keys Entra ID finds in the JWKS of a self-managed issuer.
 *
 * - `api-server` hosting: the API server's own `/openid/v1/jwks` lists the public keys of
 *   `--service-account-key-file` (`cluster.signingKeys[].published`; workload-identity.md A6).
 * - `blob-web` / `other`: whatever JWKS file was uploaded (`hosting.uploadedKeys`, default: every published
 *   key). After a key rotation the JWKS must be uploaded again; a stale file makes the signature check fail
 *   with AADSTS7000272 (other-providers.md §2.4 table; workload-identity.md D2 step 5).
 *
 * Unlike AKS, nothing drops a retired key after 24 hours here: `retiredSecondsAgo` is ignored (the
 * 24-hour rule is AKS's managed rotation, workload-identity.md B2).
 */
import type { SelfManagedEntraWorld } from './schema.ts';

/** Names of the `cluster.signingKeys` whose public keys are in the JWKS Entra ID downloads, in order. */
export function selfManagedJwksKeyNames(world: SelfManagedEntraWorld): string[] {
  const keys = world.cluster.signingKeys;
  const h = world.cluster.platform.hosting;
  if (h.kind !== 'api-server' && Array.isArray(h.uploadedKeys)) {
    const up = new Set(h.uploadedKeys);
    return keys.filter((k) => up.has(k.name)).map((k) => k.name);
  }
  return keys.filter((k) => k.published).map((k) => k.name);
}
