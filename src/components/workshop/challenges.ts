/**
 * Running a workshop challenge: where the chain is checked (the checkpoints), and whether an attempt
 * solves the challenge. Pure apart from the engine call it is given; the verdict always comes from the
 * engine's ChainResult (the success condition is the outcome it reports), never from a rule re-checked here.
 */
import { advanceWorld } from '../../engine/time.ts';
import type { ChainResult, World } from '../../engine/types.ts';
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
