/**
 * `issuer-discovery` for the non-AKS cluster providers: what Entra ID gets when it fetches
 * `{iss}/.well-known/openid-configuration` and then the `jwks_uri` that document names.
 *
 * Rules (other-providers.md §2.1, §2.4; workload-identity.md A6, D2 step 4, D3):
 * - The issuer must publish the discovery document and the JWKS it names over public HTTPS.
 * - The JWKS path is whatever `jwks_uri` says (`/openid/v1/jwks` self-managed, `/keys` EKS [uncertain],
 *   `/jwks` GKE): it is followed, never built from a fixed path.
 * - A failed fetch gives `Request to External OIDC endpoint failed.` under AADSTS50166 / AADSTS90061 /
 *   AADSTS501661; which code for which cause is not documented. Here: HTTP 404 behind a live URL →
 *   AADSTS90061 (seen when an issuer was never deployed, Azure/azure-workload-identity #605); every other
 *   failure → AADSTS50166 (storage firewall, #1130).
 * - A discovery document whose `issuer` differs from `iss`: OIDC Discovery requires them equal, Entra ID's
 *   code is not found → refused with AADSTS50166, marked uncertain, as for aks-entra (entra/issuerDiscovery.ts).
 *
 * Pure and synchronous: the caller states what each URL answers; key material stays with the caller.
 */
import type { Stage } from '../../stage.ts';
import type { Check } from '../../types.ts';
import { discoveryUrl } from '../../issuer.ts';
import { failWithCode, joinUncertain, passStage, quote } from './stage.ts';

/** The exact text Entra ID prints for a failed discovery or JWKS fetch (workload-identity.md D3). */
export const EXTERNAL_OIDC_FAILED = 'Request to External OIDC endpoint failed.';

/** What one HTTP GET from Entra ID's side returns. */
export type FetchResult =
  | { kind: 'ok' }
  /** An HTTP error status (401/403 for a private blob or an unbound API server, 404 not deployed). */
  | { kind: 'http'; status: number; detail: string }
  /** Refused without a status the references record (private container, storage firewall, RBAC 401/403). */
  | { kind: 'refused'; detail: string }
  /** No answer at all: name not resolvable from the internet, private address. */
  | { kind: 'unreachable'; detail: string };

/** The discovery document's fields the simulator models (A6 serialization order). */
export interface DiscoveryDocumentFacts {
  issuer: string;
  jwks_uri: string;
  /** `id_token_signing_alg_values_supported` (default `["RS256"]`). */
  algs?: string[];
  /**
   * The whole document exactly as the platform serves it, in its field order, when it is not the
   * Kubernetes API server's A6 shape (EKS adds `authorization_endpoint` and `claims_supported`). Its
   * `issuer` and `jwks_uri` must equal the two fields above. Absent: the A6 shape is built.
   */
  served?: Record<string, unknown>;
}

/** Everything {@link discoverIssuer} needs, stated by the provider from its platform facts. */
export interface DiscoveryFacts {
  /** The token's `iss`. */
  iss: string;
  /** What GET `{iss}/.well-known/openid-configuration` returns. */
  discoveryFetch: FetchResult;
  /** The document served (used when `discoveryFetch` is ok). */
  document: DiscoveryDocumentFacts;
  /** What GET on a given `jwks_uri` returns. */
  jwksFetch: (uri: string) => FetchResult;
  /** How many keys the JWKS at `jwks_uri` holds (for the check display only). */
  jwksKeyCount: number;
  /** Provider-specific fix for a failed fetch (default: make both documents publicly readable). */
  fix?: string;
  /** Provider-specific uncertainty to add to any result. */
  uncertain?: string;
}

/** Result of {@link discoverIssuer}. */
export interface DiscoveryOutcome {
  stage: Stage;
  /** The URL Entra ID fetched first. */
  discoveryUrl: string;
  /** The discovery document as served (A6 field order), when it was fetched. */
  document?: Record<string, unknown>;
  /** The `jwks_uri` Entra ID followed, when it got that far. */
  jwksUri?: string;
}

const DEFAULT_FIX = 'Make the discovery document and the JWKS publicly readable over HTTPS from the internet (they hold only public keys).';

function describe(r: FetchResult): string {
  if (r.kind === 'ok') return 'HTTP 200';
  if (r.kind === 'http') return `HTTP ${r.status} (${r.detail})`;
  return r.kind === 'refused' ? `refused (${r.detail})` : `no answer (${r.detail})`;
}

function fetchFailure(what: string, url: string, r: Exclude<FetchResult, { kind: 'ok' }>, checks: Check[], facts: DiscoveryFacts): Stage {
  const code = r.kind === 'http' && r.status === 404 ? 'AADSTS90061' : 'AADSTS50166';
  const inferred = r.kind === 'http' && (r.status === 401 || r.status === 403)
    ? 'That an HTTP 401/403 answer surfaces as the AADSTS50166 family is an inference (other-providers.md §2.4).'
    : undefined;
  return failWithCode(
    code,
    `Entra ID could not fetch the ${what} at ${url}: ${describe(r)}.`,
    checks,
    `${code}: ${EXTERNAL_OIDC_FAILED}`,
    facts.fix ?? DEFAULT_FIX,
    { uncertain: joinUncertain(inferred, facts.uncertain) },
  );
}

/**
 * Simulates Entra ID's discovery: GET the discovery document, read its `jwks_uri`, GET that. Returns one
 * Stage (pass, warn or fail) and what was fetched. Never throws.
 */
export function discoverIssuer(facts: DiscoveryFacts): DiscoveryOutcome {
  const url = discoveryUrl(facts.iss);
  const checks: Check[] = [];
  const d = facts.discoveryFetch;
  checks.push({ name: `GET ${url}`, expected: 'HTTP 200, readable without credentials', actual: describe(d), ok: d.kind === 'ok' });
  if (d.kind !== 'ok') return { stage: fetchFailure('discovery document', url, d, checks, facts), discoveryUrl: url };

  const doc = facts.document;
  const algs = [...new Set(doc.algs ?? ['RS256'])].sort();
  const document: Record<string, unknown> = doc.served ? { ...doc.served } : {
    issuer: doc.issuer,
    jwks_uri: doc.jwks_uri,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: algs,
  };
  const httpsJwks = /^https:\/\//.test(doc.jwks_uri);
  const j: FetchResult = httpsJwks ? facts.jwksFetch(doc.jwks_uri) : { kind: 'unreachable', detail: 'jwks_uri is not an https URL' };
  checks.push({ name: `GET ${doc.jwks_uri || '(empty jwks_uri)'}`, expected: 'HTTP 200 (the JWKS named by jwks_uri)', actual: j.kind === 'ok' ? `HTTP 200, ${facts.jwksKeyCount} key(s)` : describe(j), ok: j.kind === 'ok', note: 'Entra ID follows the document\'s jwks_uri; it does not assume a fixed path (other-providers.md §2.1).' });
  if (j.kind !== 'ok') return { stage: fetchFailure('JWKS', doc.jwks_uri, j, checks, facts), discoveryUrl: url, document };

  const sameIssuer = doc.issuer === facts.iss;
  checks.push({ name: 'discovery document issuer', expected: quote(facts.iss), actual: quote(doc.issuer), ok: sameIssuer, note: 'OpenID Connect Discovery 1.0 §4.3: the issuer in the document must equal the issuer it was fetched for.' });
  if (!sameIssuer) {
    // Same rule as every Entra-side provider (entra/issuerDiscovery.ts): OpenID Connect Discovery 1.0 §4.3
    // says the document MUST NOT be used when its issuer differs, so the simulator refuses; Entra ID's code
    // is not documented. (other-providers.md §2.4 suggests a warning; one rule for all providers wins.)
    return {
      stage: failWithCode(
        'AADSTS50166',
        'The discovery document names a different issuer than the token, so the issuer\'s metadata cannot be trusted for this token.',
        checks,
        `AADSTS50166: ${EXTERNAL_OIDC_FAILED}`,
        'Regenerate the discovery document so its issuer field is byte for byte the token\'s iss (the --service-account-issuer value).',
        { uncertain: joinUncertain('Which code Entra ID returns when the discovery issuer differs from iss is not documented; AADSTS50166 is a guess.', facts.uncertain) },
      ),
      discoveryUrl: url,
      document,
      jwksUri: doc.jwks_uri,
    };
  }
  const u = facts.uncertain;
  return {
    stage: passStage(`Entra ID fetched the discovery document and the JWKS it names (${facts.jwksKeyCount} key${facts.jwksKeyCount === 1 ? '' : 's'}).`, checks, u ? { uncertain: u } : {}),
    discoveryUrl: url,
    document,
    jwksUri: doc.jwks_uri,
  };
}
