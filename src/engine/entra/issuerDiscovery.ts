/**
 * Shared stage 5, `issuer-discovery`: Entra ID fetches `{iss}/.well-known/openid-configuration` and the
 * JWKS it names (reference D2 step 4; OpenID Connect Discovery 1.0 §4). What the issuer serves is the
 * provider's part ({@link IssuerPublication}); how Entra ID reacts to it lives here once.
 */
import type { Check } from '../types.ts';
import { errorPagePath } from '../errors.ts';
import { discoveryUrl, jwksDocument, type IssuerKey } from '../issuer.ts';
import { fail, failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ChainContext } from '../context.ts';

/** What the token's issuer serves, as the provider models it. */
export interface IssuerPublication {
  /** The token's `iss` is this platform's issuer (false: a host Entra ID cannot reach as an issuer). */
  known: boolean;
  /** The discovery URL answers from the internet. */
  reachable: boolean;
  /** A discovery document is served there (false: HTTP 404). */
  served: boolean;
  /** The `issuer` field of the served document. */
  discoveryIssuer: string;
  /** The discovery document for an issuer value. */
  document(issuer: string): Record<string, unknown>;
  /** The keys in the JWKS (called only once the document is served). */
  keys(): Promise<IssuerKey[]>;
}

/** The provider's fix texts for discovery failures. */
export interface DiscoveryFixes {
  /** AADSTS50166, the platform's issuer is not publicly readable. */
  unreachable: string;
  /** AADSTS50166, the token carries an issuer that is not a public issuer. */
  unknownIssuer: string;
  /** AADSTS90061, nothing served at the discovery URL. */
  notServed: string;
}

/**
 * Entra ID's discovery fetch for the token in `ctx`: AADSTS50166 when unreachable, AADSTS90061 when no
 * document is served, and (uncertain code) a failure when the document names another issuer than `iss`.
 * Sets `ctx.artifacts.discovery` and `.jwks` when the document is served.
 */
export async function discoverIssuer(ctx: ChainContext, pub: IssuerPublication, fixes: DiscoveryFixes): Promise<Stage> {
  const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
  const url = discoveryUrl(iss);
  const checks: Check[] = [];
  const isPublicHttps = /^https:\/\//.test(iss) && !/\.svc(\.cluster\.local)?(\/|$)/.test(iss) && !/^https:\/\/(localhost|127\.|10\.|192\.168\.)/.test(iss);
  const reachable = pub.known ? pub.reachable : false;
  checks.push({ name: `GET ${url}`, expected: 'reachable from the internet', actual: reachable ? 'reachable' : isPublicHttps && !pub.known ? 'no such issuer' : 'unreachable', ok: reachable });
  const msg = 'Request to External OIDC endpoint failed.';
  if (!reachable) {
    return failCode(
      'AADSTS50166',
      pub.known
        ? 'Entra ID could not reach the issuer\'s discovery document: it is not publicly readable from the internet.'
        : `Entra ID cannot fetch a discovery document for ${q(iss)}: that host is not a public issuer it can reach.`,
      checks,
      `AADSTS50166: ${msg}`,
      pub.known ? fixes.unreachable : fixes.unknownIssuer,
    );
  }
  checks.push({ name: 'discovery document served', expected: 'HTTP 200', actual: pub.served ? 'HTTP 200' : 'HTTP 404', ok: pub.served });
  if (!pub.served) {
    return failCode('AADSTS90061', 'The issuer URL answers, but no discovery document was ever deployed behind it (HTTP 404).', checks, `AADSTS90061: ${msg}`, fixes.notServed);
  }
  const docIssuer = pub.discoveryIssuer;
  const keys = await pub.keys();
  ctx.artifacts.discovery = pub.document(docIssuer);
  ctx.artifacts.jwks = jwksDocument(keys);
  checks.push({ name: 'discovery document issuer', expected: q(iss), actual: q(docIssuer), ok: docIssuer === iss, note: 'OpenID Connect Discovery 1.0 §4.3: the issuer in the document must equal the issuer it was fetched for.' });
  checks.push({ name: `GET ${ctx.artifacts.discovery.jwks_uri as string}`, expected: 'JWKS with at least one key', actual: `${keys.length} key(s)`, ok: true });
  if (docIssuer !== iss) {
    return fail(
      'The discovery document names a different issuer than the token, so the issuer\'s metadata cannot be trusted for this token.',
      checks,
      `AADSTS50166: ${msg}`,
      'Serve a discovery document whose issuer field is exactly the token\'s iss.',
      { code: 'AADSTS50166', httpStatus: 400, error: 'invalid_request', uncertain: 'Which code Entra ID returns when the discovery issuer differs from iss is not documented; AADSTS50166 is a guess.', learnMore: [errorPagePath('AADSTS50166')] },
    );
  }
  return pass(`Entra ID fetched the discovery document and the JWKS (${keys.length} key${keys.length === 1 ? '' : 's'}).`, checks);
}
