/**
 * Display data of the eks-entra provider, for pages and the diagram (small on purpose: UI bundles import
 * it through providers/labels.ts without the provider's stages).
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'eks-entra',
  title: 'Amazon EKS → Microsoft Entra ID',
  short: 'Amazon EKS',
  diagram: { pod: 'Pod', sa: 'ServiceAccount', issuer: 'EKS OIDC issuer' },
};
