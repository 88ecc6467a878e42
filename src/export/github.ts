/**
 * GitHub Actions export (github-entra): the workflow job that signs in with azure/login, as the world has
 * it (trigger, environment, `permissions: id-token`, azure/login inputs), failing lines included.
 *
 * Sources: GitHub OIDC reference https://docs.github.com/en/actions/reference/security/oidc
 * (`permissions: id-token: write`, `environment:`); workflow syntax
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax (`on`, `jobs.<id>.permissions`,
 * `jobs.<id>.environment`, `jobs.<id>.uses`); Azure/login action.yml (inputs client-id, tenant-id,
 * subscription-id, allow-no-subscriptions, audience) https://github.com/Azure/login.
 */
import type { ChainResult } from '../engine/types.ts';
import type { GithubWorld } from '../engine/providers/github-entra/schema.ts';
import { AZURE_LOGIN_DEFAULT_AUDIENCE } from '../engine/providers/github-entra/schema.ts';
import { findingsFor, headerLines, type Finding, type Findings, type Target } from './findings.ts';
import { oneLine, PLACEHOLDERS, type ExportFile } from './model.ts';

const q = (s: string) => JSON.stringify(s);

function marks(list: Finding[], fix: (v: string) => string, indent: string): string[] {
  return list.flatMap((x) => [`${indent}# ✗ breaks the chain: ${oneLine(x.why)}`, ...(x.fixed !== undefined ? [`${indent}# fixed: ${oneLine(fix(x.fixed))}`] : [])]);
}

/** Target kinds this file places on a line. */
export const GH_PLACES: readonly Target['kind'][] = ['gh.id-token', 'gh.subscription-id', 'gh.client-id', 'gh.audience'];

/** The `on:` block for the world's event and ref. */
function trigger(g: GithubWorld): string[] {
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(g.ref);
  const kind = m?.[1] === 'tags' ? 'tags' : 'branches';
  const name = m?.[2] ?? 'main';
  switch (g.event) {
    case 'push':
      return ['on:', '  push:', `    ${kind}: [${q(name)}]`];
    case 'pull_request':
      return ['on:', '  pull_request:', `    branches: [${q(name)}]`];
    case 'workflow_dispatch':
      return ['on:', '  workflow_dispatch: {}'];
    case 'schedule':
      return ['on:', '  schedule:', "    - cron: \"0 6 * * *\" # placeholder schedule"];
    case 'release':
      return ['on:', '  release:', '    types: [published]'];
  }
}

/** The workflow file (.github/workflows/<file>) for a github-entra chain result. */
export function exportGithubWorkflow(result: ChainResult, f: Findings, title: string): ExportFile {
  const g = (result.world as unknown as { github: GithubWorld }).github;
  const w = result.world;
  const out: string[] = [`# Workload Identity Lab export (GitHub Actions workflow): ${title}`];
  for (const l of headerLines(result, f, GH_PLACES)) out.push(`# ${oneLine(l)}`);
  out.push(oneLine(`# Repository ${g.owner}/${g.repo}; save as .github/workflows/${g.workflowFile}. Placeholder: ${PLACEHOLDERS.subscriptionId}.`));
  if (g.enterprise?.includeEnterpriseSlug) out.push(oneLine(`# The enterprise ${g.enterprise.slug} sets include_enterprise_slug: the token's iss is https://token.actions.githubusercontent.com/${g.enterprise.slug}.`));
  if (g.ghes) out.push(oneLine(`# Runs on GitHub Enterprise Server ${g.ghes.host} ${g.ghes.version}: the issuer is https://${g.ghes.host}/_services/token.`));
  if (g.subjectTemplate.repo && !g.subjectTemplate.repo.useDefault) out.push(`# The repository's OIDC subject template is customised (use_default: false${g.subjectTemplate.repo.includeClaimKeys ? `, include_claim_keys: ${g.subjectTemplate.repo.includeClaimKeys.join(', ')}` : ''}).`);
  if (g.immutableSubjects) out.push('# The repository uses immutable subject claims: sub reads repo:<owner>@<owner-id>/<repo>@<repo-id>:…');
  out.push(`name: ${q(g.workflowName)}`, ...trigger(g), 'jobs:', '  deploy:');
  if (g.reusableWorkflow) {
    const r = g.reusableWorkflow;
    out.push(oneLine(`    # This job calls a reusable workflow; azure/login runs in it, but the token's sub still names ${g.owner}/${g.repo}.`));
    out.push(`    uses: ${q(`${r.repository}/.github/workflows/${r.file}@${r.ref.replace(/^refs\/(heads|tags)\//, '')}`)}`);
  } else {
    out.push('    runs-on: ubuntu-latest');
  }
  if (g.environment !== undefined) out.push(`    environment: ${q(g.environment)}`);
  else out.push('    # (no environment: the token\'s sub is not repo:…:environment:…)');
  const idBad = findingsFor(f, 'gh.id-token');
  out.push('    permissions:');
  out.push(...marks(idBad, (v) => `id-token: ${v}`, '      '));
  if (g.permissions.idToken !== 'absent') out.push(`      id-token: ${g.permissions.idToken}`);
  out.push('      contents: read');
  if (g.reusableWorkflow) out.push('    secrets: inherit');
  else {
    const li = g.azureLogin;
    out.push('    steps:', '      - name: Azure login (OIDC)', '        uses: azure/login@v2', '        with:');
    out.push(...marks(findingsFor(f, 'gh.client-id'), (v) => `client-id: ${q(v)}`, '          '));
    if (li.clientId !== undefined) out.push(`          client-id: ${q(li.clientId)}`);
    if (li.tenantId !== undefined) out.push(`          tenant-id: ${q(li.tenantId)}`);
    out.push(...marks(findingsFor(f, 'gh.subscription-id'), (v) => `subscription-id: ${q(v)}`, '          '));
    if (li.subscriptionId !== undefined) out.push(`          subscription-id: ${q(PLACEHOLDERS.subscriptionId)}`);
    if (li.allowNoSubscriptions) out.push('          allow-no-subscriptions: true');
    const audBad = findingsFor(f, 'gh.audience');
    out.push(...marks(audBad, (v) => `audience: ${q(v)}`, '          '));
    if (li.audience !== AZURE_LOGIN_DEFAULT_AUDIENCE) out.push(`          audience: ${q(li.audience)}`);
    out.push('      - name: Show the signed-in account', '        run: az account show');
  }
  void w;
  return {
    format: 'github-workflow',
    title: 'GitHub Actions workflow',
    filename: g.workflowFile,
    language: 'yaml',
    mime: 'application/yaml',
    text: `${out.join('\n')}\n`,
    note: 'Needs write access to the repository (and admin to create the environment); azure/login@v2. The identity and its federated credential come from the az, Terraform or Bicep export.',
  };
}
