/**
 * `admission` for selfmanaged-entra: no managed add-on exists, so the Azure Workload Identity webhook is
 * installed with Helm or the token volume and AZURE_* variables are written by hand; otherwise the
 * `azure.workload.identity/use` label is ignored and nothing is injected (other-providers.md §2.1;
 * Azure/azure-workload-identity #461, real-world-cases C08).
 */
import { clusterAdmission, type ClusterAdmission } from '../cluster-common/admission.ts';
import type { SelfManagedEntraWorld } from './schema.ts';

/** Display names of the distributions, for summaries. */
export const DISTRIBUTION_NAMES = {
  kubeadm: 'kubeadm',
  kind: 'kind',
  k3s: 'k3s',
  openshift: 'OpenShift',
  capz: 'Cluster API (CAPZ)',
  other: 'self-managed',
} as const;

/** Admission on a self-managed cluster: the three non-AKS states. */
export function selfManagedAdmission(world: SelfManagedEntraWorld): ClusterAdmission {
  const d = world.cluster.platform.distribution ?? 'kubeadm';
  return clusterAdmission(world, `this ${DISTRIBUTION_NAMES[d] ?? 'self-managed'} cluster`);
}
