/**
 * Write-time checks: what Entra ID or Kubernetes would refuse when the configuration is WRITTEN, before
 * any token is exchanged (design.md, "Chain result", `configErrors`). The chain still runs on the world
 * as given, i.e. on what would have been stored.
 *
 * Sources: entra-docs `federated-credential-configuration-considerations.md` (20 credentials, unique
 * issuer+subject, exactly one audience, name rule); azure-cli `_create.py` (name pattern); Azure
 * Workload Identity webhook (expiration bounds). Reference sections B3 and C3.
 */
import type { World } from './schema.ts';
import { FIC_NAME_PATTERN } from './schema.ts';
import type { ConfigError } from './types.ts';
import { webhookExpiration } from './chain.ts';

/** Maximum federated identity credentials on one app registration or user-assigned identity. */
export const MAX_FICS_PER_IDENTITY = 20;

/** Returns every write-time problem in `world`, in document order; an empty list when there are none. */
export function configErrors(world: World): ConfigError[] {
  const out: ConfigError[] = [];
  const fics = world.identity.federatedCredentials;
  const base = 'identity.federatedCredentials';
  if (fics.length > MAX_FICS_PER_IDENTITY) {
    out.push({
      code: 'FederatedIdentityCredentialLimitExceeded',
      message: `An identity can hold at most ${MAX_FICS_PER_IDENTITY} federated identity credentials; this one has ${fics.length}. Entra ID refuses the ${MAX_FICS_PER_IDENTITY + 1}st.`,
      path: `${base}[${MAX_FICS_PER_IDENTITY}]`,
    });
  }
  const seen = new Map<string, number>();
  fics.forEach((f, i) => {
    if (!FIC_NAME_PATTERN.test(f.name)) {
      out.push({
        code: 'BadRequest',
        message: `Federated Identity Credential name '${f.name}' is invalid. Use 3–120 letters, digits, "-" or "_", starting with a letter or digit.`,
        path: `${base}[${i}].name`,
      });
    }
    if (f.audiences.length !== 1) {
      out.push({ code: 'BadRequest', message: 'Federated identity credentials must have exactly one audience.', path: `${base}[${i}].audiences` });
    }
    const key = `${f.issuer}\u0000${f.subject}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({
        code: 'BadRequest',
        message: `Issuer and subject combination already exists for this Managed Identity (same as credential ${first}).`,
        path: `${base}[${i}]`,
      });
    } else seen.set(key, i);
  });
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
  world.roleAssignments.forEach((a, i) => {
    if (!a.scope.startsWith('/')) {
      out.push({ code: 'InvalidScope', message: `The scope '${a.scope}' is not a valid resource ID.`, path: `roleAssignments[${i}].scope` });
    }
  });
  return out;
}

/**
 * The federated credentials Entra ID would actually have stored: writes that break a rule above are
 * refused (bad name, not exactly one audience, duplicate issuer+subject), and only the first
 * {@link MAX_FICS_PER_IDENTITY} accepted writes fit. The chain matches against this list.
 */
export function storedCredentials(world: World): World['identity']['federatedCredentials'] {
  const out: World['identity']['federatedCredentials'] = [];
  const seen = new Set<string>();
  for (const f of world.identity.federatedCredentials) {
    if (out.length >= MAX_FICS_PER_IDENTITY) break;
    const key = `${f.issuer}\u0000${f.subject}`;
    if (!FIC_NAME_PATTERN.test(f.name) || f.audiences.length !== 1 || seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
