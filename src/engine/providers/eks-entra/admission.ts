/**
 * `admission` for eks-entra. EKS runs its own pod identity webhook, which reacts only to the
 * ServiceAccount annotation `eks.amazonaws.com/role-arn` and mounts an IRSA token with audience
 * `sts.amazonaws.com` at `/var/run/secrets/eks.amazonaws.com/serviceaccount/token` (workload-identity.md
 * F1; aws/amazon-eks-pod-identity-webhook README). For Entra ID the Azure webhook must be added or the
 * volume written by hand (other-providers.md §2.2, §2.1). A pod can carry both tokens; an app pointed at
 * the IRSA file presents `aud: sts.amazonaws.com` → AADSTS700212 at the credential match
 * (**[inference]**, no public report found, §2.2).
 */
import { clusterAdmission, type ClusterAdmission, type OtherTokenFile } from '../cluster-common/admission.ts';
import type { EksEntraWorld } from './schema.ts';

import { EKS_WEBHOOK_ANNOTATIONS, IRSA_DEFAULT_AUDIENCE, IRSA_DEFAULT_EXPIRATION, IRSA_MIN_EXPIRATION, IRSA_TOKEN_FILE } from '../eks-common/webhook.ts';

/** The webhook's facts live in eks-common/webhook.ts (shared with eks-irsa); re-exported under this provider's names. */
export { IRSA_DEFAULT_AUDIENCE, IRSA_DEFAULT_EXPIRATION, IRSA_MIN_EXPIRATION, IRSA_TOKEN_FILE } from '../eks-common/webhook.ts';
export const EKS_ANNOTATIONS = EKS_WEBHOOK_ANNOTATIONS;

/**
 * The IRSA token the EKS webhook mounts for this pod's ServiceAccount, or undefined when the
 * ServiceAccount has no `eks.amazonaws.com/role-arn` annotation.
 */
export function irsaToken(world: EksEntraWorld): OtherTokenFile | undefined {
  const a = world.serviceAccount.annotations;
  if (!a[EKS_ANNOTATIONS.roleArn]) return undefined;
  const rawExp = a[EKS_ANNOTATIONS.tokenExpiration];
  const n = rawExp !== undefined && /^\d+$/.test(rawExp) ? Number(rawExp) : IRSA_DEFAULT_EXPIRATION;
  const expirationSeconds = Number.isSafeInteger(n) ? Math.max(IRSA_MIN_EXPIRATION, n) : IRSA_DEFAULT_EXPIRATION;
  return {
    path: IRSA_TOKEN_FILE,
    audience: a[EKS_ANNOTATIONS.audience] || IRSA_DEFAULT_AUDIENCE,
    expirationSeconds,
    label: 'IRSA token of the EKS pod identity webhook',
  };
}

/** Admission on EKS: the three non-AKS states, plus the IRSA token as a file the app may read by mistake. */
export function eksAdmission(world: EksEntraWorld): ClusterAdmission {
  const irsa = irsaToken(world);
  const r = clusterAdmission(world, 'EKS', irsa ? [irsa] : []);
  r.checks.push({
    name: 'EKS pod identity webhook',
    expected: 'mounts only the AWS (IRSA) token',
    actual: irsa ? `IRSA token at ${irsa.path}, audience "${irsa.audience}"` : `no ${EKS_ANNOTATIONS.roleArn} annotation: nothing mounted`,
    ok: true,
    note: 'EKS\'s own webhook reacts only to eks.amazonaws.com/role-arn and never injects an Azure token (other-providers.md §2.2).',
  });
  if (r.stage && r.stage.checks !== r.checks) r.stage.checks = r.checks;
  return r;
}
