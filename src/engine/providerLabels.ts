/**
 * What the UI shows of a provider without loading its stages: id, title, a short name for filters, and
 * the names of the chain diagram's boxes where they differ from the cluster wording (Pod, ServiceAccount,
 * OIDC issuer). Each provider folder has a labels.ts; providers/labels.ts lists them.
 */
export interface ProviderLabels {
  /** Registry id, e.g. "github-entra". */
  id: string;
  /** e.g. "GitHub Actions → Microsoft Entra ID". */
  title: string;
  /** e.g. "GitHub Actions" (the issuer side). */
  short: string;
  /** Names of the diagram boxes `pod`, `sa`, `issuer` for this provider. */
  diagram: { pod: string; sa: string; issuer: string };
  /**
   * Names of the relying cloud's boxes when it is not Microsoft Entra ID (eks-irsa: AWS STS, IAM role
   * trust policy, IAM OIDC provider, temporary credentials). Absent: the Entra wording.
   */
  cloud?: { exchange: string; trust: string; identity: string; token: string; resource: string };
  /** false: the playground's provider switch does not offer this provider (its editors do not take it yet). Absent: offered. */
  playground?: boolean;
  /** false: "Set it up for real" has no export for this provider yet (src/export emits Azure commands). Absent: exportable. */
  exportable?: boolean;
}
