/**
 * Facts of IRSA that several stages use. Sources: aws/amazon-eks-pod-identity-webhook README (annotation
 * names, defaults, token path, the 600-second floor; workload-identity.md F1); AWS STS API reference
 * (AssumeRoleWithWebIdentity: DurationSeconds default 3600).
 */

import { EKS_WEBHOOK_ANNOTATIONS } from '../eks-common/webhook.ts';

/** The webhook's facts (eks-common/webhook.ts, shared with eks-entra), under this provider's short names. */
export {
  IRSA_DEFAULT_AUDIENCE as STS_AUDIENCE,
  IRSA_DEFAULT_EXPIRATION as DEFAULT_EXPIRATION,
  IRSA_MIN_EXPIRATION as MIN_EXPIRATION,
  IRSA_TOKEN_FILE as TOKEN_FILE,
} from '../eks-common/webhook.ts';
export const ANNOTATION = EKS_WEBHOOK_ANNOTATIONS;
/** The projected volume the webhook adds. */
export const TOKEN_VOLUME = 'aws-iam-token';
/** DurationSeconds when the request gives none (STS API reference). */
export const DEFAULT_SESSION_SECONDS = 3600;

/** `https://` stripped: the IAM OIDC provider's identifier and the trust policy's condition-key prefix. */
export function providerHostPath(url: string): string {
  return url.replace(/^https:\/\//, '');
}

/** The ARN of an IAM OIDC provider for `url` in `account`. */
export function providerArn(account: string, url: string): string {
  return `arn:aws:iam::${account}:oidc-provider/${providerHostPath(url)}`;
}
