/**
 * Stage 2, `projected-token`, on any Kubernetes cluster: the kubelet obtains the service account token through the
 * TokenRequest API and the API server signs it. Sources: kubernetes `pkg/serviceaccount/claims.go`,
 * `jwt.go`; reference A1–A3, B2.
 */
import type { Check, TokenArtifact } from '../types.ts';
import { fail, pass, type Stage } from '../stage.ts';
import { q } from '../format.ts';
import { derivedUuid, replacePayload, signToken } from '../issuer.ts';
import { applyClaims } from '../claimOverrides.ts';
import { EXCHANGE_AUDIENCES } from '../entra/constants.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from '../defaults.ts';
import { TOKENREQUEST_MIN_EXPIRATION, WI } from './constants.ts';
import type { ClusterContext } from './context.ts';

/** The kubelet gets a signed token for the pod through TokenRequest; sets ctx.jwt, payload and header. */
export async function projectedToken(ctx: ClusterContext): Promise<Stage> {
  const { world } = ctx;
  const { cluster, token } = world;
  const checks: Check[] = [];
  const issuer = ctx.issuerInUse;
  if (ctx.issuerShape) checks.push(...ctx.issuerShape.checks);
  else checks.push({
    name: 'issuer the API server signs with',
    expected: cluster.oidcIssuer.enabled ? 'the public OIDC issuer URL' : 'the public OIDC issuer URL (OIDC issuer is disabled)',
    actual: q(issuer),
    ok: cluster.oidcIssuer.enabled,
    note: 'With the OIDC issuer disabled the token carries the in-cluster default issuer, which Entra ID cannot discover.',
  });

  const exp = ctx.tokenRequest?.expirationSeconds ?? ctx.expirationSeconds;
  const audiences = ctx.tokenRequest?.audiences ?? [token.audience];
  const tokenFile = ctx.tokenRequest?.tokenFile ?? WI.tokenFile;
  const expOk = exp >= TOKENREQUEST_MIN_EXPIRATION && exp <= 2 ** 32;
  checks.push({ name: 'TokenRequest spec.expirationSeconds', expected: `≥ ${TOKENREQUEST_MIN_EXPIRATION} seconds`, actual: `${exp} seconds`, ok: expOk });
  if (!expOk) {
    const why = exp < TOKENREQUEST_MIN_EXPIRATION ? 'may not specify a duration less than 10 minutes' : 'may not specify a duration larger than 2^32 seconds';
    return fail(
      'The API server rejects the TokenRequest, so the kubelet cannot write a token into the pod.',
      checks,
      `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${exp}: ${why}`,
      `Request at least ${TOKENREQUEST_MIN_EXPIRATION} seconds (the workload identity webhook uses 3600 by default).`,
      { httpStatus: 422 },
    );
  }

  const known = audiences.some((a) => EXCHANGE_AUDIENCES.includes(a));
  checks.push({ name: 'requested audience', expected: q(TOKEN_EXCHANGE_AUDIENCE), actual: q(ctx.tokenRequest ? (audiences.length === 1 ? audiences[0] : audiences) : token.audience), ok: known, note: 'Entra ID only matches audiences against the federated credential; this is what the credential must hold.' });

  const keyDef = cluster.signingKeys.find((k) => k.name === token.signingKey);
  checks.push({ name: 'signing key', expected: `one of the cluster's keys (${cluster.signingKeys.map((k) => k.name).join(', ') || 'none'})`, actual: q(token.signingKey), ok: !!keyDef });
  if (!keyDef) {
    return fail(
      `The API server has no signing key named "${token.signingKey}", so it cannot sign the token.`,
      checks,
      `no signing key "${token.signingKey}" configured for --service-account-signing-key-file`,
      'Set token.signingKey to one of cluster.signingKeys.',
    );
  }
  const key = await ctx.keys.get(keyDef.name);

  // Claim set (claims.go), serialized with sorted keys as go-jose does.
  const iat = ctx.now - token.issuedSecondsAgo;
  const ns = world.serviceAccount.namespace;
  const minor = Number(/^1\.(\d+)/.exec(cluster.kubernetesVersion)?.[1] ?? '31');
  const uid = (kind: string, name: string) => derivedUuid(`${issuer}|${kind}|${ns}|${name}`);
  const kio: Record<string, unknown> = { namespace: ns };
  if (minor >= 30) kio.node = { name: world.pod.nodeName, uid: uid('node', world.pod.nodeName) };
  kio.pod = { name: world.pod.name, uid: uid('pod', world.pod.name) };
  kio.serviceaccount = { name: world.serviceAccount.name, uid: uid('sa', world.serviceAccount.name) };
  const base: Record<string, unknown> = {
    aud: [...audiences],
    exp: iat + exp,
    iat,
    iss: issuer,
    ...(minor >= 30 ? { jti: derivedUuid(`${issuer}|jti|${ns}|${world.pod.name}|${iat}`) } : {}),
    'kubernetes.io': kio,
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${world.serviceAccount.name}`,
  };
  const payload = applyClaims(base, token.claims);
  let jwt = await signToken(payload, key);
  let finalPayload = payload;
  if (token.tamperedAfterSigning) {
    const tampered = token.tamperedClaims ?? { exp: (typeof payload.exp === 'number' ? payload.exp : iat + exp) + 43200 };
    finalPayload = applyClaims(payload, tampered);
    jwt = replacePayload(jwt, finalPayload);
  }
  ctx.jwt = jwt;
  ctx.payload = finalPayload;
  ctx.header = { alg: 'RS256', kid: key.kid };
  const art: TokenArtifact = { jwt, header: { ...ctx.header }, payload: finalPayload };
  ctx.artifacts.token = art;

  const overridden = Object.keys(token.claims);
  const summary =
    `The kubelet requested a token through TokenRequest and wrote it to ${tokenFile}: iss ${q(finalPayload.iss)}, sub ${q(finalPayload.sub)}, aud ${q(finalPayload.aud)}.` +
    (overridden.length ? ` Claims overridden before signing: ${overridden.join(', ')}.` : '') +
    (token.tamperedAfterSigning ? ' The payload was edited after signing.' : '');
  const uncertain = [ctx.issuerShape?.uncertain, ctx.tokenRequest?.uncertain].filter(Boolean).join(' ');
  const r = pass(summary, checks, uncertain ? { uncertain } : {});
  if (r.status === 'warn') {
    r.fix = ctx.issuerShape
      ? ctx.issuerShape.checks.every((c) => c.ok)
        ? `Request the audience ${TOKEN_EXCHANGE_AUDIENCE} (the webhook's default) unless your cloud needs a sovereign-cloud value.`
        : ctx.issuerShape.fix
      : !cluster.oidcIssuer.enabled
      ? 'Enable the OIDC issuer (az aks update --enable-oidc-issuer) and restart pods so tokens carry the public issuer URL.'
      : `Request the audience ${TOKEN_EXCHANGE_AUDIENCE} (the webhook's default) unless your cloud needs a sovereign-cloud value.`;
  }
  return r;
}
