/**
 * Stage-result builders shared by every provider's stages: a stage returns a {@link Stage} (a
 * StageResult without id and title, which the runner adds). Codes take their HTTP status, OAuth `error`
 * and `uncertain` note from the error catalogue (errors.ts). Pure.
 */
import type { Check, StageResult } from './types.ts';
import { ERROR_CATALOGUE, errorPagePath } from './errors.ts';

/** A stage result without its id and title (added by the runner). */
export type Stage = Omit<StageResult, 'id' | 'title'>;

/** `pass` when every check is ok, else `warn` (passes, with a caveat). */
export function pass(summary: string, checks: Check[], extra: Partial<Stage> = {}): Stage {
  return { status: checks.every((c) => c.ok) ? 'pass' : 'warn', summary, checks, ...extra };
}

/** A failure whose code is in the catalogue: status, error field and HTTP status come from there. */
export function failCode(code: string, summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  const info = ERROR_CATALOGUE[code];
  return {
    status: 'fail',
    code,
    summary,
    checks,
    message,
    fix,
    ...(info?.httpStatus !== undefined ? { httpStatus: info.httpStatus } : {}),
    ...(info?.error !== undefined ? { error: info.error } : {}),
    ...(info?.uncertain !== undefined ? { uncertain: info.uncertain } : {}),
    learnMore: [errorPagePath(code)],
    ...extra,
  };
}

/** A failure without a catalogue code (a client-side, Kubernetes or service error). */
export function fail(summary: string, checks: Check[], message: string, fix: string, extra: Partial<Stage> = {}): Stage {
  return { status: 'fail', summary, checks, message, fix, ...extra };
}

/**
 * Builders with the providers' names (pass / fail with or without a catalogue code), used by the stages
 * of the non-AKS providers. Same output as {@link pass} and {@link fail}; {@link failWithCode} differs from
 * {@link failCode} in one way: an `uncertain` in `extra` is JOINED to the catalogue's own note (both are
 * shown), never silently replaces it.
 */
export const passStage = pass;

/** A failure without a catalogue code; `message` may be absent (nothing printed by the real system). */
export function failStage(summary: string, checks: Check[], message: string | undefined, fix: string, extra: Partial<Stage> = {}): Stage {
  return { status: 'fail', summary, checks, ...(message !== undefined ? { message } : {}), fix, ...extra };
}

/** A failure whose code is in the catalogue; `extra.uncertain` is joined to the catalogue's note. */
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

/** Annotation/label keys that look like `wanted` but are not it (typos the webhook silently ignores). */
export function nearMisses(map: Record<string, string>, wanted: string): string[] {
  const norm = (k: string) => k.toLowerCase().replace(/[_\s.]/g, '-');
  return Object.keys(map).filter((k) => k !== wanted && norm(k) === norm(wanted));
}
