/**
 * Azure CLI export: a bash script with the `az` commands that build the world's Entra side (and, for AKS,
 * the cluster flags), exactly as the world has them, failing lines included.
 *
 * Documented commands and flags only:
 * - az aks update --resource-group --name --enable-oidc-issuer --enable-workload-identity
 *   https://learn.microsoft.com/cli/azure/aks#az-aks-update
 * - az identity create --name --resource-group --location
 *   https://learn.microsoft.com/cli/azure/identity#az-identity-create
 * - az identity show --name --resource-group --query --output
 *   https://learn.microsoft.com/cli/azure/identity#az-identity-show
 * - az identity federated-credential create --name --identity-name --resource-group --issuer --subject --audiences
 *   https://learn.microsoft.com/cli/azure/identity/federated-credential#az-identity-federated-credential-create
 * - az role assignment create --assignee-object-id --assignee-principal-type --role --scope
 *   https://learn.microsoft.com/cli/azure/role/assignment#az-role-assignment-create
 * - az account set --subscription  https://learn.microsoft.com/cli/azure/account#az-account-set
 */
import type { ChainResult } from '../engine/types.ts';
import { findingsFor, headerLines, type Findings, type Target } from './findings.ts';
import { armPieces, homeOf, oneLine, PLACEHOLDERS, type ExportFile } from './model.ts';

/** Single-quotes a literal for bash (nothing inside is expanded). */
export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A double-quoted bash word made of literal text and `${VAR}` references. */
function dq(pieces: { lit: string }[] | ({ lit: string } | { ref: string })[]): string {
  return `"${pieces.map((p) => ('lit' in p ? p.lit.replace(/[\\"$`]/g, (c) => `\\${c}`) : `\${${p.ref}}`)).join('')}"`;
}

const VAR = { subscription: 'SUBSCRIPTION_ID', resourceGroup: 'RESOURCE_GROUP' } as const;

/** An ARM ID as a bash word, the home subscription and group as `${SUBSCRIPTION_ID}` / `${RESOURCE_GROUP}`. */
function armWord(id: string, home: ReturnType<typeof homeOf>): string {
  const pieces = armPieces(id, home);
  if (pieces.every((p) => 'lit' in p)) return sq(id);
  return dq(pieces.map((p) => ('lit' in p ? p : { ref: VAR[p.ref] })));
}

/** `# ✗ …` and `# fixed: …` lines for findings (the fixed flag rendered by `fix`). */
function marks(list: { why: string; fixed?: string }[], fix: (v: string) => string): string[] {
  return list.flatMap((x) => [`# ✗ breaks the chain: ${oneLine(x.why)}`, ...(x.fixed !== undefined ? [`# fixed: ${oneLine(fix(x.fixed))}`] : [])]);
}

/** One command over several lines, joined with ` \` continuations. */
function command(parts: string[]): string {
  return parts.join(' \\\n  ');
}

/** Target kinds this file places on a line. */
export const AZ_PLACES: readonly Target['kind'][] = ['aks.oidc-issuer', 'webhook', 'fic.issuer', 'fic.subject', 'fic.audience', 'role-assignment'];

/**
 * The `az` script for a chain result's world.
 * @param result the chain result; `result.world` is exported, `result` supplies the failing lines.
 * @param f its findings (findings.ts).
 */
export function exportAz(result: ChainResult, f: Findings, title: string): ExportFile {
  const w = result.world;
  const home = homeOf(w);
  const isAks = result.provider === 'aks-entra';
  const webhookPlaced = isAks;
  const places = AZ_PLACES.filter((k) => k !== 'webhook' || webhookPlaced);
  const out: string[] = ['#!/usr/bin/env bash', `# Workload Identity Lab export (Azure CLI): ${title}`];
  for (const l of headerLines(result, f, places)) out.push(`# ${oneLine(l)}`);
  out.push('set -euo pipefail', '', '# --- Placeholders: edit these once ---');
  out.push(`SUBSCRIPTION_ID=${sq(PLACEHOLDERS.subscriptionId)}`, `RESOURCE_GROUP=${sq(PLACEHOLDERS.resourceGroup)}`, `LOCATION=${sq(PLACEHOLDERS.location)}`);
  if (isAks) out.push(`CLUSTER_RESOURCE_GROUP=${sq(PLACEHOLDERS.clusterResourceGroup)}`, `CLUSTER_NAME=${sq(PLACEHOLDERS.clusterName)}`);
  out.push('', 'az account set --subscription "$SUBSCRIPTION_ID"', '');

  if (isAks) {
    const oidcOn = w.cluster.oidcIssuer.enabled;
    const webhookOn = w.cluster.workloadIdentityWebhook.installed;
    const flags = (o: boolean, h: boolean) => [...(o ? ['--enable-oidc-issuer'] : []), ...(h ? ['--enable-workload-identity'] : [])];
    const base = ['az aks update', '--resource-group "$CLUSTER_RESOURCE_GROUP"', '--name "$CLUSTER_NAME"'];
    out.push('# The cluster: OIDC issuer and the workload identity webhook (managed add-on).');
    const bad = [...findingsFor(f, 'aks.oidc-issuer'), ...findingsFor(f, 'webhook')];
    for (const x of bad) out.push(`# ✗ breaks the chain: ${oneLine(x.why)}`);
    if (bad.length > 0) out.push(`# fixed: ${[...base, ...flags(true, true)].join(' ')}`);
    const mine = flags(oidcOn, webhookOn);
    if (mine.length > 0) out.push(command([...base, ...mine]));
    else out.push('# (this world enables neither, so no az aks update runs)');
    out.push('# The issuer URL the cluster uses: az aks show --resource-group "$CLUSTER_RESOURCE_GROUP" --name "$CLUSTER_NAME" --query oidcIssuerProfile.issuerUrl --output tsv', '');
  }

  const id = w.identity;
  if (id.kind !== 'user-assigned') {
    out.push(`# The identity is a ${id.kind} identity; this script writes user-assigned managed identity commands only.`);
    out.push(`# Its federated credentials: az ad app federated-credential create (https://learn.microsoft.com/cli/azure/ad/app/federated-credential).`, '');
  }
  out.push('# The user-assigned managed identity.');
  out.push(command(['az identity create', `--name ${sq(id.name)}`, '--resource-group "$RESOURCE_GROUP"', '--location "$LOCATION"']));
  out.push(`PRINCIPAL_ID="$(az identity show --name ${sq(id.name)} --resource-group "$RESOURCE_GROUP" --query principalId --output tsv)"`, '');

  id.federatedCredentials.forEach((c, i) => {
    out.push(`# Federated identity credential ${JSON.stringify(c.name)}: Entra ID trusts tokens with exactly this issuer, subject and audience.`);
    out.push(...marks(findingsFor(f, 'fic.issuer', i), (v) => `--issuer ${sq(v)}`));
    out.push(...marks(findingsFor(f, 'fic.subject', i), (v) => `--subject ${sq(v)}`));
    out.push(...marks(findingsFor(f, 'fic.audience', i), (v) => `--audiences ${sq(v)}`));
    out.push(
      command([
        'az identity federated-credential create',
        `--name ${sq(c.name)}`,
        `--identity-name ${sq(id.name)}`,
        '--resource-group "$RESOURCE_GROUP"',
        `--issuer ${sq(c.issuer)}`,
        `--subject ${sq(c.subject)}`,
        ...(c.audiences.length > 0 ? [`--audiences ${c.audiences.map(sq).join(' ')}`] : []),
      ]),
      '',
    );
  });
  if (id.federatedCredentials.length === 0) out.push('# (this world has no federated identity credential)', '');

  out.push('# Role assignments (Azure RBAC) at the exact scope.');
  const roleBad = findingsFor(f, 'role-assignment');
  for (const x of roleBad) out.push(`# ✗ breaks the chain: ${oneLine(x.why)}`);
  if (roleBad.length > 0 && roleBad[0]?.fixed) {
    out.push(oneLine(`# fixed: az role assignment create --assignee-object-id "$PRINCIPAL_ID" --assignee-principal-type ServicePrincipal --role ${sq(roleBad[0].fixed)} --scope ${armWord(w.resource.id, home)}`));
  }
  for (const a of w.roleAssignments) {
    const mine = a.principalId === id.principalId;
    if (!mine) out.push(oneLine(`# This assignment names principal ${a.principalId}, not ${id.name}'s (${id.principalId}).`));
    out.push(
      command([
        'az role assignment create',
        `--assignee-object-id ${mine ? '"$PRINCIPAL_ID"' : sq(a.principalId)}`,
        '--assignee-principal-type ServicePrincipal',
        `--role ${sq(a.role)}`,
        `--scope ${armWord(a.scope, home)}`,
      ]),
    );
  }
  if (w.roleAssignments.length === 0) out.push('# (this world has no role assignment)');
  return {
    format: 'az',
    title: 'Azure CLI',
    filename: 'setup.sh',
    language: 'bash',
    mime: 'text/x-shellscript',
    text: `${out.join('\n')}\n`,
    note: 'Needs bash and a current Azure CLI (az identity federated-credential is part of the core CLI; check with az version), and on the subscription: Managed Identity Contributor for the identity and credentials, User Access Administrator (or Owner, or Role Based Access Control Administrator) for the role assignments' + (isAks ? ', and Azure Kubernetes Service Contributor for az aks update.' : '.'),
  };
}
