/**
 * The run context of a Kubernetes-cluster provider (aks-entra, eks-entra, ...): the shared one plus what the webhook and TokenRequest decide.
 */
import type { ChainContext } from '../context.ts';
import type { World } from '../schema.ts';

/** See the module comment. */
export interface ClusterContext extends ChainContext<World> {
  /** Token lifetime the TokenRequest asks for, seconds: the webhook's annotation, else token.expirationSeconds. */
  expirationSeconds: number;
  /** The issuer the API server signs with (OIDC issuer URL, or the in-cluster default). */
  issuerInUse: string;
}
