import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../src/engine/defaults.ts';
import {
  applyPodYaml,
  applyServiceAccountYaml,
  PLACEHOLDER_IMAGE,
  podYaml,
  serviceAccountYaml,
  type ApplyResult,
} from '../../src/engine/manifests.ts';
import { WorldSchema } from '../../src/engine/schema.ts';

function ok(r: ApplyResult) {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error.message}`);
  return r.world;
}
function err(r: ApplyResult) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

const SA = (body: string) => `apiVersion: v1\nkind: ServiceAccount\n${body}`;
const POD = (body: string) => `apiVersion: v1\nkind: Pod\n${body}`;
const podWith = (containersYaml: string) =>
  POD(`metadata:\n  name: my-app\n  namespace: dev\nspec:\n  serviceAccountName: my-app-sa\n  containers:\n${containersYaml}`);

describe('serviceAccountYaml', () => {
  it('renders a v1 ServiceAccount with name, namespace and annotations', () => {
    const w = defaultWorld();
    const doc = parse(serviceAccountYaml(w));
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'my-app-sa',
        namespace: 'dev',
        annotations: { 'azure.workload.identity/client-id': w.identity.clientId },
      },
    });
  });

  it('omits empty annotations', () => {
    const w = defaultWorld();
    w.serviceAccount.annotations = {};
    expect(parse(serviceAccountYaml(w)).metadata).toEqual({ name: 'my-app-sa', namespace: 'dev' });
  });
});

describe('podYaml', () => {
  it('renders a v1 Pod with metadata, serviceAccountName and containers with an env list', () => {
    const w = defaultWorld();
    w.pod.containers = [{ name: 'app', env: { AZURE_CLIENT_ID: 'abc', LOG_LEVEL: 'debug' } }];
    const doc = parse(podYaml(w));
    expect(doc.apiVersion).toBe('v1');
    expect(doc.kind).toBe('Pod');
    expect(doc.metadata).toEqual({ name: 'my-app', namespace: 'dev', labels: { 'azure.workload.identity/use': 'true' } });
    expect(doc.spec.serviceAccountName).toBe('my-app-sa');
    expect(doc.spec.containers).toEqual([
      {
        name: 'app',
        image: PLACEHOLDER_IMAGE,
        env: [
          { name: 'AZURE_CLIENT_ID', value: 'abc' },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
      },
    ]);
  });

  it('quotes the "true" label value so it stays a string', () => {
    expect(podYaml(defaultWorld())).toContain('azure.workload.identity/use: "true"');
  });

  it("uses the pod's own namespace and serviceAccountName when the world sets them", () => {
    const w = defaultWorld();
    w.pod.namespace = 'other';
    w.pod.serviceAccountName = 'someone';
    const doc = parse(podYaml(w));
    expect(doc.metadata.namespace).toBe('other');
    expect(doc.spec.serviceAccountName).toBe('someone');
  });
});

describe('round trip', () => {
  it('applying the rendered ServiceAccount gives back the same ServiceAccount', () => {
    const w = defaultWorld();
    const next = ok(applyServiceAccountYaml(w, serviceAccountYaml(w)));
    expect(next.serviceAccount).toEqual(w.serviceAccount);
    expect(next).toEqual(w);
  });

  it('applying the rendered Pod makes namespace and serviceAccountName explicit, and is then stable', () => {
    const w = defaultWorld();
    const next = ok(applyPodYaml(w, podYaml(w)));
    expect(next.pod).toEqual({ ...w.pod, namespace: 'dev', serviceAccountName: 'my-app-sa' });
    expect(podYaml(next)).toBe(podYaml(w));
    expect(WorldSchema.safeParse(next).success).toBe(true);
  });

  it('does not mutate the input world', () => {
    const w = defaultWorld();
    const before = structuredClone(w);
    ok(applyServiceAccountYaml(w, SA('metadata:\n  name: other\n  namespace: prod\n')));
    ok(applyPodYaml(w, podWith('    - name: x\n      image: y\n')));
    expect(w).toEqual(before);
  });
});

describe('applyServiceAccountYaml', () => {
  it('reads name, namespace and annotations', () => {
    const next = ok(
      applyServiceAccountYaml(
        defaultWorld(),
        SA('metadata:\n  name: billing\n  namespace: prod\n  annotations:\n    azure.workload.identity/client-id: "1234"\n'),
      ),
    );
    expect(next.serviceAccount).toEqual({
      name: 'billing',
      namespace: 'prod',
      annotations: { 'azure.workload.identity/client-id': '1234' },
    });
  });

  it('defaults a missing namespace to "default" and missing annotations to none', () => {
    const next = ok(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: my-app-sa\n')));
    expect(next.serviceAccount).toEqual({ name: 'my-app-sa', namespace: 'default', annotations: {} });
  });

  it('reports a YAML syntax error with its line and column', () => {
    const e = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: a\n  name: b\n')));
    expect(e.message).toMatch(/^YAML syntax error: .*unique/);
    expect(e).toMatchObject({ line: 5, column: 3 });
  });

  it('reports an unclosed flow sequence as a syntax error with a position', () => {
    const e = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: [oops\n')));
    expect(e.message).toMatch(/^YAML syntax error/);
    expect(e.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses the wrong kind and points at it', () => {
    const e = err(applyServiceAccountYaml(defaultWorld(), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n'));
    expect(e.message).toBe('kind is "Pod", but this editor expects kind: ServiceAccount.');
    expect(e).toMatchObject({ line: 2, column: 7 });
  });

  it('refuses a missing kind and a wrong apiVersion', () => {
    expect(err(applyServiceAccountYaml(defaultWorld(), 'apiVersion: v1\nmetadata:\n  name: x\n')).message).toMatch(/^kind is missing/);
    const e = err(applyServiceAccountYaml(defaultWorld(), 'apiVersion: apps/v1\nkind: ServiceAccount\nmetadata:\n  name: x\n'));
    expect(e.message).toMatch(/apiVersion is "apps\/v1"/);
    expect(e.line).toBe(1);
  });

  it('refuses a missing metadata.name, pointing at metadata', () => {
    const e = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  namespace: dev\n')));
    expect(e.message).toBe('metadata.name is missing: every ServiceAccount needs a name.');
    expect(e.line).toBe(3);
  });

  it('refuses missing metadata', () => {
    expect(err(applyServiceAccountYaml(defaultWorld(), 'apiVersion: v1\nkind: ServiceAccount\n')).message).toMatch(/^metadata is missing/);
  });

  it('refuses names Kubernetes would refuse', () => {
    const upper = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: My-App\n')));
    expect(upper.message).toMatch(/metadata\.name: Invalid value "My-App".*RFC 1123 subdomain/);
    expect(upper).toMatchObject({ line: 4, column: 9 });
    const ns = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: ok\n  namespace: my.ns\n')));
    expect(ns.message).toMatch(/metadata\.namespace: Invalid value "my\.ns".*RFC 1123 label/);
  });

  it('refuses a non-string annotation value and says to quote it', () => {
    const e = err(
      applyServiceAccountYaml(
        defaultWorld(),
        SA('metadata:\n  name: a\n  annotations:\n    azure.workload.identity/service-account-token-expiration: 3600\n'),
      ),
    );
    expect(e.message).toContain('must be a string, not the number 3600. Quote it: "3600"');
    expect(e.path).toBe('metadata.annotations["azure.workload.identity/service-account-token-expiration"]');
    expect(e.line).toBe(6);
  });

  it('refuses an unknown (misspelt) field and suggests the right one', () => {
    const e = err(applyServiceAccountYaml(defaultWorld(), SA('metadata:\n  name: a\n  annotation:\n    x: "y"\n')));
    expect(e.message).toMatch(/^unknown field "metadata\.annotation" \(did you mean "annotations"\?\)/);
    expect(e).toMatchObject({ line: 5, column: 3 });
  });

  it('refuses several documents, an empty text and a non-mapping', () => {
    expect(err(applyServiceAccountYaml(defaultWorld(), `${SA('metadata:\n  name: a\n')}---\n${SA('metadata:\n  name: b\n')}`)).message).toMatch(
      /one ServiceAccount manifest/,
    );
    expect(err(applyServiceAccountYaml(defaultWorld(), '  \n')).message).toMatch(/^The manifest is empty/);
    expect(err(applyServiceAccountYaml(defaultWorld(), '- a\n- b\n')).message).toMatch(/must be a YAML mapping/);
  });
});

describe('applyPodYaml', () => {
  it('reads metadata, serviceAccountName, containers and env', () => {
    const w = defaultWorld();
    const next = ok(
      applyPodYaml(
        w,
        POD(
          'metadata:\n  name: api\n  namespace: prod\n  labels:\n    azure.workload.identity/use: "true"\n    app: api\n' +
            '  annotations:\n    azure.workload.identity/skip-containers: sidecar\n' +
            'spec:\n  serviceAccountName: api-sa\n  containers:\n    - name: main\n      image: nginx\n      env:\n        - name: A\n          value: "1"\n        - name: B\n' +
            '    - name: sidecar\n      image: busybox\n',
        ),
      ),
    );
    expect(next.pod).toEqual({
      ...w.pod,
      name: 'api',
      namespace: 'prod',
      serviceAccountName: 'api-sa',
      labels: { 'azure.workload.identity/use': 'true', app: 'api' },
      annotations: { 'azure.workload.identity/skip-containers': 'sidecar' },
      containers: [
        { name: 'main', env: { A: '1', B: '' } },
        { name: 'sidecar', env: {} },
      ],
    });
  });

  it('runs as the "default" ServiceAccount when serviceAccountName is absent, and accepts the deprecated alias', () => {
    const base = 'metadata:\n  name: p\nspec:\n';
    const c = '  containers:\n    - name: c\n      image: i\n';
    expect(ok(applyPodYaml(defaultWorld(), POD(base + c))).pod.serviceAccountName).toBe('default');
    expect(ok(applyPodYaml(defaultWorld(), POD(`${base}  serviceAccount: legacy\n${c}`))).pod.serviceAccountName).toBe('legacy');
  });

  it('keeps the world node unless spec.nodeName is given', () => {
    const w = defaultWorld();
    expect(ok(applyPodYaml(w, podWith('    - name: c\n      image: i\n'))).pod.nodeName).toBe(w.pod.nodeName);
    const withNode = POD('metadata:\n  name: p\nspec:\n  nodeName: node-7\n  containers:\n    - name: c\n      image: i\n');
    expect(ok(applyPodYaml(w, withNode)).pod.nodeName).toBe('node-7');
  });

  it('refuses env given as a mapping instead of a list, pointing at env', () => {
    const e = err(applyPodYaml(defaultWorld(), podWith('    - name: app\n      image: i\n      env:\n        FOO: bar\n')));
    expect(e.message).toBe('spec.containers[0].env must be a list of "- name: ... / value: ..." items, not a mapping.');
    expect(e).toMatchObject({ path: 'spec.containers[0].env', line: 12, column: 9 });
  });

  it('refuses a non-string env value and an env entry without a name', () => {
    const num = err(applyPodYaml(defaultWorld(), podWith('    - name: app\n      image: i\n      env:\n        - name: PORT\n          value: 8080\n')));
    expect(num.message).toContain('spec.containers[0].env[0].value must be a string, not the number 8080');
    expect(num.line).toBe(13);
    const noName = err(applyPodYaml(defaultWorld(), podWith('    - name: app\n      image: i\n      env:\n        - value: x\n')));
    expect(noName.message).toMatch(/env\[0\]\.name is missing/);
  });

  it('refuses valueFrom, which is not simulated', () => {
    const e = err(
      applyPodYaml(defaultWorld(), podWith('    - name: app\n      image: i\n      env:\n        - name: X\n          valueFrom:\n            secretKeyRef: {name: s, key: k}\n')),
    );
    expect(e.message).toMatch(/valueFrom: values from ConfigMaps, Secrets or fields are not simulated/);
  });

  it('refuses an unquoted boolean label value', () => {
    const text = podYaml(defaultWorld()).replace('"true"', 'true');
    const e = err(applyPodYaml(defaultWorld(), text));
    expect(e.message).toContain('must be a string, not the boolean true. Quote it: "true"');
    expect(e.line).toBe(7);
  });

  it('refuses a missing spec, missing or empty containers, a container without name or image', () => {
    expect(err(applyPodYaml(defaultWorld(), POD('metadata:\n  name: p\n'))).message).toMatch(/^spec is missing/);
    expect(err(applyPodYaml(defaultWorld(), POD('metadata:\n  name: p\nspec:\n  serviceAccountName: a\n'))).message).toMatch(
      /^spec\.containers is missing/,
    );
    expect(err(applyPodYaml(defaultWorld(), POD('metadata:\n  name: p\nspec:\n  containers: []\n'))).message).toMatch(/^spec\.containers is empty/);
    expect(err(applyPodYaml(defaultWorld(), podWith('    - image: i\n'))).message).toMatch(/containers\[0\]\.name is missing/);
    expect(err(applyPodYaml(defaultWorld(), podWith('    - name: c\n'))).message).toMatch(/containers\[0\]\.image is missing/);
  });

  it('refuses duplicate container names', () => {
    const e = err(applyPodYaml(defaultWorld(), podWith('    - name: c\n      image: i\n    - name: c\n      image: j\n')));
    expect(e.message).toMatch(/spec\.containers\[1\]\.name: Duplicate value "c"/);
    expect(e.line).toBe(11);
  });

  it('refuses the wrong kind, a misspelt spec field and a misspelt container field', () => {
    expect(err(applyPodYaml(defaultWorld(), serviceAccountYaml(defaultWorld()))).message).toBe(
      'kind is "ServiceAccount", but this editor expects kind: Pod.',
    );
    const spec = err(applyPodYaml(defaultWorld(), POD('metadata:\n  name: p\nspec:\n  serviceAcountName: x\n  containers: []\n')));
    expect(spec.message).toMatch(/^unknown field "spec\.serviceAcountName" \(did you mean "serviceAccountName"\?\)/);
    expect(spec).toMatchObject({ line: 6, column: 3 });
    const c = err(applyPodYaml(defaultWorld(), podWith('    - name: c\n      image: i\n      envs: []\n')));
    expect(c.message).toMatch(/^unknown field "spec\.containers\[0\]\.envs" \(did you mean "env"\?\)/);
  });

  it('refuses a missing metadata.name', () => {
    const e = err(applyPodYaml(defaultWorld(), POD('metadata:\n  labels: {}\nspec:\n  containers: []\n')));
    expect(e.message).toBe('metadata.name is missing: every Pod needs a name.');
  });
});
