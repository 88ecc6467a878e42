/**
 * Shared stage 3, `client-lookup`: Entra ID resolves the tenant and client_id, checks the scope and the
 * assertion's issuer shape and lifetime (reference D2 steps 1–2). Provider-specific fix texts come from
 * the provider's hints.
 */
import type { Check } from '../types.ts';
import { failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ChainContext } from '../context.ts';
import { findClient, sameId } from './directory.ts';
import { checkAssertionIssuer, checkAssertionLifetime } from './assertion.ts';

/**
 * The `/.default` scope for what someone wrote as a scope: the resource identifier (scheme and host of a
 * URL-like value, e.g. `https://graph.microsoft.com/User.Read` → `https://graph.microsoft.com/.default`)
 * followed by `/.default`.
 */
export function defaultScopeFor(scope: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)/i.exec(scope.trim());
  return `${m ? m[1] : scope.trim().replace(/\/+$/, '')}/.default`;
}

/** Entra ID resolves tenant and client_id, then checks scope, assertion issuer and lifetime sanity. */
export function clientLookup(ctx: ChainContext): Stage {
  const { world } = ctx;
  const checks: Check[] = [];
  const clientId = ctx.clientId ?? '';
  const tenant = ctx.tenantId ?? '';
  const authority = ctx.env.AZURE_AUTHORITY_HOST ?? ctx.authorityHost;
  const url = `${authority.replace(/\/+$/, '')}/${tenant}/oauth2/v2.0/token`;
  ctx.artifacts.exchangeRequest = {
    url,
    form: {
      scope: world.request.scope,
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: ctx.jwt ?? '',
      grant_type: 'client_credentials',
    },
  };

  const tenantOk = sameId(tenant, world.identity.tenantId);
  checks.push({ name: 'tenant in the token URL', expected: q(world.identity.tenantId), actual: q(tenant), ok: tenantOk });
  // Entra ID treats GUIDs case-insensitively.
  const clientOk = sameId(clientId, world.identity.clientId);
  // Another identity of the directory may own this client ID: Entra ID then finds THAT identity.
  const caller = findClient(world, clientId, tenant);
  const other = caller?.otherIndex !== undefined ? caller : undefined;
  checks.push({
    name: 'client_id',
    expected: `${q(world.identity.clientId)} (client ID of ${world.identity.name})`,
    actual: other ? `${q(clientId)} (client ID of ${other.name}, another identity)` : q(clientId),
    ok: clientOk,
    ...(other
      ? { note: `This client ID belongs to ${other.name}, which exists in the tenant too. Entra ID cannot know which identity was meant: it takes the one the client ID names, and checks the token against that identity's federated credentials.` }
      : {}),
  });
  if (!caller) {
    const looksLikeArmId = clientId.startsWith('/subscriptions/');
    return failCode(
      'AADSTS700016',
      !clientOk
        ? `Entra ID has no application or managed identity with client ID ${q(clientId)} in tenant ${q(tenant)}.${looksLikeArmId ? ' The value is an ARM resource ID, not a client ID.' : ''}`
        : `The request went to tenant ${q(tenant)}, but the identity lives in tenant ${q(world.identity.tenantId)}.`,
      checks,
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      !clientOk
        ? ctx.hints.unknownClientFix(looksLikeArmId)
        : ctx.hints.wrongTenantFix(world.identity.tenantId),
    );
  }

  ctx.caller = caller;
  const scope = world.request.scope;
  const scopeOk = scope.endsWith('/.default');
  checks.push({ name: 'scope', expected: '<resource>/.default', actual: q(scope), ok: scopeOk, note: 'Client-credentials requests must ask for the resource\'s /.default scope.' });
  if (!scopeOk) {
    return failCode(
      'AADSTS1002012',
      'The client-credentials request asks for a scope that does not end in /.default, which Entra ID refuses.',
      checks,
      `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      `Request ${defaultScopeFor(scope)}${defaultScopeFor(scope) === 'https://vault.azure.net/.default' ? ' (Key Vault\'s /.default scope)' : ' (for Key Vault: https://vault.azure.net/.default)'}.`,
    );
  }

  const shape = checkAssertionIssuer(ctx.payload ?? {}, ctx.hints);
  checks.push(...shape.checks);
  if (shape.status === 'fail') return { ...shape, checks };
  const life = checkAssertionLifetime(ctx.payload ?? {}, ctx.hints);
  checks.push(...life.checks);
  if (life.status === 'fail') return { ...life, checks };
  const order = 'Microsoft does not document the order of its checks; this order is inferred from error codes and real reports.';
  if (other) {
    return pass(
      `Entra ID found ${other.name} (${other.kind} identity) by this client ID: an identity that exists, but not ${world.identity.name}, the one set up for this ${ctx.hints.workload}. From here on Entra ID checks the token against ${other.name}'s federated credentials, not ${world.identity.name}'s.`,
      checks,
      { fix: ctx.hints.clientIdFix(ctx.clientIdSource, world), uncertain: order },
    );
  }
  return pass(`Entra ID found ${world.identity.name} (${world.identity.kind} identity) by its client ID in the tenant; the scope and the assertion's lifetime are acceptable.`, checks, {
    uncertain: order,
  });
}
