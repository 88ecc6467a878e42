/**
 * What the static views show for a chain result, as data: the six boxes of the chain with their status,
 * the verdict line, and short texts. Pure (no DOM, no React) so pages, the OG image generator and the
 * embed island all say the same thing. Renders engine results only; never re-checks anything.
 *
 * The node ↔ stage mapping is shared with the playground's diagram (src/components/chainNodes.ts).
 */
import type { StageId } from '../../engine/schema.ts';
import type { ChainResult, ConfigError, StageResult, StageStatus } from '../../engine/types.ts';
import { ERROR_CATALOGUE, errorPagePath } from '../../engine/errors.ts';
import { plainText } from '../../lib/prose.ts';
import { CHAIN_NODES, SHORT_STAGE_NAMES, type NodeDef, type NodeId } from '../chainNodes.ts';
import { providerLabels } from '../../engine/providers/labels.ts';

export { CHAIN_NODES, SHORT_STAGE_NAMES, type NodeDef, type NodeId };

/** A box's status: a stage status, or `partial` (some of its stages ran, a later one was skipped). */
export type NodeStatus = StageStatus | 'partial';

/** Symbol and words for each status: status is never shown by colour alone. */
export const STATUS_TEXT: Record<NodeStatus, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Passed' },
  warn: { icon: '⚠', word: 'Warning' },
  fail: { icon: '✗', word: 'Failed' },
  skipped: { icon: '–', word: 'Skipped' },
  partial: { icon: '◐', word: 'Partly checked' },
};

export interface NodeView extends NodeDef {
  status: NodeStatus;
  /** The code of the failing (or warning) stage of this box, if any. */
  code?: string;
  /** Each stage of the box with its status. */
  stageStatus: { id: StageId; status: StageStatus }[];
}

/** The six boxes with the status the result gives them. */
export function chainNodes(result: ChainResult): NodeView[] {
  const byId = new Map(result.stages.map((s) => [s.id, s]));
  // Box names in the provider's terms (a GitHub job has no Pod or ServiceAccount).
  const labels = providerLabels(result.provider);
  const names = labels.diagram;
  // The relying cloud's boxes in its own terms when it is not Entra ID (eks-irsa: AWS STS, ...).
  const cloud = labels.cloud;
  const cloudNode = (base: NodeDef): NodeDef => {
    if (!cloud) return base;
    if (base.id === 'entra') return { id: base.id, name: cloud.exchange, role: cloud.trust, stages: base.stages };
    if (base.id === 'mi') return { ...base, name: cloud.token };
    if (base.id === 'resource') return { ...base, name: cloud.resource };
    return base;
  };
  return CHAIN_NODES.map((base) => {
    const node = base.id === 'pod' || base.id === 'sa' || base.id === 'issuer' ? { ...base, name: names[base.id] } : cloudNode(base);
    const stageStatus = node.stages.map((id) => ({ id, status: byId.get(id)?.status ?? ('skipped' as const) }));
    const statuses = stageStatus.map((s) => s.status);
    const failed = node.stages.find((id) => byId.get(id)?.status === 'fail');
    const warned = node.stages.find((id) => byId.get(id)?.status === 'warn');
    let status: NodeStatus;
    if (failed) status = 'fail';
    else if (statuses.every((s) => s === 'skipped')) status = 'skipped';
    else if (statuses.every((s) => s === 'pass')) status = 'pass';
    else if (statuses.every((s) => s === 'pass' || s === 'warn')) status = 'warn';
    else status = 'partial';
    const code = byId.get((failed ?? warned)!)?.code;
    return code ? { ...node, status, code, stageStatus } : { ...node, status, stageStatus };
  });
}

/** "Granted", or "Denied at <stage title> — <code>". */
export function verdictLine(result: ChainResult): string {
  if (result.outcome === 'granted') return 'Granted';
  const stage = result.stages.find((s) => s.id === result.failedStage);
  return `Denied at ${stage?.title ?? result.failedStage ?? 'an unknown stage'}${result.code ? ` — ${result.code}` : ''}`;
}

/** The failing stage, if any. */
export function failedStage(result: ChainResult) {
  return result.stages.find((s) => s.id === result.failedStage);
}

/**
 * The label above a failing stage's `message`, naming who prints it. The engine has no "source" field;
 * it marks a message the app itself sees (the Azure Identity SDK finds no usable configuration, so no
 * request is sent anywhere) with `error: 'CredentialUnavailableError'` and no HTTP status. Otherwise the
 * stage says who answers: the Kubernetes API server (stages 1–2), Entra ID's token endpoint (3–8), or
 * the Azure service that holds the resource (9). For `provider` github-entra there is no Kubernetes:
 * stages 1–2 are the job and azure/login, whose messages are lines of the workflow run's log
 * (other-providers.md §1.2). `provider` (the result's provider id) names the relying cloud from its labels
 * when it is not Entra ID (eks-irsa: "AWS STS" for 3–8, "AWS service" for 9).
 */
export function messageLabel(stage: Pick<StageResult, 'id' | 'error' | 'httpStatus'>, provider?: string): string {
  const cloud = providerLabels(provider).cloud;
  if (!cloud && stage.error === 'CredentialUnavailableError' && stage.httpStatus === undefined) return 'What the app sees (Azure Identity SDK)';
  switch (stage.id) {
    case 'admission':
    case 'projected-token':
      if (provider === 'github-entra') return 'What the workflow run’s log shows';
      return stage.httpStatus === undefined ? 'What Kubernetes reports' : 'What the Kubernetes API server answers';
    case 'authorization':
      return `What the ${cloud?.service ?? 'Azure service'} answers`;
    default:
      return `What ${cloud?.exchange ?? 'Entra ID'} answers`;
  }
}

/**
 * The site path of the error page for `code`, or undefined when the catalogue has no page for it or
 * `provider`'s labels say its codes are not the catalogue's (`errorPages: false`, eks-irsa).
 */
export function errorPageFor(code: string | undefined, provider?: string): string | undefined {
  if (providerLabels(provider).errorPages === false) return undefined;
  return code && ERROR_CATALOGUE[code] ? errorPagePath(code) : undefined;
}

/**
 * The first sentence of `text` as plain text (at most `max` characters, cut at a word with "…").
 * Backticks are removed first, so a cut can never leave half a `code` span behind.
 */
export function firstSentence(text: string | undefined, max = 170): string {
  if (!text) return '';
  const flat = plainText(text).replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(?=\s+[A-Z"“(]|$)/.exec(flat);
  const s = m ? m[1]! : flat;
  if (s.length <= max) return s;
  return `${s.slice(0, s.lastIndexOf(' ', max - 1)).replace(/[,;:]$/, '')}…`;
}

/**
 * Splits a result's `configErrors` into refusals (no `kind`, or `refused`: the write stores nothing) and
 * notes on writes that were accepted (`replaced`: a later credential of the same name overwrote an
 * earlier one; `warning`). Both views list them under different headings.
 */
export function splitConfigErrors(result: Pick<ChainResult, 'configErrors'>): { refused: ConfigError[]; notes: ConfigError[] } {
  const refused = result.configErrors.filter((e) => (e.kind ?? 'refused') === 'refused');
  const notes = result.configErrors.filter((e) => (e.kind ?? 'refused') !== 'refused');
  return { refused, notes };
}
