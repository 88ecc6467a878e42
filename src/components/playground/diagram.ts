/**
 * The chain diagram as data: which stages belong to which node, the animation frames after a run, the
 * node statuses in a frame, and the Mermaid flowchart text. Pure (no DOM, no Mermaid import) so it is
 * unit-tested; `Diagram.tsx` renders it.
 *
 * Every piece of text that reaches Mermaid goes through {@link sanitizeLabel}: only letters, digits and a
 * few punctuation marks survive, so nothing typed in an editor can inject Mermaid syntax or HTML.
 */
import { STAGE_IDS, type StageId } from '../../engine/schema.ts';
import type { ChainResult, StageStatus } from '../../engine/types.ts';
import { CHAIN_NODES, SHORT_STAGE_NAMES, type NodeDef, type NodeId } from '../chainNodes.ts';
import { providerLabels } from '../../engine/providers/labels.ts';

export { SHORT_STAGE_NAMES, type NodeDef, type NodeId };

/** A stage's status as shown while animating: the engine's status, or `waiting` / `checking`. */
export type ShownStatus = StageStatus | 'waiting' | 'checking';

/** A node's status: a stage status, or `partial` (some of its stages done, others waiting or skipped). */
export type NodeStatus = ShownStatus | 'partial';

/** Nodes in chain order, each with the stages that check it. */
export const NODES: readonly NodeDef[] = CHAIN_NODES;

/** Symbol and word for each status: the diagram never relies on colour alone. */
export const STATUS_TEXT: Record<NodeStatus, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'passed' },
  warn: { symbol: '⚠', word: 'passed with a warning' },
  fail: { symbol: '✗', word: 'failed' },
  skipped: { symbol: '–', word: 'skipped' },
  waiting: { symbol: '○', word: 'waiting' },
  checking: { symbol: '…', word: 'checking' },
  partial: { symbol: '◐', word: 'partly checked' },
};

/** One frame of the animation: the status shown for every stage. */
export type Frame = Record<StageId, ShownStatus>;

/**
 * The nodes for `result`'s provider: the first three boxes carry the provider's own names
 * (providers/<id>/labels.ts: "Workflow job", "GitHub ID token", "GitHub OIDC issuer" for GitHub).
 */
export function nodesFor(result: Pick<ChainResult, 'provider'>): NodeDef[] {
  const names = providerLabels(result.provider).diagram;
  return NODES.map((n) => (n.id === 'pod' || n.id === 'sa' || n.id === 'issuer' ? { ...n, name: names[n.id] } : n));
}

/** The first group's title: the cluster, or the CI system that issues the token (GitHub Actions). */
export function issuerGroupTitle(result: Pick<ChainResult, 'provider'>): string {
  const l = providerLabels(result.provider);
  return l.id === 'github-entra' ? l.short : l.id === 'aks-entra' ? 'Kubernetes cluster' : `Kubernetes cluster (${l.short})`;
}

/** The final frame: every stage with its real status. */
export function finalFrame(result: ChainResult): Frame {
  const frame = {} as Frame;
  for (const id of STAGE_IDS) frame[id] = result.stages.find((s) => s.id === id)?.status ?? 'skipped';
  return frame;
}

/**
 * The animation after a run: all stages waiting, then each stage in contract order first `checking`, then
 * its result; after a failure, the remaining stages turn `skipped` together. The last frame equals
 * {@link finalFrame}.
 */
export function animationFrames(result: ChainResult): Frame[] {
  const final = finalFrame(result);
  const frames: Frame[] = [];
  const current = {} as Frame;
  for (const id of STAGE_IDS) current[id] = 'waiting';
  frames.push({ ...current });
  for (let i = 0; i < STAGE_IDS.length; i++) {
    const id = STAGE_IDS[i]!;
    if (final[id] === 'skipped') {
      for (const rest of STAGE_IDS.slice(i)) current[rest] = final[rest];
      frames.push({ ...current });
      break;
    }
    current[id] = 'checking';
    frames.push({ ...current });
    current[id] = final[id];
    frames.push({ ...current });
  }
  return frames;
}

/** A node's status in a frame, and the code of its failing stage. */
export function nodeStatus(node: NodeDef, frame: Frame, result: ChainResult): { status: NodeStatus; code?: string } {
  const statuses = node.stages.map((s) => frame[s]);
  const failed = node.stages.find((s) => frame[s] === 'fail');
  if (failed) {
    const code = result.stages.find((s) => s.id === failed)?.code;
    return code ? { status: 'fail', code } : { status: 'fail' };
  }
  if (statuses.includes('checking')) return { status: 'checking' };
  if (statuses.every((s) => s === 'waiting')) return { status: 'waiting' };
  if (statuses.every((s) => s === 'skipped')) return { status: 'skipped' };
  if (statuses.every((s) => s === 'pass')) return { status: 'pass' };
  if (statuses.every((s) => s === 'pass' || s === 'warn')) return { status: 'warn' };
  return { status: 'partial' };
}

/**
 * Keeps only characters that are inert in a quoted Mermaid label and in HTML: letters, digits, space and
 * `. _ : / @ -`. Everything else (quotes, brackets, `<`, `&`, `#`, `;`, `|`, newlines...) becomes a space;
 * the result is trimmed to `max` characters.
 */
export function sanitizeLabel(text: string, max = 40): string {
  const clean = text
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9 ._:/@-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A short detail for a node from the world (pod name, namespace/ServiceAccount, ...), sanitized. */
export function nodeDetail(node: NodeId, result: ChainResult): string {
  const w = result.world;
  const gh = (w as unknown as { github?: { owner: string; repo: string; workflowFile: string; environment?: string; ref: string } }).github;
  if (gh && (node === 'pod' || node === 'sa')) {
    // GitHub: the job's workflow file, and what its token's subject is built from.
    return node === 'pod' ? sanitizeLabel(`${gh.repo}/${gh.workflowFile}`, 28) : sanitizeLabel(gh.environment !== undefined ? `environment ${gh.environment}` : gh.ref, 28);
  }
  switch (node) {
    case 'pod':
      return sanitizeLabel(w.pod.name, 28);
    case 'sa':
      return sanitizeLabel(`${w.serviceAccount.namespace}/${w.serviceAccount.name}`, 28);
    case 'issuer': {
      try {
        return sanitizeLabel(new URL(result.artifacts.issuer).host, 30);
      } catch {
        return sanitizeLabel(result.artifacts.issuer, 30);
      }
    }
    case 'entra':
      return 'federated credential';
    case 'mi':
      return sanitizeLabel(w.identity.name, 28);
    case 'resource': {
      const last = w.resource.id.split('/').filter(Boolean).pop() ?? '';
      const secret = w.resource.kind === 'key-vault-secret' && w.resource.secret ? `/${w.resource.secret}` : '';
      return sanitizeLabel(`${last}${secret}`, 30);
    }
  }
}

/** The status line of a node, e.g. "✗ AADSTS700213" or "✓ passed". Sanitized. */
export function statusLine(status: NodeStatus, code?: string): string {
  const t = STATUS_TEXT[status];
  // A no-break space keeps the symbol on the same line as its word.
  if (status === 'fail' && code) return `${t.symbol}\u00a0${sanitizeLabel(code, 32)}`;
  return `${t.symbol}\u00a0${t.word}`;
}

/** The per-stage line of a multi-stage node, e.g. "client ✓ · match ✗ · lifetime –". */
export function stagesLine(node: NodeDef, frame: Frame): string {
  return node.stages.map((s) => `${SHORT_STAGE_NAMES[s]} ${STATUS_TEXT[frame[s]].symbol}`).join(' · ');
}

export interface DiagramOptions {
  /** `LR` (wide screens) or `TB` (narrow). */
  direction: 'LR' | 'TB';
  /**
   * Font size of the labels in CSS pixels, before the SVG is scaled to its box (default: the site's
   * Mermaid setting, 14 px). The presenter view draws larger type so that it reads from a distance.
   */
  fontSize?: number | undefined;
  /** Width in CSS pixels at which a label wraps (default: Mermaid's). Goes with a larger `fontSize`. */
  wrapWidth?: number | undefined;
  /**
   * The per-stage line of a node with several stages ("client ✓ · match ✗ · lifetime –"): in `<small>`
   * type (default), or left out (`none`: the presenter view, whose stage list beside the diagram shows
   * every stage, and where no text may be small).
   */
  stagesLine?: 'small' | 'none' | undefined;
}

/** Mermaid class names per node status (styled by `classDef` lines in the definition). */
const CLASS: Record<NodeStatus, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  skipped: 'skipped',
  waiting: 'waiting',
  checking: 'checking',
  partial: 'partial',
};

/** Colours of the node classes, per colour scheme: fill, stroke, text. */
export interface DiagramPalette {
  pass: [string, string, string];
  warn: [string, string, string];
  fail: [string, string, string];
  skipped: [string, string, string];
  waiting: [string, string, string];
  checking: [string, string, string];
  partial: [string, string, string];
  edge: string;
  edgeIdle: string;
  /** The two group boxes (Kubernetes, Azure): fill, stroke, title colour. */
  group: [string, string, string];
  /** Background of edge labels, and default text colour. */
  labelBg: string;
  text: string;
}

export const LIGHT_PALETTE: DiagramPalette = {
  pass: ['#e6f4ea', '#1a7f37', '#0f3d1c'],
  warn: ['#fff5db', '#8a5a00', '#4a3000'],
  fail: ['#fdecec', '#c0262d', '#6b0f13'],
  skipped: ['#f1f3f6', '#8c959f', '#3d444d'],
  waiting: ['#ffffff', '#b4bcc6', '#3d444d'],
  checking: ['#e8eefc', '#1d4ed8', '#102a74'],
  partial: ['#f3f6ff', '#5b7bd5', '#1d2b55'],
  edge: '#57606a',
  edgeIdle: '#b4bcc6',
  group: ['#f7f8fa', '#d6dbe1', '#3d444d'],
  labelBg: '#ffffff',
  text: '#1b1f24',
};

export const DARK_PALETTE: DiagramPalette = {
  pass: ['#12261a', '#56d364', '#d5f5dc'],
  warn: ['#2a2110', '#e3b341', '#fbe7b5'],
  fail: ['#2d1517', '#ff8b85', '#ffd9d6'],
  skipped: ['#1c222b', '#5d6670', '#c9d1d9'],
  waiting: ['#161b22', '#434d5a', '#c9d1d9'],
  checking: ['#1a2640', '#7aa7ff', '#dbe6ff'],
  partial: ['#18213a', '#5b7bd5', '#dbe6ff'],
  edge: '#9ba5b3',
  edgeIdle: '#434d5a',
  group: ['#11161d', '#2d3540', '#c9d1d9'],
  labelBg: '#161b22',
  text: '#e6e9ee',
};

/**
 * The Mermaid flowchart for one frame: two groups (Kubernetes cluster: Pod, ServiceAccount, OIDC issuer;
 * Entra ID and Azure: Entra ID, managed identity, resource), each node with its name, a detail from the
 * world, its status and, for nodes with several stages, a symbol per stage. Edges are solid once the
 * chain has reached their target. `direction` LR lays each group out in a row (wide screens), TB in a
 * column. Every dynamic string is sanitized.
 */
export function mermaidDefinition(result: ChainResult, frame: Frame, palette: DiagramPalette, opts: DiagramOptions): string {
  const inner = opts.direction === 'LR' ? 'LR' : 'TB';
  const lines: string[] = [
    '---',
    'config:',
    '  flowchart:',
    '    nodeSpacing: 28',
    '    rankSpacing: 36',
    '    padding: 12',
    ...(opts.wrapWidth ? [`    wrappingWidth: ${Math.round(opts.wrapWidth)}`] : []),
    '  themeVariables:',
    `    edgeLabelBackground: "${palette.labelBg}"`,
    `    lineColor: "${palette.edge}"`,
    `    primaryTextColor: "${palette.text}"`,
    `    textColor: "${palette.text}"`,
    `    nodeTextColor: "${palette.text}"`,
    `    secondaryTextColor: "${palette.text}"`,
    `    tertiaryTextColor: "${palette.text}"`,
    `    titleColor: "${palette.group[2]}"`,
    ...(opts.fontSize ? [`    fontSize: "${Math.round(opts.fontSize)}px"`] : []),
    '---',
    'flowchart TB',
  ];
  const statuses: NodeStatus[] = [];
  const nodeLine = (node: NodeDef) => {
    const { status, code } = nodeStatus(node, frame, result);
    statuses.push(status);
    const parts = [`<b>${node.name}</b>`, nodeDetail(node.id, result), statusLine(status, code)];
    if (node.stages.length > 1 && opts.stagesLine !== 'none') parts.push(`<small>${stagesLine(node, frame)}</small>`);
    return `    ${node.id}["${parts.filter(Boolean).join('<br/>')}"]`;
  };
  // Two groups, Kubernetes above Azure; each reads left to right on wide screens.
  const nodes = nodesFor(result);
  lines.push(`  subgraph k8s ["${sanitizeLabel(issuerGroupTitle(result), 48)}"]`, `    direction ${inner}`);
  for (const node of nodes.slice(0, 3)) lines.push(nodeLine(node));
  lines.push('    pod --> sa --> issuer', '  end');
  lines.push('  subgraph azure ["Microsoft Entra ID and Azure"]', `    direction ${inner}`);
  for (const node of nodes.slice(3)) lines.push(nodeLine(node));
  lines.push('    entra --> mi --> resource', '  end');
  // Subgraph to subgraph (a node-to-outside edge would make Mermaid ignore the groups' direction).
  lines.push('  k8s -- "token as client assertion" --> azure');
  for (const [status, cls] of Object.entries(CLASS) as [NodeStatus, string][]) {
    const [fill, stroke, color] = palette[status];
    const dash = status === 'skipped' || status === 'waiting' ? ',stroke-dasharray:5 4' : '';
    const width = status === 'fail' || status === 'checking' ? '3px' : '1.5px';
    lines.push(`  classDef ${cls} fill:${fill},stroke:${stroke},color:${color},stroke-width:${width}${dash}`);
  }
  NODES.forEach((node, i) => lines.push(`  class ${node.id} ${CLASS[statuses[i]!]}`));
  lines.push(`  style k8s fill:${palette.group[0]},stroke:${palette.group[1]},color:${palette.group[2]}`);
  lines.push(`  style azure fill:${palette.group[0]},stroke:${palette.group[1]},color:${palette.group[2]}`);
  // Edges in definition order: pod→sa, sa→issuer, entra→mi, mi→resource, k8s→azure. An edge is drawn
  // solid once the chain has reached its target (anything but waiting/skipped).
  const idx = (id: NodeId) => NODES.findIndex((n) => n.id === id);
  const edges: [number, NodeId][] = [
    [0, 'sa'],
    [1, 'issuer'],
    [2, 'mi'],
    [3, 'resource'],
    [4, 'entra'],
  ];
  for (const [i, target] of edges) {
    const t = statuses[idx(target)]!;
    const reached = t !== 'waiting' && t !== 'skipped';
    lines.push(
      reached
        ? `  linkStyle ${i} stroke:${palette.edge},stroke-width:2px`
        : `  linkStyle ${i} stroke:${palette.edgeIdle},stroke-width:1.5px,stroke-dasharray:4 4`,
    );
  }
  return lines.join('\n');
}

/** One sentence per node for screen readers and the text version of the diagram (final state). */
export function describeNodes(result: ChainResult): { node: NodeDef; status: NodeStatus; code?: string; text: string }[] {
  const frame = finalFrame(result);
  return nodesFor(result).map((node) => {
    const { status, code } = nodeStatus(node, frame, result);
    const detail = nodeDetail(node.id, result);
    const stages = node.stages
      .map((s) => `${result.stages.find((r) => r.id === s)?.title ?? s}: ${STATUS_TEXT[frame[s]].word}`)
      .join('; ');
    const head = `${node.name}${node.role ? ` (${node.role})` : ''}${detail && node.id !== 'entra' ? `, ${detail}` : ''}`;
    const verdict = status === 'fail' && code ? `failed with ${code}` : STATUS_TEXT[status].word;
    return { node, status, ...(code ? { code } : {}), text: `${head}: ${verdict}. ${stages}.` };
  });
}
