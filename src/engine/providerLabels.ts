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
   * Names of the relying cloud's parts when it is not Microsoft Entra ID (eks-irsa: AWS STS, IAM role
   * trust policy, IAM OIDC provider, temporary credentials). Absent: the Entra wording. The chain
   * diagram's three cloud boxes (static/model.ts chainNodes) take `exchange` with `trust` as its role line,
   * `token` and `resource`; the label above a failing stage's message (static/model.ts messageLabel)
   * names `exchange` for the token-exchange stages and `service` for the resource call; `name` stands where
   * the pages would say "Entra ID" for the cloud as a whole (e.g. who refuses a configuration when saved).
   */
  cloud?: { name: string; exchange: string; trust: string; identity: string; token: string; resource: string; service: string };
  /** false: the playground's provider switch does not offer this provider (its editors do not take it yet). Absent: offered. */
  playground?: boolean;
  /**
   * false: the /errors/ pages (Entra ID and Azure codes, engine/errors.ts) do not describe this provider's
   * codes. A code of its cloud with the same name is a different error (AWS's `AccessDenied` is not Azure Key
   * Vault's), so its pages link no error page and the error pages list none of its scenarios. Absent: they do.
   */
  errorPages?: boolean;
  /** false: "Set it up for real" has no export for this provider yet (src/export emits Azure commands). Absent: exportable. */
  exportable?: boolean;
}
