/**
 * World schema of `eks-irsa`: an Amazon EKS pod that gets AWS credentials through IAM Roles for Service
 * Accounts (IRSA). The world states the cluster (its issuer facts and signing keys), the ServiceAccount and
 * its `eks.amazonaws.com/*` annotations, the pod, the projected token, the account's IAM OIDC identity
 * providers, the IAM role (trust policy and permission policies, as IAM policy JSON), the SDK's STS request
 * and the AWS resource the app reads.
 *
 * Sources: workload-identity.md F1 (annotations, injected variables, trust policy shape, STS errors);
 * aws/amazon-eks-pod-identity-webhook README (annotations, defaults, token path); AWS re:Post
 * https://repost.aws/knowledge-center/eks-troubleshoot-irsa-errors (OIDC provider, audience, ARN format).
 * Objects are strict, like every world: a misspelt key is an error.
 */
import { z } from '../../zod.ts';
import { SigningKeySchema } from '../../schema.ts';
import { EksPlatformSchema } from '../eks-common/platform.ts';

/** A JSON value (policies are JSON documents; their shape is checked by the evaluator, with located messages). */
const json: z.ZodType<unknown> = z.unknown();

/** One IAM policy document (`{Version, Statement}`), as JSON. Checked by policy/parse.ts, not by zod. */
export const PolicyDocumentSchema = json.describe(
  'An IAM policy document: {"Version": "2012-10-17", "Statement": [...]}. Each statement has Effect, Action (or NotAction), Resource or Principal, and an optional Condition.',
);

export const IrsaClusterSchema = z
  .object({
    name: z.string().min(1).describe('The EKS cluster name (used in the commands the fixes show).'),
    platform: EksPlatformSchema,
    signingKeys: z.array(SigningKeySchema).min(1).describe('The keys EKS signs service account tokens with; the published ones are in `{iss}/keys`.'),
    podIdentityWebhook: z
      .boolean()
      .default(true)
      .describe('Whether the Amazon EKS Pod Identity Webhook runs (EKS runs it on the control plane; false only for a self-managed cluster without it).'),
  })
  .strict();

export const IrsaServiceAccountSchema = z
  .object({
    namespace: z.string().min(1),
    name: z.string().min(1),
    annotations: z
      .record(z.string(), z.string())
      .default({})
      .describe('`eks.amazonaws.com/role-arn` (required), optional `eks.amazonaws.com/audience` (default sts.amazonaws.com), `eks.amazonaws.com/sts-regional-endpoints` ("true"), `eks.amazonaws.com/token-expiration` (seconds, default 86400).'),
  })
  .strict();

export const IrsaPodSchema = z
  .object({
    name: z.string().min(1),
    serviceAccountName: z.string().min(1).describe('`spec.serviceAccountName`; "default" when the manifest leaves it out.'),
    createdAfterAnnotation: z
      .boolean()
      .default(true)
      .describe('Whether the pod was created after the role-arn annotation was added: the webhook mutates pods only when they are created, so older pods keep running without the variables.'),
    env: z.record(z.string(), z.string()).default({}).describe('Variables the manifest itself sets on the container (the webhook does not overwrite them).'),
  })
  .strict();

export const IrsaTokenSchema = z
  .object({
    issuedSecondsAgo: z.number().int().default(0).describe('Seconds since the kubelet obtained the token (the kubelet refreshes it at 80% of its lifetime).'),
    signingKey: z.string().min(1).describe('Name of the cluster key that signs it.'),
    claims: z.record(z.string(), z.unknown()).default({}).describe('Raw claim overrides applied before signing (null removes a claim).'),
    tamperedAfterSigning: z.boolean().default(false).describe('Whether the payload was edited after signing (the signature no longer verifies).'),
  })
  .strict();

export const OidcProviderSchema = z
  .object({
    url: z.string().describe('The provider URL as given to `aws iam create-open-id-connect-provider --url` (https://oidc.eks.<region>.amazonaws.com/id/<ID>).'),
    clientIds: z.array(z.string()).describe('The audience (client ID) list; IRSA needs "sts.amazonaws.com".'),
    thumbprints: z.array(z.string()).default([]).describe('Server certificate thumbprints (informational: for EKS issuers AWS verifies with its own trusted root CAs).'),
  })
  .strict();

export const IamRoleSchema = z
  .object({
    name: z.string().min(1).describe('The role name, the last segment of its ARN arn:aws:iam::<account>:role/<name>.'),
    path: z.string().default('/').describe('The role path (part of the ARN between role/ and the name).'),
    exists: z.boolean().default(true).describe('false: the role was deleted or never created.'),
    trustPolicy: PolicyDocumentSchema.describe('The role trust policy (AssumeRolePolicyDocument).'),
    permissionPolicies: z
      .array(z.object({ name: z.string().min(1), document: PolicyDocumentSchema }).strict())
      .default([])
      .describe('Identity-based policies attached to the role (managed or inline).'),
    maxSessionDurationSeconds: z.number().int().min(3600).max(43200).default(3600).describe('MaxSessionDuration of the role (1 to 12 hours).'),
  })
  .strict();

export const StsRequestSchema = z
  .object({
    roleSessionName: z.string().describe('RoleSessionName the SDK sends (AWS_ROLE_SESSION_NAME, or one the SDK generates).'),
    durationSeconds: z.number().int().optional().describe('DurationSeconds (absent: 3600, the STS default).'),
  })
  .strict();

export const AwsResourceSchema = z
  .object({
    kind: z.enum(['s3-object', 'secretsmanager-secret']).describe('What the app reads: an S3 object (s3:GetObject) or a Secrets Manager secret (secretsmanager:GetSecretValue).'),
    arn: z.string().describe('The resource ARN (arn:aws:s3:::<bucket>/<key>, or arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>).'),
    id: z.string().optional().describe('How the app names it in the call (the secret id for Secrets Manager); default: the ARN.'),
  })
  .strict();

/** The complete eks-irsa world. */
export const IrsaWorldSchema = z
  .object({
    account: z.object({ id: z.string().describe('The 12-digit AWS account ID.') }).strict(),
    cluster: IrsaClusterSchema,
    serviceAccount: IrsaServiceAccountSchema,
    pod: IrsaPodSchema,
    token: IrsaTokenSchema,
    oidcProviders: z.array(OidcProviderSchema).describe('The IAM OIDC identity providers in the account.'),
    role: IamRoleSchema,
    request: StsRequestSchema,
    resource: AwsResourceSchema,
  })
  .strict();

export type IrsaWorld = z.infer<typeof IrsaWorldSchema>;
export type OidcProvider = z.infer<typeof OidcProviderSchema>;
export type AwsResource = z.infer<typeof AwsResourceSchema>;
