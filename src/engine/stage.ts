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

/** Annotation/label keys that look like `wanted` but are not it (typos the webhook silently ignores). */
export function nearMisses(map: Record<string, string>, wanted: string): string[] {
  const norm = (k: string) => k.toLowerCase().replace(/[_\s.]/g, '-');
  return Object.keys(map).filter((k) => k !== wanted && norm(k) === norm(wanted));
}
