/**
 * The wording contract between the shared Entra stages and a provider.
 */
import type { EntraWorld } from './entraWorld.ts';

/** Where the client_id the SDK sends came from. */
export type ClientIdSource = 'request-option' | 'container-env' | 'annotation' | 'action-input';

/**
 * Provider-specific wording the shared Entra stages use: where a value is configured on this platform
 * (a ServiceAccount annotation on AKS, an azure/login input on GitHub Actions) and what the workload is
 * called. Each text names the real command or setting of the platform, with its source in the provider.
 */
export interface ProviderHints {
  /** The workload, as a noun after "the": "pod", "workflow job". */
  workload: string;
  /** How to correct a client ID that names the wrong identity, by where the value came from. */
  clientIdFix(source: ClientIdSource | undefined, world: EntraWorld): string;
  /** AADSTS700016 with a client ID no identity has. `looksLikeArmId`: the value is an ARM resource ID. */
  unknownClientFix(looksLikeArmId: boolean): string;
  /** AADSTS700016 because the request went to another tenant than the identity's. */
  wrongTenantFix(identityTenantId: string): string;
  /** `iss` with surrounding whitespace. */
  issuerWhitespaceFix: string;
  /** AADSTS700222: an Entra-issued token presented as the assertion. */
  entraIssuedFix: string;
  /** AADSTS70023: lifetime over 25 hours or iat missing. */
  lifetimeTooLongFix: string;
  /** AADSTS700211: where to copy the exact issuer from. */
  issuerFix(iss: string): string;
  /** Note on the subject check: what this platform's `sub` looks like. */
  subjectNote: string;
  /** AADSTS700212: how to align the audiences (absent: the generic text). */
  audienceFix?(aud: string): string;
  /** AADSTS700213: how to make a credential for this subject. */
  subjectFix(sub: string): string;
  /** AADSTS7000272: the signing key is not in the JWKS. */
  unknownKidFix: string;
  /** The signature does not verify (token edited after signing). */
  badSignatureFix: string;
  /** AADSTS700024, expired. */
  expiredFix: string;
  /** AADSTS700024, not yet valid. */
  notYetValidFix: string;
}
