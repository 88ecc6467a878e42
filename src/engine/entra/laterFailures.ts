/**
 * Which later Entra ID checks would fail too, given the simulator's inferred check order (reference D2).
 */
import type { StageResult } from '../types.ts';
import type { ChainContext } from '../context.ts';
import { directoryIdentities } from './directory.ts';
import { storedOf } from './federationMatch.ts';
import { matchFederatedCredentials } from './ficMatch.ts';
import { checkTimeWindow } from './lifetime.ts';

/**
 * Entra ID checks that come AFTER the failing one in the simulator's inferred order and would fail too,
 * on the same assertion: the federated credential match (after a lifetime-sanity failure) and the time
 * window (after a match, discovery or signature failure). Since the real order is undocumented (reference
 * D2), the code Entra ID actually returns may be one of these; the result says so in `uncertain`.
 */
export function laterEntraFailures(failed: StageResult, ctx: ChainContext): { what: string; code: string }[] {
  const p = ctx.payload;
  if (!p || !failed.code) return [];
  const out: { what: string; code: string }[] = [];
  if (failed.code === 'AADSTS70023') {
    const who = ctx.caller ?? directoryIdentities(ctx.world)[0]!;
    const m = matchFederatedCredentials(p, storedOf(ctx.world, who), who.name, ctx.hints);
    if (m.status === 'fail' && m.code && m.code !== 'AADSTS70021') out.push({ what: 'the federated credential match', code: m.code });
  }
  const laterThanMatch = failed.code === 'AADSTS70023' || ['federation-match', 'issuer-discovery', 'signature'].includes(failed.id);
  if (laterThanMatch && checkTimeWindow(p, ctx.now, ctx.hints).status === 'fail') out.push({ what: 'the time window check', code: 'AADSTS700024' });
  return out;
}
