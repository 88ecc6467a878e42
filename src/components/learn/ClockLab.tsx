/**
 * Lab of the lesson /learn/why-it-matters/.
 * Short-lived tokens and the clock. Two copies of the same app: one read the token file once
 * at start-up and keeps presenting that token, the other re-reads the file (which the kubelet rewrites at
 * 80 % of the token's lifetime). The learner moves the clock; the engine judges both tokens.
 */
import { useMemo, useState } from 'react';
import { humanDuration } from '../../engine/chain.ts';
import type { ChainResult } from '../../engine/types.ts';
import { Prose, StatusBadge } from '../playground/StageList.tsx';
import { useChain } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import {
  checkClock,
  CLOCK_EXERCISE,
  CLOCK_STEP_MINUTES,
  CLOCK_TOKEN_TTL,
  clockWorld,
  describeResult,
  kubeletRefreshAge,
  tokenAgeOnDisk,
} from './exercises.ts';

const MAX_MINUTES = 180;

/** One app's card: the age of the token it presents, and Entra ID's verdict with any uncertainty the engine notes. */
export function AppCard({ title, how, age, result, testid }: { title: string; how: string; age: number; result?: ChainResult | undefined; testid: string }) {
  const lifetime = result?.stages.find((s) => s.id === 'lifetime');
  const pct = Math.min(100, (age / CLOCK_TOKEN_TTL) * 100);
  return (
    <div className="panel app-card" data-testid={testid} data-outcome={result?.outcome ?? 'pending'}>
      <h3>{title}</h3>
      <p className="muted small">{how}</p>
      <p>
        Token it presents: issued <strong>{humanDuration(age)}</strong> ago, valid for {humanDuration(CLOCK_TOKEN_TTL)}.
      </p>
      <div className="age-bar" aria-hidden="true">
        <span className="age-bar__fill" style={{ width: `${pct}%` }} />
        <span className="age-bar__refresh" style={{ left: `${(kubeletRefreshAge(CLOCK_TOKEN_TTL) / CLOCK_TOKEN_TTL) * 100}%` }} />
      </div>
      {result ? (
        <p className="app-card__verdict">
          {lifetime && <StatusBadge status={lifetime.status} />} Entra ID: {describeResult(result)}.
        </p>
      ) : (
        <p className="muted">Checking…</p>
      )}
      {lifetime?.uncertain && (
        <p className="uncertain small" data-testid={`${testid}-uncertain`}>
          <strong>Uncertain: </strong>
          <Prose text={lifetime.uncertain} />
        </p>
      )}
    </div>
  );
}

export default function ClockLab() {
  const now = useMemo(() => new Date(), []);
  const [minutes, setMinutes] = useState(0);
  const t = minutes * 60;
  const prev = Math.max(0, minutes - CLOCK_STEP_MINUTES) * 60;
  const cachedWorld = useMemo(() => clockWorld(t), [t]);
  const cachedPrevWorld = useMemo(() => clockWorld(prev), [prev]);
  const rereadWorld = useMemo(() => clockWorld(tokenAgeOnDisk(t)), [t]);
  const cached = useChain(cachedWorld, now);
  const cachedPrev = useChain(cachedPrevWorld, now);
  const reread = useChain(rereadWorld, now);
  const fresh = (r: ChainResult | undefined, w: unknown) => (r && r.world === w ? r : undefined);
  const c = fresh(cached, cachedWorld);
  const cp = fresh(cachedPrev, cachedPrevWorld);
  const rr = fresh(reread, rereadWorld);
  const check = c && cp && rr ? (minutes === 0 ? { solved: false, detail: 'Both apps work at start-up. Move the clock.' } : checkClock(c, cp, rr)) : undefined;

  return (
    <ExerciseShell
      exercise={CLOCK_EXERCISE}
      task={
        <p>
          Two copies of the same app run in pods started at the same time. App A read the token file once, at start-up; app B reads it again
          each time it needs Entra ID. Suppose both ask Entra ID for a new access token at the time on the clock. Move the clock to the first
          moment Entra ID refuses one of them.
        </p>
      }
      {...(check ? { check } : {})}
      attempt={`Clock: ${minutes} minutes after the pod started`}
      onReset={() => setMinutes(0)}
    >
      <div className="panel clock">
        <label htmlFor="clock-minutes">
          Time since the pod started: <strong data-testid="clock-value">{minutes} minutes</strong>
        </label>
        <input
          id="clock-minutes"
          type="range"
          min={0}
          max={MAX_MINUTES}
          step={CLOCK_STEP_MINUTES}
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
          aria-valuetext={`${minutes} minutes`}
        />
        <p className="muted small">
          The kubelet replaces the token in the file once it is {humanDuration(kubeletRefreshAge(CLOCK_TOKEN_TTL))} old (80 % of one hour).
          The marker on each bar shows that point.
        </p>
      </div>
      <div className="app-cards">
        <AppCard title="App A: read the file once" how="Reads the token at start-up and keeps presenting it." age={t} result={c} testid="app-cached" />
        <AppCard title="App B: re-reads the file" how="Reads the token file again before each exchange, like current Azure SDKs." age={tokenAgeOnDisk(t)} result={rr} testid="app-reread" />
      </div>
    </ExerciseShell>
  );
}
