/**
 * Workshop progress and score, saved in this browser only (localStorage; nothing is sent anywhere).
 * Framework-free: the challenge island writes it; the challenge list's small script reads it.
 *
 * Format (version 1), under {@link WORKSHOP_KEY}:
 * `{"v":1,"c":{"<slug>":{"hints":2,"solution":false,"solvedAt":"<ISO 8601>","points":120}}}`.
 * `hints`: how many hints were revealed; `solution`: whether the solution was shown; `solvedAt` and
 * `points` are set once, the first time the challenge is solved (later hints do not change them).
 * Unknown or corrupt data reads as "nothing done"; storage that throws (private mode) makes progress a
 * no-op instead of breaking the page.
 *
 * Scoring: a challenge is worth 100 × its level. Each revealed hint takes 20 % off (never below 20 %);
 * solving after showing the solution scores 0 but still counts as solved.
 */

export const WORKSHOP_KEY = 'wil-workshop-v1';
/** Event fired on `window` after this page changed the progress (other tabs get `storage`). */
export const WORKSHOP_EVENT = 'wil-workshop-change';

export type ScoreStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What is remembered about one challenge. */
export interface ChallengeProgress {
  hints: number;
  solution: boolean;
  solvedAt?: string;
  points?: number;
}

function defaultStorage(): ScoreStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Points for solving a challenge worth `full` points after `hints` hints (and maybe the solution). */
export function pointsFor(full: number, hints: number, solutionShown: boolean): number {
  if (solutionShown) return 0;
  return Math.round(full * Math.max(0.2, 1 - 0.2 * Math.max(0, hints)));
}

/** Every challenge's progress (slug → progress). */
export function readWorkshop(storage: ScoreStorage | undefined = defaultStorage()): Record<string, ChallengeProgress> {
  if (!storage) return {};
  try {
    const raw = storage.getItem(WORKSHOP_KEY);
    if (!raw) return {};
    const data = JSON.parse(raw) as unknown;
    if (!data || typeof data !== 'object' || (data as { v?: unknown }).v !== 1) return {};
    const c = (data as { c?: unknown }).c;
    if (!c || typeof c !== 'object' || Array.isArray(c)) return {};
    const out: Record<string, ChallengeProgress> = {};
    for (const [slug, v] of Object.entries(c)) {
      if (!v || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      const p: ChallengeProgress = {
        hints: typeof o.hints === 'number' && Number.isInteger(o.hints) && o.hints >= 0 ? o.hints : 0,
        solution: o.solution === true,
      };
      if (typeof o.solvedAt === 'string') p.solvedAt = o.solvedAt;
      if (typeof o.points === 'number' && Number.isFinite(o.points)) p.points = o.points;
      out[slug] = p;
    }
    return out;
  } catch {
    return {};
  }
}

/** One challenge's progress (zero hints, not solved when unknown). */
export function progressOf(slug: string, storage: ScoreStorage | undefined = defaultStorage()): ChallengeProgress {
  return readWorkshop(storage)[slug] ?? { hints: 0, solution: false };
}

function update(slug: string, change: (p: ChallengeProgress) => ChallengeProgress, storage: ScoreStorage | undefined): boolean {
  if (!storage) return false;
  try {
    const all = readWorkshop(storage);
    all[slug] = change(all[slug] ?? { hints: 0, solution: false });
    storage.setItem(WORKSHOP_KEY, JSON.stringify({ v: 1, c: all }));
    if (typeof window !== 'undefined') window.dispatchEvent(new Event(WORKSHOP_EVENT));
    return true;
  } catch {
    return false;
  }
}

/** Records that `count` hints are revealed (never decreases). Returns false when storage failed. */
export function recordHints(slug: string, count: number, storage: ScoreStorage | undefined = defaultStorage()): boolean {
  return update(slug, (p) => ({ ...p, hints: Math.max(p.hints, count) }), storage);
}

/** Records that the solution was shown. */
export function recordSolutionShown(slug: string, storage: ScoreStorage | undefined = defaultStorage()): boolean {
  return update(slug, (p) => ({ ...p, solution: true }), storage);
}

/**
 * Records the first solve of a challenge worth `full` points, with the points its hints and solution
 * leave; a later solve changes nothing. Returns the progress as stored, or undefined when storage failed.
 */
export function recordSolved(slug: string, full: number, when: Date = new Date(), storage: ScoreStorage | undefined = defaultStorage()): ChallengeProgress | undefined {
  let stored: ChallengeProgress | undefined;
  const ok = update(
    slug,
    (p) => {
      stored = p.solvedAt ? p : { ...p, solvedAt: when.toISOString(), points: pointsFor(full, p.hints, p.solution) };
      return stored;
    },
    storage,
  );
  return ok ? stored : undefined;
}

/** Forgets all workshop progress. Returns false when storage failed. */
export function resetWorkshop(storage: ScoreStorage | undefined = defaultStorage()): boolean {
  if (!storage) return false;
  try {
    storage.removeItem(WORKSHOP_KEY);
    if (typeof window !== 'undefined') window.dispatchEvent(new Event(WORKSHOP_EVENT));
    return true;
  } catch {
    return false;
  }
}

/** Totals over a challenge set: solved count, score and the best possible score. */
export function totals(set: readonly { slug: string; points: number }[], progress: Record<string, ChallengeProgress>): { solved: number; total: number; score: number; maxScore: number } {
  let solved = 0;
  let score = 0;
  let maxScore = 0;
  for (const c of set) {
    maxScore += c.points;
    const p = progress[c.slug];
    if (p?.solvedAt) {
      solved += 1;
      score += p.points ?? 0;
    }
  }
  return { solved, total: set.length, score, maxScore };
}
