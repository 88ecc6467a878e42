/**
 * Display data of every provider (each folder's labels.ts), in registry order, for UI bundles that must
 * not load the providers' stages. The registry test checks this list matches providers/registry.ts.
 */
import type { ProviderLabels } from '../providerLabels.ts';
import { LABELS as aks } from './aks-entra/labels.ts';
import { LABELS as github } from './github-entra/labels.ts';
import { LABELS as eks } from './eks-entra/labels.ts';
import { LABELS as gke } from './gke-entra/labels.ts';
import { LABELS as selfmanaged } from './selfmanaged-entra/labels.ts';
import { LABELS as irsa } from './eks-irsa/labels.ts';

export const PROVIDER_LABELS: readonly ProviderLabels[] = [aks, github, eks, gke, selfmanaged, irsa];

/** The labels of provider `id`; the first (aks-entra) when unknown or absent. */
export function providerLabels(id: string | undefined): ProviderLabels {
  return PROVIDER_LABELS.find((l) => l.id === id) ?? PROVIDER_LABELS[0]!;
}
