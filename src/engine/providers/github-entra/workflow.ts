/**
 * The workflow file as the user edits it (the playground's GitHub editor): render the GitHub world as a
 * workflow YAML, and read an edited workflow back into the world, with located messages. Only what shapes
 * the OIDC token and azure/login is read: `name`, `on`, `permissions` (workflow or job level), the job's
 * `environment`, a job-level `uses:` of a reusable workflow, and the `with:` inputs of the azure/login step.
 * Run context that a workflow file does not fix (which event and ref this run has, repository settings)
 * stays in the world.
 *
 * Rules: GitHub workflow syntax (`permissions` at job level replaces the workflow's; `write-all` /
 * `read-all`; `environment:` as a name or `{name: …}`; job-level `uses:` for reusable workflows);
 * azure/login `action.yml` (inputs, audience default) and LoginConfig.ts (`allow-no-subscriptions` is
 * true only for the string "true", case-insensitive). ../shared/reference/other-providers.md §1.2, §1.3.
 *
 * Pure; never throws; input capped at {@link MAX_WORKFLOW_CHARS}. Depends on the `yaml` package, as the
 * engine's scenario-file reader does.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { AZURE_LOGIN_DEFAULT_AUDIENCE, GITHUB_EVENTS, GithubSchema, type GithubEvent, type GithubWorld } from './schema.ts';

/** Largest workflow text read (characters). */
export const MAX_WORKFLOW_CHARS = 64_000;

/** A problem in the workflow text, with its 1-based position when known. */
export interface WorkflowIssue {
  message: string;
  /** Dotted path in the workflow, e.g. `jobs.deploy.environment`. */
  path: string;
  line?: number;
  column?: number;
}

/** {@link parseWorkflow}'s result: the updated world and notes, or errors (the caller keeps its last good world). */
export type WorkflowParse = { ok: true; github: GithubWorld; notes: WorkflowIssue[] } | { ok: false; issues: WorkflowIssue[] };

const q = (s: string) => JSON.stringify(s);
const yamlStr = (s: string) => (/^[A-Za-z0-9_./@:-]+$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/^[\d.]+$/.test(s) ? s : q(s));

/** The `on:` block for the run's event and ref. */
function renderOn(g: GithubWorld): string[] {
  const branch = g.ref.replace(/^refs\/heads\//, '');
  const tag = g.ref.startsWith('refs/tags/') ? g.ref.slice('refs/tags/'.length) : undefined;
  switch (g.event) {
    case 'push':
      return tag !== undefined ? ['  push:', `    tags: [${yamlStr(tag)}]`] : ['  push:', `    branches: [${yamlStr(branch)}]`];
    case 'pull_request':
      return ['  pull_request:', `    branches: [${yamlStr(branch)}]`];
    case 'workflow_dispatch':
      return ['  workflow_dispatch: {}'];
    case 'schedule':
      return ['  schedule:', "    - cron: '0 3 * * *'"];
    case 'release':
      return ['  release:', '    types: [published]'];
  }
}

/**
 * Renders the world's job as a workflow file: `on:` from the run's event and ref, `permissions`, one job
 * with the environment (if any) and either the azure/login step with its inputs or a call to the reusable
 * workflow. Absent inputs are left out.
 */
export function renderWorkflow(g: GithubWorld): string {
  const lines = [`name: ${yamlStr(g.workflowName)}`, 'on:', ...renderOn(g), 'permissions:'];
  if (g.permissions.idToken !== 'absent') lines.push(`  id-token: ${g.permissions.idToken}`);
  lines.push('  contents: read', 'jobs:', '  deploy:');
  if (g.environment !== undefined) lines.push(`    environment: ${yamlStr(g.environment)}`);
  const rw = g.reusableWorkflow;
  if (rw) {
    const local = rw.repository === `${g.owner}/${g.repo}`;
    const ref = rw.ref.replace(/^refs\/heads\//, '');
    lines.push(`    uses: ${local ? '.' : rw.repository}/.github/workflows/${rw.file}${local ? '' : `@${ref}`}`, '    secrets: inherit');
    return `${lines.join('\n')}\n`;
  }
  lines.push('    runs-on: ubuntu-latest', '    steps:', '      - uses: azure/login@v2', '        with:');
  const a = g.azureLogin;
  if (a.clientId !== undefined) lines.push(`          client-id: ${yamlStr(a.clientId)}`);
  if (a.tenantId !== undefined) lines.push(`          tenant-id: ${yamlStr(a.tenantId)}`);
  if (a.subscriptionId !== undefined) lines.push(`          subscription-id: ${yamlStr(a.subscriptionId)}`);
  if (a.allowNoSubscriptions) lines.push('          allow-no-subscriptions: true');
  if (a.audience !== AZURE_LOGIN_DEFAULT_AUDIENCE) lines.push(`          audience: ${q(a.audience)}`);
  lines.push('      - run: az account show');
  return `${lines.join('\n')}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isExpr = (v: unknown) => typeof v === 'string' && /\$\{\{/.test(v);

/** Position of the value at `path` in the document (nearest existing ancestor). */
function locator(doc: Document, counter: LineCounter) {
  return (path: (string | number)[]): { line?: number; column?: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = counter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

/** The events named by `on:` (a string, a list, or a map), in file order. */
function eventsOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  if (isObj(on)) return Object.keys(on);
  return [];
}

/** A single literal (no wildcard, no expression) from a filter list such as `branches: [main]`. */
function single(list: unknown): string | undefined {
  const arr = typeof list === 'string' ? [list] : Array.isArray(list) ? list : [];
  return arr.length === 1 && typeof arr[0] === 'string' && !/[*?!\[]|\$\{\{/.test(arr[0]) ? arr[0] : undefined;
}

/** `permissions:` value → the id-token permission (GitHub workflow syntax). */
function idTokenOf(perms: unknown): GithubWorld['permissions']['idToken'] {
  if (perms === 'write-all') return 'write';
  if (perms === 'read-all') return 'read';
  if (isObj(perms)) {
    const v = perms['id-token'];
    return v === 'write' || v === 'read' || v === 'none' ? v : 'absent';
  }
  return 'absent';
}

/**
 * Reads an edited workflow into a copy of `base`. Syntax errors, a missing job, or values the schema
 * refuses fail with located issues (the caller keeps its last good world); things the simulator cannot
 * evaluate (an expression such as `${{ secrets.AZURE_CLIENT_ID }}`, an event it does not model) keep
 * the world's value and are reported as notes.
 */
export function parseWorkflow(text: string, base: GithubWorld): WorkflowParse {
  if (text.length > MAX_WORKFLOW_CHARS) return { ok: false, issues: [{ path: '', message: `the workflow is longer than ${MAX_WORKFLOW_CHARS} characters` }] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { path: '', message: `invalid YAML: ${(e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '')}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
      }),
    };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `invalid YAML: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const at = locator(doc, counter);
  const issue = (path: (string | number)[], message: string): WorkflowIssue => ({ path: path.join('.'), message, ...at(path) });
  if (!isObj(root)) return { ok: false, issues: [issue([], 'a workflow file is a map with on: and jobs:')] };

  const g: GithubWorld = JSON.parse(JSON.stringify(base)) as GithubWorld;
  const notes: WorkflowIssue[] = [];
  if (typeof root.name === 'string' && root.name) g.workflowName = root.name;

  // on: which event this run has (the world's, if the file still lists it).
  const on = root.on; // YAML 1.2 (the yaml package's default) keeps `on` a string key
  const events = eventsOf(on).filter((e): e is GithubEvent => (GITHUB_EVENTS as readonly string[]).includes(e));
  if (!events.length) return { ok: false, issues: [issue(['on'], `on: names no event the simulator models (${GITHUB_EVENTS.join(', ')})`)] };
  const event = events.includes(g.event) ? g.event : events[0]!;
  g.event = event;
  const filters = isObj(on) && isObj(on[event]) ? (on[event] as Obj) : {};
  const branch = single(filters.branches);
  const tag = event === 'push' ? single(filters.tags) : undefined;
  if (tag !== undefined && branch === undefined) g.ref = `refs/tags/${tag}`;
  else if (branch !== undefined) g.ref = `refs/heads/${branch}`;

  // The job: the first one that calls a reusable workflow or runs azure/login.
  if (!isObj(root.jobs)) return { ok: false, issues: [issue(['jobs'], 'the workflow has no jobs: map')] };
  const jobs = root.jobs;
  const loginStep = (job: Obj) => (Array.isArray(job.steps) ? job.steps.findIndex((s) => isObj(s) && typeof s.uses === 'string' && /^azure\/login@/i.test(s.uses)) : -1);
  const jobId = Object.keys(jobs).find((id) => isObj(jobs[id]) && (typeof (jobs[id] as Obj).uses === 'string' || loginStep(jobs[id] as Obj) >= 0));
  if (jobId === undefined) return { ok: false, issues: [issue(['jobs'], 'no job runs azure/login (a step with uses: azure/login@v2) or calls a reusable workflow')] };
  const job = jobs[jobId] as Obj;

  // permissions: the job's replace the workflow's.
  g.permissions = { idToken: idTokenOf(job.permissions !== undefined ? job.permissions : root.permissions) };

  // environment: a name, or {name: ...}.
  const env = isObj(job.environment) ? job.environment.name : job.environment;
  if (env === undefined || env === null) delete g.environment;
  else if (typeof env !== 'string' || env === '') return { ok: false, issues: [issue(['jobs', jobId, 'environment'], 'environment: is a name, or a map with name:')] };
  else if (isExpr(env)) {
    notes.push(issue(['jobs', jobId, 'environment'], `the environment is an expression the simulator cannot evaluate; it keeps ${base.environment === undefined ? 'no environment' : q(base.environment)}`));
    if (base.environment !== undefined) g.environment = base.environment;
    else delete g.environment;
  } else g.environment = env;

  if (typeof job.uses === 'string') {
    const m = /^(?:(\.)|([^/\s]+\/[^/\s]+))\/\.github\/workflows\/([^@\s]+)(?:@(\S+))?$/.exec(job.uses);
    if (!m) return { ok: false, issues: [issue(['jobs', jobId, 'uses'], 'uses: of a job is owner/repo/.github/workflows/<file>@<ref> or ./.github/workflows/<file>')] };
    const local = m[1] === '.';
    const ref = local ? g.ref : (m[4] ?? '');
    if (!local && !ref) return { ok: false, issues: [issue(['jobs', jobId, 'uses'], 'a reusable workflow from another repository needs @<ref>')] };
    g.reusableWorkflow = { repository: local ? `${g.owner}/${g.repo}` : m[2]!, file: m[3]!, ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}` };
    if (!local && !ref.startsWith('refs/')) notes.push(issue(['jobs', jobId, 'uses'], `@${ref} is read as the branch refs/heads/${ref} in job_workflow_ref (a tag or SHA would appear as such)`));
  } else {
    delete g.reusableWorkflow;
    const idx = loginStep(job);
    const step = (job.steps as Obj[])[idx]!;
    const w: Obj = isObj(step.with) ? step.with : {};
    const path = ['jobs', jobId, 'steps', idx, 'with'];
    if (w.creds !== undefined) notes.push(issue([...path, 'creds'], 'creds (a client secret) is not OIDC; the simulator follows the client-id / tenant-id federated login'));
    const input = (name: string, current: string | undefined): string | undefined => {
      const v = w[name];
      if (v === undefined || v === null || v === '') return undefined;
      if (isExpr(v)) {
        notes.push(issue([...path, name], `${name} is an expression the simulator cannot evaluate; it keeps ${current === undefined ? '(absent)' : q(current)}`));
        return current;
      }
      return String(v);
    };
    g.azureLogin = {
      ...g.azureLogin,
      clientId: input('client-id', base.azureLogin.clientId),
      tenantId: input('tenant-id', base.azureLogin.tenantId),
      subscriptionId: input('subscription-id', base.azureLogin.subscriptionId),
      allowNoSubscriptions: String(w['allow-no-subscriptions'] ?? 'false').toLowerCase() === 'true',
      audience: w.audience === undefined ? AZURE_LOGIN_DEFAULT_AUDIENCE : isExpr(w.audience) ? base.azureLogin.audience : w.audience === null ? '' : String(w.audience),
    };
    for (const k of ['clientId', 'tenantId', 'subscriptionId'] as const) if (g.azureLogin[k] === undefined) delete g.azureLogin[k];
  }

  const checked = GithubSchema.safeParse(g);
  if (!checked.success) {
    return { ok: false, issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: `${i.path.join('.')}: ${i.message}` })) };
  }
  return { ok: true, github: checked.data, notes };
}
