/**
 * Where Chromium is and how it is started, shared by the e2e harness (harness.ts) and the measurements of
 * `npm run bench` (measure.ts, which runs outside vitest and so cannot import the harness).
 */

/** Chromium binary used by every e2e test and the bench (Debian's `chromium` package). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium flags: no sandbox (CI runs as root), no GPU, and no background traffic of Chromium's own
 * (which would otherwise flood a closed network with refused connections).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
