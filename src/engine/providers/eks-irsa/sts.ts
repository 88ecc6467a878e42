/**
 * STS AssumeRoleWithWebIdentity, first half: the request and the IAM OIDC identity provider
 * (`client-lookup` slot), then the role's trust policy (`federation-match` slot). Pure; never throws.
 *
 * Real texts (HTTP status in brackets):
 * - [400] `ValidationError`: `Request ARN is invalid` — malformed role-arn annotation
 *   (https://repost.aws/knowledge-center/eks-troubleshoot-irsa-errors).
 * - [400] `InvalidIdentityToken`: `No OpenIDConnect provider found in your account for <iss>` — no IAM
 *   OIDC provider for the token's issuer (same page; kubernetes-sigs/aws-load-balancer-controller #2315,
 *   which also shows the 400).
 * - [400] `InvalidIdentityToken`: `Incorrect token audience` — the token's aud is not in the provider's
 *   client-ID list (workload-identity.md F1; the re:Post page above, "Verify the audience of the IAM OIDC provider").
 * - [403] `AccessDenied`: `Not authorized to perform sts:AssumeRoleWithWebIdentity` — the trust policy does
 *   not allow this token (workload-identity.md F1; aws-samples/aws-secret-sidecar-injector #26,
 *   aws/amazon-eks-pod-identity-webhook #30).
 * AWS does not document the order of STS's checks; the order here (request, provider, trust policy,
 * keys, signature, expiry) is an assumption, stated in each result's `uncertain`.
 */
import type { Check } from '../../types.ts';
import { passStage, failStage, quote, type Stage } from '../../stage.ts';
import { providerArn, providerHostPath } from './constants.ts';
import { parsePolicy } from './iam/parse.ts';
import { evaluatePolicies } from './iam/evaluate.ts';
import type { IrsaContext } from './context.ts';

/** The order note every STS failure carries. */
export const STS_ORDER_UNCERTAIN = 'AWS does not document the order of the checks STS makes on AssumeRoleWithWebIdentity; when several would fail, the real answer may name another one.';

const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** STS's error as a failing stage (no catalogue entry: AWS codes have no error page yet). */
export function stsFail(code: string, httpStatus: number, message: string, summary: string, checks: Check[], fix: string, uncertain?: string): Stage {
  return { ...failStage(summary, checks, `${code}: ${message}`, fix), code, httpStatus, error: code, uncertain: [uncertain, STS_ORDER_UNCERTAIN].filter(Boolean).join(' ') };
}

/** `client-lookup`: the RoleArn STS receives, and the IAM OIDC provider for the token's issuer and audience. */
export function stsRequest(ctx: IrsaContext): Stage {
  const w = ctx.world;
  const roleArn = ctx.env.AWS_ROLE_ARN ?? '';
  const checks: Check[] = [{ name: 'RoleArn', expected: 'arn:aws:iam::<12-digit account>:role/<name>', actual: quote(roleArn), ok: ROLE_ARN.test(roleArn) }];
  if (!ROLE_ARN.test(roleArn))
    return stsFail('ValidationError', 400, 'Request ARN is invalid', 'STS refuses the request before looking at the token: the role ARN from AWS_ROLE_ARN is malformed.', checks, `Fix the eks.amazonaws.com/role-arn annotation to arn:aws:iam::${w.account.id}:role/${w.role.name} and recreate the pod.`);
  const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
  const hp = providerHostPath(iss);
  const match = w.oidcProviders.find((p) => providerHostPath(p.url) === hp);
  const near = w.oidcProviders.find((p) => p !== match && providerHostPath(p.url).replace(/\/+$/, '').toLowerCase() === hp.replace(/\/+$/, '').toLowerCase());
  checks.push({
    name: 'IAM OIDC provider for the token\'s iss',
    expected: quote(hp),
    actual: match ? quote(providerHostPath(match.url)) : near ? `only ${quote(providerHostPath(near.url))}` : w.oidcProviders.length ? `none of ${quote(w.oidcProviders.map((p) => providerHostPath(p.url)))}` : '(no IAM OIDC provider in the account)',
    ok: !!match,
    note: 'STS looks the provider up by the token\'s issuer; IAM names it by host and path without https://.',
  });
  if (!match)
    return stsFail(
      'InvalidIdentityToken',
      400,
      `No OpenIDConnect provider found in your account for ${iss}`,
      near ? 'An IAM OIDC provider exists, but its URL differs from the token\'s iss (a trailing slash or the letter case).' : 'The account has no IAM OIDC identity provider for this cluster\'s issuer.',
      checks,
      `Create the provider: eksctl utils associate-iam-oidc-provider --cluster ${w.cluster.name} --approve (or aws iam create-open-id-connect-provider --url ${iss} --client-id-list sts.amazonaws.com).`,
      near ? 'That IAM compares the URL byte for byte (no slash or case normalisation) is our assumption; the error text is the real one.' : undefined,
    );
  ctx.providerArn = providerArn(w.account.id, match.url);
  const aud = Array.isArray(ctx.payload?.aud) ? (ctx.payload!.aud as unknown[]).map(String) : typeof ctx.payload?.aud === 'string' ? [ctx.payload.aud] : [];
  const audOk = aud.some((a) => match.clientIds.includes(a));
  checks.push({ name: 'token aud in the provider\'s client ID list', expected: `one of ${quote(match.clientIds)}`, actual: quote(aud), ok: audOk });
  if (!audOk)
    return stsFail('InvalidIdentityToken', 400, 'Incorrect token audience', 'The IAM OIDC provider exists, but its audience (client ID) list does not contain the token\'s aud.', checks, `Add the audience: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${ctx.providerArn} --client-id ${aud[0] ?? 'sts.amazonaws.com'} (IRSA's default audience is sts.amazonaws.com).`);
  return passStage(`STS found the IAM OIDC provider ${ctx.providerArn}, whose audience list contains ${quote(aud)}.`, checks);
}

/** The condition keys STS puts in the request context for this token: `<host/path>:sub` and `:aud`. */
export function webIdentityContext(iss: string, payload: Record<string, unknown> | undefined): Record<string, string[]> {
  const hp = providerHostPath(iss);
  const aud = payload?.aud;
  const auds = Array.isArray(aud) ? aud.map(String) : aud !== undefined ? [String(aud)] : [];
  return { [`${hp}:sub`]: typeof payload?.sub === 'string' ? [payload.sub] : [], [`${hp}:aud`]: auds };
}

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

/** `federation-match`: the role exists and its trust policy allows this token. */
export function trustPolicy(ctx: IrsaContext): Stage {
  const w = ctx.world;
  const roleArn = ctx.env.AWS_ROLE_ARN ?? '';
  const own = `arn:aws:iam::${w.account.id}:role${w.role.path.endsWith('/') ? w.role.path : `${w.role.path}/`}${w.role.name}`;
  const exists = w.role.exists && roleArn === own;
  const checks: Check[] = [{ name: 'role exists', expected: quote(roleArn), actual: w.role.exists ? quote(own) : '(deleted)', ok: exists }];
  const fixTrust = `Edit the role's trust policy (aws iam update-assume-role-policy --role-name ${w.role.name} --policy-document file://trust.json) so a statement allows sts:AssumeRoleWithWebIdentity for Federated ${ctx.providerArn ?? '<provider ARN>'} with StringEquals on "${providerHostPath(ctx.iss)}:sub" = ${quote(ctx.payload?.sub)} and ":aud" = "sts.amazonaws.com".`;
  if (!exists)
    return stsFail('AccessDenied', 403, NOT_AUTHORIZED, 'No role with this ARN exists in the account, so nothing can trust the token.', checks, `Create the role ${roleArn} or correct the annotation to an existing role.`, 'That STS answers a missing role with the same AccessDenied is reported by users, not documented.');
  const parsed = parsePolicy(w.role.trustPolicy, 'role.trustPolicy');
  const ev = evaluatePolicies(parsed.statements, { action: 'sts:AssumeRoleWithWebIdentity', principal: { type: 'Federated', id: ctx.providerArn ?? '' }, context: webIdentityContext(ctx.iss, ctx.payload) });
  for (const t of ev.traces) checks.push({ name: `trust policy Statement[${t.index}]${t.sid ? ` (${t.sid})` : ''} ${t.effect}`, expected: 'applies', actual: t.applies ? 'applies' : t.reason, ok: t.effect === 'Allow' ? t.applies : !t.applies });
  for (const i of parsed.issues) checks.push({ name: `policy syntax ${i.path}`, expected: 'valid IAM policy grammar', actual: i.message, ok: false });
  const uncertain = ev.unsupported.length ? `Not simulated: ${ev.unsupported.join('; ')}.` : undefined;
  if (ev.decision !== 'allow')
    return stsFail(
      'AccessDenied',
      403,
      NOT_AUTHORIZED,
      ev.decision === 'explicit-deny' ? `A Deny statement in the trust policy matches this token (Statement[${ev.decisive!.index}]); an explicit Deny wins over any Allow.` : 'No statement of the trust policy allows this token (an implicit deny): see which element of each statement does not match.',
      checks,
      fixTrust,
      uncertain,
    );
  return passStage(`The trust policy allows it: Statement[${ev.decisive!.index}] matches the provider, the action and every condition.`, checks, uncertain ? { uncertain } : {});
}
