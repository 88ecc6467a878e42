/**
 * The workflow file editor model: render the GitHub world as a workflow, read an edited workflow back
 * (permissions at job or workflow level, environment as name or map, reusable workflow, azure/login
 * inputs), located errors, the last good world kept by the caller, and the size cap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WORKFLOW_CHARS, parseWorkflow, renderWorkflow } from '../../../../src/engine/providers/github-entra/workflow.ts';
import { defaultGithub } from '../../../../src/engine/providers/github-entra/defaults.ts';
import { githubSubject } from '../../../../src/engine/providers/github-entra/claims.ts';
import { githubAdmission } from '../../../../src/engine/providers/github-entra/admission.ts';
import type { GithubWorld } from '../../../../src/engine/providers/github-entra/schema.ts';

const base = defaultGithub();
const ok = (text: string, b: GithubWorld = base) => {
  const r = parseWorkflow(text, b);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

describe('renderWorkflow / parseWorkflow round trip', () => {
  it('the default world renders to a workflow that reads back to the same world', () => {
    const text = renderWorkflow(base);
    expect(text).toContain('id-token: write');
    expect(text).toContain('uses: azure/login@v2');
    expect(ok(text).github).toEqual(base);
    expect(ok(text).notes).toEqual([]);
  });
  it('round-trips environment, pull_request, tag pushes, reusable workflows and inputs', () => {
    const worlds: GithubWorld[] = [
      { ...defaultGithub(), environment: 'production' },
      { ...defaultGithub(), event: 'pull_request', ref: 'refs/heads/release' },
      { ...defaultGithub(), ref: 'refs/tags/v1.2.0' },
      { ...defaultGithub(), event: 'workflow_dispatch', permissions: { idToken: 'absent' } },
      { ...defaultGithub(), reusableWorkflow: { repository: 'contoso/shared', file: 'login.yml', ref: 'refs/heads/main' } },
      { ...defaultGithub(), azureLogin: { clientId: 'c1', tenantId: 't1', allowNoSubscriptions: true, audience: '' } },
    ];
    for (const w of worlds) expect(ok(renderWorkflow(w), w).github).toEqual(w);
  });
  it('property: any event/ref/environment/permission combination round-trips', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
    fc.assert(
      fc.property(
        fc.record({
          event: fc.constantFrom('push', 'pull_request', 'workflow_dispatch', 'schedule', 'release' as const),
          branch: name,
          env: fc.option(name, { nil: undefined }),
          idToken: fc.constantFrom('write', 'read', 'none', 'absent' as const),
        }),
        (r) => {
          const w: GithubWorld = { ...defaultGithub(), event: r.event, ref: `refs/heads/${r.branch}`, permissions: { idToken: r.idToken } };
          if (r.env !== undefined) w.environment = r.env;
          expect(ok(renderWorkflow(w), w).github).toEqual(w);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('parseWorkflow: what changes the token', () => {
  it('typing environment: production into the job changes sub to the environment form', () => {
    const text = renderWorkflow(base).replace('  deploy:\n', '  deploy:\n    environment: production\n');
    const g = ok(text).github;
    expect(g.environment).toBe('production');
    expect(githubSubject(g).value).toBe('repo:contoso/webapp:environment:production');
  });
  it('environment as a map with name and url', () => {
    const text = renderWorkflow(base).replace('  deploy:\n', '  deploy:\n    environment:\n      name: staging\n      url: https://example.com\n');
    expect(ok(text).github.environment).toBe('staging');
  });
  it('job-level permissions replace the workflow\'s (GitHub workflow syntax)', () => {
    const text = renderWorkflow(base).replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n');
    const g = ok(text).github;
    expect(g.permissions.idToken).toBe('absent');
    expect(githubAdmission(g).stage.status).toBe('fail');
  });
  it('write-all grants id-token write; read-all does not; no permissions key at all is absent', () => {
    const noPerms = renderWorkflow(base).replace(/permissions:\n  id-token: write\n  contents: read\n/, '');
    expect(ok(noPerms).github.permissions.idToken).toBe('absent');
    expect(ok(noPerms.replace('jobs:\n', 'permissions: write-all\njobs:\n')).github.permissions.idToken).toBe('write');
    expect(ok(noPerms.replace('jobs:\n', 'permissions: read-all\njobs:\n')).github.permissions.idToken).toBe('read');
  });
  it('reads azure/login inputs: a missing subscription-id is absent; allow-no-subscriptions only for "true"; audience default', () => {
    const text = renderWorkflow(base).replace(/ {10}subscription-id: .*\n/, '          allow-no-subscriptions: "TRUE"\n');
    const g = ok(text).github;
    expect(g.azureLogin.subscriptionId).toBeUndefined();
    expect(g.azureLogin.allowNoSubscriptions).toBe(true);
    expect(g.azureLogin.audience).toBe('api://AzureADTokenExchange');
    expect(ok(text.replace('"TRUE"', 'yes')).github.azureLogin.allowNoSubscriptions).toBe(false);
    expect(ok(text.replace(/ {10}allow-no-subscriptions: .*\n/, "          audience: ''\n")).github.azureLogin.audience).toBe('');
  });
  it('keeps the world\'s value for an expression and says so', () => {
    const text = renderWorkflow(base).replace(/client-id: .*/, 'client-id: ${{ secrets.AZURE_CLIENT_ID }}');
    const r = ok(text);
    expect(r.github.azureLogin.clientId).toBe(base.azureLogin.clientId);
    expect(r.notes[0]?.message).toMatch(/expression/);
    expect(r.notes[0]?.path).toBe('jobs.deploy.steps.0.with.client-id');
    expect(r.notes[0]?.line).toBeGreaterThan(1);
  });
  it('a job-level uses: sets the reusable workflow; a local one names the caller repository and ref', () => {
    const head = renderWorkflow(base).split('    runs-on:')[0]!;
    expect(ok(`${head}    uses: octo-org/octo-automation/.github/workflows/oidc.yml@main\n`).github.reusableWorkflow).toEqual({ repository: 'octo-org/octo-automation', file: 'oidc.yml', ref: 'refs/heads/main' });
    expect(ok(`${head}    uses: ./.github/workflows/login.yml\n`).github.reusableWorkflow).toEqual({ repository: 'contoso/webapp', file: 'login.yml', ref: 'refs/heads/main' });
  });
  it('keeps the run\'s event when the file lists several; takes a single literal branch filter as the ref', () => {
    const text = 'on: [pull_request, push]\npermissions:\n  id-token: write\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: azure/login@v2\n';
    expect(ok(text).github.event).toBe('push');
    expect(ok(text, { ...base, event: 'schedule' }).github.event).toBe('pull_request');
    const wild = 'on:\n  push:\n    branches: ["release/*"]\njobs:\n  j:\n    steps:\n      - uses: azure/login@v2\n';
    expect(ok(wild).github.ref).toBe('refs/heads/main');
  });
});

describe('parseWorkflow: bad input', () => {
  it('reports YAML syntax errors with line and column', () => {
    const r = parseWorkflow('on: push\njobs:\n  deploy:\n    environment: [unclosed\n', base);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.message).toMatch(/^invalid YAML/);
      expect(r.issues[0]?.line).toBeGreaterThan(0);
    }
  });
  it('locates semantic errors', () => {
    const r = parseWorkflow('on: push\njobs:\n  deploy:\n    runs-on: x\n    environment: 42\n    steps:\n      - uses: azure/login@v2\n', base);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'jobs.deploy.environment', line: 5 });
  });
  it('refuses a workflow without azure/login, without a modelled event, or not a map', () => {
    expect(parseWorkflow('on: push\njobs:\n  a:\n    steps:\n      - run: echo\n', base).ok).toBe(false);
    expect(parseWorkflow('on: issues\njobs:\n  a:\n    steps:\n      - uses: azure/login@v2\n', base).ok).toBe(false);
    expect(parseWorkflow('- a\n- b\n', base).ok).toBe(false);
    expect(parseWorkflow('', base).ok).toBe(false);
  });
  it('refuses values the schema refuses (sizes capped) and over-long text', () => {
    const long = renderWorkflow(base).replace('  deploy:\n', `  deploy:\n    environment: ${'x'.repeat(300)}\n`);
    expect(parseWorkflow(long, base).ok).toBe(false);
    expect(parseWorkflow('#'.repeat(MAX_WORKFLOW_CHARS + 1), base).ok).toBe(false);
  });
  it('never throws and never changes the base world, whatever the text', () => {
    const snapshot = JSON.stringify(base);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('on: *a\n', '&a [*a]', 'jobs: !!binary x', 'on:\n  push: null\njobs:\n  x:\n    uses: 42\n')), (t) => {
        const r = parseWorkflow(t, base);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    expect(JSON.stringify(base)).toBe(snapshot);
  });
});
