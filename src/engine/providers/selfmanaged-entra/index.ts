/**
 * `selfmanaged-entra`: service account tokens of a self-managed cluster (kubeadm, kind, k3s, OpenShift,
 * CAPZ) federated into Microsoft Entra ID, with discovery and JWKS hosted by the owner
 * (other-providers.md §2.4). Pure stage helpers; the provider registry wires them into the nine stages
 * (see ../cluster-common/WIRING.md):
 * - admission → {@link selfManagedAdmission} (three states),
 * - projected-token → `iss` from {@link selfManagedIssuer} (first --service-account-issuer, + its checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts),
 * - issuer-discovery → {@link selfManagedDiscovery} replaces the aks-entra stage,
 * - signature → aks-entra stage on the JWKS of {@link selfManagedJwksKeyNames}, refined by
 *   {@link selfManagedSignature},
 * - client-lookup, lifetime, access-token, authorization → aks-entra stages unchanged.
 */
export * from './schema.ts';
export * from './issuer.ts';
export * from './keys.ts';
export * from './discovery.ts';
export * from './signature.ts';
export * from './admission.ts';
export * from './defaults.ts';
