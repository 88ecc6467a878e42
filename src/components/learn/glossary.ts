/**
 * The course glossary as data: one entry per term, with a stable anchor (`/learn/glossary/#<id>`) that
 * lessons link to. Rendered by Glossary.astro; test/unit/learn-glossary.test.ts checks that every
 * glossary link in the lessons points at an entry here. Backticks mark inline code.
 */
export interface GlossaryEntry {
  /** Anchor id: kebab-case, never renamed (lessons link to it). */
  id: string;
  term: string;
  /** Other names the term goes by. */
  aka?: string[];
  /** Two to four sentences, in plain words. */
  definition: string;
  /** The lesson that teaches it: `/learn/<slug>/`. */
  lesson?: string;
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    id: 'access-token',
    term: 'Access token',
    definition:
      'The token Entra ID hands back after a successful exchange. It speaks for the managed identity, not for the pod, and names the resource it is for in `aud` (for example `https://vault.azure.net`). The app sends it as `Authorization: Bearer …` to the Azure service.',
    lesson: '/learn/managed-identity/',
  },
  {
    id: 'admission-webhook',
    term: 'Admission webhook (Azure Workload Identity)',
    aka: ['mutating webhook'],
    definition:
      'A program the API server calls while it creates a pod. The workload identity webhook edits pods labelled `azure.workload.identity/use: "true"`: it adds the `AZURE_*` environment variables and mounts the projected token. It only acts when a pod is created, so an existing pod must be recreated to get the changes.',
    lesson: '/learn/troubleshooting/',
  },
  {
    id: 'audience',
    term: 'Audience (aud)',
    definition:
      'The claim that says whom a token is meant for. Kubernetes writes it as a list; for workload identity on the public Azure cloud it holds `api://AzureADTokenExchange`. A federated identity credential holds exactly one audience, and it must equal the token’s.',
    lesson: '/learn/service-account-token/',
  },
  {
    id: 'client-assertion',
    term: 'Client assertion',
    definition:
      'A signed token a client presents to prove who it is, in place of a password or client secret. In workload identity the projected service account token is the client assertion, sent with `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.',
    lesson: '/learn/token-exchange/',
  },
  {
    id: 'client-id',
    term: 'Client ID',
    aka: ['application ID', 'appId'],
    definition:
      'The GUID that identifies an app registration or a managed identity when it signs in; it goes into `client_id` and, in the cluster, into the ServiceAccount annotation `azure.workload.identity/client-id`. Not to be confused with the object (principal) ID.',
    lesson: '/learn/token-exchange/',
  },
  {
    id: 'client-credentials',
    term: 'Client credentials flow',
    definition:
      'The OAuth 2.0 flow an app uses to get a token for itself, with no user involved. Its `scope` must be a resource followed by `/.default`, such as `https://vault.azure.net/.default`.',
    lesson: '/learn/token-exchange/',
  },
  {
    id: 'discovery-document',
    term: 'Discovery document',
    aka: ['OpenID configuration'],
    definition:
      'A small JSON file an OIDC issuer publishes at `<issuer>.well-known/openid-configuration` (for an issuer that ends with `/`). It repeats the issuer URL and says, in `jwks_uri`, where the public keys are. Entra ID fetches it over the internet.',
    lesson: '/learn/oidc-issuer/',
  },
  {
    id: 'entra-id',
    term: 'Microsoft Entra ID',
    aka: ['Azure AD', 'Azure Active Directory'],
    definition:
      'Microsoft’s identity service (formerly Azure Active Directory). In this chain it checks the pod’s token against the federated identity credentials and issues the managed identity’s access token.',
    lesson: '/learn/big-picture/',
  },
  {
    id: 'federated-identity-credential',
    term: 'Federated identity credential',
    aka: ['FIC', 'federated credential'],
    definition:
      'A record on a managed identity (or app registration) that says: trust tokens from this issuer, about this subject, for this audience. All three are compared with the token exactly and case-sensitively; Kubernetes subjects allow no wildcards. An identity holds at most 20 of them.',
    lesson: '/learn/federated-credential/',
  },
  {
    id: 'issuer',
    term: 'Issuer (iss)',
    definition:
      'Who created and signed a token, written as an HTTPS URL. On AKS it looks like `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/`, and the final `/` is part of it. The issuer URL is also where anyone can find the discovery document and the keys.',
    lesson: '/learn/oidc-issuer/',
  },
  {
    id: 'jwks',
    term: 'JWKS',
    aka: ['JSON Web Key Set'],
    definition:
      'The issuer’s public keys as a JSON document (`{"keys": [...]}`), at the address the discovery document gives in `jwks_uri` (on AKS `<issuer>openid/v1/jwks`). Anyone can verify a token’s signature with them; only the issuer holds the private keys.',
    lesson: '/learn/oidc-issuer/',
  },
  {
    id: 'jwt',
    term: 'JWT',
    aka: ['JSON Web Token'],
    definition:
      'A compact token made of three base64url parts separated by dots: a header, a payload of claims, and a signature over the first two. Anyone can read the claims; only the key holder can produce a matching signature.',
    lesson: '/learn/service-account-token/',
  },
  {
    id: 'key-rotation',
    term: 'Key rotation',
    definition:
      'Replacing the issuer’s signing key. After a rotation on AKS the old public key stays in the JWKS for 24 hours, so tokens signed with it keep verifying while pods pick up new ones.',
    lesson: '/learn/why-it-matters/',
  },
  {
    id: 'kid',
    term: 'Key ID (kid)',
    definition:
      'A header field naming the key that signed a token. Kubernetes derives it from the public key: SHA-256 over the key’s DER encoding, written in base64url without padding (43 characters). Entra ID uses it to pick the right key from the JWKS.',
    lesson: '/learn/oidc-issuer/',
  },
  {
    id: 'managed-identity',
    term: 'Managed identity',
    aka: ['user-assigned managed identity', 'UAMI'],
    definition:
      'An identity in Entra ID that Azure manages for you: no password or secret to store or rotate. A user-assigned one is a resource of its own, with a client ID, an object (principal) ID, its federated identity credentials and its role assignments.',
    lesson: '/learn/managed-identity/',
  },
  {
    id: 'object-id',
    term: 'Object ID (principal ID)',
    definition:
      'The GUID of the identity’s service principal in the tenant. Role assignments name it; it appears as `oid` in the access token. It is a different GUID from the client ID.',
    lesson: '/learn/managed-identity/',
  },
  {
    id: 'oidc',
    term: 'OpenID Connect (OIDC)',
    definition:
      'A standard built on OAuth 2.0 for proving identity with signed tokens. Here it supplies the handshake: a published issuer URL, a discovery document and public keys that let Entra ID check a token the cluster signed.',
    lesson: '/learn/big-picture/',
  },
  {
    id: 'projected-service-account-token',
    term: 'Projected service account token',
    definition:
      'A short-lived JWT that the kubelet requests for a pod and writes into a file inside it (for workload identity: `/var/run/secrets/azure/tokens/azure-identity-token`). It is bound to the pod, has the audience the volume asked for, and is replaced before it expires.',
    lesson: '/learn/service-account-token/',
  },
  {
    id: 'role-assignment',
    term: 'Role assignment',
    definition:
      'Azure RBAC’s grant: a role (a set of allowed actions) given to a principal at a scope, such as a subscription, a resource group or a single vault. It applies to that scope and everything under it, and can take up to about ten minutes to take effect.',
    lesson: '/learn/managed-identity/',
  },
  {
    id: 'service-account',
    term: 'ServiceAccount',
    definition:
      'The Kubernetes identity a pod runs as, named by namespace and name. Its tokens carry the subject `system:serviceaccount:<namespace>:<name>`. For workload identity it is annotated with the managed identity’s client ID.',
    lesson: '/learn/big-picture/',
  },
  {
    id: 'subject',
    term: 'Subject (sub)',
    definition:
      'The claim that says who the token is about. For a Kubernetes ServiceAccount it is `system:serviceaccount:<namespace>:<name>`, for example `system:serviceaccount:dev:my-app-sa`.',
    lesson: '/learn/service-account-token/',
  },
  {
    id: 'tenant',
    term: 'Tenant',
    definition:
      'One organisation’s instance of Entra ID, identified by a GUID. The token request goes to `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`.',
    lesson: '/learn/token-exchange/',
  },
  {
    id: 'tokenrequest',
    term: 'TokenRequest',
    definition:
      'The Kubernetes API that issues a token for a ServiceAccount with a chosen audience and lifetime (at least 10 minutes; one hour by default). The kubelet calls it to fill projected token volumes.',
    lesson: '/learn/service-account-token/',
  },
];
