/**
 * How Entra ID prints times in its AADSTS messages. Pure.
 */

/** Formats seconds since the epoch as Entra prints times: `2026-01-15T10:00:00.0000000Z`. */
export function entraTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const d = new Date(Math.trunc(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return d.toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}
