/**
 * Facts of IRSA that several stages use. Sources: aws/amazon-eks-pod-identity-webhook README (annotation
 * names, defaults, token path, the 600-second floor; workload-identity.md F1); AWS STS API reference
 * (AssumeRoleWithWebIdentity: DurationSeconds default 3600).
 */

export const ANNOTATION = {
  roleArn: 'eks.amazonaws.com/role-arn',
  audience: 'eks.amazonaws.com/audience',
  regional: 'eks.amazonaws.com/sts-regional-endpoints',
  expiration: 'eks.amazonaws.com/token-expiration',
} as const;

/** Where the webhook mounts the token (AWS_WEB_IDENTITY_TOKEN_FILE). */
export const TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';
/** The projected volume the webhook adds. */
export const TOKEN_VOLUME = 'aws-iam-token';
/** The default token audience, and the client ID the IAM OIDC provider must list. */
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** Default token lifetime the webhook requests, seconds. */
export const DEFAULT_EXPIRATION = 86400;
/** Smallest lifetime the webhook requests; lower annotation values are raised to it (webhook tests). */
export const MIN_EXPIRATION = 600;
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
