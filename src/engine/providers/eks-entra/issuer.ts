/** The EKS issuer and its checks live in eks-common/issuer.ts (shared with eks-irsa). */
export * from '../eks-common/issuer.ts';
