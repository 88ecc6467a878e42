/**
 * Write-time checks of a Kubernetes-cluster provider (design.md, "Chain result", `configErrors`): the federated credential
 * writes (entra/credentialWrites.ts), the webhook's expiration validation, Kubernetes object names, and
 * role assignment scopes. The chain still runs on the world as given, i.e. on what would have been stored.
 * Sources: Azure Workload Identity webhook (expiration bounds, reference B3); Kubernetes API validation.
 */
import type { World } from '../schema.ts';
import type { ConfigError } from '../types.ts';
import { credentialWriteErrors } from '../entra/credentialWrites.ts';
import { roleAssignmentErrors } from '../azure/roleAssignments.ts';
import { webhookExpiration } from './admission.ts';

/**
 * Returns every write-time problem in `world`, in document order; an empty list when there are none.
 * Refusals have no `kind` (or `refused`); accepted writes worth a note come with kind `replaced` (a later
 * credential of the same name overwrote an earlier one) or `warning` (an http issuer).
 */
export function configErrors(world: World): ConfigError[] {
  const out: ConfigError[] = credentialWriteErrors(world);
  // The webhook validates only the value it uses, and only for pods it mutates (label selector).
  if (world.cluster.workloadIdentityWebhook.installed && world.pod.labels['azure.workload.identity/use'] === 'true') {
    const exp = webhookExpiration(world);
    if (exp.error) {
      const where = exp.source === 'pod' ? 'pod.annotations' : 'serviceAccount.annotations';
      out.push({ code: 'WebhookDenied', message: exp.error, path: `${where}["azure.workload.identity/service-account-token-expiration"]` });
    }
  }
  // Kubernetes object names (API validation): namespaces are DNS-1123 labels, ServiceAccount names DNS-1123 subdomains.
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  const ns = world.serviceAccount.namespace;
  if (!label.test(ns) || ns.length > 63) {
    out.push({ code: 'Invalid', message: `metadata.namespace: Invalid value: "${ns}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`, path: 'serviceAccount.namespace' });
  }
  const sa = world.serviceAccount.name;
  if (!subdomain.test(sa) || sa.length > 253) {
    out.push({ code: 'Invalid', message: `metadata.name: Invalid value: "${sa}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, path: 'serviceAccount.name' });
  }
  if (world.pod.containers.length === 0) {
    out.push({ code: 'Invalid', message: 'spec.containers: Required value', path: 'pod.containers' });
  }
  out.push(...roleAssignmentErrors(world));
  return out;
}
