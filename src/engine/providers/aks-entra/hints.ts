/**
 * aks-entra wording for the shared Entra stages: the cluster hints (kubernetes/hints.ts), with the issuer
 * copied from `az aks show` and AKS's 24-hour key rotation window (reference B2).
 */
import type { ProviderHints } from '../../hints.ts';
import { q } from '../../format.ts';
import { clusterHints } from '../../kubernetes/hints.ts';

export const AKS_HINTS: ProviderHints = clusterHints({
  issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)} (copy it from az aks show --query oidcIssuerProfile.issuerUrl).`,
  unknownKidFix: 'Publish the signing key in the JWKS, or restart the pod so the kubelet fetches a token signed with a current key (after a rotation AKS keeps the old key for 24 h).',
});
