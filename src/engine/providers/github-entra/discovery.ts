/**
 * The `issuer-discovery` slot of github-entra: Entra ID fetches `{iss}/.well-known/openid-configuration`
 * and the JWKS its `jwks_uri` names. GitHub hosts both publicly; there is no cluster whose publishing can
 * go wrong, so this slot passes. It still shows the documents Entra ID reads.
 *
 * Sources: ../shared/reference/other-providers.md §1.1 (discovery URL, `claims_supported`); GitHub OIDC
 * reference (https://docs.github.com/en/actions/reference/security/oidc; GHES pages for
 * https://HOSTNAME/_services/token); jwks_uri `/.well-known/jwks` on github.com and on GHES as verifiers
 * configure it (e.g. kyma-project/test-infra `pkg/oidc`).
 */
import type { Check } from '../../types.ts';
import { githubIssuer } from './claims.ts';
import type { GithubWorld } from './schema.ts';
import { passStage, quote, type Stage } from './stage.ts';

/** `{issuer}/.well-known/openid-configuration`. */
export function githubDiscoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

/** `{issuer}/.well-known/jwks`, GitHub's `jwks_uri`. */
export function githubJwksUri(issuer: string): string {
  return `${issuer}/.well-known/jwks`;
}

/** The claims the simulator's tokens carry, as a `claims_supported` list (the real list is longer). */
const CLAIMS = ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'sha', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt', 'actor', 'actor_id', 'workflow', 'head_ref', 'base_ref', 'event_name', 'ref_type', 'environment', 'job_workflow_ref', 'repository_visibility', 'runner_environment'];

/**
 * The discovery document as far as the simulator models it: issuer, jwks_uri, the response type, RS256,
 * and a `claims_supported` list. GitHub's real document has more fields and claims (see
 * {@link DISCOVERY_UNCERTAIN}).
 */
export function githubDiscoveryDocument(g: GithubWorld): Record<string, unknown> {
  const issuer = githubIssuer(g);
  return {
    issuer,
    jwks_uri: githubJwksUri(issuer),
    response_types_supported: ['id_token'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: [...CLAIMS],
  };
}

/** What is not reproduced of GitHub's discovery document. */
export const DISCOVERY_UNCERTAIN =
  "Only issuer, jwks_uri, the signing algorithm and the claims this simulator mints are shown; GitHub's live document lists more fields and claims. The jwks_uri of an enterprise issuer with a slug is assumed to follow the same /.well-known/jwks pattern.";

/** Result of the issuer-discovery slot. */
export interface GithubDiscovery {
  stage: Stage;
  discovery: Record<string, unknown>;
  /** Where Entra ID fetched the discovery document. */
  url: string;
}

/** Runs the issuer-discovery slot: always passes (GitHub serves both documents publicly). */
export function githubIssuerDiscovery(g: GithubWorld): GithubDiscovery {
  const issuer = githubIssuer(g);
  const url = githubDiscoveryUrl(issuer);
  const discovery = githubDiscoveryDocument(g);
  const checks: Check[] = [
    { name: 'discovery document', expected: 'HTTP 200 from the issuer', actual: url, ok: true, note: DISCOVERY_UNCERTAIN },
    { name: 'discovery issuer = token iss', expected: quote(issuer), actual: quote(discovery.issuer), ok: true },
    { name: 'jwks_uri', expected: 'a public HTTPS URL', actual: quote(discovery.jwks_uri), ok: true },
  ];
  const uncertain = g.ghes
    ? `For GitHub Enterprise Server the simulator assumes Entra ID can reach ${g.ghes.host} over the internet; a server it cannot reach is not modelled.`
    : g.enterprise?.includeEnterpriseSlug
      ? 'The jwks_uri of an enterprise issuer with a slug is assumed to follow the same /.well-known/jwks pattern.'
      : undefined;
  return {
    stage: passStage(`Entra ID fetched GitHub's discovery document and the JWKS it names${g.ghes ? ` from ${g.ghes.host}` : ''}.`, checks, uncertain ? { uncertain } : {}),
    discovery,
    url,
  };
}
