/**
 * What the projected-token stage must mint for a non-AKS cluster: the audience(s), lifetime and file of
 * the token the app actually presents, after {@link clusterAdmission}.
 *
 * - Normally the Azure webhook's token: `world.token.audience`, the expiration the aks-entra admission
 *   stage settled on, at AZURE_FEDERATED_TOKEN_FILE (workload-identity.md B3).
 * - When the app reads another token (the EKS IRSA file, a hand-written volume): that token's audience and
 *   lifetime (other-providers.md §2.1, §2.2).
 * - A projected volume without `audience` gets the API server's default audiences, which default to the
 *   issuer (`--api-audiences`, workload-identity.md A2). Managed platforms may set them otherwise; that is
 *   marked uncertain.
 *
 * Pure; never throws.
 */
import type { ClusterAdmission } from './admission.ts';
import { AZURE_TOKEN_FILE } from './schema.ts';
import type { ClusterWorld } from './admission.ts';

/** Result of {@link clusterTokenRequest}. */
export interface ClusterTokenRequest {
  /** The token's `aud` (always an array, A2). */
  audiences: string[];
  /** Requested lifetime, seconds. */
  expirationSeconds: number;
  /** Where the app reads it. */
  tokenFile: string;
  /** Whose token it is. */
  source: 'webhook' | 'hand-written' | 'other';
  uncertain?: string;
}

export const DEFAULT_AUDIENCES_UNCERTAIN =
  'Without an audience, the token gets the API server\'s default audiences, which default to the issuer (workload-identity.md A2); a cluster (notably a managed one) may set --api-audiences otherwise.';

/**
 * The token request behind the presented token. `webhookExpiration` is the lifetime the aks-entra
 * admission stage settled on (its `ctx.expirationSeconds`); `iss` is the provider's issuer.
 */
export function clusterTokenRequest(world: ClusterWorld, adm: ClusterAdmission, iss: string, webhookExpiration: number): ClusterTokenRequest {
  const tokenFile = adm.tokenFile ?? AZURE_TOKEN_FILE;
  const p = adm.presented;
  if (!p) return { audiences: [world.token.audience], expirationSeconds: webhookExpiration, tokenFile, source: 'webhook' };
  if (p.audience === undefined) {
    return { audiences: [iss], expirationSeconds: p.expirationSeconds, tokenFile, source: p.source, uncertain: DEFAULT_AUDIENCES_UNCERTAIN };
  }
  return { audiences: [p.audience], expirationSeconds: p.expirationSeconds, tokenFile, source: p.source };
}
