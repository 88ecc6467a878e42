/**
 * The discovery document of an EKS issuer (shared by eks-entra and eks-irsa; moved from eks-entra/discovery.ts): EKS hosts a public discovery endpoint per cluster (eks-workshop IRSA
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
import { EKS_JWKS_PATH } from './issuer.ts';

/** The discovery document EKS serves for its issuer (issuer = iss, jwks_uri = `{iss}/keys`), in EKS's field order. */
export function eksDiscoveryDocument(issuer: string): { issuer: string; jwks_uri: string; algs: string[]; served: Record<string, unknown> } {
  const jwks_uri = `${issuer.replace(/\/+$/, '')}${EKS_JWKS_PATH}`;
  return {
    issuer,
    jwks_uri,
    algs: ['RS256'],
    served: {
      issuer,
      jwks_uri,
      authorization_endpoint: 'urn:kubernetes:programmatic_authorization',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      claims_supported: ['sub', 'iss'],
      id_token_signing_alg_values_supported: ['RS256'],
    },
  };
}

