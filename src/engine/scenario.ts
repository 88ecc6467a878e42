/**
 * Parsing and resolving scenario files: validation with readable messages, and the merge of the
 * scenario's partial world over the provider's default world.
 */
import { z } from './zod.ts';
import { ScenarioSchema, WorldSchema, type Scenario, type World } from './schema.ts';
import { deepMerge } from './merge.ts';
import { knownProvider, knownProviderIds } from './providers/known.ts';

/** One validation problem: where (dotted path, e.g. `world.identity.federatedCredentials[0].subject`) and what. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** Thrown by {@link resolveScenario} for an invalid scenario; `issues` lists every problem found. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Formats a zod path as `a.b[0].c`, prefixed with `prefix`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? `expected ${issue.expected}, but the field is missing`
        : `expected ${issue.expected}, ${issue.message.replace(/^.*expected \S+, /, '')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Converts a zod error into {@link ScenarioIssue}s with paths prefixed by `prefix`. */
export function toIssues(error: z.ZodError, prefix = ''): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path, prefix), message: describeIssue(issue) }));
}

/** Validates a world that is already complete (e.g. edited in the playground). */
export function parseWorld(input: unknown, prefix = 'world'): { ok: true; world: World } | { ok: false; issues: ScenarioIssue[] } {
  return parseProviderWorld(input, 'aks-entra', prefix);
}

/**
 * Validates a complete world against the schema of provider `providerId` (providers/registry.ts).
 * The world keeps the aks-entra `World` type for callers; other providers' worlds are supersets of
 * its Entra side and their own cluster or platform parts (see each provider's schema).
 */
export function parseProviderWorld(input: unknown, providerId: string, prefix = 'world'): { ok: true; world: World } | { ok: false; issues: ScenarioIssue[] } {
  const provider = knownProvider(providerId);
  if (!provider) return { ok: false, issues: [{ path: 'provider', message: `unknown provider "${providerId}"; expected one of ${knownProviderIds().map((p) => JSON.stringify(p)).join(', ')}` }] };
  const schema = providerId === 'aks-entra' ? WorldSchema : provider.worldSchema;
  const r = schema.safeParse(input);
  return r.success ? { ok: true, world: r.data as World } : { ok: false, issues: toIssues(r.error, prefix) };
}

/**
 * Validates a scenario file's content (already parsed from YAML or JSON) and merges its world over the
 * default world. Never throws.
 */
export function parseScenario(
  input: unknown,
): { ok: true; scenario: Scenario; world: World } | { ok: false; issues: ScenarioIssue[] } {
  const r = ScenarioSchema.safeParse(input);
  if (!r.success) return { ok: false, issues: toIssues(r.error) };
  const provider = knownProvider(r.data.provider);
  if (!provider) return { ok: false, issues: [{ path: 'provider', message: `unknown provider "${r.data.provider}"; expected one of ${knownProviderIds().map((p) => JSON.stringify(p)).join(', ')}` }] };
  const merged = deepMerge(provider.defaultWorld(), r.data.world);
  const w = parseProviderWorld(merged, provider.id, 'world');
  if (!w.ok) return { ok: false, issues: w.issues };
  return { ok: true, scenario: r.data, world: w.world };
}

/** Like {@link parseScenario} but throws {@link ScenarioError}. */
export function resolveScenario(input: unknown): { scenario: Scenario; world: World } {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues);
  return { scenario: r.scenario, world: r.world };
}
