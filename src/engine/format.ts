/**
 * Display helpers for check columns and summaries. Pure.
 */

/** JSON-quotes a value for a check's expected/actual column; `(absent)` for undefined. */
export const q = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** "59 min", "2 h 5 min", "3 d 1 h", "45 s": a compact duration from seconds. */
export function humanDuration(totalSeconds: number): string {
  const s = Math.abs(Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} d${h ? ` ${h} h` : ''}`;
}
