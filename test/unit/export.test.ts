/**
 * "Set it up for real" exports (src/export, issue 14 part 1), checked with real parsers, for EVERY
 * scenario in content/scenarios: Kubernetes manifests and the GitHub workflow through the `yaml` package
 * plus object-shape checks; Terraform through @cdktf/hcl2json (HashiCorp's HCL parser as WASM) with the
 * resource arguments checked against azurerm's documented names; az commands split into argv by
 * shell-quote (variables expanded as bash would) and checked against the documented flags; Bicep
 * structurally (resource types, API versions, property names). Where the chain fails on a line the
 * export writes, the "✗ breaks the chain" comment must stand right above that line, with its fixed line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseShell } from 'shell-quote';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { createKeyStore, runChain, type ChainResult } from '../../src/engine/index.ts';
import { loadScenarioText } from '../../src/engine/scenarioFiles.ts';
import { exportAll, exportFormat, findingsOf, formatsFor } from '../../src/export/index.ts';
import { homeOf } from '../../src/export/model.ts';
import { tokenVolumeOf } from '../../src/export/kubernetes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = path.join(ROOT, 'content/scenarios');

interface Case {
  slug: string;
  title: string;
  result: ChainResult;
}
const cases: Case[] = [];

beforeAll(async () => {
  const keys = createKeyStore();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const loaded = loadScenarioText(readFileSync(path.join(DIR, file), 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const result = await runChain(loaded.world, { now: new Date(loaded.scenario.now ?? '2026-01-15T10:00:00Z'), keys, provider: loaded.scenario.provider });
    // eks-irsa has no export yet (src/export writes Azure tools only): it must export nothing.
    if (formatsFor(result.provider).length === 0) {
      expect(exportAll(result, loaded.scenario.title)).toEqual([]);
      continue;
    }
    cases.push({ slug: file.replace(/\.yaml$/, ''), title: loaded.scenario.title, result });
  }
}, 120_000);

// ---------------------------------------------------------------------------------------------------
// Documented names (sources in src/export/*.ts)

/** az subcommand → documented flags (learn.microsoft.com/cli/azure/...). */
const AZ_FLAGS: Record<string, string[]> = {
  'account set': ['--subscription'],
  'aks update': ['--resource-group', '--name', '--enable-oidc-issuer', '--enable-workload-identity'],
  'aks show': ['--resource-group', '--name', '--query', '--output'],
  'identity create': ['--name', '--resource-group', '--location'],
  'identity show': ['--name', '--resource-group', '--query', '--output'],
  'identity federated-credential create': ['--name', '--identity-name', '--resource-group', '--issuer', '--subject', '--audiences'],
  'role assignment create': ['--assignee-object-id', '--assignee-principal-type', '--role', '--scope'],
};
/** azurerm resource → documented arguments (registry.terraform.io/providers/hashicorp/azurerm). */
const TF_ARGS: Record<string, string[]> = {
  azurerm_user_assigned_identity: ['name', 'resource_group_name', 'location', 'tags'],
  azurerm_federated_identity_credential: ['name', 'resource_group_name', 'parent_id', 'issuer', 'subject', 'audience'],
  azurerm_role_assignment: ['scope', 'role_definition_name', 'role_definition_id', 'principal_id', 'principal_type', 'name', 'description', 'condition', 'condition_version'],
};
/** Bicep resource types with the API versions and property names the export uses (Bicep resource reference). */
const BICEP_TYPES: Record<string, { versions: string[]; properties: string[] }> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': { versions: ['2023-01-31'], properties: [] },
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials': { versions: ['2023-01-31'], properties: ['issuer', 'subject', 'audiences'] },
  'Microsoft.Authorization/roleAssignments': { versions: ['2022-04-01'], properties: ['roleDefinitionId', 'principalId', 'principalType'] },
  'Microsoft.KeyVault/vaults': { versions: ['2023-07-01'], properties: [] },
  'Microsoft.Storage/storageAccounts': { versions: ['2023-05-01'], properties: [] },
};
const AZURE_LOGIN_INPUTS = ['client-id', 'tenant-id', 'subscription-id', 'allow-no-subscriptions', 'audience', 'creds', 'environment', 'enable-AzPSSession', 'auth-type'];

// ---------------------------------------------------------------------------------------------------
// Helpers

/** The az commands of a script as argv (continuations joined, comments dropped, `$(...)` unwrapped), variables expanded. */
function azCommands(text: string, env: Record<string, string>): string[][] {
  const lines = text.replace(/\\\n\s*/g, '').split('\n');
  const out: string[][] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const sub = /^[A-Z_]+="\$\((az .*)\)"$/.exec(line);
    const cmd = sub ? sub[1]! : line;
    if (!cmd.startsWith('az ')) continue;
    const argv = parseShell(cmd, env);
    for (const a of argv) if (typeof a !== 'string') throw new Error(`not a plain command: ${cmd}`);
    out.push(argv as string[]);
  }
  return out;
}

/** Splits argv after `az` into the subcommand and its `--flag value...` map. */
function azSplit(argv: string[]): { sub: string; flags: Map<string, string[]> } {
  const words: string[] = [];
  let i = 1;
  while (i < argv.length && !argv[i]!.startsWith('--')) words.push(argv[i++]!);
  const flags = new Map<string, string[]>();
  let cur: string | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      cur = a;
      flags.set(a, []);
    } else if (cur) flags.get(cur)!.push(a);
  }
  return { sub: words.join(' '), flags };
}

/** The line right after the comment `✗ breaks the chain: <why>` (skipping the `fixed:` comment). */
function lineAfterMark(text: string, why: string): string | undefined {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  const i = lines.findIndex((l) => l.includes(`✗ breaks the chain: ${why}`));
  if (i < 0) return undefined;
  let j = i + 1;
  while (j < lines.length && /^\s*(#|\/\/)/.test(lines[j]!)) j++;
  return lines[j];
}

const PLACEHOLDER_ENV = { SUBSCRIPTION_ID: 'SUB', RESOURCE_GROUP: 'RG', LOCATION: 'LOC', CLUSTER_RESOURCE_GROUP: 'CRG', CLUSTER_NAME: 'CN', PRINCIPAL_ID: 'PID' };

/** A world scope with the home subscription and group replaced as the placeholders expand. */
function expectedScope(scope: string, home: { subscription?: string; resourceGroup?: string }): string {
  const m = /^(\/subscriptions\/)([^/]+)(\/resourceGroups\/)?([^/]+)?(.*)$/i.exec(scope);
  if (!m) return scope;
  const s = home.subscription && m[2]!.toLowerCase() === home.subscription.toLowerCase() ? 'SUB' : m[2];
  const rg = m[3] ? (home.resourceGroup && m[4]?.toLowerCase() === home.resourceGroup.toLowerCase() ? 'RG' : m[4]) : (m[4] ?? '');
  return `${m[1]}${s}${m[3] ?? ''}${rg}${m[5]}`;
}

// ---------------------------------------------------------------------------------------------------

describe('export: every scenario, every format that applies', () => {
  it('loads every scenario', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it('offers the formats of each provider and refuses the others', () => {
    for (const c of cases) {
      const files = exportAll(c.result, c.title);
      expect(files.map((f) => f.format)).toEqual([...formatsFor(c.result.provider)]);
      expect(files.length).toBeGreaterThanOrEqual(4);
      if (c.result.provider === 'github-entra') expect(exportFormat(c.result, 'kubernetes')).toBeUndefined();
      else expect(exportFormat(c.result, 'github-workflow')).toBeUndefined();
    }
  });

  it('az: argv parses, every subcommand and flag is documented, values are the world\'s', () => {
    for (const c of cases) {
      const text = exportFormat(c.result, 'az', c.title)!.text;
      const w = c.result.world;
      const home = homeOf(w);
      const cmds = azCommands(text, PLACEHOLDER_ENV).map(azSplit);
      for (const { sub, flags } of cmds) {
        expect(AZ_FLAGS[sub], `${c.slug}: az ${sub}`).toBeDefined();
        for (const flag of flags.keys()) expect(AZ_FLAGS[sub], `${c.slug}: az ${sub} ${flag}`).toContain(flag);
      }
      const fics = cmds.filter((x) => x.sub === 'identity federated-credential create');
      expect(fics.length, c.slug).toBe(w.identity.federatedCredentials.length);
      fics.forEach((x, i) => {
        const want = w.identity.federatedCredentials[i]!;
        expect(x.flags.get('--issuer'), c.slug).toEqual([want.issuer]);
        expect(x.flags.get('--subject'), c.slug).toEqual([want.subject]);
        expect(x.flags.get('--audiences') ?? [], c.slug).toEqual(want.audiences);
        expect(x.flags.get('--identity-name'), c.slug).toEqual([w.identity.name]);
        expect(x.flags.get('--resource-group'), c.slug).toEqual(['RG']);
      });
      const roles = cmds.filter((x) => x.sub === 'role assignment create');
      expect(roles.length, c.slug).toBe(w.roleAssignments.length);
      roles.forEach((x, i) => {
        const want = w.roleAssignments[i]!;
        expect(x.flags.get('--role'), c.slug).toEqual([want.role]);
        expect(x.flags.get('--scope'), c.slug).toEqual([expectedScope(want.scope, home)]);
        expect(x.flags.get('--assignee-object-id'), c.slug).toEqual([want.principalId === w.identity.principalId ? 'PID' : want.principalId]);
      });
      const aks = cmds.filter((x) => x.sub === 'aks update');
      if (c.result.provider === 'aks-entra') {
        const on = [w.cluster.oidcIssuer.enabled, w.cluster.workloadIdentityWebhook.installed];
        if (on.some(Boolean)) {
          expect(aks.length).toBe(1);
          expect(aks[0]!.flags.has('--enable-oidc-issuer'), c.slug).toBe(on[0]);
          expect(aks[0]!.flags.has('--enable-workload-identity'), c.slug).toBe(on[1]);
        }
      } else expect(aks.length, c.slug).toBe(0);
      // Placeholders are defined once, at the top.
      expect(text.match(/^SUBSCRIPTION_ID=/gm)?.length, c.slug).toBe(1);
      expect(text).toContain("SUBSCRIPTION_ID='<SUBSCRIPTION_ID>'");
    }
  });

  it('Terraform: parses as HCL, only documented azurerm arguments, values are the world\'s', async () => {
    for (const c of cases) {
      const text = exportFormat(c.result, 'terraform', c.title)!.text;
      const w = c.result.world;
      const json = (await parseHcl('main.tf', text)) as {
        resource: Record<string, Record<string, Record<string, unknown>[]>>;
        variable: Record<string, { default: string }[]>;
      };
      for (const [type, byName] of Object.entries(json.resource)) {
        expect(TF_ARGS[type], `${c.slug}: ${type}`).toBeDefined();
        for (const blocks of Object.values(byName)) for (const b of blocks) for (const arg of Object.keys(b)) expect(TF_ARGS[type], `${c.slug}: ${type}.${arg}`).toContain(arg);
      }
      expect(json.variable.subscription_id?.[0]?.default).toBe('<SUBSCRIPTION_ID>');
      expect(json.variable.resource_group_name?.[0]?.default).toBe('<RESOURCE_GROUP>');
      const fics = Object.values(json.resource.azurerm_federated_identity_credential ?? {}).flat();
      expect(fics.length, c.slug).toBe(w.identity.federatedCredentials.length);
      fics.forEach((b, i) => {
        const want = w.identity.federatedCredentials[i]!;
        // hcl2json keeps `$${` escapes as written; unescape them the way Terraform does.
        const un = (s: unknown) => String(s).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
        expect(un(b.issuer), c.slug).toBe(want.issuer);
        expect(un(b.subject), c.slug).toBe(want.subject);
        expect((b.audience as unknown[]).map(un), c.slug).toEqual(want.audiences);
      });
      const roles = Object.values(json.resource.azurerm_role_assignment ?? {}).flat();
      expect(roles.map((r) => r.role_definition_name), c.slug).toEqual(w.roleAssignments.map((a) => a.role));
    }
  }, 120_000);

  it('Bicep: known resource types and API versions, documented property names, balanced braces', () => {
    for (const c of cases) {
      const text = exportFormat(c.result, 'bicep', c.title)!.text;
      const code = text
        .split('\n')
        .map((l) => l.replace(/\/\/.*$/, ''))
        .join('\n');
      const opens = (code.match(/\{/g) ?? []).length;
      expect(opens, c.slug).toBe((code.match(/\}/g) ?? []).length);
      const decls = [...code.matchAll(/^resource (\w+) '([^'@]+)@([^']+)'( existing)? = \{$/gm)];
      expect(decls.length, c.slug).toBeGreaterThanOrEqual(1 + c.result.world.identity.federatedCredentials.length);
      for (const d of decls) {
        expect(BICEP_TYPES[d[2]!], `${c.slug}: ${d[2]}`).toBeDefined();
        expect(BICEP_TYPES[d[2]!]!.versions, `${c.slug}: ${d[2]}@${d[3]}`).toContain(d[3]);
      }
      for (const block of code.split(/^(?=resource )/m).slice(1)) {
        const type = /^resource \w+ '([^'@]+)@/.exec(block)![1]!;
        const props = /\n  properties: \{\n([\s\S]*?)\n  \}/.exec(block);
        const names = props ? [...props[1]!.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!) : [];
        for (const n of names) expect(BICEP_TYPES[type]!.properties, `${c.slug}: ${type} ${n}`).toContain(n);
      }
      expect(text).toContain("param location string = '<LOCATION>'");
    }
  });

  it('Kubernetes: two YAML documents, a v1 ServiceAccount and Pod shaped as the API expects, as the world has them', () => {
    for (const c of cases.filter((x) => x.result.provider !== 'github-entra')) {
      const text = exportFormat(c.result, 'kubernetes', c.title)!.text;
      const docs = parseAllDocuments(text);
      if (!Array.isArray(docs)) throw new Error('not documents');
      for (const d of docs) expect(d.errors, c.slug).toEqual([]);
      const [sa, pod] = docs.map((d) => d.toJS()) as [Record<string, any>, Record<string, any>];
      expect(docs.length, c.slug).toBe(2);
      const w = c.result.world;
      expect(sa).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: w.serviceAccount.name, namespace: w.serviceAccount.namespace } });
      expect(sa.metadata.annotations, c.slug).toEqual(w.serviceAccount.annotations);
      expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: w.pod.name } });
      expect(pod.metadata.labels, c.slug).toEqual(w.pod.labels);
      expect(pod.metadata.annotations, c.slug).toEqual(w.pod.annotations);
      expect(pod.spec.serviceAccountName).toBe(w.pod.serviceAccountName ?? w.serviceAccount.name);
      expect(Array.isArray(pod.spec.containers) && pod.spec.containers.length, c.slug).toBe(w.pod.containers.length);
      pod.spec.containers.forEach((ct: Record<string, any>, i: number) => {
        expect(typeof ct.name === 'string' && typeof ct.image === 'string').toBe(true);
        const env = Object.fromEntries(((ct.env ?? []) as { name: string; value: string }[]).map((e) => [e.name, e.value]));
        expect(env, c.slug).toEqual(w.pod.containers[i]!.env);
      });
      const vol = tokenVolumeOf(c.result);
      if (vol) {
        const src = pod.spec.volumes[0].projected.sources[0].serviceAccountToken;
        expect(src.expirationSeconds).toBe(vol.expirationSeconds);
        expect(src.audience).toBe(vol.audience);
      } else expect(pod.spec.volumes, c.slug).toBeUndefined();
    }
  });

  it('GitHub workflow: YAML, the job\'s permissions, environment and azure/login@v2 inputs as the world has them', () => {
    const gh = cases.filter((x) => x.result.provider === 'github-entra');
    expect(gh.length).toBeGreaterThan(10);
    for (const c of gh) {
      const doc = parseYaml(exportFormat(c.result, 'github-workflow', c.title)!.text) as Record<string, any>;
      const g = (c.result.world as unknown as { github: Record<string, any> }).github;
      expect(doc.on, c.slug).toBeTypeOf('object');
      const job = doc.jobs.deploy;
      const idToken = g.permissions.idToken;
      expect(job.permissions['id-token'], c.slug).toBe(idToken === 'absent' ? undefined : idToken);
      expect(job.environment, c.slug).toBe(g.environment);
      if (g.reusableWorkflow) {
        expect(job.uses).toMatch(/^[^/]+\/[^/]+\/\.github\/workflows\/.+@.+$/);
        continue;
      }
      const login = job.steps.find((s: Record<string, unknown>) => s.uses === 'azure/login@v2');
      expect(login, c.slug).toBeDefined();
      for (const k of Object.keys(login.with)) expect(AZURE_LOGIN_INPUTS, `${c.slug}: ${k}`).toContain(k);
      expect(login.with['client-id'], c.slug).toBe(g.azureLogin.clientId);
      expect(login.with['tenant-id'], c.slug).toBe(g.azureLogin.tenantId);
      expect(login.with['subscription-id'], c.slug).toBe(g.azureLogin.subscriptionId === undefined ? undefined : '<SUBSCRIPTION_ID>');
      expect(login.with.audience ?? 'api://AzureADTokenExchange', c.slug).toBe(g.azureLogin.audience);
    }
  });
});

describe('export: a failing state marks the line that breaks the chain', () => {
  it('every placed finding stands right above its line in each format that writes that line, with the fixed line', () => {
    let placed = 0;
    for (const c of cases) {
      const f = findingsOf(c.result);
      for (const file of exportAll(c.result, c.title)) {
        for (const x of f.list) {
          const after = lineAfterMark(file.text, x.why);
          if (after === undefined) {
            // Not placed in this file: the header must still say it.
            expect(file.text, `${c.slug} ${file.format}`).toContain(x.why);
            continue;
          }
          placed++;
          const k = x.target.kind;
          const want: Record<string, RegExp> = {
            'fic.issuer': /issuer/,
            'fic.subject': /subject/,
            'fic.audience': /audience/,
            'sa.client-id': /client-id|annotations/,
            'pod.use-label': /azure\.workload\.identity\/use|labels|annotations|spec:/,
            'gh.id-token': /id-token|contents/,
            'gh.client-id': /client-id/,
            'gh.audience': /audience|- name/,
            'token.audience': /audience|AZURE_FEDERATED_TOKEN_FILE|serviceAccountToken/,
            'env.client-id': /- name: "AZURE_CLIENT_ID"/,
            'pod.service-account': /serviceAccountName/,
          };
          if (want[k]) expect(after, `${c.slug} ${file.format} ${k}`).toMatch(want[k]!);
          if (x.fixed !== undefined) expect(file.text, `${c.slug} ${file.format}`).toMatch(/(#|\/\/) fixed:/);
        }
      }
    }
    expect(placed).toBeGreaterThan(60);
  });

  it('the subject example of the issue: the wrong-namespace credential carries the token\'s sub and the fixed line', () => {
    const c = cases.find((x) => x.slug === 'fic-subject-wrong-namespace')!;
    for (const fmt of ['az', 'terraform', 'bicep'] as const) {
      const text = exportFormat(c.result, fmt, c.title)!.text;
      expect(text).toContain("this subject will not match the token's sub: system:serviceaccount:dev:my-app-sa");
      expect(text).toMatch(/fixed: .*system:serviceaccount:dev:my-app-sa/);
    }
    const tf = exportFormat(c.result, 'terraform', c.title)!.text;
    expect(lineAfterMark(tf, "this subject will not match the token's sub: system:serviceaccount:dev:my-app-sa (case-sensitive)")).toContain('"system:serviceaccount:default:my-app-sa"');
  });

  it('every scenario failing on an issuer, subject or audience of a credential, a label, an annotation or a role assignment gets a placed finding', () => {
    const expressible = /^(credential's (issuer|subject|audience)|pod label azure\.workload\.identity\/use|ServiceAccount annotation azure\.workload\.identity\/client-id|role assignment allowing|job permissions id-token|client_id$)/;
    let n = 0;
    for (const c of cases) {
      const failed = c.result.stages.find((s) => s.status === 'fail');
      if (!failed || !failed.checks.some((k) => !k.ok && expressible.test(k.name))) continue;
      n++;
      const files = exportAll(c.result, c.title);
      const marked = files.some((file) => file.text.includes('✗ breaks the chain: '));
      expect(marked, c.slug).toBe(true);
    }
    expect(n).toBeGreaterThan(40);
  });

  it('a granted scenario has no ✗ mark', () => {
    for (const c of cases.filter((x) => x.result.outcome === 'granted')) for (const file of exportAll(c.result, c.title)) expect(file.text).not.toContain('✗');
  });
});
