/**
 * Shared stage 4, `federation-match`: the credential match over what Entra ID stored for the identity
 * the client_id named (refused and overwritten writes accounted for). Rule: ficMatch.ts.
 */
import type { Stage } from '../stage.ts';
import type { ChainContext } from '../context.ts';
import type { EntraWorld } from '../entraWorld.ts';
import { credentialWrites } from './credentialWrites.ts';
import { directoryIdentities, type DirectoryIdentity } from './directory.ts';
import { matchFederatedCredentials, type FicLike } from './ficMatch.ts';

/** The federated credentials Entra ID stored for `who` (refused writes left out), in document order. */
export function storedOf(world: EntraWorld, who: DirectoryIdentity): FicLike[] {
  return credentialWrites(world, who.otherIndex)
    .filter((w) => w.stored)
    .map((w) => who.federatedCredentials[w.index]!);
}

/** Matches the token against the stored credentials of the identity the client_id named. */
export function federationMatch(ctx: ChainContext): Stage {
  const caller = ctx.caller ?? directoryIdentities(ctx.world)[0]!;
  const all = caller.federatedCredentials;
  const writes = credentialWrites(ctx.world, caller.otherIndex);
  const stored = writes.filter((w) => w.stored).map((w) => all[w.index]!);
  const r = matchFederatedCredentials(ctx.payload ?? {}, stored, caller.name, ctx.hints);
  const refused = writes.filter((w) => w.refusedBecause.length > 0);
  // A later write of the same name updates the credential in place: the earlier settings are gone.
  const replaced = writes.filter((w) => w.replacedBy !== undefined);
  if (replaced.length && r.status === 'fail') {
    const first = replaced[0]!;
    r.summary = `${r.summary} The credential "${all[first.index]!.name}" was written twice; the later entry (#${first.replacedBy! + 1}) overwrote the earlier one (#${first.index + 1}), whose settings Entra ID no longer has.`;
  }
  if (refused.length) {
    const names = refused.map((w) => `"${all[w.index]!.name}"`);
    const why = (w: (typeof refused)[number]) => `"${all[w.index]!.name}": ${w.refusedBecause.map((e) => e.message).join(' ')}`;
    r.checks.unshift({
      name: 'credentials Entra ID stored',
      expected: `all ${all.length}`,
      actual: `${stored.length} (refused when written: ${names.join(', ')})`,
      ok: false,
      note: 'A credential that breaks a rule when it is written (name, exactly one audience, unique issuer and subject, at most 20) is refused, so Entra ID never stores it and it cannot match.',
    });
    const refusedText = `${refused.length === 1 ? 'The credential' : `${refused.length} credentials`} ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''} ${refused.length === 1 ? 'was' : 'were'} refused when written and never stored (${why(refused[0]!)}${refused.length > 1 ? ' …' : ''}).`;
    if (r.status === 'fail') {
      r.summary = stored.length === 0 ? `${refusedText} With no credential stored, none can match: ${r.summary}` : `${r.summary} ${refusedText}`;
      r.fix = `${r.fix ?? ''} First fix the refused write${refused.length === 1 ? '' : 's'}: ${why(refused[0]!)}`.trim();
    } else {
      r.status = 'warn';
      r.summary = `${r.summary} ${refusedText}`;
      r.fix = `Fix or remove the refused write${refused.length === 1 ? '' : 's'}: ${why(refused[0]!)}`;
    }
  }
  if (r.matchedIndex !== undefined) r.matchedIndex = all.indexOf(stored[r.matchedIndex]!);
  ctx.matchedFicIndex = r.matchedIndex;
  const { matchedIndex: _ignored, ...stage } = r;
  if (caller.otherIndex !== undefined) return wrongIdentityMatch(ctx, caller, stage, stored.length === 0);
  return stage;
}

/**
 * The federated credential match when the client ID named another identity than `world.identity`:
 * the result stands (Entra ID matched against `caller`'s credentials), but the summary and fix point at
 * the client ID, and say whether `world.identity`'s credentials would have matched.
 */
function wrongIdentityMatch(ctx: ChainContext, caller: DirectoryIdentity, stage: Stage, noneStored: boolean): Stage {
  const { world } = ctx;
  const meant = world.identity;
  const intended = matchFederatedCredentials(ctx.payload ?? {}, storedOf(world, { ...meant }), meant.name, ctx.hints);
  const whose = { name: "identity whose credentials Entra ID searched", expected: `${meant.name} (the identity set up for this ${ctx.hints.workload})`, actual: `${caller.name} (named by the client ID)`, ok: false };
  const checks = [whose, ...stage.checks];
  const then =
    intended.status === 'fail'
      ? ` Note that ${meant.name}'s own credentials would not match either (${intended.code ?? 'no match'}): ${intended.summary}`
      : ` ${meant.name} has a credential that matches this token, so the client ID is the only thing to change.`;
  if (stage.status === 'fail') {
    return {
      ...stage,
      checks,
      summary: `Entra ID searched ${caller.name}'s federated credentials because the request's client_id is ${caller.name}'s. ${noneStored ? 'That identity has no federated credentials at all.' : stage.summary} The credential for this ${ctx.hints.workload} is on ${meant.name}.`,
      fix: `${ctx.hints.clientIdFix(ctx.clientIdSource, world)}${then}`,
    };
  }
  return {
    ...stage,
    status: 'warn',
    checks,
    summary: `${stage.summary} But that credential is on ${caller.name}, not ${meant.name}: the ${ctx.hints.workload} will act as ${caller.name}, with ${caller.name}'s role assignments.`,
    fix: `${ctx.hints.clientIdFix(ctx.clientIdSource, world)}${then}`,
  };
}
