/**
 * The workshop challenge file format (content/challenges/<slug>.yaml, version 1), as a zod schema, and
 * its parsing into a ready challenge: the start world (the file's partial `world` merged over the default
 * world, like a scenario), the solution world (the solution's partial world merged over the start world).
 *
 * Pure (no DOM, no file access). The pages load the files at build time (`challengeData.ts`); a broken
 * file fails the build with every problem named by its path. test/unit/workshop-challenges.test.ts runs
 * every start and every solution through the engine.
 *
 * Text fields may mark inline code with backticks; they are rendered as text, never as HTML.
 *
 * `provider` (optional, a registry id of src/engine/providers/registry.ts) says which federation the
 * challenge simulates; absent, it is aks-entra, so every file written before providers existed means what
 * it meant. The world is merged over THAT provider's default world and validated with its schema. The
 * provider must be registered (providers/known.ts) when a file is parsed: the build (challengeData.ts)
 * and the tests import the registry; this module does not, so the challenge island does not bundle every
 * provider.
 */
import { z } from '../../engine/zod.ts';
import { parse as parseYaml } from 'yaml';
import { defaultWorld } from '../../engine/defaults.ts';
import { deepMerge } from '../../engine/merge.ts';
import { parseProviderWorld, toIssues, type ScenarioIssue } from '../../engine/scenario.ts';
import { knownProvider, knownProviderIds } from '../../engine/providers/known.ts';
import { ExpectSchema } from '../../engine/schema.ts';
import type { World } from '../../engine/types.ts';
import { normalizeWorld } from '../playground/store.ts';

/** The inputs a challenge can hand the learner (the playground's editors, the token form, the clock). */
export const CHALLENGE_INPUTS = ['fic', 'sa', 'pod', 'token', 'advanced', 'clock', 'workflow'] as const;
export type ChallengeInput = (typeof CHALLENGE_INPUTS)[number];

/** The provider of a challenge file without `provider:` (design.md, "Scenario file": v1 means aks-entra). */
export const DEFAULT_CHALLENGE_PROVIDER = 'aks-entra';

/**
 * The inputs each world shape has, as the playground shows them (Playground.tsx `editorsFor`): a GitHub
 * job has the credentials and the workflow file, and no clock (the store does not time-travel a job);
 * a cluster has everything but the workflow.
 */
const INPUTS_OF_SHAPE: Record<'cluster' | 'github', readonly ChallengeInput[]> = {
  cluster: ['fic', 'sa', 'pod', 'token', 'advanced', 'clock'],
  github: ['fic', 'workflow'],
};

/** A world's shape: a github-entra world has the `github` job, every cluster provider's has a Pod. */
export function worldShape(world: object): 'cluster' | 'github' {
  return 'github' in world ? 'github' : 'cluster';
}

/** Difficulty, 1 (first contact) to 5 (expert). */
export const LEVEL_NAMES: Record<number, string> = { 1: 'Warm-up', 2: 'Beginner', 3: 'Intermediate', 4: 'Advanced', 5: 'Expert' };

const seconds = z.number().int().min(0);

export const ChallengeFileSchema = z
  .object({
    schema: z.literal(1),
    provider: z
      .string()
      .min(1)
      .default(DEFAULT_CHALLENGE_PROVIDER)
      .describe('The federation simulated: a provider id of src/engine/providers/registry.ts, e.g. "github-entra". Absent: aks-entra.'),
    order: z.number().int().min(1).describe('Position in the challenge set (1 first). Unique.'),
    title: z.string().min(1).describe('Short title, shown in the list and as the page heading.'),
    level: z.number().int().min(1).max(5).describe('Difficulty 1–5; points are 100 × level.'),
    minutes: z.number().int().min(1).max(60).describe('How long it takes a typical learner, in minutes.'),
    story: z.string().min(1).describe('What the team reports: the symptom, in a paragraph. Backticks mark code.'),
    task: z.string().min(1).describe('What to do, in a sentence. Backticks mark code.'),
    inputs: z
      .array(z.enum(CHALLENGE_INPUTS))
      .min(1)
      .describe('What the learner may change, in the order shown: editors (fic, sa, pod, advanced; workflow for github-entra), the token form (token), the time-travel clock (clock).'),
    now: z.iso.datetime({ offset: true }).default('2026-01-15T10:00:00Z').describe('The fixed clock of the start moment.'),
    startSeconds: seconds.default(0).describe('Where the time-travel clock starts, in seconds after `now` (e.g. 93600: 26 hours later).'),
    world: z.record(z.string(), z.unknown()).default({}).describe('Partial world, merged over the default world (null removes a key; arrays replace).'),
    expect: ExpectSchema.describe('How the start state fails (checked by the unit tests).'),
    hints: z.array(z.string().min(1)).min(2).max(5).describe('From a nudge to nearly the answer; revealed one at a time.'),
    success: z
      .object({
        outcome: z.literal('granted').default('granted'),
        at: z
          .array(seconds)
          .min(1)
          .optional()
          .describe('Seconds after `now` at which the chain must be granted. Absent: at the learner\'s clock.'),
      })
      .strict()
      .default({ outcome: 'granted' }),
    solution: z
      .object({
        world: z.record(z.string(), z.unknown()).default({}).describe('Partial world merged over the START world: one correct fix.'),
        elapsedSeconds: seconds.optional().describe('Where the clock must be for the solution (a challenge solved by waiting).'),
        shown: z.string().min(1).describe('The fix as the learner would write it (shown on request).'),
        notes: z.string().min(1).describe('Why that is the fix, and what to remember. Backticks mark code.'),
      })
      .strict(),
    discussion: z.string().optional().describe('A question for the room after the challenge.'),
  })
  .strict();

export type ChallengeFile = z.infer<typeof ChallengeFileSchema>;

/** A parsed challenge: the file's fields plus the slug and the complete worlds. */
export interface Challenge extends ChallengeFile {
  /** File name without `.yaml`: the URL slug and the progress key. */
  slug: string;
  /** The start world, normalized as the playground's editors show it. */
  start: World;
  /** The start world with the solution applied. */
  solved: World;
  /** Points for solving it without help: 100 × level. */
  points: number;
}

/**
 * Where a `null` in a challenge's world is a value, not "remove this key": the claim overrides (as in
 * scenario files) and the token settings, so that `token.appRereadSeconds: null` ("the app never re-reads
 * its token file") can be written. Inside `token` the given fields replace the default ones one by one.
 */
const KEEP_NULL_AT = ['token.claims', 'token.tamperedClaims', 'token'] as const;

/**
 * Validates one challenge file's content (already parsed from YAML) and builds its worlds. Never throws.
 * Issue paths name the field (`world.identity…`, `solution.world…`, `hints`).
 */
export function parseChallenge(slug: string, input: unknown): { ok: true; challenge: Challenge } | { ok: false; issues: ScenarioIssue[] } {
  const r = ChallengeFileSchema.safeParse(input);
  if (!r.success) return { ok: false, issues: toIssues(r.error) };
  const file = r.data;
  const provider = knownProvider(file.provider);
  if (!provider) {
    return { ok: false, issues: [{ path: 'provider', message: `unknown provider "${file.provider}"; expected one of ${knownProviderIds().map((p) => JSON.stringify(p)).join(', ')}` }] };
  }
  const aks = file.provider === DEFAULT_CHALLENGE_PROVIDER;
  const base = aks ? defaultWorld() : (provider.defaultWorld() as World);
  const shape = worldShape(base);
  const wrong = file.inputs.findIndex((i) => !INPUTS_OF_SHAPE[shape].includes(i));
  if (wrong >= 0) {
    return {
      ok: false,
      issues: [{ path: `inputs[${wrong}]`, message: `"${file.inputs[wrong]}" is not an input of ${file.provider}; it has ${INPUTS_OF_SHAPE[shape].join(', ')}` }],
    };
  }
  // What the editors show: the manifests read back (normalizeWorld), checked with the provider's schema.
  const kit = aks ? undefined : { id: file.provider, shape, schema: provider.worldSchema };
  const check = (w: unknown, prefix: string) => parseProviderWorld(w, file.provider, prefix);
  const start = check(deepMerge(base, file.world, KEEP_NULL_AT), 'world');
  if (!start.ok) return { ok: false, issues: start.issues };
  const startWorld = normalizeWorld(start.world, kit);
  const solved = check(deepMerge(startWorld, file.solution.world, KEEP_NULL_AT), 'solution.world');
  if (!solved.ok) return { ok: false, issues: solved.issues };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return { ok: false, issues: [{ path: '(file name)', message: `"${slug}" is not a lowercase-dashed slug` }] };
  return { ok: true, challenge: { ...file, slug, start: startWorld, solved: normalizeWorld(solved.world, kit), points: file.level * 100 } };
}

/** Formats issues as one readable block: `<file>: <path>: <message>` per line. */
export function formatChallengeIssues(file: string, issues: ScenarioIssue[]): string {
  return [`Invalid challenge file ${file}:`, ...issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`)].join('\n');
}

/**
 * Parses every challenge file (`{ path: yamlText }`), checks the set (unique `order`, no gaps from 1) and
 * returns the challenges sorted by `order`. Throws an Error naming every problem of every file.
 */
export function loadChallengeSet(files: Record<string, string>): Challenge[] {
  const problems: string[] = [];
  const out: Challenge[] = [];
  for (const [path, text] of Object.entries(files)) {
    const slug = path.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (e) {
      problems.push(formatChallengeIssues(path, [{ path: '(YAML)', message: e instanceof Error ? e.message : String(e) }]));
      continue;
    }
    const r = parseChallenge(slug, data);
    if (r.ok) out.push(r.challenge);
    else problems.push(formatChallengeIssues(path, r.issues));
  }
  out.sort((a, b) => a.order - b.order);
  out.forEach((c, i) => {
    if (c.order !== i + 1) problems.push(`Challenge orders must run 1, 2, 3… without gaps or repeats: "${c.slug}" has order ${c.order}, expected ${i + 1}.`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
}

