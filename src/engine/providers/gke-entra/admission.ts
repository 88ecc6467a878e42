/**
 * `admission` for gke-entra: same as EKS — install the Azure webhook or write the volume by hand
 * (other-providers.md §2.3, §2.1). With GKE Workload Identity Federation on, GKE's metadata server handles
 * Google credentials only; it does not touch a projected Azure token (**[inference]**, §2.3).
 */
import { clusterAdmission, type ClusterAdmission } from '../cluster-common/admission.ts';
import type { GkeEntraWorld } from './schema.ts';

/** The KSA annotation of GKE Workload Identity (workload-identity.md F2, legacy binding). */
export const GKE_GSA_ANNOTATION = 'iam.gke.io/gcp-service-account';

/** Admission on GKE: the three non-AKS states. */
export function gkeAdmission(world: GkeEntraWorld): ClusterAdmission {
  const r = clusterAdmission(world, 'GKE');
  const gsa = world.serviceAccount.annotations[GKE_GSA_ANNOTATION];
  if (gsa !== undefined) {
    r.checks.push({
      name: `ServiceAccount annotation ${GKE_GSA_ANNOTATION}`,
      expected: 'not used by the Azure token route',
      actual: JSON.stringify(gsa),
      ok: true,
      note: 'GKE\'s metadata server uses it for Google credentials only; it injects no Azure token or AZURE_* variable (inference, other-providers.md §2.3).',
    });
  }
  return r;
}
