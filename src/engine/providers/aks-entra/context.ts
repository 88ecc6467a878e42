/**
 * The aks-entra run context: the shared one plus what the webhook and TokenRequest decide.
 */
import type { ChainContext } from '../../context.ts';
import type { World } from '../../schema.ts';

export interface AksContext extends ChainContext<World> {
  /** Token lifetime the TokenRequest asks for, seconds: the webhook's annotation, else token.expirationSeconds. */
  expirationSeconds: number;
  /** The issuer the API server signs with (OIDC issuer URL, or the in-cluster default). */
  issuerInUse: string;
}
