/**
 * Display data of the aks-entra provider, for pages and the diagram (small on purpose: UI bundles import
 * it through providers/labels.ts without the provider's stages).
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'aks-entra',
  title: 'AKS → Microsoft Entra ID',
  short: 'AKS',
  diagram: { pod: 'Pod', sa: 'ServiceAccount', issuer: 'OIDC issuer' },
};
