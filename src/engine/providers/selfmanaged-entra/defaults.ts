/**
 * The healthy default world for `selfmanaged-entra`: the aks-entra default (same namespace,
 * ServiceAccount, managed identity, Key Vault and role) on a kubeadm cluster whose discovery document and
 * JWKS are hosted in the `$web` container of an Azure storage account, as in the azure-workload-identity
 * walkthrough (`docs/book/src/installation/self-managed-clusters/oidc-issuer/discovery-document.md`:
 * issuer `https://<account>.blob.core.windows.net/$web/`, with the trailing slash, and jwks_uri
 * `…/$web/openid/v1/jwks`; other-providers.md §2.4). `--service-account-issuer` is that same string, the
 * Azure Workload Identity webhook is installed with Helm, and the federated credential names the issuer byte
 * for byte. Every stage passes.
 *
 * Identifiers are fictional with the real shapes ("oidcissuer" + 8 hex digits is the walkthrough's
 * account-name pattern, `oidcissuer$(openssl rand -hex 4)`). The node name is illustrative only.
 */
import { defaultWorld } from '../../defaults.ts';
import { selfManagedIssuer } from './issuer.ts';
import type { SelfManagedEntraWorld, SelfManagedPlatform } from './schema.ts';

export const SELFMANAGED_DEFAULT_ACCOUNT = 'oidcissuer3f9a1c2e';
/** The walkthrough's `$web` issuer form, trailing slash included. */
export const SELFMANAGED_DEFAULT_ISSUER = `https://${SELFMANAGED_DEFAULT_ACCOUNT}.blob.core.windows.net/$web/`;

/** A fresh deep copy of the selfmanaged-entra default world (callers may mutate it). */
export function defaultSelfManagedWorld(): SelfManagedEntraWorld {
  const w = defaultWorld();
  const platform: SelfManagedPlatform = {
    kind: 'selfmanaged',
    distribution: 'kubeadm',
    serviceAccountIssuers: [SELFMANAGED_DEFAULT_ISSUER],
    signingAlg: 'RS256',
    hosting: {
      kind: 'blob-web',
      reachableFromInternet: true,
      anonymousRead: true,
      firewall: false,
      unauthenticatedDiscoveryBinding: false,
      discoveryUploaded: true,
      jwksUploaded: true,
    },
  };
  const issuer = selfManagedIssuer(platform).issuer;
  return {
    ...w,
    cluster: {
      ...w.cluster,
      oidcIssuer: { enabled: true, url: issuer, reachable: true, provisioned: true },
      workloadIdentityWebhook: { installed: true, authorityHost: 'https://login.microsoftonline.com/' },
      platform,
    },
    pod: { ...w.pod, nodeName: 'worker-1' },
    identity: {
      ...w.identity,
      federatedCredentials: [{ ...w.identity.federatedCredentials[0]!, name: 'selfmanaged-dev-my-app', issuer }],
    },
  };
}
