/**
 * The healthy default world for `eks-entra`: the aks-entra default (same namespace, ServiceAccount,
 * managed identity, Key Vault and role) on an EKS cluster in us-east-1, with the Azure Workload Identity
 * webhook installed from Helm and a federated credential naming the EKS issuer byte for byte
 * (no trailing slash, upper-case OIDC ID; other-providers.md §2.2). Every stage passes.
 *
 * Identifiers are fictional with the real shapes. The node name follows the EC2 private-DNS pattern
 * (illustrative only; it is not in the references).
 */
import { defaultWorld } from '../../defaults.ts';
import { eksIssuer } from '../eks-common/issuer.ts';
import type { EksEntraWorld } from './schema.ts';

import { EKS_DEFAULT_OIDC_ID, EKS_DEFAULT_REGION } from '../eks-common/platform.ts';

export { EKS_DEFAULT_OIDC_ID, EKS_DEFAULT_REGION } from '../eks-common/platform.ts';
export const EKS_DEFAULT_ISSUER = `https://oidc.eks.${EKS_DEFAULT_REGION}.amazonaws.com/id/${EKS_DEFAULT_OIDC_ID}`;

/** A fresh deep copy of the eks-entra default world (callers may mutate it). */
export function defaultEksWorld(): EksEntraWorld {
  const w = defaultWorld();
  const platform = { kind: 'eks' as const, region: EKS_DEFAULT_REGION, oidcId: EKS_DEFAULT_OIDC_ID };
  const issuer = eksIssuer(platform).issuer;
  return {
    ...w,
    cluster: {
      ...w.cluster,
      oidcIssuer: { enabled: true, url: issuer, reachable: true, provisioned: true },
      workloadIdentityWebhook: { installed: true, authorityHost: 'https://login.microsoftonline.com/' },
      platform,
    },
    pod: { ...w.pod, nodeName: 'ip-10-0-1-23.ec2.internal' },
    identity: {
      ...w.identity,
      federatedCredentials: [{ ...w.identity.federatedCredentials[0]!, name: 'eks-dev-my-app', issuer }],
    },
  };
}
