/**
 * Disclosure: which parts of a stage result an engineer would see from the real systems, and which are
 * the simulator's own diagnosis, so that a page can show a failure the way it is met in real life and
 * reveal the explanation later (the workshop challenges do, hint by hint). Pure; no DOM.
 *
 * Every field of a StageResult and a Check belongs to one class (types.ts names it on each field):
 *
 * | class         | fields                                                                                        |
 * |---------------|-----------------------------------------------------------------------------------------------|
 * | observed      | `id`, `title`, `status`, `code`, `httpStatus`, `error`, `message`, `learnMore`; the `summary` of a `pass` or `skipped` stage; a check that passed (`name`, `expected`, `actual`) |
 * | explanation   | the `summary` of a `fail` or `warn` stage; `uncertain`; every check's `note`; a failed check (its name and its expected/actual pair) |
 * | remedy        | `fix`                                                                                         |
 *
 * Why: a real engineer sees which step failed, the code and text the service printed (the AADSTS message,
 * the API server's or webhook's answer, the SDK's error), and what worked; the simulator additionally
 * knows WHY (the credential's issuer lacks a slash, the role misses a data action) and HOW to fix it.
 * A ChainResult's `configErrors` are observed (the service's answer when the configuration is written).
 *
 * The levels add classes in order: `observed` < `explained` (+ explanation) < `full` (+ remedy).
 */
import type { Check, StageResult } from './types.ts';

/** The disclosure levels, from least to most revealed. */
export const DISCLOSURE_LEVELS = ['observed', 'explained', 'full'] as const;
/** `observed`: only what the real systems show. `explained`: plus the diagnosis. `full`: plus the fix. */
export type DisclosureLevel = (typeof DISCLOSURE_LEVELS)[number];

/** What a level left out of one stage, so that a page can say so (all empty at `full`). */
export interface Withheld {
  /** The diagnosis sentence of a failing or warning stage. */
  summary: boolean;
  /** The stage's `uncertain` note. */
  uncertain: boolean;
  /** How many failed checks were left out (name, expected and actual). */
  failedChecks: number;
  /** The fix. */
  fix: boolean;
}

/**
 * A stage as a level shows it: the StageResult's observed fields, and the explanation and remedy fields
 * only when the level includes them (absent otherwise). `checks` holds the checks shown, in their order,
 * without `note` below `explained`; `withheld` says what was left out.
 */
export interface DisclosedStage extends Omit<StageResult, 'summary' | 'fix' | 'uncertain' | 'checks'> {
  summary?: string;
  fix?: string;
  uncertain?: string;
  checks: Check[];
  withheld: Withheld;
}

/** True when `level` shows everything of `atLeast` (levels are ordered as {@link DISCLOSURE_LEVELS}). */
export function levelIncludes(level: DisclosureLevel, atLeast: DisclosureLevel): boolean {
  return DISCLOSURE_LEVELS.indexOf(level) >= DISCLOSURE_LEVELS.indexOf(atLeast);
}

/** True when a stage's `summary` is the simulator's diagnosis (a `fail` or `warn` stage), not an observation. */
export function summaryIsDiagnosis(stage: Pick<StageResult, 'status'>): boolean {
  return stage.status === 'fail' || stage.status === 'warn';
}

/**
 * `stage` as `level` shows it (see the table above). Returns a new object; `stage` is not modified.
 * At `full` every field is kept and nothing is withheld.
 */
export function discloseStage(stage: StageResult, level: DisclosureLevel): DisclosedStage {
  const explained = levelIncludes(level, 'explained');
  const full = levelIncludes(level, 'full');
  const { summary, fix, uncertain, checks, ...observed } = stage;
  const summaryShown = explained || !summaryIsDiagnosis(stage);
  const shownChecks = explained ? checks.map((c) => ({ ...c })) : checks.filter((c) => c.ok).map(({ note: _note, ...c }) => c);
  return {
    ...observed,
    ...(summaryShown ? { summary } : {}),
    ...(fix !== undefined && full ? { fix } : {}),
    ...(uncertain !== undefined && explained ? { uncertain } : {}),
    checks: shownChecks,
    withheld: {
      summary: !summaryShown,
      uncertain: uncertain !== undefined && !explained,
      failedChecks: checks.length - shownChecks.length,
      fix: fix !== undefined && !full,
    },
  };
}
