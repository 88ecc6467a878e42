/**
 * The simulated cluster OIDC issuer: RSA signing keys, `kid` derivation, the discovery document and the
 * JWKS exactly as the Kubernetes API server serves them, and minting of projected service account tokens.
 *
 * Sources: kubernetes/kubernetes `pkg/serviceaccount/jwt.go` (kid = base64url(SHA-256(DER SPKI)), header
 * with alg and kid only), `claims.go` (claim set), `openidmetadata.go` (discovery document fields and order);
 * AKS `use-oidc-issuer.md` (JWKS entry shape). See ../shared/reference/workload-identity.md A1, A2, A6, B2.
 *
 * Uses WebCrypto (`globalThis.crypto`) through jose; no network.
 */
import { base64url, exportJWK, exportSPKI, generateKeyPair, CompactSign, type JWK } from 'jose';
// Synchronous SHA-256 (FIPS 180-4) from @noble/hashes: crypto.subtle.digest is asynchronous, and each call
// is a round trip to another thread that costs far more than hashing a few dozen bytes.
import { sha256 } from '@noble/hashes/sha2.js';

/** A generated RS256 key pair with its Kubernetes-style key ID. */
export interface IssuerKey {
  /** The local name from `cluster.signingKeys[].name`. */
  name: string;
  /** base64url (unpadded) of SHA-256 over the DER SubjectPublicKeyInfo: always 43 characters. */
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as served in the JWKS: `{use, kty, kid, alg, n, e}`. */
  jwk: JWK;
}

/**
 * Generates key pairs on first use and keeps them, by name. RSA key generation takes tens of
 * milliseconds, so create one store per page or CLI run and reuse it across simulations.
 */
export interface KeyStore {
  /** Returns the key pair named `name`, generating it on first use. */
  get(name: string): Promise<IssuerKey>;
}

/** Creates an empty {@link KeyStore}. */
export function createKeyStore(): KeyStore {
  const keys = new Map<string, Promise<IssuerKey>>();
  return {
    get(name: string) {
      let k = keys.get(name);
      if (!k) {
        k = generateIssuerKey(name);
        keys.set(name, k);
        // A failed generation must not poison the store forever.
        k.catch(() => keys.delete(name));
      }
      return k;
    },
  };
}

/**
 * Derives the key ID the way the Kubernetes API server does (`jwt.go` keyIDFromPublicKey):
 * DER-encode the public key as PKIX SubjectPublicKeyInfo, SHA-256 it, base64url-encode without padding.
 */
export async function kubernetesKeyId(publicKey: CryptoKey): Promise<string> {
  const pem = await exportSPKI(publicKey);
  const b64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return base64url.encode(digest);
}

async function generateIssuerKey(name: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = await kubernetesKeyId(publicKey);
  const { n, e } = await exportJWK(publicKey);
  // Field order as in a real AKS JWKS entry.
  const jwk: JWK = { use: 'sig', kty: 'RSA', kid, alg: 'RS256', n, e };
  return { name, kid, privateKey, publicKey, jwk };
}

/** `jwks_uri` for an issuer: `<issuer>openid/v1/jwks` with exactly one slash between (AKS, B2). */
export function jwksUri(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/openid/v1/jwks`;
}

/** Where a relying party fetches the discovery document: `<issuer>/.well-known/openid-configuration`. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * The discovery document as `openidmetadata.go` serializes it: issuer, jwks_uri,
 * response_types_supported, subject_types_supported, id_token_signing_alg_values_supported (sorted),
 * and deliberately no authorization_endpoint.
 */
export function discoveryDocument(issuer: string, algs: string[] = ['RS256']): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: jwksUri(issuer),
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...new Set(algs)].sort(),
  };
}

/** The JWKS document `{keys: [...]}` holding the given keys' public JWKs. */
export function jwksDocument(keys: IssuerKey[]): { keys: Record<string, unknown>[] } {
  return { keys: keys.map((k) => ({ ...k.jwk }) as Record<string, unknown>) };
}

const enc = new TextEncoder();

/**
 * Signs `payload` as a compact JWS with header `{alg: "RS256", kid}` (no `typ`, as Kubernetes does).
 * Claims are serialized in the order of `payload`'s keys.
 */
export async function signToken(payload: Record<string, unknown>, key: IssuerKey): Promise<string> {
  return new CompactSign(enc.encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
}

/**
 * Signs `payload` with RS256 under a caller-given protected header (e.g. GitHub's `{typ: "JWT", alg,
 * kid}`, in that order); `alg` is forced to RS256 and `kid` to the key's.
 */
export async function signTokenWithHeader(payload: Record<string, unknown>, key: IssuerKey, header: Record<string, unknown>): Promise<string> {
  return new CompactSign(enc.encode(JSON.stringify(payload))).setProtectedHeader({ ...header, alg: 'RS256', kid: key.kid }).sign(key.privateKey);
}

/**
 * Returns `jwt` with its payload segment replaced by `payload` (header and signature kept): what an
 * attacker who edits a token after it was signed produces. The signature no longer verifies.
 */
export function replacePayload(jwt: string, payload: Record<string, unknown>): string {
  const [h, , s] = jwt.split('.');
  return `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
}

/**
 * A deterministic RFC 4122-shaped (version 4 layout) UUID from SHA-256 of `seed` (UTF-8), so the same
 * world gives the same token. Real `jti` and object UIDs are random; the simulator derives them for
 * stable output. Synchronous: the digest is computed in-thread (@noble/hashes `sha256`).
 */
export function derivedUuid(seed: string): string {
  const h = sha256(enc.encode(seed)).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = [...h].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

