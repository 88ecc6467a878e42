/**
 * `projected-token` for eks-irsa: the kubelet asks the API server (TokenRequest) for a token bound to the
 * pod, with the audience and lifetime of the webhook's `aws-iam-token` volume, and writes it to
 * AWS_WEB_IDENTITY_TOKEN_FILE. The claim set is Kubernetes' (workload-identity.md A2; same shape as the
 * other cluster providers), with `iss` the EKS issuer (eks-common/issuer.ts).
 */
import type { Check } from '../../types.ts';
import { passStage, failStage, quote, type Stage } from '../../stage.ts';
import { derivedUuid, replacePayload, signToken } from '../../issuer.ts';
import { applyClaims } from '../../claimOverrides.ts';
import { eksIssuer } from '../eks-common/issuer.ts';
import { TOKEN_FILE } from './constants.ts';
import type { IrsaContext } from './context.ts';

/** Mints the token into `ctx` (jwt, payload, header, artifacts.token) and returns the stage. */
export async function irsaProjectedToken(ctx: IrsaContext): Promise<Stage> {
  const w = ctx.world;
  const shape = eksIssuer(w.cluster.platform);
  // eksIssuer's notes are written for Entra ID as the relying party (eks-entra); here STS reads the token,
  // so the OIDC ID note says only what EKS does, not how STS compares it (not in our sources).
  const checks: Check[] = shape.checks.map((c) =>
    c.name === 'EKS OIDC ID is upper-case hex' ? { ...c, note: 'EKS generates the ID in upper case; copy it exactly as aws eks describe-cluster prints it.' } : c,
  );
  const keyDef = w.cluster.signingKeys.find((k) => k.name === w.token.signingKey);
  checks.push({ name: 'signing key configured', expected: 'one of cluster.signingKeys', actual: quote(w.token.signingKey), ok: !!keyDef });
  if (!keyDef) return failStage('The API server has no such signing key, so no token is issued.', checks, `no signing key "${w.token.signingKey}" configured for --service-account-signing-key-file`, 'Set token.signingKey to one of cluster.signingKeys.');
  const key = await ctx.keys.get(keyDef.name);
  const iat = ctx.now - w.token.issuedSecondsAgo;
  const ns = w.serviceAccount.namespace;
  const sa = w.pod.serviceAccountName;
  const uid = (kind: string, name: string) => derivedUuid(`${ctx.iss}|${kind}|${ns}|${name}`);
  const base: Record<string, unknown> = {
    aud: [ctx.audience],
    exp: iat + ctx.expirationSeconds,
    iat,
    iss: ctx.iss,
    jti: derivedUuid(`${ctx.iss}|jti|${ns}|${w.pod.name}|${iat}`),
    'kubernetes.io': { namespace: ns, pod: { name: w.pod.name, uid: uid('pod', w.pod.name) }, serviceaccount: { name: sa, uid: uid('sa', sa) } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  const payload = applyClaims(base, w.token.claims);
  let jwt = await signToken(payload, key);
  let final = payload;
  if (w.token.tamperedAfterSigning) {
    final = applyClaims(payload, { exp: (typeof payload.exp === 'number' ? payload.exp : iat) + 43200 });
    jwt = replacePayload(jwt, final);
  }
  ctx.jwt = jwt;
  ctx.payload = final;
  ctx.header = { alg: 'RS256', kid: key.kid };
  ctx.artifacts.token = { jwt, header: { ...ctx.header }, payload: final };
  checks.push({ name: 'aud', expected: quote([ctx.audience]), actual: quote(final.aud), ok: true });
  checks.push({ name: 'expirationSeconds', expected: 'from eks.amazonaws.com/token-expiration (default 86400)', actual: String(ctx.expirationSeconds), ok: true });
  const overridden = Object.keys(w.token.claims);
  const s = passStage(
    `The kubelet wrote a token to ${TOKEN_FILE}: iss ${quote(final.iss)}, sub ${quote(final.sub)}, aud ${quote(final.aud)}.` +
      (overridden.length ? ` Claims overridden before signing: ${overridden.join(', ')}.` : '') +
      (w.token.tamperedAfterSigning ? ' The payload was edited after signing.' : ''),
    checks,
    shape.uncertain ? { uncertain: shape.uncertain } : {},
  );
  return s.status === 'warn' ? { ...s, fix: 'Copy region and OIDC ID from aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer --output text.' } : s;
}
