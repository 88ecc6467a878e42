/**
 * Shared stage 9, `authorization`: Azure RBAC (or a vault's access policies) at the resource, for the
 * principal Entra ID issued the token to (reference E1–E3). Pure.
 */
import type { Check } from '../types.ts';
import { fail, failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import { ERROR_CATALOGUE, errorPagePath } from '../errors.ts';
import type { ChainContext } from '../context.ts';
import { directoryIdentities } from '../entra/directory.ts';

/** How long a new role assignment may take to propagate, seconds ("up to ten minutes", E2). */
export const RBAC_PROPAGATION_SECONDS = 600;

const KV_SECRET_READERS = ['Key Vault Secrets User', 'Key Vault Secrets Officer', 'Key Vault Administrator'];
const ARM_READERS = ['Reader', 'Contributor', 'Owner'];
const BLOB_READERS = ['Storage Blob Data Reader', 'Storage Blob Data Contributor', 'Storage Blob Data Owner'];

/** True when role-assignment scope `scope` equals `resourceId` or is an ancestor of it (ARM IDs are case-insensitive). */
export function scopeCovers(scope: string, resourceId: string): boolean {
  const s = scope.replace(/\/+$/, '').toLowerCase();
  const r = resourceId.replace(/\/+$/, '').toLowerCase();
  return s === '' || s === '/' ? true : r === s || r.startsWith(`${s}/`);
}

/** Azure RBAC or Key Vault access policies for the principal the access token names. */
export function authorization(ctx: ChainContext): Stage {
  const { world } = ctx;
  const res = world.resource;
  const id = ctx.caller ?? directoryIdentities(world)[0]!;
  const aud = ctx.resourceAudience ?? '';
  const checks: Check[] = [];
  const expectedAud = res.kind === 'key-vault-secret' ? 'https://vault.azure.net' : res.kind === 'arm' ? 'https://management.azure.com' : 'https://storage.azure.com';
  const audOk = aud.replace(/\/+$/, '') === expectedAud;
  checks.push({ name: 'access token aud', expected: q(expectedAud), actual: q(aud), ok: audOk });
  if (!audOk) {
    if (res.kind === 'key-vault-secret') {
      return failCode('AKV10022', 'The access token was issued for another resource, so Key Vault refuses it.', checks, `AKV10022: Invalid audience. Expected ${expectedAud}, found: ${aud}.`, `Request the scope ${expectedAud}/.default.`);
    }
    return fail('The access token was issued for another resource, so the service refuses it.', checks, `401 Unauthorized: the token audience ${aud} is not ${expectedAud}`, `Request the scope ${expectedAud}/.default.`, { httpStatus: 401 });
  }

  const [roles, action] =
    res.kind === 'key-vault-secret'
      ? [KV_SECRET_READERS, 'Microsoft.KeyVault/vaults/secrets/getSecret/action']
      : res.kind === 'arm'
        ? [ARM_READERS, `${res.id.split('/providers/')[1]?.split('/').slice(0, 2).join('/') ?? 'Microsoft.Resources/subscriptions/resourceGroups'}/read`]
        : [BLOB_READERS, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'];

  if (res.kind === 'key-vault-secret' && res.permissionModel === 'access-policy') {
    const pol = res.accessPolicies.find((p) => p.objectId === id.principalId);
    const ok = !!pol && pol.secretPermissions.map((s) => s.toLowerCase()).some((s) => s === 'get' || s === 'all');
    checks.push({ name: 'access policy for the principal', expected: `secret permission "get" for ${id.principalId}`, actual: pol ? q(pol.secretPermissions) : '(no policy)', ok });
    if (!ok) {
      const vault = res.id.split('/').pop() ?? '';
      return fail(
        'The vault uses access policies, not Azure RBAC: role assignments are ignored, and no policy gives this identity the "get" secret permission.',
        checks,
        `The user, group or application 'appid=${id.clientId};oid=${id.principalId};iss=https://sts.windows.net/${id.tenantId}/' does not have secrets get permission on key vault '${vault};location=eastus'.`,
        'Add an access policy with secret permission "get" for the identity\'s principal ID, or switch the vault to the Azure RBAC permission model and assign Key Vault Secrets User.',
        { code: 'AccessDenied', httpStatus: 403, error: 'Forbidden', learnMore: [errorPagePath('AccessDenied')], uncertain: ERROR_CATALOGUE.AccessDenied?.uncertain },
      );
    }
    return pass(`The vault's access policy lets ${id.name} read secrets.`, checks);
  }

  const mine = world.roleAssignments.filter((a) => a.principalId === id.principalId);
  const applicable = mine.filter((a) => scopeCovers(a.scope, res.id) && roles.includes(a.role));
  const effective = applicable.filter((a) => a.createdSecondsAgo >= RBAC_PROPAGATION_SECONDS);
  checks.push({
    name: `role assignment allowing ${action}`,
    expected: `${roles.join(' / ')} for ${id.principalId} at the resource or above`,
    actual: mine.length ? mine.map((a) => `${a.role} at ${a.scope}`).join('; ') : '(none for this principal)',
    ok: applicable.length > 0,
  });
  const target = res.kind === 'key-vault-secret' ? `${res.id}/secrets/${res.secret ?? 'secret'}` : res.id;
  const denied = (summary: string, fix: string, extra: Partial<Stage> = {}) => {
    if (res.kind === 'key-vault-secret') {
      const vault = res.id.split('/').pop() ?? '';
      return failCode(
        'ForbiddenByRbac',
        summary,
        checks,
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${id.clientId};oid=${id.principalId};iss=https://sts.windows.net/${id.tenantId}/\r\nAction: '${action}'\r\nResource: '${target.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${vault};location=eastus`,
        fix,
        extra,
      );
    }
    if (res.kind === 'arm') {
      return failCode('AuthorizationFailed', summary, checks, `The client '${id.clientId}' with object id '${id.principalId}' does not have authorization to perform action '${action}' over scope '${res.id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`, fix, extra);
    }
    return failCode('AuthorizationPermissionMismatch', summary, checks, 'This request is not authorized to perform this operation using this permission.', fix, extra);
  };
  if (!applicable.length) {
    const wrongRole = mine.find((a) => scopeCovers(a.scope, res.id));
    const wrongIdentity = id.otherIndex !== undefined;
    return denied(
      (wrongRole
        ? `${id.name} has "${wrongRole.role}" here, but that role does not include ${action}${res.kind !== 'arm' ? ' (a data action: Owner and Contributor do not grant it)' : ''}.`
        : `${id.name} has no role assignment that reaches ${res.id}. Authentication worked; authorization did not.`) +
        (wrongIdentity ? ` The ${ctx.hints.workload} signed in as ${id.name} because it presented ${id.name}'s client ID; the role assignments of ${world.identity.name}, the identity set up for this ${ctx.hints.workload}, do not apply.` : ''),
      wrongIdentity
        ? ctx.hints.clientIdFix(ctx.clientIdSource, world)
        : `az role assignment create --assignee-object-id ${id.principalId} --assignee-principal-type ServicePrincipal --role "${roles[0]}" --scope ${res.id}`,
    );
  }
  if (!effective.length) {
    const a = applicable[0]!;
    checks.push({ name: `assignment "${a.role}" propagated`, expected: `created ≥ ${RBAC_PROPAGATION_SECONDS} s ago`, actual: `${a.createdSecondsAgo} s ago`, ok: false });
    return denied(
      `The role assignment "${a.role}" was created ${a.createdSecondsAgo} seconds ago and has not propagated yet.`,
      'Wait and retry: role assignments can take up to about ten minutes to take effect.',
      { uncertain: `Propagation time varies; the simulator denies for the first ${RBAC_PROPAGATION_SECONDS} s.` },
    );
  }
  const a = effective[0]!;
  return pass(`"${a.role}" assigned at ${a.scope} allows ${action}: the ${ctx.hints.workload} reads ${res.kind === 'key-vault-secret' ? `secret ${res.secret ?? ''}` : 'the resource'}.`, checks);
}
