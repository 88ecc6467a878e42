/**
 * World-schema extension for `selfmanaged-entra`: a self-managed cluster (kind, k3s, kubeadm, OpenShift,
 * CAPZ) whose service account tokens are federated into Microsoft Entra ID. The aks-entra world
 * (src/engine/schema.ts) plus `cluster.platform` (API-server flags and where discovery is hosted) and
 * the non-AKS pod (cluster-common/schema.ts).
 *
 * Sources: other-providers.md §2.4 (flags from azure-workload-identity
 * `docs/book/src/installation/self-managed-clusters/configurations.md`, hosting from
 * `…/oidc-issuer/discovery-document.md`); workload-identity.md A1 (alg by key type), A6 (API-server
 * discovery, `--service-account-jwks-uri`, the `system:service-account-issuer-discovery` binding).
 * `cluster.signingKeys` are the keys the API server has (`--service-account-signing-key-file` signs,
 * `--service-account-key-file` verifies); `published` there means "in the API server's own JWKS".
 */
import { z } from '../../zod.ts';
import { ClusterSchema, WorldSchema } from '../../schema.ts';
import { ClusterPodSchema } from '../cluster-common/schema.ts';

export const DiscoveryHostingSchema = z
  .object({
    kind: z
      .enum(['api-server', 'blob-web', 'other'])
      .describe('Who answers at the issuer URL: the API server itself (its /.well-known/openid-configuration and /openid/v1/jwks), the `$web` static-website container of an Azure storage account, or another web host.'),
    url: z
      .string()
      .optional()
      .describe('The public base URL where the documents are hosted, e.g. https://<account>.blob.core.windows.net/$web/ (absent: the first --service-account-issuer, i.e. hosted where the flag points). Entra ID fetches `{iss}/.well-known/openid-configuration`, so a token whose iss is not this URL (trailing slash aside) finds nothing here.'),
    reachableFromInternet: z.boolean().default(true).describe('Whether the host answers from the internet at all (false: no answer, e.g. a private API server).'),
    anonymousRead: z.boolean().default(true).describe('blob-web / other: whether the documents can be read without credentials (public container access).'),
    firewall: z.boolean().default(false).describe('blob-web: whether the storage account restricts network access (firewall, selected networks, private endpoint only).'),
    unauthenticatedDiscoveryBinding: z
      .boolean()
      .default(false)
      .describe('api-server: whether ClusterRole `system:service-account-issuer-discovery` is bound to group `system:unauthenticated` (by default it is bound to `system:serviceaccounts` only).'),
    discoveryUploaded: z.boolean().default(true).describe('blob-web / other: whether `.well-known/openid-configuration` was uploaded (false: HTTP 404).'),
    jwksUploaded: z.boolean().default(true).describe('blob-web / other: whether the JWKS was uploaded at the path the document names (false: HTTP 404).'),
    discoveryIssuer: z.string().optional().describe('blob-web / other: the discovery document\'s own `issuer` field (absent: the first --service-account-issuer).'),
    discoveryJwksUri: z.string().optional().describe('blob-web / other: the discovery document\'s `jwks_uri` field (absent: `<issuer>openid/v1/jwks`).'),
    uploadedKeys: z
      .array(z.string())
      .optional()
      .describe('blob-web / other: names of `cluster.signingKeys` whose public keys are in the uploaded JWKS (absent: every published key). After a key rotation the JWKS must be uploaded again.'),
  })
  .strict()
  .describe('Where Entra ID finds the discovery document and the JWKS, and whether it may read them.');

export const SelfManagedPlatformSchema = z
  .object({
    kind: z.literal('selfmanaged').describe('Platform tag: a self-managed cluster.'),
    distribution: z.enum(['kubeadm', 'kind', 'k3s', 'openshift', 'capz', 'other']).default('kubeadm').describe('How the cluster is built; they all pass the same kube-apiserver flags through their own config.'),
    serviceAccountIssuers: z
      .array(z.string())
      .min(1)
      .describe('The `--service-account-issuer` values, in order. The FIRST is put in `iss` of new tokens; all are accepted by the API server.'),
    serviceAccountJwksUri: z.string().optional().describe('`--service-account-jwks-uri`: overrides the jwks_uri in the API server\'s own discovery document (api-server hosting).'),
    signingAlg: z
      .enum(['RS256', 'ES256', 'ES384', 'ES512'])
      .default('RS256')
      .describe('The alg of the signing key: RS256 for any RSA key, ES256/384/512 for an ECDSA P-256/384/521 key.'),
    hosting: DiscoveryHostingSchema,
  })
  .strict()
  .describe('The API-server flags and discovery hosting of a self-managed cluster.');

export const SelfManagedClusterSchema = ClusterSchema.extend({
  platform: SelfManagedPlatformSchema,
});

/** The complete selfmanaged-entra world. */
export const SelfManagedEntraWorldSchema = WorldSchema.extend({
  cluster: SelfManagedClusterSchema,
  pod: ClusterPodSchema,
});

export type DiscoveryHosting = z.infer<typeof DiscoveryHostingSchema>;
export type SelfManagedPlatform = z.infer<typeof SelfManagedPlatformSchema>;
export type SelfManagedEntraWorld = z.infer<typeof SelfManagedEntraWorldSchema>;
