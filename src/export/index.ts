/**
 * "Set it up for real" (issue 14 part 1): export a scenario's world as the real tools would write it.
 * Pure (no DOM, network or clock): input is a chain result, output is text. Never throws for a chain
 * result of a valid world (fuzz property in test/unit/export-fuzz.test.ts).
 *
 * Formats per provider:
 * - aks-entra, eks-entra, gke-entra, selfmanaged-entra: az, terraform, bicep, kubernetes
 * - github-entra: github-workflow, az, terraform, bicep
 * - eks-irsa: none yet (these exporters write Azure tools; an `aws iam` export is not built). The scenario
 *   page says so instead of showing Azure commands.
 */
import type { ChainResult } from '../engine/types.ts';
import { exportAz } from './az.ts';
import { exportBicep } from './bicep.ts';
import { findingsOf } from './findings.ts';
import { exportGithubWorkflow } from './github.ts';
import { exportKubernetes } from './kubernetes.ts';
import type { ExportFile, ExportFormat } from './model.ts';
import { exportTerraform } from './terraform.ts';

export { EXPORT_FORMATS, type ExportFile, type ExportFormat } from './model.ts';
export { findingsOf, type Finding, type Findings } from './findings.ts';

const CLUSTER: readonly ExportFormat[] = ['az', 'terraform', 'bicep', 'kubernetes'];
const FORMATS_BY_PROVIDER: Readonly<Record<string, readonly ExportFormat[]>> = {
  'aks-entra': CLUSTER,
  'eks-entra': CLUSTER,
  'gke-entra': CLUSTER,
  'selfmanaged-entra': CLUSTER,
  'github-entra': ['github-workflow', 'az', 'terraform', 'bicep'],
};

/** The formats that apply to a provider id, in display order; empty for an unknown provider. */
export function formatsFor(provider: string): readonly ExportFormat[] {
  return FORMATS_BY_PROVIDER[provider] ?? [];
}

const EXPORTERS: Record<ExportFormat, (r: ChainResult, f: ReturnType<typeof findingsOf>, title: string) => ExportFile> = {
  az: exportAz,
  terraform: exportTerraform,
  bicep: exportBicep,
  kubernetes: exportKubernetes,
  'github-workflow': exportGithubWorkflow,
};

/**
 * One format's file for a chain result.
 * @param title a label for the file's header (the scenario's title).
 * @returns the file, or `undefined` when the format does not apply to the result's provider.
 */
export function exportFormat(result: ChainResult, format: ExportFormat, title = 'custom world'): ExportFile | undefined {
  if (!formatsFor(result.provider).includes(format)) return undefined;
  return EXPORTERS[format](result, findingsOf(result), title.replace(/[\r\n]+/g, ' '));
}

/** Every format that applies to the result's provider, in display order. */
export function exportAll(result: ChainResult, title = 'custom world'): ExportFile[] {
  const f = findingsOf(result);
  const t = title.replace(/[\r\n]+/g, ' ');
  return formatsFor(result.provider).map((fmt) => EXPORTERS[fmt](result, f, t));
}
