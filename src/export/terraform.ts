/**
 * Terraform export (hashicorp/azurerm 4.x): the identity, its federated credentials and the role
 * assignments as the world has them, failing arguments included.
 *
 * Documented resources and argument names only (registry.terraform.io azurerm docs):
 * - azurerm_user_assigned_identity: name, resource_group_name, location
 *   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/user_assigned_identity
 * - azurerm_federated_identity_credential: name, resource_group_name, parent_id, issuer, subject, audience
 *   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/federated_identity_credential
 * - azurerm_role_assignment: scope, role_definition_name, principal_id, principal_type
 *   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/role_assignment
 * - azurerm_kubernetes_cluster: oidc_issuer_enabled, workload_identity_enabled (shown as a comment)
 *   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster
 */
import type { ChainResult } from '../engine/types.ts';
import { findingsFor, headerLines, type Findings, type Target } from './findings.ts';
import { armPieces, homeOf, ident, oneLine, PLACEHOLDERS, type ExportFile } from './model.ts';

/** A quoted HCL string; `${` and `%{` are escaped so nothing is interpolated. */
export function hq(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function armExpr(id: string, home: ReturnType<typeof homeOf>): string {
  const pieces = armPieces(id, home);
  const vars = { subscription: 'var.subscription_id', resourceGroup: 'var.resource_group_name' } as const;
  return `"${pieces.map((p) => ('lit' in p ? hq(p.lit).slice(1, -1) : `\${${vars[p.ref]}}`)).join('')}"`;
}

function marks(list: { why: string; fixed?: string }[], fix: (v: string) => string, indent: string): string[] {
  return list.flatMap((x) => [`${indent}# ✗ breaks the chain: ${oneLine(x.why)}`, ...(x.fixed !== undefined ? [`${indent}# fixed: ${oneLine(fix(x.fixed))}`] : [])]);
}

/** Target kinds this file places on a line. */
export const TF_PLACES: readonly Target['kind'][] = ['aks.oidc-issuer', 'webhook', 'fic.issuer', 'fic.subject', 'fic.audience', 'role-assignment'];

/** The Terraform configuration (one main.tf) for a chain result's world. */
export function exportTerraform(result: ChainResult, f: Findings, title: string): ExportFile {
  const w = result.world;
  const home = homeOf(w);
  const isAks = result.provider === 'aks-entra';
  const places = TF_PLACES.filter((k) => isAks || (k !== 'webhook' && k !== 'aks.oidc-issuer'));
  const out: string[] = [`# Workload Identity Lab export (Terraform, azurerm): ${title}`];
  for (const l of headerLines(result, f, places)) out.push(`# ${oneLine(l)}`);
  out.push(
    '',
    'terraform {',
    '  required_providers {',
    '    azurerm = {',
    '      source  = "hashicorp/azurerm"',
    '      version = "~> 4.0"',
    '    }',
    '  }',
    '}',
    '',
    '# --- Placeholders: edit these once (or pass -var) ---',
    'variable "subscription_id" {',
    '  type    = string',
    `  default = ${hq(PLACEHOLDERS.subscriptionId)}`,
    '}',
    '',
    'variable "resource_group_name" {',
    '  type    = string',
    `  default = ${hq(PLACEHOLDERS.resourceGroup)}`,
    '}',
    '',
    'variable "location" {',
    '  type    = string',
    `  default = ${hq(PLACEHOLDERS.location)}`,
    '}',
    '',
    'provider "azurerm" {',
    '  features {}',
    '  subscription_id = var.subscription_id',
    '}',
    '',
  );
  if (isAks) {
    const bad = [...findingsFor(f, 'aks.oidc-issuer'), ...findingsFor(f, 'webhook')];
    out.push('# The AKS cluster (azurerm_kubernetes_cluster, not managed here) has, in this world:');
    out.push(`#   oidc_issuer_enabled       = ${w.cluster.oidcIssuer.enabled}`);
    out.push(`#   workload_identity_enabled = ${w.cluster.workloadIdentityWebhook.installed}`);
    for (const x of bad) out.push(`# ✗ breaks the chain: ${oneLine(x.why)}`);
    if (bad.length > 0) out.push('# fixed: oidc_issuer_enabled = true and workload_identity_enabled = true');
    out.push('');
  }
  const id = w.identity;
  const idName = ident(id.name, 'identity');
  if (id.kind !== 'user-assigned') out.push(`# The world's identity is a ${id.kind} identity; shown here as a user-assigned managed identity.`);
  out.push(
    `resource "azurerm_user_assigned_identity" ${hq(idName)} {`,
    `  name                = ${hq(id.name)}`,
    '  resource_group_name = var.resource_group_name',
    '  location            = var.location',
    '}',
    '',
  );
  id.federatedCredentials.forEach((c, i) => {
    out.push(
      `resource "azurerm_federated_identity_credential" ${hq(ident(c.name, 'fic'))} {`,
      `  name                = ${hq(c.name)}`,
      '  resource_group_name = var.resource_group_name',
      `  parent_id           = azurerm_user_assigned_identity.${idName}.id`,
      ...marks(findingsFor(f, 'fic.issuer', i), (v) => `issuer = ${hq(v)}`, '  '),
      `  issuer              = ${hq(c.issuer)}`,
      ...marks(findingsFor(f, 'fic.subject', i), (v) => `subject = ${hq(v)}`, '  '),
      `  subject             = ${hq(c.subject)}`,
      ...marks(findingsFor(f, 'fic.audience', i), (v) => `audience = [${hq(v)}]`, '  '),
      `  audience            = [${c.audiences.map(hq).join(', ')}]`,
      '}',
      '',
    );
  });
  const roleBad = findingsFor(f, 'role-assignment');
  for (const x of roleBad) out.push(`# ✗ breaks the chain: ${oneLine(x.why)}`);
  if (roleBad[0]?.fixed) {
    out.push(
      '# fixed:',
      `# resource "azurerm_role_assignment" "fixed" {`,
      oneLine(`#   scope                = ${armExpr(w.resource.id, home)}`),
      oneLine(`#   role_definition_name = ${hq(roleBad[0].fixed)}`),
      `#   principal_id         = azurerm_user_assigned_identity.${idName}.principal_id`,
      '#   principal_type       = "ServicePrincipal"',
      '# }',
      '',
    );
  }
  w.roleAssignments.forEach((a, i) => {
    const mine = a.principalId === id.principalId;
    if (!mine) out.push(oneLine(`# This assignment names principal ${a.principalId}, not ${id.name}'s (${id.principalId}).`));
    out.push(
      `resource "azurerm_role_assignment" ${hq(`role_${i + 1}`)} {`,
      `  scope                = ${armExpr(a.scope, home)}`,
      `  role_definition_name = ${hq(a.role)}`,
      `  principal_id         = ${mine ? `azurerm_user_assigned_identity.${idName}.principal_id` : hq(a.principalId)}`,
      '  principal_type       = "ServicePrincipal"',
      '}',
      '',
    );
  });
  return {
    format: 'terraform',
    title: 'Terraform',
    filename: 'main.tf',
    language: 'hcl',
    mime: 'text/plain',
    text: `${out.join('\n').replace(/\n+$/, '')}\n`,
    note: 'Needs Terraform 1.x with the hashicorp/azurerm provider 4.x (which requires subscription_id), signed in with az login; the same Azure roles as the CLI script: Managed Identity Contributor and User Access Administrator (or Role Based Access Control Administrator).',
  };
}
