/**
 * aks-entra stage 6, `signature`: the shared check (entra/signature.ts), with the AKS rotation story
 * when the key was rotated out more than 24 h ago (reference B2).
 */
import type { Stage } from '../../stage.ts';
import { humanDuration } from '../../format.ts';
import { verifyWithJwks } from '../../entra/signature.ts';
import { RETIRED_KEY_GRACE_SECONDS } from '../../kubernetes/constants.ts';
import type { ClusterContext } from '../../kubernetes/context.ts';

export async function signature(ctx: ClusterContext): Promise<Stage> {
  const r = await verifyWithJwks(ctx.jwt ?? '', ctx.header ?? {}, ctx.payload ?? {}, ctx.artifacts.jwks, ctx.hints);
  const used = ctx.world.cluster.signingKeys.find((k) => k.name === ctx.world.token.signingKey);
  if (r.code === 'AADSTS7000272' && used?.retiredSecondsAgo !== undefined && used.retiredSecondsAgo >= RETIRED_KEY_GRACE_SECONDS) {
    r.summary = `The token was signed with key "${used.name}", rotated out ${humanDuration(used.retiredSecondsAgo)} ago. AKS keeps a retired key in the JWKS for 24 hours; once it is gone, tokens it signed cannot be verified.`;
  }
  return r;
}
