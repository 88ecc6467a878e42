/**
 * Display data of the eks-irsa provider (small on purpose: UI bundles import it through
 * providers/labels.ts without the provider's stages). Box names are AWS's own: IAM OIDC provider, IAM role,
 * STS. `playground: false`: the playground's editors and provider switch do not take this provider yet.
 */
import type { ProviderLabels } from '../../providerLabels.ts';

export const LABELS: ProviderLabels = {
  id: 'eks-irsa',
  title: 'Amazon EKS → AWS IAM (IRSA)',
  short: 'EKS IRSA',
  diagram: { pod: 'Pod', sa: 'ServiceAccount', issuer: 'EKS OIDC issuer' },
  cloud: { name: 'AWS IAM', exchange: 'AWS STS', trust: 'IAM role trust policy', identity: 'IAM OIDC provider', token: 'Temporary credentials', resource: 'AWS resource', service: 'AWS service' },
  playground: false,
  exportable: false,
  errorPages: false,
};
