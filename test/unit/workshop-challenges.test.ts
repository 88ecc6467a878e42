/**
 * Workshop challenges: every file in content/challenges parses, rises in difficulty, starts broken exactly
 * as its `expect` says, and its solution is granted by the real engine at every checkpoint; the schema
 * refuses broken files with readable messages; score and progress storage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../../src/engine/providers/registry.ts';
import { runChain } from '../../src/engine/chain.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import type { World } from '../../src/engine/types.ts';
import { applyPodYaml, applyServiceAccountYaml } from '../../src/engine/manifests.ts';
import { applyAdvancedYaml } from '../../src/components/playground/advancedText.ts';
import { parseFederatedCredentials } from '../../src/components/playground/jsonText.ts';
import { textsFor } from '../../src/components/playground/store.ts';
import { loadKit } from '../../src/components/playground/providerKits.ts';
import { checkChallenge, checkpoints, runAt, type RunChain } from '../../src/components/workshop/challenges.ts';
import { loadChallengeSet, parseChallenge } from '../../src/components/workshop/challengeSchema.ts';
import {
  pointsFor,
  progressOf,
  readWorkshop,
  recordHints,
  recordSolutionShown,
  recordSolved,
  resetWorkshop,
  totals,
  WORKSHOP_KEY,
  type ScoreStorage,
} from '../../src/components/workshop/score.ts';

const DIR = fileURLToPath(new URL('../../content/challenges/', import.meta.url));
const files = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [join(DIR, f), readFileSync(join(DIR, f), 'utf8')]),
);
const challenges = loadChallengeSet(files);
const keys = createKeyStore();
/** Runs challenge `c`'s provider (the page's runner passes it the same way, ChallengeRunner.tsx). */
const runFor = (c: { provider: string }): RunChain => (world, now) => runChain(world, { now, keys, provider: c.provider });
const run: RunChain = runFor({ provider: 'aks-entra' });
const aksSet = challenges.filter((c) => c.provider === 'aks-entra');
const beyond = challenges.filter((c) => c.provider !== 'aks-entra');

describe('the challenge set', () => {
  it('has at least 8 AKS challenges first, ordered 1…n, with levels that never go down, from 1 to 5', () => {
    expect(aksSet.length).toBeGreaterThanOrEqual(8);
    expect(challenges.map((c) => c.order)).toEqual(challenges.map((_, i) => i + 1));
    expect(challenges.slice(0, aksSet.length)).toEqual(aksSet);
    for (let i = 1; i < aksSet.length; i++) expect(aksSet[i]!.level).toBeGreaterThanOrEqual(aksSet[i - 1]!.level);
    expect(aksSet[0]!.level).toBe(1);
    expect(aksSet.at(-1)!.level).toBe(5);
  });

  it('then at least 3 beyond AKS (GitHub, EKS or GKE, and one more), rising from level 1 again', () => {
    expect(beyond.length).toBeGreaterThanOrEqual(3);
    const providers = new Set(beyond.map((c) => c.provider));
    expect(providers.has('github-entra')).toBe(true);
    expect(providers.has('eks-entra') || providers.has('gke-entra')).toBe(true);
    expect(providers.size).toBeGreaterThanOrEqual(3);
    expect(beyond[0]!.level).toBe(1);
    for (let i = 1; i < beyond.length; i++) expect(beyond[i]!.level).toBeGreaterThanOrEqual(beyond[i - 1]!.level);
  });

  it('includes time-based challenges that use the clock or fixed checkpoints', () => {
    expect(challenges.some((c) => c.inputs.includes('clock') && !c.success.at)).toBe(true);
    expect(challenges.some((c) => c.success.at && c.success.at.some((s) => s >= 86400))).toBe(true);
  });

  for (const c of challenges) {
    const run = runFor(c);
    describe(c.slug, () => {
      it(`starts denied as expected (${c.expect.stage ?? ''} ${c.expect.code ?? ''})`, async () => {
        const r = await runAt(run, c, c.start, c.startSeconds);
        expect(r.outcome).toBe(c.expect.outcome ?? 'denied');
        if (c.expect.stage) expect(r.failedStage).toBe(c.expect.stage);
        if (c.expect.code) expect(r.code).toBe(c.expect.code);
        const check = await checkChallenge(c, c.start, c.startSeconds, run);
        expect(check.solved).toBe(false);
      });

      it('is solved by its solution at every checkpoint', async () => {
        const at = c.solution.elapsedSeconds ?? c.startSeconds;
        const check = await checkChallenge(c, c.solved, at, run);
        expect(check.solved, check.detail).toBe(true);
        expect(check.checkpoints.every((p) => p.result.outcome === 'granted')).toBe(true);
      });

      it('reads back unchanged from the editors the learner sees (the store texts)', async () => {
        const kit = c.provider === 'aks-entra' ? undefined : await loadKit(c.provider);
        let w: World = structuredClone(c.start);
        const t = textsFor(c.start, undefined, kit);
        const fics = parseFederatedCredentials(t.texts.fic);
        expect(fics.ok).toBe(true);
        if (fics.ok) w.identity.federatedCredentials = fics.value;
        if (kit?.workflow) {
          const g = (w as unknown as { github: Parameters<typeof kit.workflow.parse>[1] }).github;
          const r = kit.workflow.parse(t.texts.workflow, g);
          expect(r.ok, r.ok ? '' : JSON.stringify(r.issues)).toBe(true);
          if (r.ok) (w as unknown as { github: unknown }).github = r.github;
          expect(t.texts.sa + t.texts.pod + t.texts.advanced).toBe('');
        } else {
          for (const [id, apply] of [
            ['sa', applyServiceAccountYaml],
            ['pod', applyPodYaml],
            ['advanced', (world: World, text: string) => applyAdvancedYaml(world, text, undefined, kit?.schema)],
          ] as const) {
            const r = apply(w, t.texts[id]);
            expect(r.ok, id).toBe(true);
            if (r.ok) w = r.world;
          }
        }
        expect(canonical(w)).toBe(canonical(c.start));
      });

      it('changes only what its inputs can edit', () => {
        const diff = changedTopLevel(c.start, c.solved);
        const editable: Record<string, string[]> = {
          fic: ['identity'],
          sa: ['serviceAccount', 'pod'],
          pod: ['pod'],
          token: ['token'],
          advanced: ['cluster', 'identity', 'request', 'resource', 'roleAssignments', 'token', 'pod'],
          workflow: ['github'],
          clock: [],
        };
        const allowed = new Set(c.inputs.flatMap((i) => editable[i]!));
        for (const key of diff) expect(allowed.has(key), `${c.slug}: solution changes ${key}`).toBe(true);
        if (!c.inputs.includes('clock')) expect(c.solution.elapsedSeconds).toBeUndefined();
      });
    });
  }

  it('the waiting challenge is denied a minute later (role assignment) and granted at its solution time', async () => {
    const c = challenges.find((x) => x.slug === 'just-created')!;
    const at1min = await checkChallenge(c, c.start, 60, run);
    expect(at1min.solved).toBe(false);
    expect(at1min.checkpoints[0]!.result.code).toBe('ForbiddenByRbac');
    expect(checkpoints(c, 600)).toEqual([600]);
  });

  it('bringing the retired key back only moves the stale-token problem to AADSTS700024', async () => {
    const c = challenges.find((x) => x.slug === 'rotated-key-stale-token')!;
    const w: World = structuredClone(c.start);
    w.cluster.signingKeys = [
      { name: 'sa-key-1', published: true },
      { name: 'sa-key-2', published: true },
    ];
    const check = await checkChallenge(c, w, 0, run);
    expect(check.solved).toBe(false);
    expect(check.checkpoints[0]!.result.code).toBe('AADSTS700024');
    expect(check.detail).toMatch(/^At now \+ 1 d 2 h, the chain is denied at “Token lifetime” with `AADSTS700024`\. It must be granted at/);
  });
});

/** JSON with object keys sorted, so key order does not count as a change. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q))) : x,
  );
}

function changedTopLevel(a: World, b: World): string[] {
  return (Object.keys(a) as (keyof World)[]).filter((k) => canonical(a[k]) !== canonical(b[k]));
}

describe('challenge schema', () => {
  const valid = {
    schema: 1,
    order: 1,
    title: 'T',
    level: 1,
    minutes: 5,
    story: 's',
    task: 't',
    inputs: ['fic'],
    expect: { outcome: 'denied' },
    hints: ['a', 'b'],
    solution: { shown: 'x', notes: 'y' },
  };

  it('accepts a minimal file and fills the defaults', () => {
    const r = parseChallenge('t', valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.challenge.now).toBe('2026-01-15T10:00:00Z');
    expect(r.challenge.success).toEqual({ outcome: 'granted' });
    expect(r.challenge.points).toBe(100);
  });

  it('names a misspelt field, a bad input and a bad world field by path', () => {
    const r = parseChallenge('t', { ...valid, hint: [], inputs: ['yaml'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['', 'inputs[0]']));
    expect(r.issues.find((i) => i.path === '')!.message).toMatch(/unknown field "hint"/);
    const w = parseChallenge('t', { ...valid, world: { token: { audeince: 'x' } } });
    expect(!w.ok && w.issues[0]).toMatchObject({ path: 'world.token', message: expect.stringMatching(/audeince/) });
    const s = parseChallenge('t', { ...valid, solution: { ...valid.solution, world: { request: { scope: 3 } } } });
    expect(!s.ok && s.issues[0]!.path).toBe('solution.world.request.scope');
  });

  it('a file without provider is aks-entra; with one, its world is merged over that provider\'s default', () => {
    const r = parseChallenge('t', valid);
    expect(r.ok && r.challenge.provider).toBe('aks-entra');
    const g = parseChallenge('t', { ...valid, provider: 'github-entra', world: { github: { environment: 'production' } } });
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.challenge.provider).toBe('github-entra');
    const job = (g.challenge.start as unknown as { github: { environment?: string; repo: string } }).github;
    expect(job.environment).toBe('production');
    expect(job.repo).toBe('webapp'); // from github-entra's default world
    expect(g.challenge.start.identity.federatedCredentials[0]!.issuer).toBe('https://token.actions.githubusercontent.com');
    const e = parseChallenge('t', { ...valid, provider: 'eks-entra' });
    expect(e.ok && (e.challenge.start.cluster as unknown as { platform: { kind: string } }).platform.kind).toBe('eks');
  });

  it('names an unknown provider, an input the provider has not, and a world field its schema refuses', () => {
    const u = parseChallenge('t', { ...valid, provider: 'aks' });
    expect(!u.ok && u.issues[0]).toMatchObject({ path: 'provider', message: expect.stringMatching(/unknown provider "aks"; expected one of .*"github-entra"/) });
    const i = parseChallenge('t', { ...valid, provider: 'github-entra', inputs: ['fic', 'pod'] });
    expect(!i.ok && i.issues[0]).toMatchObject({ path: 'inputs[1]', message: '"pod" is not an input of github-entra; it has fic, workflow' });
    const c = parseChallenge('t', { ...valid, inputs: ['workflow'] });
    expect(!c.ok && c.issues[0]).toMatchObject({ path: 'inputs[0]', message: expect.stringMatching(/"workflow" is not an input of aks-entra/) });
    const w = parseChallenge('t', { ...valid, provider: 'github-entra', world: { github: { permissions: { idToken: 'maybe' } } } });
    expect(!w.ok && w.issues[0]!.path).toBe('world.github.permissions.idToken');
    // The AKS schema has no `github`: written into an AKS challenge, it is refused, not ignored.
    const a = parseChallenge('t', { ...valid, world: { github: { environment: 'production' } } });
    expect(a.ok).toBe(false);
  });

  it('refuses a set with a gap in the order, naming the file', () => {
    const yaml = (order: number) => `schema: 1\norder: ${order}\ntitle: T\nlevel: 1\nminutes: 5\nstory: s\ntask: t\ninputs: [fic]\nexpect: {outcome: denied}\nhints: [a, b]\nsolution: {shown: x, notes: y}\n`;
    expect(() => loadChallengeSet({ 'a.yaml': yaml(1), 'b.yaml': yaml(3) })).toThrow(/"b" has order 3, expected 2/);
    expect(() => loadChallengeSet({ 'x/c.yaml': 'schema: 2' })).toThrow(/Invalid challenge file x\/c\.yaml:/);
  });
});

function memoryStorage(): ScoreStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('score and progress', () => {
  it('takes 20 % per hint, never below 20 %, and nothing after the solution was shown', () => {
    expect(pointsFor(300, 0, false)).toBe(300);
    expect(pointsFor(300, 2, false)).toBe(180);
    expect(pointsFor(300, 9, false)).toBe(60);
    expect(pointsFor(300, 0, true)).toBe(0);
  });

  it('records hints, the first solve with its points, and totals', () => {
    const s = memoryStorage();
    recordHints('a', 1, s);
    recordHints('a', 0, s); // never decreases
    expect(progressOf('a', s).hints).toBe(1);
    const first = recordSolved('a', 200, new Date('2026-01-15T10:00:00Z'), s);
    expect(first).toEqual({ hints: 1, solution: false, solvedAt: '2026-01-15T10:00:00.000Z', points: 160 });
    recordHints('a', 3, s);
    expect(recordSolved('a', 200, new Date(), s)?.points).toBe(160); // later solves change nothing
    recordSolutionShown('b', s);
    recordSolved('b', 100, new Date(), s);
    const t = totals([{ slug: 'a', points: 200 }, { slug: 'b', points: 100 }, { slug: 'c', points: 300 }], readWorkshop(s));
    expect(t).toEqual({ solved: 2, total: 3, score: 160, maxScore: 600 });
    expect(resetWorkshop(s)).toBe(true);
    expect(readWorkshop(s)).toEqual({});
  });

  it('reads corrupt or foreign data as nothing done, and survives storage that throws', () => {
    const s = memoryStorage();
    s.data.set(WORKSHOP_KEY, '{nope');
    expect(readWorkshop(s)).toEqual({});
    s.data.set(WORKSHOP_KEY, JSON.stringify({ v: 2, c: { a: { hints: 1 } } }));
    expect(readWorkshop(s)).toEqual({});
    s.data.set(WORKSHOP_KEY, JSON.stringify({ v: 1, c: { a: { hints: -3, solution: 'yes', points: 'x' } } }));
    expect(readWorkshop(s)).toEqual({ a: { hints: 0, solution: false } });
    const broken: ScoreStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readWorkshop(broken)).toEqual({});
    expect(recordHints('a', 1, broken)).toBe(false);
    expect(recordSolved('a', 100, new Date(), broken)).toBeUndefined();
    expect(resetWorkshop(broken)).toBe(false);
  });
});
