/**
 * One-sentence explanations of the fields of a projected service account token (the JOSE header and
 * the claims), shown next to the decoded token in the playground. Data only: the UI looks fields up
 * here instead of writing explanations into components.
 *
 * Sources: RFC 7515 §4.1 (header), RFC 7519 §4.1 (registered claims), kubernetes
 * `pkg/serviceaccount/claims.go` and `jwt.go` (the `kubernetes.io` claim, kid derivation), Microsoft
 * Entra workload identity federation docs (how Entra ID uses iss, sub, aud, exp). See
 * ../shared/reference/workload-identity.md, sections A1–A2.
 */

/** Header parameters, keyed by name. */
export const HEADER_EXPLANATIONS: Readonly<Record<string, string>> = {
  alg: 'Signature algorithm: Kubernetes signs with RS256 when the key is RSA, and Entra ID only supports RS256 issuers.',
  kid: 'Key ID: the SHA-256 of the public key, base64url-encoded; Entra ID picks the key with this kid from the issuer’s JWKS.',
  typ: 'Media type of the token; Kubernetes leaves it out, so its presence means the token came from elsewhere.',
};

/**
 * Claims, keyed by name. Members of the private `kubernetes.io` claim are keyed with a dotted path
 * (`kubernetes.io.namespace`, `kubernetes.io.pod`, ...).
 */
export const CLAIM_EXPLANATIONS: Readonly<Record<string, string>> = {
  iss: 'Issuer: the cluster’s OIDC issuer URL; a federated identity credential must name it exactly, trailing slash included.',
  sub: 'Subject: system:serviceaccount:<namespace>:<name>, the ServiceAccount the token speaks for; compared exactly and case-sensitively.',
  aud: 'Audience: who the token is meant for, always a list; the federated credential’s audience (api://AzureADTokenExchange) must be in it.',
  exp: 'Expiry: after this instant Entra ID refuses the token (AADSTS700024); it is iat plus the requested expirationSeconds.',
  iat: 'Issued at: when the kubelet obtained the token through the TokenRequest API.',
  nbf: 'Not before: the token is not valid earlier than this; Kubernetes sets it equal to iat.',
  jti: 'Token ID: a random UUID per token (Kubernetes 1.30 and later), useful to trace one token in audit logs.',
  'kubernetes.io': 'Kubernetes’ own claim: which namespace, pod, node and ServiceAccount the token is bound to.',
  'kubernetes.io.namespace': 'The namespace of the ServiceAccount (and of the pod).',
  'kubernetes.io.pod': 'The pod the token is bound to (name and UID): the API server stops accepting it once that pod is gone.',
  'kubernetes.io.node': 'The node the pod runs on; informational, nobody verifies it.',
  'kubernetes.io.serviceaccount': 'The ServiceAccount’s name and UID; a recreated ServiceAccount has a new UID.',
  'kubernetes.io.secret': 'A Secret the token is bound to, instead of a pod (not used by projected volumes).',
  'kubernetes.io.warnafter': 'Only on legacy-compatible default tokens: when the API server starts warning that the token is old.',
};

/** The explanation of a header parameter or claim, or `undefined` when the field is not a standard one. */
export function explainField(part: 'header' | 'payload', name: string): string | undefined {
  const table = part === 'header' ? HEADER_EXPLANATIONS : CLAIM_EXPLANATIONS;
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
