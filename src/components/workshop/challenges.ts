/**
 * Running a workshop challenge: where the chain is checked (the checkpoints), and whether an attempt
 * solves the challenge. Pure apart from the engine call it is given; the verdict always comes from the
 * engine's ChainResult (the success condition is the outcome it reports), never from a rule re-checked here.
 */
import type { DisclosureLevel } from '../../engine/disclosure.ts';
import { advanceWorld } from '../../engine/time.ts';
import type { ChainResult, World } from '../../engine/types.ts';
import type { AdvancedPage } from '../playground/advancedText.ts';
import type { Challenge } from './challengeSchema.ts';
import { offsetLabel } from './timeModel.ts';

/** Runs the chain on a complete world at `now` (the page's engine with its key store; the real engine in tests). */
export type RunChain = (world: World, now: Date) => Promise<ChainResult>;

/** Seconds after the challenge's `now` at which an attempt is checked: `success.at`, else the learner's clock. */
export function checkpoints(challenge: Pick<Challenge, 'success'>, learnerElapsed: number): number[] {
  return challenge.success.at ?? [Math.max(0, Math.floor(learnerElapsed))];
}

/** The engine's verdict at one checkpoint. */
export interface CheckpointResult {
  at: number;
  result: ChainResult;
}

/** What the automatic check says about an attempt. */
export interface ChallengeCheck {
  solved: boolean;
  /** One sentence for the learner. Backticks mark code. */
  detail: string;
  checkpoints: CheckpointResult[];
}

/** Runs `world` as it is at `at` seconds after the challenge's start moment. */
export function runAt(run: RunChain, challenge: Pick<Challenge, 'now'>, world: World, at: number): Promise<ChainResult> {
  const now = new Date(new Date(challenge.now).getTime() + at * 1000);
  return run(at > 0 ? advanceWorld(world, at).world : world, now);
}

/** Describes a denied result in a few words: "denied at “Token lifetime” with AADSTS700024". */
export function denial(result: ChainResult): string {
  const stage = result.stages.find((s) => s.id === result.failedStage);
  return `denied at “${stage?.title ?? result.failedStage ?? '?'}”${result.code ? ` with \`${result.code}\`` : ''}`;
}

/**
 * Checks an attempt: the chain must be granted at every checkpoint. `known` may hold results the caller
 * already has (e.g. the store's result at the learner's clock), keyed by checkpoint seconds; the others
 * are run with `run`.
 */
export async function checkChallenge(
  challenge: Pick<Challenge, 'now' | 'success'>,
  world: World,
  learnerElapsed: number,
  run: RunChain,
  known: ReadonlyMap<number, ChainResult> = new Map(),
): Promise<ChallengeCheck> {
  const list: CheckpointResult[] = [];
  for (const at of checkpoints(challenge, learnerElapsed)) {
    list.push({ at, result: known.get(at) ?? (await runAt(run, challenge, world, at)) });
  }
  const failed = list.find((c) => c.result.outcome !== 'granted');
  const several = list.length > 1;
  const plain = (at: number) => at === 0 && !several;
  if (failed) {
    const text = plain(failed.at) ? `The chain is ${denial(failed.result)}.` : `At ${offsetLabel(failed.at)}, the chain is ${denial(failed.result)}.`;
    return {
      solved: false,
      detail: several ? `${text} It must be granted at ${list.map((c) => offsetLabel(c.at)).join(', ')}.` : text,
      checkpoints: list,
    };
  }
  return {
    solved: true,
    detail: several ? `Granted at ${list.map((c) => offsetLabel(c.at)).join(', ')}.` : plain(list[0]!.at) ? 'Granted: every stage passes.' : `Granted at ${offsetLabel(list[0]!.at)}: every stage passes.`,
    checkpoints: list,
  };
}

/** How many hints reveal the engine's explanation of the failure (its diagnosis, the failed checks). */
export const EXPLAIN_AFTER_HINTS = 1;

/**
 * How much of the engine's verdict a challenge page shows (the engine's disclosure levels,
 * engine/disclosure.ts), so that the score means something:
 * - `observed` at first: what an engineer would see from the real systems (the failed stage, the code,
 *   the service's message, the checks that passed);
 * - `explained` from hint {@link EXPLAIN_AFTER_HINTS} on: plus the engine's diagnosis and the failed checks;
 * - `full` once every hint is taken, the solution was shown, or the challenge is (or was) solved: plus the fix.
 */
export function disclosureFor(
  challenge: Pick<Challenge, 'hints'>,
  progress: { hints: number; solution: boolean; solvedAt?: string | undefined },
  solvedNow: boolean,
): DisclosureLevel {
  const hints = Math.min(Math.max(0, progress.hints), challenge.hints.length);
  if (solvedNow || progress.solvedAt !== undefined || progress.solution || hints >= challenge.hints.length) return 'full';
  return hints >= EXPLAIN_AFTER_HINTS ? 'explained' : 'observed';
}

/**
 * The page around a challenge's advanced editor: the other inputs the challenge shows (so the editor's
 * comments and messages never point at an editor that is not on the page), whether they all come before
 * the advanced editor, and the page's reset button.
 */
export function advancedPageFor(challenge: Pick<Challenge, 'inputs'>): AdvancedPage {
  const at = challenge.inputs.indexOf('advanced');
  const others = challenge.inputs.filter((i) => i === 'fic' || i === 'sa' || i === 'pod' || i === 'token');
  return {
    shows: { fic: others.includes('fic'), sa: others.includes('sa'), pod: others.includes('pod'), token: others.includes('token') },
    above: at >= 0 && others.every((i) => challenge.inputs.indexOf(i) < at),
    resetLabel: 'Reset challenge',
  };
}
