/**
 * `eks-entra`: Amazon EKS service account tokens federated into Microsoft Entra ID
 * (other-providers.md §2.2). Pure stage helpers; the provider registry wires them into the nine stages:
 * - admission → {@link eksAdmission} (three states; IRSA token detection),
 * - projected-token → `iss` from {@link eksIssuer} (+ its shape checks),
 * - federation-match → aks-entra stage unchanged, plus `ficIssuerHints` (cluster-common/issuer.ts),
 * - issuer-discovery → {@link eksDiscovery} replaces the aks-entra stage,
 * - client-lookup, signature, lifetime, access-token, authorization → aks-entra stages unchanged.
 */
export * from './schema.ts';
export * from './issuer.ts';
export * from './discovery.ts';
export * from './admission.ts';
export * from './defaults.ts';
