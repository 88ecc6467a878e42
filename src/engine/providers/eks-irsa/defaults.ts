/**
 * The healthy default world of eks-irsa: a pod `dev/my-app` whose ServiceAccount `my-app-sa` is annotated
 * with the role `my-app-role`; the account has the cluster's IAM OIDC provider (client ID
 * sts.amazonaws.com); the trust policy is the one the AWS EKS user guide shows (StringEquals on `:sub` and
 * `:aud`, https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html); the role may
 * read one S3 object. Every stage passes. Identifiers are fictional with real shapes (account 111122223333 is
 * AWS's documentation account).
 */
import { eksIssuer } from '../eks-common/issuer.ts';
import { EKS_DEFAULT_OIDC_ID, EKS_DEFAULT_REGION } from '../eks-common/platform.ts';
import { ANNOTATION, STS_AUDIENCE, providerArn, providerHostPath } from './constants.ts';
import type { IrsaWorld } from './schema.ts';

export const IRSA_ACCOUNT = '111122223333';
export const IRSA_ISSUER = eksIssuer({ kind: 'eks', region: EKS_DEFAULT_REGION, oidcId: EKS_DEFAULT_OIDC_ID }).issuer;

/** The trust policy for `sub` on the default issuer (AWS EKS user guide shape). */
export function defaultTrustPolicy(sub = 'system:serviceaccount:dev:my-app-sa'): Record<string, unknown> {
  const p = providerHostPath(IRSA_ISSUER);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn(IRSA_ACCOUNT, IRSA_ISSUER) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${p}:sub`]: sub, [`${p}:aud`]: STS_AUDIENCE } },
      },
    ],
  };
}

/** A fresh deep copy of the default world (callers may mutate it). */
export function defaultIrsaWorld(): IrsaWorld {
  return {
    account: { id: IRSA_ACCOUNT },
    cluster: {
      name: 'my-cluster',
      platform: { kind: 'eks', region: EKS_DEFAULT_REGION, oidcId: EKS_DEFAULT_OIDC_ID },
      signingKeys: [{ name: 'sa-key-1', published: true }],
      podIdentityWebhook: true,
    },
    serviceAccount: { namespace: 'dev', name: 'my-app-sa', annotations: { [ANNOTATION.roleArn]: `arn:aws:iam::${IRSA_ACCOUNT}:role/my-app-role` } },
    pod: { name: 'my-app', serviceAccountName: 'my-app-sa', createdAfterAnnotation: true, env: {} },
    token: { issuedSecondsAgo: 0, signingKey: 'sa-key-1', claims: {}, tamperedAfterSigning: false },
    oidcProviders: [{ url: IRSA_ISSUER, clientIds: [STS_AUDIENCE], thumbprints: [] }],
    role: {
      name: 'my-app-role',
      path: '/',
      exists: true,
      trustPolicy: defaultTrustPolicy(),
      permissionPolicies: [
        {
          name: 'read-app-config',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-app-config/*' }] },
        },
      ],
      maxSessionDurationSeconds: 3600,
    },
    request: { roleSessionName: 'my-app-session' },
    resource: { kind: 's3-object', arn: 'arn:aws:s3:::my-app-config/config.json' },
  };
}
