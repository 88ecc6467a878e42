/**
 * Display data of the github-entra provider, for pages and the diagram (small on purpose: UI bundles import
 * it through providers/labels.ts without the provider's stages).
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'github-entra',
  title: 'GitHub Actions → Microsoft Entra ID',
  short: 'GitHub Actions',
  diagram: { pod: 'Workflow job', sa: 'GitHub ID token', issuer: 'GitHub OIDC issuer' },
};
