/**
 * After the token is accepted: STS issues temporary credentials (`access-token` slot), and the app calls
 * the resource with them, where the role's identity-based policies decide (`authorization` slot). Pure.
 *
 * - AssumeRoleWithWebIdentity response fields (Credentials with an ASIA… access key id, AssumedRoleUser,
 *   SubjectFromWebIdentityToken, Audience, Provider) and DurationSeconds 900..MaxSessionDuration, default
 *   3600: AWS STS API reference, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 * - [400] `ValidationError`: `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`
 *   (same reference, DurationSeconds).
 * - The resource's denial texts: resourceCall.ts.
 */
import type { Check } from '../../types.ts';
import { passStage, quote, type Stage } from '../../stage.ts';
import { derivedUuid } from '../../issuer.ts';
import { DEFAULT_SESSION_SECONDS } from './constants.ts';
import { parsePolicy } from './iam/parse.ts';
import { evaluatePolicies } from './iam/evaluate.ts';
import { resourceAction, resourceCall } from './resourceCall.ts';
import { stsFail } from './sts.ts';
import type { IrsaContext } from './context.ts';

/** The assumed-role session ARN `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
export function sessionArn(account: string, role: string, session: string): string {
  return `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
}

/** `access-token`: DurationSeconds within the role's limit, then the credentials (secrets shown redacted). */
export function irsaCredentials(ctx: IrsaContext): Stage {
  const w = ctx.world;
  const duration = w.request.durationSeconds ?? DEFAULT_SESSION_SECONDS;
  const checks: Check[] = [{ name: 'DurationSeconds', expected: `900..${w.role.maxSessionDurationSeconds} (MaxSessionDuration)`, actual: String(duration), ok: duration >= 900 && duration <= w.role.maxSessionDurationSeconds }];
  if (duration > w.role.maxSessionDurationSeconds)
    return stsFail('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 'The token is fine, but the SDK asks for a longer session than the role allows.', checks, `Ask for at most ${w.role.maxSessionDurationSeconds} seconds, or raise the role's MaxSessionDuration (aws iam update-role --role-name ${w.role.name} --max-session-duration <seconds>).`);
  if (duration < 900)
    return stsFail('ValidationError', 400, `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`, 'STS sessions last at least 15 minutes.', checks, 'Ask for at least 900 seconds.', 'The exact wording of this validation message is AWS\'s usual constraint text, not seen in an IRSA report.');
  const arn = sessionArn(w.account.id, w.role.name, w.request.roleSessionName);
  const keyId = `ASIA${derivedUuid(`${arn}|${ctx.now}`).replace(/-/g, '').slice(0, 16).toUpperCase()}`;
  const expiration = new Date((ctx.now + duration) * 1000).toISOString().replace('.000Z', 'Z');
  ctx.credentials = { AccessKeyId: keyId, Expiration: expiration, AssumedRoleArn: arn };
  ctx.artifacts.accessToken = {
    Credentials: { AccessKeyId: keyId, SecretAccessKey: '(secret, not shown)', SessionToken: '(secret, not shown)', Expiration: expiration },
    AssumedRoleUser: { Arn: arn, AssumedRoleId: `AROA${derivedUuid(`role|${w.role.name}`).replace(/-/g, '').slice(0, 17).toUpperCase()}:${w.request.roleSessionName}` },
    SubjectFromWebIdentityToken: ctx.payload?.sub,
    Audience: Array.isArray(ctx.payload?.aud) ? (ctx.payload!.aud as unknown[])[0] : ctx.payload?.aud,
    Provider: ctx.providerArn,
  };
  return passStage(`STS issued temporary credentials for ${arn}, valid until ${expiration}.`, checks);
}

/** `authorization`: the role's identity-based policies for the app's call on the resource. */
export function irsaAuthorization(ctx: IrsaContext): Stage {
  const w = ctx.world;
  const caller = ctx.credentials?.AssumedRoleArn ?? sessionArn(w.account.id, w.role.name, w.request.roleSessionName);
  const action = resourceAction(w.resource);
  const checks: Check[] = [];
  const statements = w.role.permissionPolicies.flatMap((p, i) => {
    const parsed = parsePolicy(p.document, `role.permissionPolicies[${i}].document`);
    for (const issue of parsed.issues) checks.push({ name: `policy syntax ${issue.path}`, expected: 'valid IAM policy grammar', actual: issue.message, ok: false });
    return parsed.statements.map((s) => ({ s, policy: p.name }));
  });
  const roleArn = `arn:aws:iam::${w.account.id}:role/${w.role.name}`;
  const ev = evaluatePolicies(
    statements.map((x) => x.s),
    { action, resource: w.resource.arn, context: { 'aws:PrincipalArn': [roleArn], 'aws:PrincipalAccount': [w.account.id], 'aws:RequestedRegion': [w.cluster.platform.region] } },
  );
  ev.traces.forEach((t, i) => checks.push({ name: `${statements[i]!.policy} Statement[${t.index}]${t.sid ? ` (${t.sid})` : ''} ${t.effect}`, expected: 'applies', actual: t.applies ? 'applies' : t.reason, ok: t.effect === 'Allow' ? t.applies || ev.decision === 'allow' : !t.applies }));
  if (!statements.length) checks.push({ name: 'identity-based policies on the role', expected: 'at least one', actual: '(none)', ok: false });
  const uncertain = ev.unsupported.length ? `Not simulated: ${ev.unsupported.join('; ')}.` : undefined;
  if (ev.decision !== 'allow') {
    const call = resourceCall(w, caller, ev.decision);
    return {
      status: 'fail',
      summary: ev.decision === 'explicit-deny' ? `A Deny statement in the role's policies matches ${action} on this resource; an explicit Deny wins over every Allow.` : `No identity-based policy of the role allows ${action} on ${w.resource.arn}.`,
      checks,
      code: call.code,
      httpStatus: call.httpStatus,
      error: call.code,
      message: `${call.code}: ${call.message}`,
      fix: ev.decision === 'explicit-deny' ? 'Narrow or remove the Deny statement that matches; no Allow can override it.' : `Attach a policy to ${w.role.name} that allows ${action} on ${w.resource.arn} (e.g. aws iam put-role-policy --role-name ${w.role.name} --policy-name read --policy-document file://policy.json).`,
      ...(call.uncertain || uncertain ? { uncertain: [call.uncertain, uncertain].filter(Boolean).join(' ') } : {}),
    };
  }
  return passStage(`${action} is allowed by ${statements[ev.traces.indexOf(ev.decisive!)]?.policy ?? 'a policy'} Statement[${ev.decisive!.index}]; the call succeeds as ${caller}.`, checks, {
    ...(uncertain ? { uncertain } : {}),
  });
}

