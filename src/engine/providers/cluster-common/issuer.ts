/**
 * Issuer-string rules shared by the non-AKS cluster providers.
 *
 * - The API server installs its discovery endpoints only when the issuer is `https` with no query and no
 *   fragment (workload-identity.md A6).
 * - The in-cluster defaults `https://kubernetes.default.svc.cluster.local` / `https://kubernetes.default.svc`
 *   are not reachable by Entra ID (workload-identity.md A2, D2 step 3; Azure/azure-workload-identity #616).
 * - Entra ID compares a federated credential's issuer with `iss` exactly and case-sensitively, trailing
 *   slash included (workload-identity.md C3, D2 step 3; AADSTS700211). The hints below only explain a
 *   mismatch the aks-entra federation-match stage already reports; they never change its verdict.
 */
import type { Check, World } from '../../types.ts';
import { quote } from './stage.ts';

/** The in-cluster default issuers of a self-managed API server (workload-identity.md A2). */
export const IN_CLUSTER_ISSUERS = ['https://kubernetes.default.svc.cluster.local', 'https://kubernetes.default.svc'] as const;

/** True for an issuer whose host only resolves inside a cluster or a private network. */
export function isInClusterOrPrivate(iss: string): boolean {
  let host: string;
  try {
    host = new URL(iss).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    /(^|\.)svc(\.cluster\.local)?$/.test(host) ||
    host === 'localhost' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}

/** A6 shape checks: https, no query, no fragment. Returns one check per rule. */
export function issuerUrlChecks(iss: string): Check[] {
  let url: URL | undefined;
  try {
    url = new URL(iss);
  } catch {
    url = undefined;
  }
  const https = !!url && url.protocol === 'https:';
  const noQuery = !!url && url.search === '' && !iss.includes('?');
  const noFragment = !!url && url.hash === '' && !iss.includes('#');
  return [
    { name: 'issuer is an https URL', expected: 'https://…', actual: url ? `${url.protocol}//…` : `${quote(iss)} (not a URL)`, ok: https, note: 'The API server serves discovery only for an https issuer (workload-identity.md A6).' },
    { name: 'issuer has no query or fragment', expected: 'none', actual: noQuery && noFragment ? 'none' : 'present', ok: noQuery && noFragment },
  ];
}

/**
 * Why a federated credential's issuer does not equal `iss`, when it is close: differs only in a trailing
 * slash, or only in letter case. One check per near-miss credential (none when a credential matches
 * exactly or nothing is close). Explanation only: the verdict is the aks-entra credential match.
 */
export function ficIssuerHints(iss: string, fics: World['identity']['federatedCredentials']): Check[] {
  if (fics.some((f) => f.issuer === iss)) return [];
  const out: Check[] = [];
  const bare = (s: string) => s.replace(/\/+$/, '');
  for (const f of fics) {
    if (bare(f.issuer) === bare(iss)) {
      out.push({ name: `credential "${f.name}" issuer, trailing slash`, expected: quote(iss), actual: quote(f.issuer), ok: false, note: iss.endsWith('/') ? 'The token\'s iss ends with "/" and the credential\'s does not; Entra ID compares byte for byte.' : 'The token\'s iss has no trailing "/"; the credential adds one. Entra ID compares byte for byte.' });
    } else if (f.issuer.toLowerCase() === iss.toLowerCase()) {
      out.push({ name: `credential "${f.name}" issuer, letter case`, expected: quote(iss), actual: quote(f.issuer), ok: false, note: 'The issuer differs only in letter case; Entra ID compares issuers case-sensitively.' });
    }
  }
  return out;
}
