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
}
