/**
 * Display data of the selfmanaged-entra provider, for pages and the diagram (small on purpose: UI bundles import
 * it through providers/labels.ts without the provider's stages).
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'selfmanaged-entra',
  title: 'Self-managed cluster → Microsoft Entra ID',
  short: 'Self-managed cluster',
  diagram: { pod: 'Pod', sa: 'ServiceAccount', issuer: 'Hosted OIDC issuer' },
};
