/**
 * The run context of a Kubernetes-cluster provider (aks-entra, eks-entra, ...): the shared one plus what the webhook and TokenRequest decide.
 */
import type { ChainContext } from '../context.ts';
import type { World } from '../schema.ts';
import type { Check } from '../types.ts';

/** See the module comment. */
export interface ClusterContext extends ChainContext<World> {
  /** Token lifetime the TokenRequest asks for, seconds: the webhook's annotation, else token.expirationSeconds. */
  expirationSeconds: number;
  /** The issuer the API server signs with (OIDC issuer URL, or the in-cluster default). */
  issuerInUse: string;
  /**
   * Set by a provider whose issuer comes from platform facts (EKS region and OIDC ID, GKE project and
   * location, a self-managed --service-account-issuer) rather than AKS's OIDC issuer switch: shape checks
   * of those facts, the fix when one fails, and any uncertainty. Absent: the AKS issuer check.
   */
  issuerShape?: { checks: Check[]; fix: string; uncertain?: string | undefined };
  /**
   * Set by admission when the token the app presents is not the one the webhook requests (a
   * hand-written projected volume, another token file such as EKS's IRSA token): its audiences,
   * lifetime and file. Absent: `[world.token.audience]`, `expirationSeconds`, the webhook's file.
   */
  tokenRequest?: { audiences: string[]; expirationSeconds: number; tokenFile: string; uncertain?: string | undefined };
}
