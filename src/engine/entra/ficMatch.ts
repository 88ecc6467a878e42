/**
 * Entra ID's federated identity credential lookup for a client assertion's claims: the rule, apart from
 * the stage that applies it (reference C3, D2 step 3, D3). Pure.
 */
import type { Check } from '../types.ts';
import { failCode, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import type { ProviderHints } from '../hints.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from '../defaults.ts';
import { audList } from './assertion.ts';
import { FIC_PROPAGATION_SECONDS } from './constants.ts';

/** The fields of a federated identity credential that matching reads. */
export interface FicLike {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  /** Seconds since it was written; undefined = unknown (treated as propagated). */
  createdSecondsAgo?: number | undefined;
}

/**
 * Entra ID's federated identity credential lookup for a client assertion's claims (reference C3, D2
 * step 3): issuer, then subject, then audience, each compared exactly and case-sensitively. Returns a
 * passing stage with `matchedIndex`, or a failure with AADSTS700211 (issuer), AADSTS7002138 (subject
 * equal only ignoring case), AADSTS700213 (subject), AADSTS700212 (audience) or AADSTS70021 (matched
 * credential written less than {@link FIC_PROPAGATION_SECONDS} ago).
 */
export function matchFederatedCredentials(p: Record<string, unknown>, fics: readonly FicLike[], identityName: string, hints: ProviderHints): Stage & { matchedIndex?: number } {
  const iss = typeof p.iss === 'string' ? p.iss : '';
  const sub = typeof p.sub === 'string' ? p.sub : '';
  const auds = audList(p.aud);
  const checks: Check[] = [];
  const closest = (field: 'issuer' | 'subject', value: string, list: readonly FicLike[] = fics) =>
    list.map((f) => f[field]).sort((a, b) => similarity(b, value) - similarity(a, value))[0];

  const byIssuer = fics.filter((f) => f.issuer === iss);
  checks.push({ name: "credential's issuer = the token's iss", expected: q(iss), actual: fics.length ? q(byIssuer[0]?.issuer ?? closest('issuer', iss)) : '(no federated credentials)', ok: byIssuer.length > 0, note: 'Expected is the token\'s iss; actual is the closest issuer among the identity\'s credentials. Compared byte for byte, trailing slash included.' });
  const generic = 'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.';
  if (!byIssuer.length) {
    const near = closest('issuer', iss);
    let hint = '';
    if (near !== undefined) {
      if (near.replace(/\/+$/, '') === iss.replace(/\/+$/, '')) hint = iss.endsWith('/') ? ' The credential\'s issuer lacks the trailing slash the token has.' : ' The credential\'s issuer has a trailing slash the token does not have.';
      else if (near.trim() === iss.trim()) hint = ' They differ only in leading or trailing whitespace.';
      else if (near.toLowerCase() === iss.toLowerCase()) hint = ' They differ only in letter case.';
    }
    if (!fics.length) {
      // Reference D2 step 3 gives AADSTS700211 when no credential has the token's issuer; it does not say
      // which code an identity with no credential at all gets.
      return failCode(
        'AADSTS700211',
        `No federated identity credential exists on ${identityName} at all, so none can match the token (issuer ${q(iss)}).`,
        checks,
        `AADSTS700211: No matching federated identity record found for presented assertion issuer '${iss}'. ${generic}`,
        `Create a federated credential on the identity with issuer ${q(iss)}, subject ${q(sub)} and audience ${q(auds[0] ?? TOKEN_EXCHANGE_AUDIENCE)} (az identity federated-credential create).`,
        { uncertain: NO_CREDENTIALS_UNCERTAIN },
      );
    }
    return failCode(
      'AADSTS700211',
      `No federated identity credential on ${identityName} has the issuer ${q(iss)}.${hint}`,
      checks,
      `AADSTS700211: No matching federated identity record found for presented assertion issuer '${iss}'. ${generic}`,
      hints.issuerFix(iss),
    );
  }
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  checks.push({ name: "credential's subject = the token's sub", expected: q(sub), actual: q(bySubject[0]?.subject ?? closest('subject', sub, byIssuer)), ok: bySubject.length > 0, note: hints.subjectNote });
  if (!bySubject.length) {
    const caseOnly = byIssuer.some((f) => f.subject.toLowerCase() === sub.toLowerCase());
    if (caseOnly) {
      return failCode(
        'AADSTS7002138',
        'A federated credential\'s subject equals the token\'s sub only when letter case is ignored. Entra ID compares case-sensitively.',
        checks,
        // Wording as Entra ID printed it in Azure/login #515 (2025); reference D3.
        `AADSTS7002138: No matching federated identity record found for presented assertion subject '${sub}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`,
        `Write the subject with exactly the token's case: ${q(sub)}.`,
      );
    }
    return failCode(
      'AADSTS700213',
      `A federated credential trusts this issuer, but none names the subject ${q(sub)}.${
        byIssuer.some((f) => /[*?]/.test(f.subject))
          ? ' A credential\'s subject contains "*" or "?": classic federated credentials have no wildcards, so those characters are compared literally.'
          : ''
      }`,
      checks,
      `AADSTS700213: No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      hints.subjectFix(sub),
    );
  }
  const byAudience = bySubject.filter((f) => f.audiences.some((a) => auds.includes(a)));
  checks.push({ name: "credential's audience is in the token's aud", expected: q(auds), actual: q(bySubject[0]?.audiences), ok: byAudience.length > 0, note: 'Expected is the token\'s aud; actual is the audiences of the credential whose issuer and subject match. The credential\'s audience must be one of the token\'s aud values.' });
  if (!byAudience.length) {
    return failCode(
      'AADSTS700212',
      `Issuer and subject match, but the credential's audience is not among the token's aud ${q(auds)}.`,
      checks,
      `AADSTS700212: No matching federated identity record found for presented assertion audience '${auds.join(',')}'. ${generic}`,
      hints.audienceFix?.(auds.join(',')) ?? `Make the credential's audience and the token's audience the same: ${TOKEN_EXCHANGE_AUDIENCE} unless you use a sovereign cloud.`,
    );
  }
  const fic = byAudience[0]!;
  const matchedIndex = fics.indexOf(fic);
  if (fic.createdSecondsAgo === undefined) return { ...pass(`Federated credential "${fic.name}" trusts this issuer, subject and audience.`, checks), matchedIndex };
  const propagated = fic.createdSecondsAgo >= FIC_PROPAGATION_SECONDS;
  checks.push({ name: `credential "${fic.name}" propagated`, expected: `created ≥ ${FIC_PROPAGATION_SECONDS} s ago`, actual: `${fic.createdSecondsAgo} s ago`, ok: propagated });
  if (!propagated) {
    return failCode(
      'AADSTS70021',
      `The matching credential "${fic.name}" was written ${fic.createdSecondsAgo} seconds ago and has not reached every Entra ID replica yet.`,
      checks,
      `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'.`,
      'Wait a little and retry: a new federated credential takes from seconds to a few minutes to propagate.',
      { uncertain: `How long propagation takes is not documented precisely ("a few seconds" to "several minutes"); the simulator uses ${FIC_PROPAGATION_SECONDS} s.` },
    );
  }
  return { ...pass(`Federated credential "${fic.name}" trusts this issuer, subject and audience.`, checks), matchedIndex };
}

/** What is not known about the answer for an identity that holds no federated credential at all. */
export const NO_CREDENTIALS_UNCERTAIN =
  'Microsoft does not document the code for an identity that holds no federated credential at all. The simulator applies the issuer rule (no credential has this issuer: AADSTS700211); older Entra ID versions answered with the combined AADSTS70021.';

/** Length of the common prefix plus common suffix: a cheap closeness score for picking the nearest value. */
function similarity(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return i + j - Math.abs(a.length - b.length) / 100;
}
