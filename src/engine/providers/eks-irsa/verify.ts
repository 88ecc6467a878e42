/**
 * STS AssumeRoleWithWebIdentity, second half: STS fetches the issuer's discovery document and JWKS
 * (`issuer-discovery`), verifies the signature (`signature`) and the expiry (`lifetime`). Pure.
 *
 * - EKS serves discovery and `{iss}/keys` publicly (eks-common/discovery.ts, with its AWS sources).
 * - [400] `ExpiredTokenException`: `Token expired: current date/time <now> must be before the expiration date/time <exp>`
 *   (aws/aws-sdk-java-v2 #5709, 2024; awslabs/aws-orbit-workbench #707 and #771 print it without the space
 *   before the second number).
 * - A token signed by a key not in the JWKS, or edited after signing: `InvalidIdentityToken`; the message
 *   text is **[observed]** only (workload-identity.md F1) and marked uncertain in the result.
 */
import { compactVerify } from 'jose';
import type { Check } from '../../types.ts';
import { passStage, quote, type Stage } from '../../stage.ts';
import { jwksDocument } from '../../issuer.ts';
import { keyIsPublished } from '../../kubernetes/constants.ts';
import { importVerificationKey } from '../../entra/signature.ts';
import { eksDiscoveryDocument } from '../eks-common/discovery.ts';
import { stsFail } from './sts.ts';
import type { IrsaContext } from './context.ts';

/** `issuer-discovery`: sets `artifacts.discovery` and `artifacts.jwks` (the published cluster keys). */
export async function irsaDiscovery(ctx: IrsaContext): Promise<Stage> {
  const doc = eksDiscoveryDocument(ctx.iss);
  const keys = await Promise.all(ctx.world.cluster.signingKeys.filter(keyIsPublished).map((k) => ctx.keys.get(k.name)));
  ctx.artifacts.discovery = doc.served;
  ctx.artifacts.jwks = jwksDocument(keys);
  const checks: Check[] = [
    { name: 'discovery document', expected: `${ctx.iss}/.well-known/openid-configuration`, actual: 'HTTP 200', ok: true },
    { name: 'jwks_uri', expected: quote(doc.jwks_uri), actual: `HTTP 200, ${keys.length} key(s)`, ok: true },
  ];
  return passStage(`STS fetched the discovery document and the JWKS at ${doc.jwks_uri}; EKS serves both publicly.`, checks);
}

const NOT_VALIDATED = 'The web identity token provided could not be validated';
const NOT_VALIDATED_UNCERTAIN = 'The message STS prints for a bad signature or an unknown key is from third-party reports, not AWS documentation.';

/** `signature`: the header's kid names a JWKS key and the RS256 signature verifies. */
export async function irsaSignature(ctx: IrsaContext): Promise<Stage> {
  const kid = ctx.header?.kid;
  const jwk = ctx.artifacts.jwks.keys.find((k) => k.kid === kid);
  const checks: Check[] = [{ name: 'kid in the JWKS', expected: 'one of the published keys', actual: quote(kid), ok: !!jwk }];
  const fix = 'Restart the pod so the kubelet fetches a token signed with a key EKS publishes now, and present the token file unchanged.';
  if (!jwk) return stsFail('InvalidIdentityToken', 400, NOT_VALIDATED, 'The token is signed with a key the issuer no longer publishes.', checks, fix, NOT_VALIDATED_UNCERTAIN);
  let ok = false;
  try {
    await compactVerify(ctx.jwt ?? '', await importVerificationKey(jwk));
    ok = true;
  } catch {
    ok = false;
  }
  checks.push({ name: 'RS256 signature', expected: 'verifies', actual: ok ? 'verifies' : 'does not verify', ok });
  if (!ok) return stsFail('InvalidIdentityToken', 400, NOT_VALIDATED, 'The signature does not verify: the token was changed after the cluster signed it.', checks, fix, NOT_VALIDATED_UNCERTAIN);
  return passStage(`The signature verifies with key ${String(kid)}.`, checks);
}

/** `lifetime`: exp is after STS's clock. */
export function irsaLifetime(ctx: IrsaContext): Stage {
  const exp = ctx.payload?.exp;
  const nbf = ctx.payload?.nbf;
  const checks: Check[] = [{ name: 'exp', expected: `after ${ctx.now} (now)`, actual: quote(exp), ok: typeof exp === 'number' && ctx.now < exp }];
  if (typeof exp !== 'number' || ctx.now >= exp)
    return stsFail(
      'ExpiredTokenException',
      400,
      `Token expired: current date/time ${ctx.now} must be before the expiration date/time ${String(exp)}`,
      'STS refuses the token: it has expired. The kubelet refreshes the file at 80% of its lifetime, so a stale token usually means the app cached it or read a copy.',
      checks,
      'Re-read AWS_WEB_IDENTITY_TOKEN_FILE before each AssumeRoleWithWebIdentity call (current AWS SDKs do), and do not copy the token elsewhere.',
      typeof exp !== 'number' ? 'How STS answers a token with no exp is not documented; this shows the expiry error.' : undefined,
    );
  const early = typeof nbf === 'number' && ctx.now < nbf;
  checks.push({ name: 'nbf', expected: `at or before ${ctx.now}`, actual: quote(nbf), ok: !early });
  return passStage(`The token is valid for another ${exp - ctx.now} seconds.`, checks, early ? { fix: 'Check the clocks: the token is not valid yet.', uncertain: 'Whether STS checks nbf, and with what message, is not documented.' } : {});
}
