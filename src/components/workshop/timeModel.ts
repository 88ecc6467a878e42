/**
 * What the time-travel control shows, as data: the simulated clock, the token's timeline (from the
 * engine's `advanceWorld`) and the things a teacher watches run out (the presented token's expiry, a new
 * federated credential's and a new role assignment's propagation, a retired signing key leaving the JWKS).
 * Pure (no DOM, no React): `TimeTravel.tsx` renders it and test/unit/workshop-time.test.ts checks it.
 *
 * Nothing here decides whether the chain passes: the verdict always comes from the engine's ChainResult.
 * The countdowns only say when the engine's modelled delays (the constants exported by the engine's
 * chain module) run out, so the room knows what to wait for.
 */
import { FIC_PROPAGATION_SECONDS, humanDuration, RBAC_PROPAGATION_SECONDS, RETIRED_KEY_GRACE_SECONDS } from '../../engine/chain.ts';
import { advanceWorld, type TokenTimeline } from '../../engine/time.ts';
import type { ChainResult, World } from '../../engine/types.ts';

export { humanDuration };

/** The clock presets, in seconds: +10 min, +1 h, +1 day. */
export const TIME_STEPS: readonly { seconds: number; label: string }[] = [
  { seconds: 600, label: '+10 min' },
  { seconds: 3600, label: '+1 h' },
  { seconds: 86400, label: '+1 day' },
];

/** Upper end of the slider, seconds (3 days: past a day-long token, a 24 h key grace and a refresh cycle). */
export const MAX_ELAPSED_SECONDS = 3 * 86400;
/** Slider step, seconds. */
export const SLIDER_STEP_SECONDS = 60;

/** "now", or "now + 1 d 2 h" for an offset in seconds. */
export function offsetLabel(elapsedSeconds: number): string {
  return elapsedSeconds <= 0 ? 'now' : `now + ${humanDuration(elapsedSeconds)}`;
}

/** How the app's re-read interval reads in words (`null`: never, 0: before every exchange). */
export function rereadLabel(seconds: number | null): string {
  if (seconds === null) return 'never: it read the file once at start-up and keeps that copy';
  if (seconds === 0) return 'before every token exchange';
  if (seconds === 600) return 'every 10 min (the Azure SDK’s cache)';
  return `every ${humanDuration(seconds)}`;
}

/** One thing running out over time. `state`: `waiting` (still ahead), `done` (ran out), `bad` (ran out, and that breaks the chain). */
export interface Watch {
  id: string;
  label: string;
  state: 'waiting' | 'done' | 'bad';
  /** One sentence: when, or since when. */
  detail: string;
  /** The code the engine reports for it, when it breaks the chain. */
  code?: string;
}

/** Everything the control shows for one offset. */
export interface TimeView {
  elapsedSeconds: number;
  /** "now" or "now + 1 d 2 h". */
  offset: string;
  timeline: TokenTimeline;
  watches: Watch[];
}

/**
 * Builds the view for `world` (as it is at the start moment) `elapsedSeconds` later. `result` (optional)
 * is the engine's result at that time: the token expiry is read from its minted token, and a watch whose
 * delay ran out but whose stage still fails shows the stage's code.
 */
export function timeView(world: World, elapsedSeconds: number, result?: ChainResult): TimeView {
  const t = Math.max(0, Math.floor(elapsedSeconds));
  const { world: later, timeline } = advanceWorld(world, t);
  const watches: Watch[] = [];
  const stage = (id: string) => result?.stages.find((s) => s.id === id);

  // The token the app presents: from the engine's minted token when there is one.
  const payload = result?.artifacts.token?.payload;
  const exp = typeof payload?.exp === 'number' ? payload.exp : undefined;
  const leftSeconds = result && exp !== undefined ? exp - result.now : timeline.lifetimeSeconds - timeline.presentedTokenAgeSeconds;
  const lifetimeStage = stage('lifetime');
  watches.push(
    leftSeconds > 0
      ? {
          id: 'token-expiry',
          label: 'Presented token expires',
          state: 'waiting',
          detail: `in ${humanDuration(leftSeconds)} (it is ${humanDuration(timeline.presentedTokenAgeSeconds)} old).`,
        }
      : {
          id: 'token-expiry',
          label: 'Presented token expired',
          state: 'bad',
          detail: `${humanDuration(-leftSeconds)} ago: Entra ID refuses it${timeline.presentedIsStale ? ', although the file holds a fresh one' : ''}.`,
          ...(lifetimeStage?.code ? { code: lifetimeStage.code } : { code: 'AADSTS700024' }),
        },
  );

  const start = world.identity.federatedCredentials;
  later.identity.federatedCredentials.forEach((f, i) => {
    const before = start[i]?.createdSecondsAgo ?? f.createdSecondsAgo;
    if (before >= FIC_PROPAGATION_SECONDS) return; // nothing to watch: propagated before the start
    const left = FIC_PROPAGATION_SECONDS - f.createdSecondsAgo;
    watches.push(
      left > 0
        ? { id: `fic-${i}`, label: `Federated credential “${f.name}” propagates`, state: 'waiting', detail: `in ${humanDuration(left)} (written ${humanDuration(f.createdSecondsAgo)} ago; the simulator allows ${FIC_PROPAGATION_SECONDS} s).` }
        : { id: `fic-${i}`, label: `Federated credential “${f.name}” propagated`, state: 'done', detail: `${humanDuration(-left)} ago.` },
    );
  });

  const startRoles = world.roleAssignments;
  later.roleAssignments.forEach((a, i) => {
    const before = startRoles[i]?.createdSecondsAgo ?? a.createdSecondsAgo;
    if (before >= RBAC_PROPAGATION_SECONDS) return;
    const left = RBAC_PROPAGATION_SECONDS - a.createdSecondsAgo;
    watches.push(
      left > 0
        ? { id: `role-${i}`, label: `Role assignment “${a.role}” takes effect`, state: 'waiting', detail: `in ${humanDuration(left)} (created ${humanDuration(a.createdSecondsAgo)} ago; up to ${humanDuration(RBAC_PROPAGATION_SECONDS)}).` }
        : { id: `role-${i}`, label: `Role assignment “${a.role}” took effect`, state: 'done', detail: `${humanDuration(-left)} ago.` },
    );
  });

  later.cluster.signingKeys.forEach((k, i) => {
    if (k.retiredSecondsAgo === undefined || !k.published) return;
    const left = RETIRED_KEY_GRACE_SECONDS - k.retiredSecondsAgo;
    const signsPresented = later.token.signingKey === k.name;
    const sig = stage('signature');
    watches.push(
      left > 0
        ? {
            id: `key-${i}`,
            label: `Retired key “${k.name}” leaves the JWKS`,
            state: 'waiting',
            detail: `in ${humanDuration(left)} (rotated out ${humanDuration(k.retiredSecondsAgo)} ago; AKS keeps it 24 h).${signsPresented ? ' The presented token is signed with it.' : ''}`,
          }
        : {
            id: `key-${i}`,
            label: `Retired key “${k.name}” left the JWKS`,
            state: signsPresented ? 'bad' : 'done',
            detail: `${humanDuration(-left)} ago.${signsPresented ? ' The presented token is still signed with it.' : ''}`,
            ...(signsPresented && sig?.code ? { code: sig.code } : {}),
          },
    );
  });

  return { elapsedSeconds: t, offset: offsetLabel(t), timeline, watches };
}
