/**
 * Display data of the gke-entra provider, for pages and the diagram (small on purpose: UI bundles import
 * it through providers/labels.ts without the provider's stages).
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'gke-entra',
  title: 'Google GKE → Microsoft Entra ID',
  short: 'Google GKE',
  diagram: { pod: 'Pod', sa: 'ServiceAccount', issuer: 'GKE issuer' },
};
