/**
 * The state the eks-irsa stages share during one run (created by the provider's `context`).
 */
import type { KeyStore } from '../../issuer.ts';
import type { Artifacts } from '../../types.ts';
import type { IrsaWorld } from './schema.ts';

/** Temporary credentials STS returned (AssumeRoleWithWebIdentity response, Credentials + AssumedRoleUser). */
export interface IrsaCredentials {
  AccessKeyId: string;
  Expiration: string;
  AssumedRoleArn: string;
}

export interface IrsaContext {
  world: IrsaWorld;
  /** Seconds since the epoch (STS's clock and the cluster's). */
  now: number;
  keys: KeyStore;
  artifacts: Artifacts;
  /** The token issuer of this cluster. */
  iss: string;
  /** Variables the container ends up with (webhook + manifest). */
  env: Record<string, string>;
  /** What the webhook derived from the annotations. */
  audience: string;
  expirationSeconds: number;
  payload?: Record<string, unknown>;
  header?: Record<string, unknown>;
  jwt?: string;
  /** Set by client-lookup: the IAM OIDC provider STS found for `iss`. */
  providerArn?: string;
  /** Set by access-token. */
  credentials?: IrsaCredentials;
}
