/**
 * `issuer-discovery` for eks-entra: EKS hosts a public discovery endpoint per cluster (eks-workshop IRSA
 * chapter, https://ncarb.github.io/eks-workshop/beginner/110_irsa ; other-providers.md §2.2; AWS EKS user
 * guide "Fetch signing keys", https://docs.aws.amazon.com/eks/latest/userguide/irsa-fetch-keys.html), so
 * the fetch normally passes. Its JWKS is reached through the document's `jwks_uri`, `{iss}/keys`.
 *
 * The document EKS serves is not the API server's A6 shape: AWS's knowledge-center article
 * (https://repost.aws/knowledge-center/eks-error-invalid-identity-token) shows
 * `{"issuer":"https://oidc.eks.us-east-1.amazonaws.com/id/<ID>","jwks_uri":"…/id/<ID>/keys",
 * "authorization_endpoint":"urn:kubernetes:programmatic_authorization","response_types_supported":["id_token"],
 * "subject_types_supported":["public"],"claims_supported":["sub","iss"],"id_token_signing_alg_values_supported":["RS256"]}`
 * — issuer without a trailing slash, although the console's "OpenID Connect provider URL" in the same
 * article ends with "/".
 */
import { keyIsPublished } from '../../kubernetes/constants.ts';
import { discoverIssuer, type DiscoveryOutcome } from '../cluster-common/discovery.ts';
import { eksIssuer } from '../eks-common/issuer.ts';
import { eksDiscoveryDocument } from '../eks-common/discovery.ts';

export { eksDiscoveryDocument } from '../eks-common/discovery.ts';
import type { EksEntraWorld } from './schema.ts';

/**
 * What Entra ID gets from the EKS issuer for the token's `iss`. When `iss` is the cluster's own issuer
 * the documents answer; any other `iss` (a claim override) is a host Entra ID cannot find.
 */
export function eksDiscovery(world: EksEntraWorld, iss: string): DiscoveryOutcome {
  const own = eksIssuer(world.cluster.platform).issuer;
  const isOwn = iss === own;
  const doc = eksDiscoveryDocument(own);
  return discoverIssuer({
    iss,
    discoveryFetch: isOwn ? { kind: 'ok' } : { kind: 'unreachable', detail: 'not this cluster\'s EKS issuer' },
    document: doc,
    jwksFetch: (uri) => (uri === doc.jwks_uri ? { kind: 'ok' } : { kind: 'http', status: 404, detail: 'not found' }),
    jwksKeyCount: world.cluster.signingKeys.filter(keyIsPublished).length,
    fix: 'Present the token the cluster issued (its iss is the EKS issuer); EKS serves the discovery document and JWKS publicly for it.',
  });
}
