/**
 * Kubernetes manifests ⇄ world: the playground's ServiceAccount and Pod editors.
 *
 * `serviceAccountYaml(world)` / `podYaml(world)` render the parts of the world a user would write in a
 * manifest. `applyServiceAccountYaml(world, text)` / `applyPodYaml(world, text)` read an edited manifest
 * back into a copy of the world, or return a readable error with the line and column (1-based) of the
 * problem when it is known. Pure functions: they never throw and never mutate their input.
 *
 * What the manifests model, and the Kubernetes rules applied when reading them back:
 * - `apiVersion: v1` and the right `kind` are required; a YAML stream with several documents is refused.
 * - `metadata.name` is required; names follow the API server's validation (ServiceAccount and Pod names
 *   are RFC 1123 subdomains, namespaces and container names RFC 1123 labels).
 * - A missing `metadata.namespace` means `default`, the namespace `kubectl apply` uses with a default
 *   context. A Pod without `spec.serviceAccountName` (or its deprecated alias `spec.serviceAccount`) runs
 *   as the ServiceAccount named `default`, as the ServiceAccount admission controller assigns it.
 * - Label and annotation values and env values must be strings: the API server refuses an unquoted
 *   `true` or `3600` ("cannot unmarshal bool into ... of type string").
 * - Unknown fields are errors, as with kubectl's strict field validation (the default since 1.27):
 *   a misspelt `annotation:` is refused instead of silently ignored.
 * - Container images are not part of the simulated world: they are written as a placeholder, must be a
 *   non-empty string when read back, and are otherwise ignored. The same holds for fields the simulator does
 *   not model (ServiceAccount labels, volumes, ...): accepted, not simulated.
 * - `spec.nodeName` is optional; when absent, the world's node (the one the scheduler picked) is kept.
 */
import { findStraySpace } from '../yamlSpaces.ts';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { World } from '../schema.ts';

/** Where and what: `line` and `column` are 1-based positions in the edited text, when known. */
export interface ManifestError {
  message: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending field in the manifest, e.g. `spec.containers[0].env[1].value`. */
  path?: string;
}

/** Result of reading a manifest back: the updated world (a copy), or the first problem found. */
export type ApplyResult = { ok: true; world: World } | { ok: false; error: ManifestError };

/** The image written for every container (the world does not model images). */
export const PLACEHOLDER_IMAGE = 'mcr.microsoft.com/azure-cli:latest';

export const SA_ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'];
export const POD_ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
export const METADATA_FIELDS = [
  'name',
  'namespace',
  'labels',
  'annotations',
  'generateName',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];
export const POD_SPEC_FIELDS = [
  'activeDeadlineSeconds',
  'affinity',
  'automountServiceAccountToken',
  'containers',
  'dnsConfig',
  'dnsPolicy',
  'enableServiceLinks',
  'ephemeralContainers',
  'hostAliases',
  'hostIPC',
  'hostNetwork',
  'hostPID',
  'hostUsers',
  'hostname',
  'imagePullSecrets',
  'initContainers',
  'nodeName',
  'nodeSelector',
  'os',
  'overhead',
  'preemptionPolicy',
  'priority',
  'priorityClassName',
  'readinessGates',
  'resourceClaims',
  'resources',
  'restartPolicy',
  'runtimeClassName',
  'schedulerName',
  'schedulingGates',
  'securityContext',
  'serviceAccount',
  'serviceAccountName',
  'setHostnameAsFQDN',
  'shareProcessNamespace',
  'subdomain',
  'terminationGracePeriodSeconds',
  'tolerations',
  'topologySpreadConstraints',
  'volumes',
];
export const CONTAINER_FIELDS = [
  'args',
  'command',
  'env',
  'envFrom',
  'image',
  'imagePullPolicy',
  'lifecycle',
  'livenessProbe',
  'name',
  'ports',
  'readinessProbe',
  'resizePolicy',
  'resources',
  'restartPolicy',
  'securityContext',
  'startupProbe',
  'stdin',
  'stdinOnce',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'tty',
  'volumeDevices',
  'volumeMounts',
  'workingDir',
];
export const ENV_FIELDS = ['name', 'value', 'valueFrom'];

/** RFC 1123 label: what Kubernetes requires of namespaces and container names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: what Kubernetes requires of ServiceAccount and Pod names. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export type Path = (string | number)[];

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Thrown internally to stop at the first problem; never escapes this module. */
export class ManifestProblem extends Error {
  constructor(
    message: string,
    readonly path: Path,
    readonly at: 'key' | 'value' = 'value',
  ) {
    super(message);
  }
}

/** Finds the YAML node at `path` (or the deepest existing ancestor) and returns its start offset. */
export function offsetOf(doc: Document, path: Path, at: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      const keyNode = pair.key as YamlNode;
      const valueNode = pair.value as YamlNode | null;
      if (last && at === 'key') return keyNode.range?.[0] ?? best;
      best = valueNode?.range?.[0] ?? keyNode.range?.[0] ?? best;
      // A key with an empty value: point at the key.
      if (!valueNode) best = keyNode.range?.[0] ?? best;
      node = valueNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

export function toError(problem: ManifestProblem, doc: Document, lines: LineCounter): ManifestError {
  const offset = offsetOf(doc, problem.path, problem.at);
  const path = problem.path.length ? formatPath(problem.path) : undefined;
  const error: ManifestError = { message: problem.message };
  if (path) error.path = path;
  if (offset !== undefined) {
    const pos = lines.linePos(offset);
    error.line = pos.line;
    error.column = pos.col;
  }
  return error;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v === 'boolean' ? 'the boolean' : 'the number'} ${String(v)}`;
}

export function requireMap(v: unknown, path: Path, what: string): Obj {
  if (!isObj(v)) throw new ManifestProblem(`${what} must be a mapping (key: value lines), not ${typeName(v)}.`, path);
  return v;
}

export function checkKnownFields(obj: Obj, allowed: string[], path: Path, kind: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      const where = formatPath([...path, key]);
      const hint = suggest(key, allowed);
      throw new ManifestProblem(
        `unknown field "${where}"${hint ? ` (did you mean "${hint}"?)` : ''}: ${kind} has no such field, and kubectl's strict field validation refuses it.`,
        [...path, key],
        'key',
      );
    }
  }
}

/** The allowed name closest to `key` (edit distance ≤ 2, or same letters ignoring case/plural). */
export function suggest(key: string, allowed: string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = distance(k, a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

export function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function requireString(v: unknown, path: Path, what: string): string {
  if (typeof v !== 'string') {
    const quoteHint =
      typeof v === 'boolean' || typeof v === 'number' ? ` Quote it: "${String(v)}" (YAML reads an unquoted ${String(v)} as a ${typeof v}).` : '';
    throw new ManifestProblem(`${what} must be a string, not ${typeName(v)}.${quoteHint}`, path);
  }
  return v;
}

export function checkName(value: string, path: Path, rule: 'label' | 'subdomain', max: number): void {
  const re = rule === 'label' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (value.length > max || !re.test(value)) {
    const what =
      rule === 'label'
        ? `a lowercase RFC 1123 label (at most ${max} characters: a-z, 0-9 and "-", starting and ending with a letter or digit)`
        : `a lowercase RFC 1123 subdomain (at most ${max} characters: a-z, 0-9, "-" and ".", starting and ending with a letter or digit)`;
    throw new ManifestProblem(`${formatPath(path)}: Invalid value ${JSON.stringify(value)}: must be ${what}.`, path);
  }
}

export function readStringMap(v: unknown, path: Path, what: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  const obj = requireMap(v, path, what);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj)) {
    out[k] = requireString(val, [...path, k], `${formatPath([...path, k])}`);
  }
  return out;
}

export interface Parsed {
  doc: Document;
  lines: LineCounter;
  root: Obj;
}

/** Parses one YAML document; returns the first syntax error with its position. */
export function parseManifest(text: string, kind: 'ServiceAccount' | 'Pod'): { ok: true; parsed: Parsed } | { ok: false; error: ManifestError } {
  const stray = findStraySpace(text);
  if (stray) return { ok: false, error: { message: stray.message, line: stray.line, column: stray.column } };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = /multiple documents/i.test(reason)
      ? `This editor holds one ${kind} manifest; remove the extra "---" document.`
      : `YAML syntax error: ${reason}`;
    return { ok: false, error: { message, line: pos.line, column: pos.col } };
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return { ok: false, error: { message: `The manifest is empty. Write a ${kind} (apiVersion, kind, metadata${kind === 'Pod' ? ', spec' : ''}).` } };
  }
  let root: unknown;
  try {
    // Aliases are resolved here: an alias without its anchor, or an alias bomb, throws.
    root = doc.toJS({ maxAliasCount: 50 }) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ok: false, error: { message: `YAML alias error: ${reason}. Write the values out instead of using anchors and aliases.`, line: 1, column: 1 } };
  }
  if (!isObj(root)) {
    return {
      ok: false,
      error: { message: `A manifest must be a YAML mapping (apiVersion, kind, metadata, ...), not ${typeName(root)}.`, line: 1, column: 1 },
    };
  }
  return { ok: true, parsed: { doc, lines, root } };
}

export function checkHeader(root: Obj, kind: 'ServiceAccount' | 'Pod'): void {
  if (root.kind === undefined) throw new ManifestProblem(`kind is missing: this editor expects kind: ${kind}.`, []);
  if (root.kind !== kind) {
    throw new ManifestProblem(`kind is ${JSON.stringify(root.kind)}, but this editor expects kind: ${kind}.`, ['kind']);
  }
  if (root.apiVersion === undefined) throw new ManifestProblem(`apiVersion is missing: a ${kind} is apiVersion: v1.`, []);
  if (root.apiVersion !== 'v1') {
    throw new ManifestProblem(`apiVersion is ${JSON.stringify(root.apiVersion)}, but a ${kind} is apiVersion: v1.`, ['apiVersion']);
  }
}

export interface Meta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function readMetadata(root: Obj, kind: string): Meta {
  if (root.metadata === undefined || root.metadata === null) {
    throw new ManifestProblem(`metadata is missing: a ${kind} needs at least metadata.name.`, root.metadata === null ? ['metadata'] : []);
  }
  const meta = requireMap(root.metadata, ['metadata'], 'metadata');
  checkKnownFields(meta, METADATA_FIELDS, ['metadata'], 'ObjectMeta');
  if (meta.name === undefined || meta.name === null || meta.name === '') {
    throw new ManifestProblem(`metadata.name is missing: every ${kind} needs a name.`, ['metadata'], 'key');
  }
  const name = requireString(meta.name, ['metadata', 'name'], 'metadata.name');
  checkName(name, ['metadata', 'name'], 'subdomain', 253);
  let namespace = 'default';
  if (meta.namespace !== undefined && meta.namespace !== null) {
    namespace = requireString(meta.namespace, ['metadata', 'namespace'], 'metadata.namespace');
    checkName(namespace, ['metadata', 'namespace'], 'label', 63);
  }
  return {
    name,
    namespace,
    labels: readStringMap(meta.labels, ['metadata', 'labels'], 'metadata.labels'),
    annotations: readStringMap(meta.annotations, ['metadata', 'annotations'], 'metadata.annotations'),
  };
}

export function run(text: string, kind: 'ServiceAccount' | 'Pod', apply: (root: Obj) => World): ApplyResult {
  const p = parseManifest(text, kind);
  if (!p.ok) return p;
  try {
    return { ok: true, world: apply(p.parsed.root) };
  } catch (err) {
    if (err instanceof ManifestProblem) return { ok: false, error: toError(err, p.parsed.doc, p.parsed.lines) };
    return { ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
  }
}

export function render(obj: unknown): string {
  const doc = new Document(obj);
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
