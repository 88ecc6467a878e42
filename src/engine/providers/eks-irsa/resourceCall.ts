/**
 * The AWS API call the app makes with its credentials, and the error text each service prints when IAM
 * denies it. Pure.
 *
 * Texts (identifiers filled in from the world):
 * - S3 GetObject, HTTP 403 `AccessDenied`:
 *   `User: <arn> is not authorized to perform: s3:GetObject on resource: "<object-arn>" because no identity-based policy allows the s3:GetObject action`
 *   (real: aws-ia/terraform-aws-bedrock #41), and `... with an explicit deny in an identity-based policy`
 *   (format of S3's access denied messages: https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html).
 * - Secrets Manager GetSecretValue, HTTP 400 `AccessDeniedException`:
 *   `User: <arn> is not authorized to perform: secretsmanager:GetSecretValue on resource: <secret-id> because no identity-based policy allows the secretsmanager:GetSecretValue action`
 *   (real: external-secrets/external-secrets #1175, which also shows the 400).
 */
import type { AwsResource } from './schema.ts';

/** The IAM action of the call the app makes on `r`. */
export function resourceAction(r: AwsResource): string {
  return r.kind === 's3-object' ? 's3:GetObject' : 'secretsmanager:GetSecretValue';
}

/** How the service names the resource in its message. */
function shownResource(r: AwsResource): string {
  return r.kind === 's3-object' ? `"${r.arn}"` : (r.id ?? r.arn);
}

/** The service's error for a denied call by `callerArn`. */
export function resourceCall(
  w: { resource: AwsResource },
  callerArn: string,
  decision: 'implicit-deny' | 'explicit-deny',
): { code: string; httpStatus: number; message: string; uncertain?: string } {
  const r = w.resource;
  const action = resourceAction(r);
  const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  const message = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${shownResource(r)} ${why}`;
  if (r.kind === 's3-object') return { code: 'AccessDenied', httpStatus: 403, message };
  return {
    code: 'AccessDeniedException',
    httpStatus: 400,
    message,
    ...(decision === 'explicit-deny' ? { uncertain: 'The explicit-deny wording for Secrets Manager is assumed to follow the same pattern as S3\'s; no Secrets Manager report with it was found.' } : {}),
  };
}
