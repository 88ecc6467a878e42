/**
 * Facts of the EKS pod identity webhook (the IRSA mutation), shared by eks-entra (an app that reads the IRSA
 * token by mistake) and eks-irsa (the token it is meant for). Sources: aws/amazon-eks-pod-identity-webhook
 * README and tests (annotation names, defaults, token path, the 600-second floor; workload-identity.md F1).
 */

/** ServiceAccount annotations the webhook reads. */
export const EKS_WEBHOOK_ANNOTATIONS = {
  roleArn: 'eks.amazonaws.com/role-arn',
  audience: 'eks.amazonaws.com/audience',
  tokenExpiration: 'eks.amazonaws.com/token-expiration',
  stsRegionalEndpoints: 'eks.amazonaws.com/sts-regional-endpoints',
} as const;

/** Where the webhook mounts the token (AWS_WEB_IDENTITY_TOKEN_FILE). */
export const IRSA_TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';
/** The default token audience, and the client ID the IAM OIDC provider must list. */
export const IRSA_DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** Default token lifetime the webhook requests, seconds. */
export const IRSA_DEFAULT_EXPIRATION = 86400;
/** Token-expiration annotation values below this many seconds are raised to it. */
export const IRSA_MIN_EXPIRATION = 600;
