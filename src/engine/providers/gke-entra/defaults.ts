/**
 * The healthy default world for `gke-entra`: the aks-entra default (same namespace, ServiceAccount,
 * managed identity, Key Vault and role) on a zonal GKE cluster, with the Azure Workload Identity webhook
 * installed from Helm and a federated credential naming the GKE issuer byte for byte (no trailing slash,
 * the zone as location; other-providers.md §2.3). Every stage passes. Identifiers are fictional; the node
 * name follows the GKE node pattern (illustrative only, not in the references).
 */
import { defaultWorld } from '../../defaults.ts';
import { gkeIssuer } from './issuer.ts';
import type { GkeEntraWorld } from './schema.ts';

export const GKE_DEFAULT_PROJECT = 'demo-project-123';
export const GKE_DEFAULT_LOCATION = 'us-central1-f';
export const GKE_DEFAULT_CLUSTER = 'demo-cluster';
export const GKE_DEFAULT_ISSUER = `https://container.googleapis.com/v1/projects/${GKE_DEFAULT_PROJECT}/locations/${GKE_DEFAULT_LOCATION}/clusters/${GKE_DEFAULT_CLUSTER}`;

/** A fresh deep copy of the gke-entra default world (callers may mutate it). */
export function defaultGkeWorld(): GkeEntraWorld {
  const w = defaultWorld();
  const platform = { kind: 'gke' as const, project: GKE_DEFAULT_PROJECT, location: GKE_DEFAULT_LOCATION, cluster: GKE_DEFAULT_CLUSTER, discoveryAvailable: true };
  const issuer = gkeIssuer(platform).issuer;
  return {
    ...w,
    cluster: {
      ...w.cluster,
      oidcIssuer: { enabled: true, url: issuer, reachable: true, provisioned: true },
      workloadIdentityWebhook: { installed: true, authorityHost: 'https://login.microsoftonline.com/' },
      platform,
    },
    pod: { ...w.pod, nodeName: 'gke-demo-cluster-default-pool-1a2b3c4d-x9yz' },
    identity: {
      ...w.identity,
      federatedCredentials: [{ ...w.identity.federatedCredentials[0]!, name: 'gke-dev-my-app', issuer }],
    },
  };
}
