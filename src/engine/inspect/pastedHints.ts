/**
 * The wording of the shared Entra stages for a PASTED token, by the platform its `iss` belongs to
 * ({@link recognizeIssuer}). /inspect/ has no world (no ServiceAccount, no workflow file), so these texts
 * only name what the token itself shows: AKS keeps its own hints; a GitHub Actions token gets GitHub's
 * terms (other-providers.md §1.1–§1.4); any other cluster gets the webhook-cluster hints with the issuer
 * taken from the token. Pure.
 */
import type { ProviderHints } from '../hints.ts';
import { q } from '../format.ts';
import { clusterHints } from '../kubernetes/hints.ts';
import { AKS_HINTS } from '../providers/aks-entra/hints.ts';
import type { RecognizedIssuer } from './issuerKind.ts';

/** Another Kubernetes cluster (EKS, GKE, self-managed): the issuer to copy is the token's own iss. */
const OTHER_CLUSTER_HINTS: ProviderHints = clusterHints({
  issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)}, the token's iss (the cluster's OIDC issuer URL, character for character).`,
  unknownKidFix: 'Paste the JWKS the issuer publishes now (its discovery document names it in jwks_uri); if the key is not there, restart the pod so the kubelet fetches a token signed with a current key.',
});

/** A GitHub Actions token (other-providers.md §1): GitHub's issuer, subject forms and 5-minute tokens. */
const GITHUB_PASTED_HINTS: ProviderHints = {
  ...OTHER_CLUSTER_HINTS,
  workload: 'workflow job',
  issuerWhitespaceFix: 'Use the token as GitHub issued it: its iss is https://token.actions.githubusercontent.com with no whitespace.',
  entraIssuedFix: 'Present the GitHub Actions ID token (core.getIDToken, as azure/login requests it), not an Entra ID access token.',
  lifetimeTooLongFix: 'Use the ID token as GitHub issued it (it lives about 5 minutes) and keep its iat claim.',
  issuerFix: (iss) => `Set the federated credential's issuer to exactly ${q(iss)}: GitHub's issuer has no trailing slash (GitHub OIDC reference).`,
  subjectNote: 'Expected is the token\'s sub; actual is the closest subject among the credentials with this issuer. Exact, case-sensitive match; GitHub\'s default forms are repo:<owner>/<repo>:environment:<env>, :pull_request and :ref:<ref>.',
  subjectFix: (sub) => `Set the federated credential's subject to ${q(sub)}, the subject GitHub built for this job, or add a credential for it (the box above says why GitHub chose this form).`,
  unknownKidFix: 'Paste GitHub\'s current JWKS (the jwks_uri in https://token.actions.githubusercontent.com/.well-known/openid-configuration); GitHub signs with the keys it publishes there.',
  badSignatureFix: 'Use the token exactly as GitHub issued it; no one can change a claim without GitHub\'s private key.',
  expiredFix: 'GitHub ID tokens live about 5 minutes: request a new one (re-run the job) and exchange it at once; azure/login does so early in the job.',
  notYetValidFix: 'Check this computer\'s clock: the token is judged by it here.',
};

/** The hints for a pasted token whose issuer was recognised as `issuer` (undefined: not recognised). */
export function pastedTokenHints(issuer: RecognizedIssuer | undefined): ProviderHints {
  if (!issuer || issuer.provider === 'aks-entra') return issuer ? AKS_HINTS : OTHER_CLUSTER_HINTS;
  return issuer.provider === 'github-entra' ? GITHUB_PASTED_HINTS : OTHER_CLUSTER_HINTS;
}
