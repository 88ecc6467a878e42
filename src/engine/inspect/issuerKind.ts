/**
 * Which platform issued a pasted token, read from its `iss` alone (no network): the issuer forms in
 * ../shared/reference/other-providers.md (§1.1 GitHub Actions, §2.2 EKS, §2.3 GKE) and
 * workload-identity.md (B2, the AKS regional issuer). Anything else is reported as "another issuer"
 * (self-managed clusters choose their own URL). Pure.
 */

/** A recognised issuer: the provider id (providers/registry.ts), its title, and why. */
export interface RecognizedIssuer {
  provider: 'aks-entra' | 'github-entra' | 'eks-entra' | 'gke-entra';
  /** The platform, e.g. "GitHub Actions". */
  platform: string;
  /** One sentence: which form matched. */
  why: string;
}

const FORMS: { provider: RecognizedIssuer['provider']; platform: string; re: RegExp; why: string }[] = [
  { provider: 'github-entra', platform: 'GitHub Actions', re: /^https:\/\/token\.actions\.githubusercontent\.com(\/[^/\s]+)?$/, why: 'GitHub Actions issues its OIDC tokens from https://token.actions.githubusercontent.com (an enterprise may add its slug).' },
  { provider: 'eks-entra', platform: 'Amazon EKS', re: /^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[0-9A-Za-z]+$/, why: 'An EKS cluster\'s issuer is https://oidc.eks.<region>.amazonaws.com/id/<ID>.' },
  { provider: 'gke-entra', platform: 'Google GKE', re: /^https:\/\/container\.googleapis\.com\/v1\/projects\/[^/\s]+\/locations\/[^/\s]+\/clusters\/[^/\s]+$/, why: 'A GKE cluster\'s issuer is https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>.' },
  { provider: 'aks-entra', platform: 'AKS', re: /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[^\s]+$/, why: 'AKS OIDC issuers are https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/.' },
];

/** The platform whose issuer form `iss` has, or undefined (self-managed or another issuer). */
export function recognizeIssuer(iss: unknown): RecognizedIssuer | undefined {
  if (typeof iss !== 'string') return undefined;
  const f = FORMS.find((x) => x.re.test(iss));
  return f ? { provider: f.provider, platform: f.platform, why: f.why } : undefined;
}
