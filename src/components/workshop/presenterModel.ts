/**
 * The presenter view's state and its rules, framework-free: which scenario is shown, how far through
 * its stages the presentation is, play/pause, the time-travel offset, the keyboard map, and the
 * messages two windows exchange over BroadcastChannel. `Presenter.tsx` renders it;
 * test/unit/workshop-presenter.test.ts checks it.
 *
 * Steps: step 0 shows the chain with nothing checked yet; each step reveals the next stage's real status
 * (from the engine's ChainResult); after a failing stage, one more step turns the rest "skipped". So a
 * granted chain has 9 steps after step 0, and a chain failing at stage k (1-based) has k + 1.
 */
import { STAGE_IDS, type StageId } from '../../engine/schema.ts';
import type { ChainResult } from '../../engine/types.ts';
import type { Frame } from '../playground/diagram.ts';

/** The part of the presenter's state that windows share. */
export interface PresenterState {
  /** Index into the deck. */
  scenario: number;
  /** 0 … {@link lastStep}; a larger value means "everything revealed". */
  step: number;
  playing: boolean;
  /** Time-travel offset, seconds after the scenario's `now`. */
  elapsed: number;
  /** The app's re-read interval override (seconds, or null = never); absent: the scenario's own. */
  reread?: number | null | undefined;
  /** The window that drives play mode (only it runs the timer). */
  driver?: string | undefined;
}

export const INITIAL_STATE: PresenterState = { scenario: 0, step: 0, playing: false, elapsed: 0 };

/** The number of the last step for a result (see module docs). */
export function lastStep(result: ChainResult): number {
  const i = result.failedStage ? STAGE_IDS.indexOf(result.failedStage) : -1;
  return i < 0 ? STAGE_IDS.length : i + 2;
}

/** Step clamped to the result's range. */
export function clampStep(step: number, result: ChainResult | undefined): number {
  if (!result) return Math.max(0, step);
  return Math.max(0, Math.min(step, lastStep(result)));
}

/** What each stage shows at a step: its status once revealed, `waiting` before. */
export function frameAt(result: ChainResult, step: number): Frame {
  const s = clampStep(step, result);
  const frame = {} as Frame;
  const failIndex = result.failedStage ? STAGE_IDS.indexOf(result.failedStage) : -1;
  STAGE_IDS.forEach((id, i) => {
    const status = result.stages.find((x) => x.id === id)?.status ?? 'skipped';
    const revealed = failIndex >= 0 && i > failIndex ? s >= failIndex + 2 : s >= i + 1;
    frame[id] = revealed ? status : 'waiting';
  });
  return frame;
}

/** The stage the presenter is talking about at a step (the one revealed last); undefined at step 0 and on the "rest skipped" step. */
export function focusStage(result: ChainResult, step: number): StageId | undefined {
  const s = clampStep(step, result);
  if (s === 0) return undefined;
  const failIndex = result.failedStage ? STAGE_IDS.indexOf(result.failedStage) : -1;
  if (failIndex >= 0 && s === failIndex + 2) return undefined;
  return STAGE_IDS[s - 1];
}

/** Every action the view (keys, buttons, the play timer, another window) can take. */
export type PresenterAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'toggle-play'; by: string }
  | { type: 'tick' }
  | { type: 'reset' }
  | { type: 'scenario'; delta: number }
  | { type: 'goto-scenario'; index: number }
  | { type: 'advance'; seconds: number }
  | { type: 'set-elapsed'; seconds: number }
  | { type: 'set-reread'; value: number | null }
  | { type: 'replace'; state: PresenterState };

/** A large step value meaning "show every stage" (clamped when rendered). */
export const ALL_STEPS = 99;

/**
 * The next state. `deckSize` is the number of scenarios; `last` the last step of the current result
 * (undefined while it is computing). Pure.
 */
export function reduce(state: PresenterState, action: PresenterAction, deckSize: number, last: number | undefined): PresenterState {
  const max = last ?? ALL_STEPS;
  const cur = Math.min(state.step, max);
  switch (action.type) {
    case 'next':
      return { ...state, step: Math.min(cur + 1, max), playing: false };
    case 'prev':
      return { ...state, step: Math.max(cur - 1, 0), playing: false };
    case 'first':
      return { ...state, step: 0, playing: false };
    case 'last':
      return { ...state, step: max, playing: false };
    case 'toggle-play':
      if (state.playing) return { ...state, playing: false };
      // Playing from the end starts again from the beginning.
      return { ...state, playing: true, driver: action.by, step: cur >= max ? 0 : cur };
    case 'tick': {
      if (!state.playing) return state;
      const step = Math.min(cur + 1, max);
      return { ...state, step, playing: step < max };
    }
    case 'reset':
      return { ...state, step: 0, playing: false, elapsed: 0, reread: undefined };
    case 'scenario':
      return { scenario: (((state.scenario + action.delta) % deckSize) + deckSize) % deckSize, step: 0, playing: false, elapsed: 0 };
    case 'goto-scenario':
      return { scenario: Math.max(0, Math.min(deckSize - 1, action.index)), step: 0, playing: false, elapsed: 0 };
    case 'advance':
      return { ...state, elapsed: Math.max(0, state.elapsed + action.seconds), step: ALL_STEPS, playing: false };
    case 'set-elapsed':
      return { ...state, elapsed: Math.max(0, action.seconds), step: ALL_STEPS, playing: false };
    case 'set-reread':
      return { ...state, reread: action.value, step: ALL_STEPS, playing: false };
    case 'replace':
      return sanitizeState(action.state, deckSize) ?? state;
  }
}

/** Validates a state received from another window; undefined when it is not one. */
export function sanitizeState(input: unknown, deckSize: number): PresenterState | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const o = input as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!int(o.scenario) || (o.scenario as number) >= deckSize || !int(o.step) || typeof o.playing !== 'boolean' || !int(o.elapsed)) return undefined;
  const out: PresenterState = { scenario: o.scenario as number, step: o.step as number, playing: o.playing, elapsed: o.elapsed as number };
  if (o.reread === null || int(o.reread)) out.reread = o.reread as number | null;
  if (typeof o.driver === 'string') out.driver = o.driver;
  return out;
}

/** The keyboard map: key (KeyboardEvent.key) → action, with the text the legend shows. */
export interface Shortcut {
  keys: string[];
  label: string;
  /** What the legend prints for the keys. */
  show: string[];
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['ArrowRight', 'PageDown'], show: ['→'], label: 'next stage' },
  { keys: ['ArrowLeft', 'PageUp'], show: ['←'], label: 'previous stage' },
  { keys: [' '], show: ['Space'], label: 'play / pause' },
  { keys: ['r', 'R'], show: ['R'], label: 'reset' },
  { keys: ['n', 'N'], show: ['N'], label: 'next scenario' },
  { keys: ['p', 'P'], show: ['P'], label: 'previous scenario' },
  { keys: ['m', 'M'], show: ['M'], label: 'time +10 min' },
  { keys: ['t'], show: ['T'], label: 'time +1 h' },
  { keys: ['T'], show: ['Shift', 'T'], label: 'time +1 day' },
  { keys: ['0'], show: ['0'], label: 'time back to now' },
  { keys: ['f', 'F'], show: ['F'], label: 'full screen' },
];

/** The action for a key press, or undefined when the key is not a shortcut. `by` names this window. */
export function actionForKey(key: string, by: string): PresenterAction | 'fullscreen' | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { type: 'prev' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case ' ':
      return { type: 'toggle-play', by };
    case 'r':
    case 'R':
      return { type: 'reset' };
    case 'n':
    case 'N':
      return { type: 'scenario', delta: 1 };
    case 'p':
    case 'P':
      return { type: 'scenario', delta: -1 };
    case 'm':
    case 'M':
      return { type: 'advance', seconds: 600 };
    case 't':
      return { type: 'advance', seconds: 3600 };
    case 'T':
      return { type: 'advance', seconds: 86400 };
    case '0':
      return { type: 'set-elapsed', seconds: 0 };
    case 'f':
    case 'F':
      return 'fullscreen';
    default:
      return undefined;
  }
}

/** The BroadcastChannel name the presenter windows share. */
export const CHANNEL_NAME = 'wil-presenter-v1';

/** Messages between windows: a full state, or a newcomer asking for it. */
export type SyncMessage = { type: 'state'; from: string; state: PresenterState } | { type: 'hello'; from: string };

/** Reads a message from another window; undefined for anything else. */
export function parseSyncMessage(data: unknown, deckSize: number): SyncMessage | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const o = data as Record<string, unknown>;
  if (typeof o.from !== 'string') return undefined;
  if (o.type === 'hello') return { type: 'hello', from: o.from };
  if (o.type === 'state') {
    const state = sanitizeState(o.state, deckSize);
    return state ? { type: 'state', from: o.from, state } : undefined;
  }
  return undefined;
}
