/**
 * Bicep export (a resource-group deployment): the identity, its federated credentials and the role
 * assignments as the world has them, failing properties included.
 *
 * Resource types, API versions and property names from the Bicep resource reference:
 * - Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31 (name, location)
 *   https://learn.microsoft.com/azure/templates/microsoft.managedidentity/userassignedidentities
 * - Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31
 *   (properties: issuer, subject, audiences)
 *   https://learn.microsoft.com/azure/templates/microsoft.managedidentity/userassignedidentities/federatedidentitycredentials
 * - Microsoft.Authorization/roleAssignments@2022-04-01 (scope; properties: roleDefinitionId, principalId, principalType)
 *   https://learn.microsoft.com/azure/templates/microsoft.authorization/roleassignments
 * Built-in role definition IDs: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
import type { ChainResult } from '../engine/types.ts';
import { findingsFor, headerLines, type Findings, type Target } from './findings.ts';
import { armParts, homeOf, ident, oneLine, PLACEHOLDERS, type ExportFile } from './model.ts';

/** Built-in role names → role definition IDs (learn.microsoft.com, "Azure built-in roles"). */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
};

/** Resource types an `existing` reference may use as a role-assignment scope, with an API version. */
const EXISTING_TYPES: Readonly<Record<string, string>> = {
  'Microsoft.KeyVault/vaults': '2023-07-01',
  'Microsoft.Storage/storageAccounts': '2023-05-01',
};

/** A single-quoted Bicep string (`\`, `'` and `${` escaped). */
export function bq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function marks(list: { why: string; fixed?: string }[], fix: (v: string) => string, indent: string): string[] {
  return list.flatMap((x) => [`${indent}// ✗ breaks the chain: ${oneLine(x.why)}`, ...(x.fixed !== undefined ? [`${indent}// fixed: ${oneLine(fix(x.fixed))}`] : [])]);
}

/** Target kinds this file places on a line. */
export const BICEP_PLACES: readonly Target['kind'][] = ['fic.issuer', 'fic.subject', 'fic.audience', 'role-assignment'];

/**
 * How a role-assignment scope is written in a resource-group deployment: the group itself (no `scope`),
 * a resource of a known type in the group (an `existing` reference), or not expressible here.
 */
function scopeOf(scope: string, home: ReturnType<typeof homeOf>): { kind: 'group' } | { kind: 'resource'; type: string; name: string } | { kind: 'outside' } {
  const p = armParts(scope);
  const same = p.subscription?.toLowerCase() === home.subscription?.toLowerCase() && p.resourceGroup?.toLowerCase() === home.resourceGroup?.toLowerCase();
  if (!same) return { kind: 'outside' };
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+(?:\/providers\/([^/]+\/[^/]+)\/([^/]+))?\/?$/i.exec(scope);
  if (!m) return { kind: 'outside' };
  if (!m[1]) return { kind: 'group' };
  const type = Object.keys(EXISTING_TYPES).find((t) => t.toLowerCase() === m[1]!.toLowerCase());
  return type ? { kind: 'resource', type, name: m[2]! } : { kind: 'outside' };
}

/** The Bicep file (main.bicep, deployed with az deployment group create) for a chain result's world. */
export function exportBicep(result: ChainResult, f: Findings, title: string): ExportFile {
  const w = result.world;
  const home = homeOf(w);
  const out: string[] = [`// Workload Identity Lab export (Bicep): ${title}`];
  for (const l of headerLines(result, f, BICEP_PLACES)) out.push(`// ${oneLine(l)}`);
  out.push(
    '// Deploy into the placeholder resource group and subscription:',
    `//   az deployment group create --subscription ${PLACEHOLDERS.subscriptionId} --resource-group ${PLACEHOLDERS.resourceGroup} --template-file main.bicep`,
    '',
    '// --- Placeholders: edit once (or pass --parameters location=...) ---',
    "@description('Azure region of the identity, e.g. eastus.')",
    `param location string = ${bq(PLACEHOLDERS.location)}`,
    '',
  );
  const id = w.identity;
  if (id.kind !== 'user-assigned') out.push(`// The world's identity is a ${id.kind} identity; shown here as a user-assigned managed identity.`);
  out.push(
    "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {",
    `  name: ${bq(id.name)}`,
    '  location: location',
    '}',
    '',
  );
  id.federatedCredentials.forEach((c, i) => {
    out.push(
      `resource ${ident(`fic_${c.name}`, 'fic')} 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {`,
      '  parent: identity',
      `  name: ${bq(c.name)}`,
      '  properties: {',
      ...marks(findingsFor(f, 'fic.issuer', i), (v) => `issuer: ${bq(v)}`, '    '),
      `    issuer: ${bq(c.issuer)}`,
      ...marks(findingsFor(f, 'fic.subject', i), (v) => `subject: ${bq(v)}`, '    '),
      `    subject: ${bq(c.subject)}`,
      ...marks(findingsFor(f, 'fic.audience', i), (v) => `audiences: [ ${bq(v)} ]`, '    '),
      `    audiences: [${c.audiences.map((a) => ` ${bq(a)}`).join('')} ]`,
      '  }',
      '}',
      '',
    );
  });
  const existing = new Map<string, string>();
  const roleBad = findingsFor(f, 'role-assignment');
  for (const x of roleBad) out.push(`// ✗ breaks the chain: ${oneLine(x.why)}`);
  if (roleBad[0]?.fixed) out.push(oneLine(`// fixed: a roleAssignments resource for ${roleBad[0].fixed} with scope ${w.resource.id} and principalId identity.properties.principalId`), '');
  w.roleAssignments.forEach((a, i) => {
    const where = scopeOf(a.scope, home);
    const roleId = BUILT_IN_ROLES[a.role];
    const mine = a.principalId === id.principalId;
    if (where.kind === 'outside') {
      out.push(oneLine(`// Role assignment ${a.role} at ${a.scope}: that scope is outside this resource group; deploy it from a module at that scope (or use the az or Terraform export).`), '');
      return;
    }
    let scopeLine: string[] = [];
    if (where.kind === 'resource') {
      const key = `${where.type}/${where.name}`;
      let sym = existing.get(key);
      if (!sym) {
        sym = ident(`scope_${where.name}`, 'scope');
        existing.set(key, sym);
        out.push(`resource ${sym} '${where.type}@${EXISTING_TYPES[where.type]}' existing = {`, `  name: ${bq(where.name)}`, '}', '');
      }
      scopeLine = [`  scope: ${sym}`];
    }
    if (!mine) out.push(oneLine(`// This assignment names principal ${a.principalId}, not ${id.name}'s (${id.principalId}).`));
    const roleExpr = roleId ? bq(roleId) : bq(`<ROLE_DEFINITION_ID of ${a.role}>`);
    out.push(
      `resource role_${i + 1} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {`,
      `  name: guid(${where.kind === 'resource' ? `${scopeLine[0]!.slice(9)}.id` : 'resourceGroup().id'}, identity.id, ${roleExpr})`,
      ...scopeLine,
      '  properties: {',
      `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${roleExpr}) // ${oneLine(a.role)}`,
      `    principalId: ${mine ? 'identity.properties.principalId' : bq(a.principalId)}`,
      "    principalType: 'ServicePrincipal'",
      '  }',
      '}',
      '',
    );
  });
  return {
    format: 'bicep',
    title: 'Bicep',
    filename: 'main.bicep',
    language: 'bicep',
    mime: 'text/plain',
    text: `${out.join('\n').replace(/\n+$/, '')}\n`,
    note: 'Needs the Bicep CLI (az bicep install) and, on the resource group, Managed Identity Contributor plus User Access Administrator (or Role Based Access Control Administrator) for the role assignments. The cluster side is not in this file.',
  };
}
