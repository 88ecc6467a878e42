/**
 * Shared stage 7, `lifetime`: nbf ≤ now < exp on the client assertion (reference D2 step 6). Pure; the
 * clock is passed in.
 */
import type { Check } from '../types.ts';
import { failCode, pass, type Stage } from '../stage.ts';
import { humanDuration } from '../format.ts';
import type { ChainContext } from '../context.ts';
import type { ProviderHints } from '../hints.ts';
import { entraTime } from './format.ts';

/** The time window of the assertion at Entra ID's clock. */
export function lifetime(ctx: ChainContext): Stage {
  return checkTimeWindow(ctx.payload ?? {}, ctx.now, ctx.hints);
}

/**
 * Entra ID's time-window check on the client assertion (reference D2 step 6): `nbf ≤ now < exp`, in
 * NumericDate seconds (RFC 7519 §4.1.4/4.1.5). Fails with AADSTS700024; the skew allowance is not
 * documented, so boundary failures carry an `uncertain` note.
 */
export function checkTimeWindow(p: Record<string, unknown>, now: number, hints: ProviderHints): Stage {
  const nbf = typeof p.nbf === 'number' ? p.nbf : undefined;
  const exp = typeof p.exp === 'number' ? p.exp : undefined;
  const checks: Check[] = [];
  const nbfOk = nbf === undefined || nbf <= now;
  const expOk = exp !== undefined && now < exp;
  checks.push({ name: 'nbf ≤ now', expected: `≤ ${entraTime(now)}`, actual: nbf === undefined ? '(absent)' : entraTime(nbf), ok: nbfOk });
  checks.push({ name: 'now < exp', expected: `> ${entraTime(now)}`, actual: exp === undefined ? '(absent)' : entraTime(exp), ok: expOk });
  if (!nbfOk || !expOk) {
    // Any not-yet-valid failure, and an expiry within 5 minutes, may be absorbed by an undocumented skew allowance.
    const nearEdge = (nbf !== undefined && !nbfOk) || (exp !== undefined && !expOk && now - exp <= 300);
    return failCode(
      'AADSTS700024',
      !expOk
        ? exp === undefined
          ? 'The token has no exp claim.'
          : `The token expired ${humanDuration(now - exp)} ago. Something presented an old copy instead of re-reading the token file.`
        : `The token is not valid for another ${humanDuration((nbf ?? now) - now)}: the issuer's clock runs ahead of Entra ID's.`,
      checks,
      `AADSTS700024: Client assertion is not within its valid time range. Current time: ${entraTime(now)}, assertion valid from ${entraTime(nbf ?? 0)}, expiry time of assertion ${entraTime(exp ?? 0)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
      !expOk
        ? hints.expiredFix
        : hints.notYetValidFix,
      nearEdge ? { uncertain: 'Entra ID may tolerate a few minutes of clock skew; the allowance is not documented, so this boundary case may pass in reality.' } : {},
    );
  }
  return pass(`Entra ID's clock is inside the token's validity window; it expires in ${humanDuration((exp ?? now) - now)}.`, checks);
}
