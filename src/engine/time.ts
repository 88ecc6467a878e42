/**
 * Time travel: the world as it is `elapsedSeconds` after the moment it describes.
 *
 * What moves (reference A3, B2, B4, C3, E2):
 * - the kubelet rewrites the projected token file once the token is older than 80 % of its lifetime or
 *   older than 24 hours (ServiceAccountTokenProjection field docs);
 * - the app re-reads that file every `token.appRereadSeconds` (0: before every exchange; 600: the Azure
 *   SDK for Go's 10-minute cache, the default; null: never, so it keeps presenting the first token);
 * - federated credentials, role assignments and retired signing keys get older (propagation delays run
 *   out; a retired key leaves the JWKS after 24 h).
 *
 * Pure: no clock is read. The caller runs the chain on the returned world at `now + elapsedSeconds`.
 * The kubelet's refresh is modelled as happening exactly at the threshold; the real kubelet checks
 * periodically, so it refreshes a little later.
 */
import type { World } from './schema.ts';
import { webhookExpiration } from './chain.ts';

/** The kubelet refreshes a projected token older than this fraction of its lifetime (A3). */
export const KUBELET_REFRESH_FRACTION = 0.8;
/** …or older than this many seconds (A3). */
export const KUBELET_REFRESH_MAX_AGE_SECONDS = 86400;
/** The default app re-read interval: the Azure SDK for Go caches the file for 10 minutes (B4). */
export const DEFAULT_APP_REREAD_SECONDS = 600;

/** What happened to the token over the elapsed time (all times in seconds, relative to the new now). */
export interface TokenTimeline {
  /** Lifetime the kubelet requests for each token. */
  lifetimeSeconds: number;
  /** Refresh period: min(80 % of the lifetime, 24 h); undefined when the kubelet does not refresh. */
  refreshEverySeconds?: number;
  /** Age of the token in the file now. */
  fileTokenAgeSeconds: number;
  /** Seconds until the kubelet rewrites the file next; undefined when it does not refresh. */
  nextRefreshInSeconds?: number;
  /** How many times the kubelet rewrote the file during the elapsed time. */
  refreshes: number;
  /** Age of the token the app presents now (what the chain sees). */
  presentedTokenAgeSeconds: number;
  /** True when the app presents an older token than the one in the file. */
  presentedIsStale: boolean;
  /** The app's re-read interval (null = never). */
  appRereadSeconds: number | null;
}

/** The token lifetime the kubelet requests: the webhook's annotation value when valid, else token.expirationSeconds. */
function lifetimeOf(world: World): number {
  const exp = webhookExpiration(world);
  return exp.seconds ?? world.token.expirationSeconds;
}

/** Issue time (relative seconds, 0 = the world's original now) of the token in the file at time `t`. */
function fileTokenIssuedAt(t: number, firstIssued: number, period: number | undefined): number {
  if (period === undefined || period <= 0 || t < firstIssued + period) return firstIssued;
  const n = Math.floor((t - firstIssued) / period);
  return firstIssued + n * period;
}

/**
 * Returns the world `elapsedSeconds` later (see module docs) and the token timeline. `elapsedSeconds`
 * below 0 is treated as 0. The input world is not modified.
 */
export function advanceWorld(world: World, elapsedSeconds: number): { world: World; timeline: TokenTimeline } {
  const t = Math.max(0, Math.floor(Number.isFinite(elapsedSeconds) ? elapsedSeconds : 0));
  const w: World = structuredClone(world);
  const lifetime = lifetimeOf(world);
  const refreshOn = world.token.kubeletRefresh !== false;
  const period = refreshOn && lifetime > 0 ? Math.min(Math.floor(KUBELET_REFRESH_FRACTION * lifetime), KUBELET_REFRESH_MAX_AGE_SECONDS) : undefined;
  const firstIssued = -world.token.issuedSecondsAgo; // relative to the original now
  const reread = world.token.appRereadSeconds === undefined ? DEFAULT_APP_REREAD_SECONDS : world.token.appRereadSeconds;

  const fileIssued = fileTokenIssuedAt(t, firstIssued, period);
  // At t = 0 the app presents the world's token (token.issuedSecondsAgo), whatever the file holds: that is
  // what the chain runs on without time travel. It next re-reads the file at t = reread (at once for 0).
  let presentedIssued: number;
  if (reread === null || t === 0) presentedIssued = firstIssued; // never re-reads, or not yet
  else if (reread === 0) presentedIssued = fileIssued;
  else if (t < reread) presentedIssued = firstIssued;
  else presentedIssued = fileTokenIssuedAt(Math.floor(t / reread) * reread, firstIssued, period);

  w.token.issuedSecondsAgo = t - presentedIssued;
  // A token issued after its signing key was rotated out is signed with the current (not retired) key.
  const used = world.cluster.signingKeys.find((k) => k.name === world.token.signingKey);
  const current = world.cluster.signingKeys.find((k) => k.retiredSecondsAgo === undefined && k.published);
  if (used?.retiredSecondsAgo !== undefined && current && presentedIssued > -used.retiredSecondsAgo) w.token.signingKey = current.name;
  for (const f of w.identity.federatedCredentials) f.createdSecondsAgo += t;
  for (const a of w.roleAssignments) a.createdSecondsAgo += t;
  for (const k of w.cluster.signingKeys) if (k.retiredSecondsAgo !== undefined) k.retiredSecondsAgo += t;

  const refreshes = period === undefined || t < firstIssued + period ? 0 : Math.floor((t - firstIssued) / period) - Math.max(0, Math.floor((0 - firstIssued) / period));
  const timeline: TokenTimeline = {
    lifetimeSeconds: lifetime,
    fileTokenAgeSeconds: t - fileIssued,
    refreshes: Math.max(0, refreshes),
    presentedTokenAgeSeconds: t - presentedIssued,
    presentedIsStale: presentedIssued < fileIssued,
    appRereadSeconds: reread,
  };
  if (period !== undefined) {
    timeline.refreshEverySeconds = period;
    timeline.nextRefreshInSeconds = fileIssued + period - t;
  }
  return { world: w, timeline };
}
