/**
 * `admission` for eks-irsa: the Amazon EKS Pod Identity Webhook mutates a pod AT CREATION when its
 * ServiceAccount carries `eks.amazonaws.com/role-arn`: env AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE
 * (plus AWS_STS_REGIONAL_ENDPOINTS=regional for `sts-regional-endpoints: "true"`, and the region
 * variables), and the projected volume `aws-iam-token` with the audience and lifetime from the annotations.
 *
 * Sources: aws/amazon-eks-pod-identity-webhook README (annotations, variables, defaults) and its issue #28
 * (a changed annotation reaches only pods created afterwards: "environment variables cannot be live updated
 * in an existing pod", maintainer); workload-identity.md F1 (600-second floor).
 * Without the variables the SDK's default chain falls back to the node's instance role: real report
 * external-secrets/kubernetes-external-secrets #419 (`assumed-role/...NodeInstanceRole.../i-...`).
 */
import type { Check } from '../../types.ts';
import { passStage, failStage, quote, nearMisses, type Stage } from '../../stage.ts';
import { ANNOTATION, DEFAULT_EXPIRATION, MIN_EXPIRATION, STS_AUDIENCE, TOKEN_FILE, TOKEN_VOLUME } from './constants.ts';
import { resourceCall } from './resourceCall.ts';
import type { IrsaWorld } from './schema.ts';

/** What the webhook did. */
export interface IrsaAdmission {
  stage: Stage;
  env: Record<string, string>;
  audience: string;
  expirationSeconds: number;
}

/** The token lifetime the webhook requests: the annotation in seconds, raised to 600; default 86400. */
export function webhookExpiration(raw: string | undefined): { seconds: number; note?: string } {
  if (raw === undefined) return { seconds: DEFAULT_EXPIRATION };
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isFinite(n)) return { seconds: DEFAULT_EXPIRATION, note: `"${raw}" is not a number of seconds; the default 86400 is assumed (the webhook's handling of a bad value is not documented).` };
  return n < MIN_EXPIRATION ? { seconds: MIN_EXPIRATION, note: `${n} is below ${MIN_EXPIRATION}: the webhook requests ${MIN_EXPIRATION} seconds.` } : { seconds: n };
}

const UNCONFIGURED_UNCERTAIN =
  'What the app prints depends on its SDK: with no AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE the default credential chain falls back to the node\'s instance role (kubernetes-external-secrets #419), whose ARN is shown here as placeholders; where the instance metadata service is blocked, the AWS CLI says "Unable to locate credentials" instead.';

/** The admission result; see the module comment. Never throws. */
export function irsaAdmission(w: IrsaWorld): IrsaAdmission {
  const sa = w.serviceAccount;
  const ann = sa.annotations;
  const audience = ann[ANNOTATION.audience] ?? STS_AUDIENCE;
  const exp = webhookExpiration(ann[ANNOTATION.tokenExpiration]);
  const roleArn = ann[ANNOTATION.roleArn];
  const usesSa = w.pod.serviceAccountName === sa.name;
  const checks: Check[] = [
    { name: 'Pod Identity Webhook running', expected: 'true', actual: String(w.cluster.podIdentityWebhook), ok: w.cluster.podIdentityWebhook, note: 'EKS runs it on the control plane; a self-managed cluster must install aws/amazon-eks-pod-identity-webhook.' },
    { name: 'pod spec.serviceAccountName', expected: quote(sa.name), actual: quote(w.pod.serviceAccountName), ok: usesSa, note: 'The webhook reads the annotations of the ServiceAccount the pod runs as; without serviceAccountName that is "default".' },
    { name: `ServiceAccount annotation ${ANNOTATION.roleArn}`, expected: 'an IAM role ARN', actual: usesSa ? quote(roleArn) : '(absent: another ServiceAccount)', ok: usesSa && !!roleArn },
  ];
  const typos = nearMisses(ann, ANNOTATION.roleArn);
  if (typos.length) checks.push({ name: 'annotation keys that look like role-arn', expected: ANNOTATION.roleArn, actual: typos.map((t) => JSON.stringify(t)).join(', '), ok: false, note: 'The webhook matches the key exactly; a misspelt key is ignored.' });
  checks.push({ name: 'pod created after the annotation was set', expected: 'true', actual: String(w.pod.createdAfterAnnotation), ok: w.pod.createdAfterAnnotation, note: 'The webhook mutates pods only when they are created (amazon-eks-pod-identity-webhook #28).' });

  const mutated = w.cluster.podIdentityWebhook && usesSa && !!roleArn && w.pod.createdAfterAnnotation;
  if (!mutated) {
    const fix = !w.cluster.podIdentityWebhook
      ? 'Install the Amazon EKS Pod Identity Webhook (aws/amazon-eks-pod-identity-webhook), then recreate the pod.'
      : !usesSa
        ? `Set spec.serviceAccountName: ${sa.name} in the pod template, then roll out the Deployment.`
        : !roleArn
          ? `Annotate the ServiceAccount: kubectl annotate serviceaccount -n ${sa.namespace} ${sa.name} ${ANNOTATION.roleArn}=arn:aws:iam::${w.account.id}:role/${w.role.name}, then recreate the pod.`
          : `Recreate the pod so the webhook sees the annotation: kubectl rollout restart deployment -n ${sa.namespace} <deployment>.`;
    const call = resourceCall(w, `arn:aws:sts::${w.account.id}:assumed-role/<node-instance-role>/<instance-id>`, 'implicit-deny');
    return {
      stage: failStage(
        'The webhook did not mutate the pod: no AWS_ROLE_ARN, no AWS_WEB_IDENTITY_TOKEN_FILE, no token volume. The SDK never calls AssumeRoleWithWebIdentity and uses whatever other credentials it finds, typically the node\'s instance role.',
        checks,
        `${call.code}: ${call.message}`,
        fix,
        { uncertain: UNCONFIGURED_UNCERTAIN },
      ),
      env: { ...w.pod.env },
      audience,
      expirationSeconds: exp.seconds,
    };
  }
  const injected: Record<string, string> = {
    AWS_ROLE_ARN: roleArn!,
    AWS_WEB_IDENTITY_TOKEN_FILE: TOKEN_FILE,
    ...(ann[ANNOTATION.stsRegionalEndpoints] === 'true' ? { AWS_STS_REGIONAL_ENDPOINTS: 'regional' } : {}),
    AWS_DEFAULT_REGION: w.cluster.platform.region,
    AWS_REGION: w.cluster.platform.region,
  };
  const kept = Object.keys(w.pod.env).filter((k) => k in injected && w.pod.env[k] !== injected[k]);
  const env = { ...injected, ...w.pod.env };
  checks.push({ name: `projected volume ${TOKEN_VOLUME}`, expected: `audience ${STS_AUDIENCE}`, actual: `audience ${audience}, expirationSeconds ${exp.seconds}`, ok: audience === STS_AUDIENCE, note: `Set by ${ANNOTATION.audience}; STS accepts the token only if the IAM OIDC provider lists this audience.` });
  if (exp.note) checks.push({ name: ANNOTATION.tokenExpiration, expected: `seconds, at least ${MIN_EXPIRATION}`, actual: quote(ann[ANNOTATION.tokenExpiration]), ok: false, note: exp.note });
  for (const k of kept) checks.push({ name: `container env ${k}`, expected: quote(injected[k]), actual: quote(w.pod.env[k]), ok: false, note: 'A value the manifest sets itself is kept; the webhook does not overwrite it.' });
  return {
    stage: passStage(`The Pod Identity Webhook injected AWS_ROLE_ARN=${env.AWS_ROLE_ARN} and AWS_WEB_IDENTITY_TOKEN_FILE=${env.AWS_WEB_IDENTITY_TOKEN_FILE}, and mounted the ${TOKEN_VOLUME} volume.`, checks, {
      ...(kept.length ? { fix: 'Remove the AWS_* variables the manifest sets by hand; the webhook provides them.', uncertain: 'That the webhook leaves variables the container already sets is our reading of its code, not documented.' } : {}),
    }),
    env,
    audience,
    expirationSeconds: exp.seconds,
  };
}
