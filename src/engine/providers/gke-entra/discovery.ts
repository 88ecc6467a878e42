/**
 * `issuer-discovery` for gke-entra. The GKE API serves
 * `GET https://container.googleapis.com/v1/{parent=projects/*\/locations/*\/clusters/*}/.well-known/openid-configuration`
 * and `GET …/clusters/*}/jwks` (GKE REST reference, getOpenid-configuration and getJwks; other-providers.md
 * §2.3). Evidence says it answers anonymously (**[observed]**: AWS IAM fetched the k8s-prow issuer,
 * kubernetes/k8s.io #3807, PR #4878); older API descriptions say "not available for all clusters".
 * **[uncertain]** whether the endpoints are populated only with GKE Workload Identity Federation on, and
 * whether Entra ID accepts the /jwks response headers. Default reachable; the
 * `discoveryAvailable: false` toggle → AADSTS50166 family.
 */
import { keyIsPublished } from '../../kubernetes/constants.ts';
import { discoverIssuer, type DiscoveryOutcome } from '../cluster-common/discovery.ts';
import { joinUncertain } from '../cluster-common/stage.ts';
import { gkeIssuer } from './issuer.ts';
import type { GkeEntraWorld } from './schema.ts';

export const GKE_DISCOVERY_UNCERTAIN =
  'Google does not state that these endpoints are meant for general use or reachable by Entra ID; anonymous access is observed (kubernetes/k8s.io #3807). Whether they need GKE Workload Identity Federation enabled, and whether Entra ID accepts the /jwks response, is not confirmed (other-providers.md §2.3).';

/** Why the GKE document's `claims_supported` / `grant_types` values are marked uncertain. */
export const GKE_DOCUMENT_UNCERTAIN =
  'The GKE document\'s claims_supported and grant_types values are copied from third-party docs that quote a live GKE document; Google\'s API schema names the fields but not their values.';

/**
 * The discovery document GKE serves for its issuer (jwks_uri = `{iss}/jwks`), in GKE's field order. The
 * field set is Google's `GetOpenIDConfigResponse` schema (issuer, jwks_uri, response_types_supported,
 * subject_types_supported, id_token_signing_alg_values_supported, claims_supported, grant_types; mirrored in
 * paragonsean/openapi-directory `APIs/googleapis.com/container/v1beta1/javascript-client/docs/GetOpenIDConfigResponse.md`).
 * The values `claims_supported: ["iss","sub","kubernetes.io"]` and
 * `grant_types: ["urn:kubernetes:grant_type:programmatic_authorization"]` are **[observed]** in public
 * third-party docs quoting a live GKE document ({@link GKE_DOCUMENT_UNCERTAIN}).
 */
export function gkeDiscoveryDocument(issuer: string): { issuer: string; jwks_uri: string; algs: string[]; served: Record<string, unknown> } {
  const jwks_uri = `${issuer.replace(/\/+$/, '')}/jwks`;
  return {
    issuer,
    jwks_uri,
    algs: ['RS256'],
    served: {
      issuer,
      jwks_uri,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'sub', 'kubernetes.io'],
      grant_types: ['urn:kubernetes:grant_type:programmatic_authorization'],
    },
  };
}

/** What Entra ID gets from the GKE API for the token's `iss`. Never throws. */
export function gkeDiscovery(world: GkeEntraWorld, iss: string): DiscoveryOutcome {
  const p = world.cluster.platform;
  const own = gkeIssuer(p).issuer;
  const doc = gkeDiscoveryDocument(own);
  const available = p.discoveryAvailable !== false;
  return discoverIssuer({
    iss,
    discoveryFetch:
      iss !== own
        ? { kind: 'unreachable', detail: 'not this cluster\'s GKE issuer' }
        : available
          ? { kind: 'ok' }
          : { kind: 'unreachable', detail: 'discovery not available for this cluster' },
    document: doc,
    jwksFetch: (uri) => (uri === doc.jwks_uri && available ? { kind: 'ok' } : { kind: 'unreachable', detail: 'discovery not available for this cluster' }),
    jwksKeyCount: world.cluster.signingKeys.filter(keyIsPublished).length,
    fix: available
      ? 'Present the token the cluster issued; its iss is the GKE issuer the API serves discovery for.'
      : 'Check that `curl https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>/.well-known/openid-configuration` answers without credentials. The token\'s iss is fixed by GKE, so its discovery cannot be hosted elsewhere; if the endpoint does not answer for this cluster, Entra ID cannot validate its tokens.',
    uncertain: joinUncertain(GKE_DISCOVERY_UNCERTAIN, available && iss === own ? GKE_DOCUMENT_UNCERTAIN : undefined),
  });
}
