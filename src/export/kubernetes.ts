/**
 * Kubernetes export: the ServiceAccount and the Pod as the world has them (labels, annotations, env, a
 * hand-written projected token volume), failing lines included, as one multi-document YAML file.
 *
 * Names from the Azure Workload Identity docs (https://azure.github.io/azure-workload-identity/docs/):
 * ServiceAccount annotations `azure.workload.identity/client-id`, `azure.workload.identity/tenant-id`,
 * `azure.workload.identity/service-account-token-expiration`; pod label `azure.workload.identity/use`.
 * Object shapes: Kubernetes API reference v1 ServiceAccount and Pod (projected volume
 * `serviceAccountToken: {audience, expirationSeconds, path}`),
 * https://kubernetes.io/docs/reference/kubernetes-api/. Helm install of the webhook (non-AKS clusters):
 * https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html
 */
import type { ChainResult } from '../engine/types.ts';
import type { HandWrittenTokenVolume } from '../engine/providers/cluster-common/schema.ts';
import { findingsFor, headerLines, type Finding, type Findings, type Target } from './findings.ts';
import { ENTRA_AUDIENCE, oneLine, PLACEHOLDERS, type ExportFile } from './model.ts';

/** A YAML double-quoted scalar (JSON string syntax is valid YAML 1.2). */
const q = (s: string) => JSON.stringify(s);

const CLIENT_ID = 'azure.workload.identity/client-id';
const TENANT_ID = 'azure.workload.identity/tenant-id';
const USE = 'azure.workload.identity/use';
const EXPIRATION = 'azure.workload.identity/service-account-token-expiration';

function marks(list: Finding[], fix: (v: string) => string, indent: string): string[] {
  return list.flatMap((x) => [`${indent}# ✗ breaks the chain: ${oneLine(x.why)}`, ...(x.fixed !== undefined ? [`${indent}# fixed: ${oneLine(fix(x.fixed))}`] : [])]);
}

/**
 * A string map under `key:`, each entry `k: "v"`; findings for an entry go above it, and for a missing
 * entry they stand in its place (as comments).
 */
function map(key: string, m: Record<string, string>, indent: string, bad: Record<string, Finding[]>): string[] {
  const inner = `${indent}  `;
  const keys = Object.keys(m);
  const out: string[] = [];
  // A missing entry: its mark and fixed line stand right above the map.
  for (const [k, list] of Object.entries(bad)) if (!(k in m)) out.push(...marks(list, (v) => `${key}: ${q(k)}: ${q(v)}`, indent));
  out.push(keys.length > 0 ? `${indent}${key}:` : `${indent}${key}: {}`);
  for (const k of keys) out.push(...marks(bad[k] ?? [], (v) => `${q(k)}: ${q(v)}`, inner), `${inner}${q(k)}: ${q(m[k]!)}`);
  return out;
}

/**
 * The projected token volume the pod's manifest carries: the hand-written one of a non-AKS world, or, on
 * AKS, one implied by a token audience other than api://AzureADTokenExchange (the webhook's volume always
 * requests that audience, so another one means the team wrote its own volume; scenario
 * token-audience-is-api-server). Undefined when the webhook's volume is the only one.
 */
export function tokenVolumeOf(result: ChainResult): HandWrittenTokenVolume | undefined {
  const w = result.world;
  const own = (w.pod as { handWrittenTokenVolume?: HandWrittenTokenVolume } | undefined)?.handWrittenTokenVolume;
  if (own) return own;
  if (result.provider === 'aks-entra' && w.token && w.token.audience !== ENTRA_AUDIENCE) {
    return { audience: w.token.audience, path: '/var/run/secrets/tokens/app-token', expirationSeconds: w.token.expirationSeconds };
  }
  return undefined;
}

/** Target kinds this file places on a line (token.audience only when the pod has a hand-written volume). */
export const K8S_PLACES: readonly Target['kind'][] = ['sa.client-id', 'sa.tenant-id', 'env.client-id', 'pod.use-label', 'pod.service-account', 'expiration-annotation', 'webhook', 'token.audience'];

/** The ServiceAccount and Pod manifests for a chain result's world (cluster providers only). */
export function exportKubernetes(result: ChainResult, f: Findings, title: string): ExportFile {
  const w = result.world;
  const vol = tokenVolumeOf(result);
  const isAks = result.provider === 'aks-entra';
  const tokenFileSet = (w.pod?.containers?.[0]?.env ?? {})['AZURE_FEDERATED_TOKEN_FILE'] !== undefined;
  const places = K8S_PLACES.filter((k) => (k !== 'token.audience' || vol || tokenFileSet) && (k !== 'webhook' || !isAks));
  const out: string[] = [`# Workload Identity Lab export (Kubernetes manifests): ${title}`];
  for (const l of headerLines(result, f, places)) out.push(`# ${oneLine(l)}`);
  out.push(`# Placeholder: ${PLACEHOLDERS.image} is your container image. Apply with: kubectl apply -f workload.yaml`);
  if (!isAks) {
    const hook = findingsFor(f, 'webhook');
    out.push('# This cluster needs the Azure Workload Identity webhook from its Helm chart (AKS has it as an add-on):');
    out.push(...marks(hook, () => 'install it as below', ''));
    out.push(
      `#   ${w.cluster.workloadIdentityWebhook.installed ? '' : '(not installed in this world) '}helm repo add azure-workload-identity https://azure.github.io/azure-workload-identity/charts`,
      `#   helm install workload-identity-webhook azure-workload-identity/workload-identity-webhook --namespace azure-workload-identity-system --create-namespace --set azureTenantID=${q(w.identity.tenantId)}`,
    );
  }
  const sa = w.serviceAccount;
  const saBad: Record<string, Finding[]> = {};
  const add = (rec: Record<string, Finding[]>, k: string, list: Finding[]) => {
    if (list.length > 0) rec[k] = [...(rec[k] ?? []), ...list];
  };
  add(saBad, CLIENT_ID, findingsFor(f, 'sa.client-id'));
  add(saBad, TENANT_ID, findingsFor(f, 'sa.tenant-id'));
  if (sa.annotations[EXPIRATION] !== undefined) add(saBad, EXPIRATION, findingsFor(f, 'expiration-annotation'));
  out.push('---', 'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${q(sa.name)}`, `  namespace: ${q(sa.namespace)}`);
  out.push(...map('annotations', sa.annotations, '  ', saBad));

  const pod = w.pod;
  const podBad: Record<string, Finding[]> = {};
  add(podBad, USE, findingsFor(f, 'pod.use-label'));
  const annBad: Record<string, Finding[]> = {};
  if (sa.annotations[EXPIRATION] === undefined) add(annBad, EXPIRATION, findingsFor(f, 'expiration-annotation'));
  out.push('---', 'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${q(pod.name)}`, `  namespace: ${q(pod.namespace ?? sa.namespace)}`);
  out.push(...map('labels', pod.labels, '  ', podBad));
  out.push(...map('annotations', pod.annotations, '  ', annBad));
  if (pod.createdBeforeWebhookLabel) out.push('# Note: in this world the running pod was created before the label was in its template; the webhook mutates on CREATE only, so delete and re-create the pod.');
  out.push('spec:');
  out.push(...marks(findingsFor(f, 'pod.service-account'), (v) => `serviceAccountName: ${q(v)}`, '  '));
  out.push(`  serviceAccountName: ${q(pod.serviceAccountName ?? sa.name)}`, '  containers:');
  pod.containers.forEach((c, i) => {
    out.push(`    - name: ${q(c.name)}`, `      image: ${q(PLACEHOLDERS.image)}`);
    const env = Object.entries(c.env);
    const envBad = i === 0 ? findingsFor(f, 'env.client-id') : [];
    if (env.length > 0) {
      out.push('      env:');
      for (const [k, v] of env) {
        if (k === 'AZURE_CLIENT_ID') out.push(...marks(envBad, (x) => `value: ${q(x)}`, '        '));
        if (k === 'AZURE_FEDERATED_TOKEN_FILE' && !vol && i === 0) {
          out.push(...marks(findingsFor(f, 'token.audience'), () => 'remove AZURE_FEDERATED_TOKEN_FILE: the webhook then sets it to its own token (audience api://AzureADTokenExchange)', '        '));
        }
        out.push(`        - name: ${q(k)}`, `          value: ${q(v)}`);
      }
    }
    if (vol && i === 0) {
      const dir = vol.path.replace(/\/[^/]*$/, '') || '/';
      out.push('      volumeMounts:', '        - name: azure-identity-token', `          mountPath: ${q(dir)}`, '          readOnly: true');
    }
  });
  if (vol) {
    const file = vol.path.replace(/^.*\//, '');
    const audBad = findingsFor(f, 'token.audience');
    out.push('  volumes:', '    - name: azure-identity-token', '      projected:', '        sources:');
    if (vol.audience === undefined) out.push(...marks(audBad, (v) => `audience: ${q(v)} (add it to serviceAccountToken)`, '          '));
    out.push('          - serviceAccountToken:', `              path: ${q(file)}`, `              expirationSeconds: ${vol.expirationSeconds}`);
    if (vol.audience !== undefined) {
      out.push(...marks(audBad, (v) => `audience: ${q(v)}`, '              '));
      out.push(`              audience: ${q(vol.audience)}`);
    } else out.push("              # (no audience: the API server's default audiences, --api-audiences)");
  }
  return {
    format: 'kubernetes',
    title: 'Kubernetes manifests',
    filename: 'workload.yaml',
    language: 'yaml',
    mime: 'application/yaml',
    text: `${out.join('\n')}\n`,
    note: 'Needs kubectl (any version the cluster supports) and permission to create ServiceAccounts and Pods in the namespace' + (isAks ? '; the cluster must run the workload identity add-on (see the az export).' : '; and cluster-admin once, to install the webhook chart with Helm 3.'),
  };
}
