/**
 * Shared stage 8, `access-token`: the access token Entra ID issues for the identity the client_id named
 * (claims as a managed identity / app token carries them; reference E1).
 */
import { pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ChainContext } from '../context.ts';
import { directoryIdentities } from './directory.ts';

/** Issues the access token for `ctx.caller` (or world.identity) with the scope's resource as audience. */
export function accessToken(ctx: ChainContext): Stage {
  const { world } = ctx;
  const resource = world.request.scope.replace(/\/\.default$/, '');
  ctx.resourceAudience = resource;
  const id = ctx.caller ?? directoryIdentities(world)[0]!;
  const wrong = id.otherIndex !== undefined;
  const claims: Record<string, unknown> = {
    aud: resource,
    iss: `https://sts.windows.net/${id.tenantId}/`,
    iat: ctx.now,
    nbf: ctx.now,
    exp: ctx.now + 86399,
    appid: id.clientId,
    appidacr: '2',
    idtyp: 'app',
    oid: id.principalId,
    sub: id.principalId,
    tid: id.tenantId,
    ver: '1.0',
    ...(id.kind === 'user-assigned' && id.resourceId ? { xms_mirid: id.resourceId } : {}),
  };
  ctx.artifacts.accessToken = claims;
  return pass(
    `Entra ID issued an access token for ${id.name} (appid ${id.clientId}, oid ${id.principalId}) with audience ${q(resource)}.${wrong ? ` That is not ${world.identity.name}, the identity set up for this ${ctx.hints.workload}: from here on the ${ctx.hints.workload} acts as ${id.name}.` : ''}`,
    [
      { name: 'token_type', expected: 'Bearer', actual: 'Bearer', ok: true },
      { name: 'aud', expected: 'the resource from the scope', actual: q(resource), ok: true },
      { name: 'oid (the principal role assignments name)', expected: q(wrong ? world.identity.principalId : id.principalId), actual: q(id.principalId), ok: !wrong },
    ],
    {
      uncertain: 'Access-token lifetime varies (about 24 h for managed identities) and the xms_mirid claim on this path is not confirmed.',
      ...(wrong ? { fix: ctx.hints.clientIdFix(ctx.clientIdSource, world) } : {}),
    },
  );
}
