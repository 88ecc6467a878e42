/**
 * `gke-entra`: GKE service account tokens federated into Microsoft Entra ID (other-providers.md §2.3).
 * Pure stage helpers; the provider registry wires them into the nine stages:
 * - admission → {@link gkeAdmission} (three states),
 * - projected-token → `iss` from {@link gkeIssuer} (+ its shape checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts) and
 *   {@link gkeFicHints} (location near misses),
 * - issuer-discovery → {@link gkeDiscovery} replaces the aks-entra stage,
 * - client-lookup, signature, lifetime, access-token, authorization → aks-entra stages unchanged.
 */
export * from './schema.ts';
export * from './issuer.ts';
export * from './discovery.ts';
export * from './admission.ts';
export * from './defaults.ts';
