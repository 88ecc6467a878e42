/**
 * Stage-result builders for the github-entra stages. Same shape and rules as the private `pass` /
 * `failCode` / `fail` helpers of the engine's chain: a passing stage whose checks are not all ok is a
 * `warn`; a failure with a catalogue code takes its HTTP status, `error` field and `uncertain` note from
 * src/engine/errors.ts and links the code's error page. When the engine exports shared builders, these
 * can be replaced by them (same output).
 */
import type { Check, StageResult } from '../../types.ts';
import { ERROR_CATALOGUE, errorPagePath } from '../../errors.ts';

/** A stage result without its id and title (the runner adds them). */
export type Stage = Omit<StageResult, 'id' | 'title'>;

/** `pass` when every check is ok, else `warn` (passes, with a caveat). */
export function passStage(summary: string, checks: Check[], extra: Partial<Stage> = {}): Stage {
  return { status: checks.every((c) => c.ok) ? 'pass' : 'warn', summary, checks, ...extra };
}

/** A failure without a catalogue code (a GitHub, azure/login or Azure CLI error). */
export function failStage(summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  return { status: 'fail', summary, checks, message, fix, ...extra };
}

/**
 * A failure whose code is in the error catalogue. `uncertain` in `extra` is joined to the catalogue's own
 * note (both are shown), never silently replaces it.
 */
export function failWithCode(code: string, summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  const info = ERROR_CATALOGUE[code];
  const uncertain = joinUncertain(info?.uncertain, extra.uncertain);
  return {
    status: 'fail',
    code,
    summary,
    checks,
    message,
    fix,
    ...(info?.httpStatus !== undefined ? { httpStatus: info.httpStatus } : {}),
    ...(info?.error !== undefined ? { error: info.error } : {}),
    learnMore: [errorPagePath(code)],
    ...extra,
    ...(uncertain ? { uncertain } : {}),
  };
}

/** JSON-quotes a value for a check's expected/actual column; `(absent)` for undefined. */
export const quote = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Joins uncertainty notes (skipping empty ones); undefined when there are none. */
export function joinUncertain(...notes: (string | undefined)[]): string | undefined {
  const s = notes.filter((n): n is string => !!n).join(' ');
  return s || undefined;
}
