/**
 * The "Load example" inputs of /inspect/: a real token minted in the browser by the engine's simulated
 * AKS issuer, paired with the kind of mistake people make most, a federated identity credential whose
 * issuer lacks the trailing slash. Everything comes from one simulated chain run (no network):
 * - token: the projected service account token the kubelet would write (valid from now for 1 hour);
 * - fics: the credential list as `az identity federated-credential list` prints it (JSON array);
 * - jwks / discovery: what the issuer serves at `jwks_uri` and `.well-known/openid-configuration`;
 * - errorText: the refusal as an Azure SDK would print it, with the chain's own AADSTS message.
 */
import { simulate } from '../../engine/chain.ts';
import { defaultWorld } from '../../engine/defaults.ts';
import type { ChainResult } from '../../engine/types.ts';
import type { Inputs } from './model.ts';

/** The scenario the example runs: the default world, its one credential's issuer without the final "/". */
export function exampleScenario(): Record<string, unknown> {
  const fic = defaultWorld().identity.federatedCredentials[0]!;
  return {
    schema: 1,
    title: 'Example: FIC issuer is missing the trailing slash',
    world: { identity: { federatedCredentials: [{ ...fic, issuer: fic.issuer.replace(/\/+$/, '') }] } },
  };
}

/** The credentials of a chain result's identity, shaped like `az identity federated-credential list` output. */
export function azCliFicList(result: ChainResult): string {
  const id = result.world.identity;
  const rg = /\/resourceGroups\/([^/]+)\//i.exec(id.resourceId ?? '')?.[1] ?? 'rg-demo';
  return JSON.stringify(
    id.federatedCredentials.map((f) => ({
      audiences: f.audiences,
      id: `${id.resourceId ?? ''}/federatedIdentityCredentials/${f.name}`,
      issuer: f.issuer,
      name: f.name,
      resourceGroup: rg,
      subject: f.subject,
      systemData: null,
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    })),
    null,
    2,
  );
}

/** The failing stage's refusal, wrapped the way an Azure SDK prints a failed token request. */
export function sdkErrorText(result: ChainResult): string {
  const failed = result.stages.find((s) => s.id === result.failedStage);
  if (!failed?.message) return '';
  const tenant = result.world.identity.tenantId ?? '';
  const codes = /^AADSTS(\d+)/.exec(failed.code ?? '')?.[1];
  const when = new Date(result.now * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const body = {
    error: failed.error ?? 'invalid_request',
    error_description: `${failed.message} Trace ID: 00000000-0000-0000-0000-000000000000 Correlation ID: 00000000-0000-0000-0000-000000000000 Timestamp: ${when}`,
    ...(codes ? { error_codes: [Number(codes)] } : {}),
  };
  return [
    'WorkloadIdentityCredential authentication failed.',
    `POST https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    '-'.repeat(60),
    `RESPONSE ${failed.httpStatus ?? 400}`,
    '-'.repeat(60),
    JSON.stringify(body, null, 2),
  ].join('\n');
}

/**
 * Mints the example in the browser (RSA key generation: tens to hundreds of milliseconds) at `now`.
 * @throws Error when the engine did not mint a token (a bug: the default world always mints one).
 */
export async function buildExample(now: Date): Promise<Inputs> {
  const result = await simulate(exampleScenario(), { now });
  const token = result.artifacts.token?.jwt;
  if (!token) throw new Error('The simulated issuer did not mint a token.');
  return {
    token,
    fics: azCliFicList(result),
    jwks: JSON.stringify(result.artifacts.jwks, null, 2),
    discovery: JSON.stringify(result.artifacts.discovery, null, 2),
    errorText: sdkErrorText(result),
  };
}
