/**
 * The playground's ServiceAccount and Pod manifests ⇄ world: render and read back (rules in
 * manifestReader.ts's module comment). Pure: never throw, never mutate their input.
 */
import type { World } from '../schema.ts';
import { type ApplyResult, CONTAINER_FIELDS, ENV_FIELDS, ManifestProblem, type Obj, PLACEHOLDER_IMAGE, POD_ROOT_FIELDS, POD_SPEC_FIELDS, type Path, SA_ROOT_FIELDS, checkHeader, checkKnownFields, checkName, formatPath, readMetadata, render, requireMap, requireString, run, typeName } from './manifestReader.ts';

/**
 * The world's ServiceAccount as a Kubernetes manifest (YAML text ending with a newline): `apiVersion: v1`,
 * `kind: ServiceAccount`, `metadata` with `name`, `namespace` and `annotations` (omitted when empty).
 */
export function serviceAccountYaml(world: World): string {
  const sa = world.serviceAccount;
  const metadata: Obj = { name: sa.name, namespace: sa.namespace };
  if (Object.keys(sa.annotations).length) metadata.annotations = { ...sa.annotations };
  return render({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
}

/**
 * Reads an edited ServiceAccount manifest into a copy of `world` (`serviceAccount.name`, `.namespace`,
 * `.annotations`). Returns the first problem with its 1-based line and column when the YAML is invalid,
 * the kind or apiVersion is wrong, `metadata.name` is missing, a name is not a valid Kubernetes name, an
 * annotation value is not a string, or a field is unknown. Never throws.
 */
export function applyServiceAccountYaml(world: World, text: string): ApplyResult {
  return run(text, 'ServiceAccount', (root) => {
    checkHeader(root, 'ServiceAccount');
    checkKnownFields(root, SA_ROOT_FIELDS, [], 'ServiceAccount');
    const meta = readMetadata(root, 'ServiceAccount');
    const next = structuredClone(world);
    next.serviceAccount = { name: meta.name, namespace: meta.namespace, annotations: meta.annotations };
    return next;
  });
}

/**
 * The world's Pod as a Kubernetes manifest (YAML text ending with a newline): `metadata` with `name`,
 * `namespace` (the pod's, else the ServiceAccount's), `labels` and `annotations` (omitted when empty);
 * `spec.serviceAccountName` (the pod's, else the ServiceAccount's name) and `spec.containers[]` with
 * `name`, `image` ({@link PLACEHOLDER_IMAGE}) and `env` as a `name`/`value` list (omitted when empty).
 */
export function podYaml(world: World): string {
  const pod = world.pod;
  const metadata: Obj = { name: pod.name, namespace: pod.namespace ?? world.serviceAccount.namespace };
  if (Object.keys(pod.labels).length) metadata.labels = { ...pod.labels };
  if (Object.keys(pod.annotations).length) metadata.annotations = { ...pod.annotations };
  const containers = pod.containers.map((c) => {
    const out: Obj = { name: c.name, image: PLACEHOLDER_IMAGE };
    const env = Object.entries(c.env).map(([name, value]) => ({ name, value }));
    if (env.length) out.env = env;
    return out;
  });
  return render({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { serviceAccountName: pod.serviceAccountName ?? world.serviceAccount.name, containers },
  });
}

function readContainer(v: unknown, i: number): World['pod']['containers'][number] {
  const path: Path = ['spec', 'containers', i];
  const c = requireMap(v, path, formatPath(path));
  checkKnownFields(c, CONTAINER_FIELDS, path, 'Container');
  if (c.name === undefined || c.name === null || c.name === '') {
    throw new ManifestProblem(`${formatPath([...path, 'name'])} is missing: every container needs a name.`, path);
  }
  const name = requireString(c.name, [...path, 'name'], formatPath([...path, 'name']));
  checkName(name, [...path, 'name'], 'label', 63);
  if (c.image === undefined || c.image === null || c.image === '') {
    throw new ManifestProblem(`${formatPath([...path, 'image'])} is missing: the API server requires an image for every container.`, path);
  }
  requireString(c.image, [...path, 'image'], formatPath([...path, 'image']));
  const env: Record<string, string> = {};
  if (c.env !== undefined && c.env !== null) {
    const envPath: Path = [...path, 'env'];
    if (!Array.isArray(c.env)) {
      throw new ManifestProblem(
        `${formatPath(envPath)} must be a list of "- name: ... / value: ..." items, not ${typeName(c.env)}.`,
        envPath,
      );
    }
    c.env.forEach((item: unknown, j: number) => {
      const itemPath: Path = [...envPath, j];
      const e = requireMap(item, itemPath, formatPath(itemPath));
      checkKnownFields(e, ENV_FIELDS, itemPath, 'EnvVar');
      if (e.name === undefined || e.name === null || e.name === '') {
        throw new ManifestProblem(`${formatPath([...itemPath, 'name'])} is missing: every env entry needs a name.`, itemPath);
      }
      const envName = requireString(e.name, [...itemPath, 'name'], formatPath([...itemPath, 'name']));
      if (e.valueFrom !== undefined) {
        throw new ManifestProblem(
          `${formatPath([...itemPath, 'valueFrom'])}: values from ConfigMaps, Secrets or fields are not simulated; write the value directly with value:.`,
          [...itemPath, 'valueFrom'],
          'key',
        );
      }
      // Kubernetes treats a missing value as the empty string; the last entry of a repeated name wins.
      env[envName] = e.value === undefined || e.value === null ? '' : requireString(e.value, [...itemPath, 'value'], formatPath([...itemPath, 'value']));
    });
  }
  return { name, env };
}

/**
 * Reads an edited Pod manifest into a copy of `world` (`pod.name`, `.namespace`, `.labels`, `.annotations`,
 * `.serviceAccountName`, `.containers[].name/env`, and `.nodeName` when given). Returns the first problem
 * with its 1-based line and column when the YAML is invalid, the kind or apiVersion is wrong,
 * `metadata.name` or `spec.containers` is missing, `env` is not a list of name/value pairs, a value is not a
 * string, a container name repeats, or a field is unknown. Never throws.
 */
export function applyPodYaml(world: World, text: string): ApplyResult {
  return run(text, 'Pod', (root) => {
    checkHeader(root, 'Pod');
    checkKnownFields(root, POD_ROOT_FIELDS, [], 'Pod');
    const meta = readMetadata(root, 'Pod');
    if (root.spec === undefined || root.spec === null) {
      throw new ManifestProblem('spec is missing: a Pod needs spec.containers.', root.spec === null ? ['spec'] : []);
    }
    const spec = requireMap(root.spec, ['spec'], 'spec');
    checkKnownFields(spec, POD_SPEC_FIELDS, ['spec'], 'PodSpec');

    let serviceAccountName = 'default';
    const saField = spec.serviceAccountName ?? spec.serviceAccount;
    if (saField !== undefined && saField !== null && saField !== '') {
      const key = spec.serviceAccountName !== undefined && spec.serviceAccountName !== null ? 'serviceAccountName' : 'serviceAccount';
      serviceAccountName = requireString(saField, ['spec', key], `spec.${key}`);
      checkName(serviceAccountName, ['spec', key], 'subdomain', 253);
    }

    if (spec.containers === undefined || spec.containers === null) {
      throw new ManifestProblem('spec.containers is missing: a Pod needs at least one container.', ['spec'], spec.containers === null ? 'value' : 'key');
    }
    if (!Array.isArray(spec.containers)) {
      throw new ManifestProblem(`spec.containers must be a list of containers ("- name: ..."), not ${typeName(spec.containers)}.`, ['spec', 'containers']);
    }
    if (spec.containers.length === 0) {
      throw new ManifestProblem('spec.containers is empty: a Pod needs at least one container.', ['spec', 'containers']);
    }
    const containers = spec.containers.map((c: unknown, i: number) => readContainer(c, i));
    const seen = new Set<string>();
    containers.forEach((c, i) => {
      if (seen.has(c.name)) {
        throw new ManifestProblem(`spec.containers[${i}].name: Duplicate value ${JSON.stringify(c.name)}: container names must be unique in a Pod.`, [
          'spec',
          'containers',
          i,
          'name',
        ]);
      }
      seen.add(c.name);
    });

    const next = structuredClone(world);
    next.pod = {
      ...next.pod,
      name: meta.name,
      namespace: meta.namespace,
      serviceAccountName,
      labels: meta.labels,
      annotations: meta.annotations,
      containers,
    };
    if (spec.nodeName !== undefined && spec.nodeName !== null) {
      next.pod.nodeName = requireString(spec.nodeName, ['spec', 'nodeName'], 'spec.nodeName');
    }
    return next;
  });
}
