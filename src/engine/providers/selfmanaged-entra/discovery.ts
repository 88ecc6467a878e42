/**
 * `issuer-discovery` for selfmanaged-entra: the discovery document and JWKS a self-managed cluster's
 * owner hosts (other-providers.md §2.4; workload-identity.md A6, D2 step 4).
 *
 * Who answers at `{iss}/.well-known/openid-configuration` (`cluster.platform.hosting`):
 * - `api-server`: the API server itself. Its document names issuer = the first `--service-account-issuer`
 *   and jwks_uri = `--service-account-jwks-uri`, else `<issuer>/openid/v1/jwks` (A6). ClusterRole
 *   `system:service-account-issuer-discovery` is bound to `system:serviceaccounts` only, so an anonymous
 *   fetch is refused unless an admin binds it to `system:unauthenticated` (A6) → AADSTS50166 family
 *   **[inference]** (§2.4 table).
 * - `blob-web` / `other`: an uploaded document (the azwi walkthrough's `$web` container,
 *   `…/oidc-issuer/discovery-document.md`). Storage firewall or no anonymous read → AADSTS50166
 *   (Azure/azure-workload-identity #1130, real-world-cases C11); a file never uploaded → HTTP 404 →
 *   AADSTS90061 (the code seen when an issuer was never deployed, #605, C12).
 * - An `iss` that is not where the documents are hosted (the in-cluster default
 *   `https://kubernetes.default.svc.cluster.local`, a private host) cannot be fetched → AADSTS50166 family
 *   (§2.4 table, first row: reached only when a credential names the internal URL).
 * - The uploaded document's `issuer` differing from `iss`: a warning, **[uncertain]** (§2.4 table);
 *   cluster-common/discovery.ts decides.
 *
 * Pure: no network, no clock; never throws for a schema-valid world.
 */
import type { Check } from '../../types.ts';
import { jwksUri } from '../../issuer.ts';
import { discoverIssuer, type DiscoveryOutcome, type FetchResult } from '../cluster-common/discovery.ts';
import { isInClusterOrPrivate } from '../cluster-common/issuer.ts';
import { joinUncertain, quote } from '../cluster-common/stage.ts';
import { selfManagedIssuer } from './issuer.ts';
import { selfManagedJwksKeyNames } from './keys.ts';
import type { SelfManagedEntraWorld } from './schema.ts';

const bare = (s: string) => s.replace(/\/+$/, '');

function origin(u: string): string | undefined {
  try {
    return new URL(u).origin;
  } catch {
    return undefined;
  }
}

/** The base URL where the documents are hosted: `hosting.url`, else the first `--service-account-issuer`. */
export function selfManagedHostedAt(world: SelfManagedEntraWorld): string {
  const p = world.cluster.platform;
  return p.hosting.url ?? selfManagedIssuer(p).issuer;
}

/** The discovery document as the host serves it (A6 fields; `algs` from the signing key type, A1). */
export function selfManagedDiscoveryDocument(world: SelfManagedEntraWorld): { issuer: string; jwks_uri: string; algs: string[] } {
  const p = world.cluster.platform;
  const flag = selfManagedIssuer(p).issuer;
  const at = selfManagedHostedAt(world);
  const algs = [p.signingAlg ?? 'RS256'];
  if (p.hosting.kind === 'api-server') return { issuer: flag, jwks_uri: p.serviceAccountJwksUri ?? jwksUri(flag), algs };
  return { issuer: p.hosting.discoveryIssuer ?? flag, jwks_uri: p.hosting.discoveryJwksUri ?? jwksUri(at), algs };
}

/** Why the discovery fetch fails (undefined: it answers), with the fix for that cause. */
function discoveryAnswer(world: SelfManagedEntraWorld, iss: string): { r: FetchResult; fix?: string } {
  const h = world.cluster.platform.hosting;
  const at = selfManagedHostedAt(world);
  if (!/^https:\/\//i.test(iss)) {
    return { r: { kind: 'unreachable', detail: 'not an https issuer' }, fix: 'Set --service-account-issuer to the public https URL where the discovery document is hosted, and name that URL in the federated credential.' };
  }
  if (isInClusterOrPrivate(iss)) {
    return {
      r: { kind: 'unreachable', detail: 'in-cluster or private host, not resolvable from the internet' },
      fix: `The token carries an issuer only the cluster can resolve. Set --service-account-issuer to the public URL where discovery is hosted (${at}), restart the API server, and update the federated credential to that URL.`,
    };
  }
  if (bare(iss) !== bare(at)) {
    const sameHost = origin(iss) !== undefined && origin(iss) === origin(at);
    return {
      r: sameHost ? { kind: 'http', status: 404, detail: 'no document at this path' } : { kind: 'unreachable', detail: 'no discovery document is hosted for this issuer' },
      fix: `The documents are hosted at ${at}, not at the token's iss. Make --service-account-issuer, the hosted document's issuer and the federated credential the same URL.`,
    };
  }
  if (!h.reachableFromInternet) {
    return {
      r: { kind: 'unreachable', detail: h.kind === 'api-server' ? 'the API server is not reachable from the internet' : 'the host is not reachable from the internet' },
      fix: h.kind === 'api-server'
        ? 'Entra ID fetches discovery from the internet. Host a public copy of the discovery document and JWKS (e.g. in a storage account\'s $web container) and point --service-account-issuer at it.'
        : 'Serve the discovery document and JWKS from a host reachable from the internet over HTTPS.',
    };
  }
  if (h.kind === 'api-server') {
    if (!h.unauthenticatedDiscoveryBinding) {
      return {
        r: { kind: 'http', status: 403, detail: 'anonymous request; system:service-account-issuer-discovery is bound to system:serviceaccounts only' },
        fix: 'Bind ClusterRole system:service-account-issuer-discovery to group system:unauthenticated (kubectl create clusterrolebinding … --clusterrole=system:service-account-issuer-discovery --group=system:unauthenticated), or host a public copy of the documents.',
      };
    }
    return { r: { kind: 'ok' } };
  }
  if (h.firewall) {
    return {
      r: { kind: 'refused', detail: 'storage firewall: selected networks only' },
      fix: 'Allow public network access to the storage account that hosts the documents (Entra ID fetches them anonymously from the internet); they hold only public keys.',
    };
  }
  if (!h.anonymousRead) {
    return {
      r: { kind: 'refused', detail: 'no anonymous read access' },
      fix: 'Serve the documents without credentials: the $web static-website container serves them publicly; a private container does not.',
    };
  }
  if (!h.discoveryUploaded) {
    return {
      r: { kind: 'http', status: 404, detail: '.well-known/openid-configuration was not uploaded' },
      fix: `Upload the discovery document as blob .well-known/openid-configuration under ${at} and check it with curl ${bare(at)}/.well-known/openid-configuration.`,
    };
  }
  return { r: { kind: 'ok' } };
}

/** What GET on `uri` returns, for a jwks_uri named by the served document. */
function jwksAnswer(world: SelfManagedEntraWorld, uri: string): FetchResult {
  const h = world.cluster.platform.hosting;
  const own = jwksUri(selfManagedHostedAt(world));
  if (isInClusterOrPrivate(uri)) return { kind: 'unreachable', detail: 'in-cluster or private host' };
  if (bare(uri) === bare(own)) {
    if (h.kind !== 'api-server' && !h.jwksUploaded) return { kind: 'http', status: 404, detail: 'openid/v1/jwks was not uploaded' };
    return { kind: 'ok' };
  }
  if (h.kind === 'api-server') return { kind: 'ok' };
  return origin(uri) !== undefined && origin(uri) === origin(own)
    ? { kind: 'http', status: 404, detail: 'no JWKS at this path' }
    : { kind: 'unreachable', detail: 'nothing known to serve a JWKS here' };
}

/**
 * Entra ID's discovery for a self-managed issuer: fetches `{iss}/.well-known/openid-configuration`, then the
 * `jwks_uri` it names. Replaces the aks-entra `issuer-discovery` stage. Never throws.
 */
export function selfManagedDiscovery(world: SelfManagedEntraWorld, iss: string): DiscoveryOutcome {
  const p = world.cluster.platform;
  const h = p.hosting;
  const doc = selfManagedDiscoveryDocument(world);
  const { r, fix } = discoveryAnswer(world, iss);
  const ownJwks = jwksUri(selfManagedHostedAt(world));
  const elsewhere = h.kind === 'api-server' && p.serviceAccountJwksUri !== undefined && bare(p.serviceAccountJwksUri) !== bare(ownJwks);
  const jwksFix =
    h.kind !== 'api-server' && !h.jwksUploaded
      ? `Upload the JWKS (e.g. azwi jwks --public-keys sa.pub) as blob openid/v1/jwks under ${selfManagedHostedAt(world)}.`
      : 'Make the discovery document\'s jwks_uri name the public https URL where the JWKS is served.';
  const outcome = discoverIssuer({
    iss,
    discoveryFetch: r,
    document: doc,
    jwksFetch: (uri) => jwksAnswer(world, uri),
    jwksKeyCount: selfManagedJwksKeyNames(world).length,
    fix: r.kind !== 'ok' ? fix : jwksFix,
    uncertain: elsewhere
      ? 'The JWKS at --service-account-jwks-uri is assumed to serve the API server\'s public keys; the simulator does not model that host.'
      : undefined,
  });
  const extra: Check[] = [];
  if (h.kind !== 'api-server' && p.serviceAccountJwksUri !== undefined) {
    extra.push({
      name: '--service-account-jwks-uri',
      expected: 'only changes the API server\'s own discovery document',
      actual: quote(p.serviceAccountJwksUri),
      ok: true,
      note: 'Entra ID reads the uploaded document, so its jwks_uri field is what counts (workload-identity.md A6).',
    });
  }
  if (extra.length) outcome.stage.checks.push(...extra);
  if (p.signingAlg && p.signingAlg !== 'RS256') {
    outcome.stage.uncertain = joinUncertain(outcome.stage.uncertain, `The document announces ${p.signingAlg}; every published sample uses RS256 (other-providers.md §2.4).`);
  }
  return outcome;
}
