/**
 * Entra ID's first checks on a client assertion, before any credential lookup: the shape of `iss` and
 * the lifetime sanity bound (reference D2 steps 1–2). Pure.
 */
import type { Check } from '../types.ts';
import { fail, failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ProviderHints } from '../hints.ts';
import { entraTime } from './format.ts';
import { ENTRA_ISSUER_PATTERN, MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS } from './constants.ts';

/** The `aud` claim as a list of strings (a single string becomes a one-element list). */

export function audList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/**
 * Entra ID's checks on the assertion's issuer before any credential lookup: no whitespace around `iss`
 * (entra-docs considerations: the exchange is blocked; code not documented) and not a token Entra ID
 * issued itself (AADSTS700222, MicrosoftDocs/azure-docs #90276).
 */
export function checkAssertionIssuer(p: Record<string, unknown>, hints: ProviderHints): Stage {
  const checks: Check[] = [];
  const iss = typeof p.iss === 'string' ? p.iss : '';
  if (iss !== iss.trim()) {
    checks.push({ name: 'assertion iss has no surrounding whitespace', expected: q(iss.trim()), actual: q(iss), ok: false });
    return fail(
      'The token\'s iss claim starts or ends with whitespace; Entra ID blocks such assertions.',
      checks,
      'The exchange is refused because the assertion issuer has leading or trailing whitespace.',
      hints.issuerWhitespaceFix,
      { uncertain: 'Microsoft documents that whitespace around iss blocks the exchange, but not which AADSTS code is returned.' },
    );
  }
  const entraIssued = ENTRA_ISSUER_PATTERN.test(iss);
  checks.push({ name: 'assertion issuer is not Entra ID itself', expected: 'an external OIDC issuer', actual: q(iss), ok: !entraIssued });
  if (entraIssued) {
    return failCode(
      'AADSTS700222',
      'The client assertion was issued by Entra ID itself. Entra ID refuses its own tokens on the federated credential path.',
      checks,
      'AADSTS700222: AAD-issued tokens may not be used for federated identity flows.',
      hints.entraIssuedFix,
    );
  }
  return pass('The assertion comes from an external issuer.', checks);
}

/**
 * Entra ID's sanity check of an external token's lifetime: `exp − iat` must be at most 1 day 1 hour
 * (90 000 s) and `iat` must be present (a missing iat counts as 0). Fails with AADSTS70023.
 * Source: reference D2 step 2 / D3 (MicrosoftDocs/azure-docs #86916). Times are NumericDate seconds.
 */
export function checkAssertionLifetime(p: Record<string, unknown>, hints: ProviderHints): Stage {
  const checks: Check[] = [];
  const iat = p.iat;
  const exp = p.exp;
  const hasIat = typeof iat === 'number';
  const life = typeof exp === 'number' ? exp - (hasIat ? iat : 0) : NaN;
  const lifeOk = hasIat && typeof exp === 'number' && life <= MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS;
  checks.push({
    name: 'assertion lifetime (exp − iat)',
    expected: `≤ ${MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS} seconds (1 day 1 hour), iat present`,
    actual: hasIat ? (typeof exp === 'number' ? `${life} seconds` : exp === undefined ? 'exp missing' : `exp is ${q(exp)}`) : iat === undefined ? 'iat missing' : `iat is ${q(iat)}`,
    ok: lifeOk,
  });
  if (!lifeOk) {
    return failCode(
      'AADSTS70023',
      hasIat
        ? typeof exp === 'number'
          ? `The token is valid for ${life} seconds; Entra ID accepts external tokens of at most 25 hours.`
          : p.exp === undefined
            ? 'The token has no exp claim, so its lifetime cannot be bounded.'
            : `The token's exp claim is ${q(p.exp)}, not a NumericDate (seconds since 1970), so its lifetime cannot be bounded.`
        : 'The token has no iat claim, so Entra ID counts it as issued at 0 and its lifetime as far too long.',
      checks,
      `AADSTS70023: External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at ${entraTime(hasIat ? iat : 0)}. Token expires on ${entraTime(typeof exp === 'number' ? exp : 0)}.`,
      hints.lifetimeTooLongFix,
    );
  }
  return pass('The assertion\'s lifetime is within 25 hours.', checks);
}
