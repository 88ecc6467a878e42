/**
 * The time-travel clock control, shared by the playground, the workshop challenges and the presenter
 * view: +10 min, +1 h, +1 day, a slider (0 to 3 days, minute steps) and "Back to now". It shows the
 * token's timeline (the engine's `advanceWorld`: token age, the kubelet's next refresh, how often the app
 * re-reads the file, whether it presents a stale copy) and the delays running out (token expiry with
 * AADSTS700024, federated credential and role assignment propagation, a retired key leaving the JWKS).
 *
 * The host owns the offset (`elapsedSeconds`) and runs the engine at it; this component only renders and
 * reports changes. Status is shown with a symbol and a word, never by colour alone.
 */
import { useEffect, useId, useState } from 'react';
import type { ChainResult, World } from '../../engine/types.ts';
import { formatSimulatedTime } from '../playground/shareLink.ts';
import { humanDuration, MAX_ELAPSED_SECONDS, offsetLabel, rereadLabel, SLIDER_STEP_SECONDS, TIME_STEPS, timeView, type Watch } from './timeModel.ts';
import './time-travel.css';

const WATCH_TEXT: Record<Watch['state'], { symbol: string; word: string }> = {
  waiting: { symbol: '○', word: 'Waiting' },
  done: { symbol: '✓', word: 'Done' },
  bad: { symbol: '✗', word: 'Breaks the chain' },
};

/** App re-read choices offered when the host lets the user change it. */
const REREAD_CHOICES: { value: string; label: string }[] = [
  { value: '0', label: 'Before every exchange (0 s)' },
  { value: '600', label: 'Every 10 min (Azure SDK, 600 s)' },
  { value: 'never', label: 'Never: read once at start-up' },
];

export interface TimeTravelProps {
  /** The world at the start moment (what the editors show). */
  world: World;
  /** The start moment as an ISO 8601 date-time; absent: the real clock (only the offset is shown exactly). */
  startTime?: string | undefined;
  /** Seconds after the start moment. */
  elapsedSeconds: number;
  onChange(seconds: number): void;
  /** The engine's result at the offset (for the token's expiry and the codes). */
  result?: ChainResult | undefined;
  /** When given, the app's re-read interval can be changed here (`null` = never). */
  onRereadChange?: ((seconds: number | null) => void) | undefined;
  /** Heading level of the control's title (default 2). */
  headingLevel?: 2 | 3;
  /** Larger type for the presenter view. */
  size?: 'normal' | 'large';
  /** Hide the explanation paragraph (presenter). */
  terse?: boolean;
  /** Render as a collapsible section (closed at first while the clock is at "now"). */
  collapsible?: boolean;
}

export function TimeTravel({
  world,
  startTime,
  elapsedSeconds,
  onChange,
  result,
  onRereadChange,
  headingLevel = 2,
  size = 'normal',
  terse = false,
  collapsible = false,
}: TimeTravelProps) {
  const uid = useId();
  const [open, setOpen] = useState(elapsedSeconds > 0);
  useEffect(() => {
    if (elapsedSeconds > 0) setOpen(true);
  }, [elapsedSeconds]);
  const view = timeView(world, elapsedSeconds, result);
  const tl = view.timeline;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const at = startTime ? formatSimulatedTime(new Date(new Date(startTime).getTime() + view.elapsedSeconds * 1000).toISOString()) : undefined;
  const go = (s: number) => onChange(Math.max(0, Math.min(MAX_ELAPSED_SECONDS, Math.floor(s))));
  const reread = tl.appRereadSeconds;

  const Wrap = collapsible ? 'span' : 'div';
  const Clock = collapsible ? 'span' : 'p';
  const atIso = startTime ? new Date(new Date(startTime).getTime() + view.elapsedSeconds * 1000).toISOString() : undefined;
  const head = (
    <Wrap className="tt__head">
      <H className="tt__title" id={`${uid}-title`}>
        Time travel
      </H>
      <Clock className="tt__clock" data-testid="time-travel-clock">
        <span className="tt__offset">{view.offset}</span>
        {at && atIso && (
          <>
            {' '}
            <span className="tt__at">
              (<time dateTime={atIso}>{at}</time>)
            </span>
          </>
        )}
      </Clock>
    </Wrap>
  );
  const body = (
    <>
      {!terse && (
        <p className="tt__intro muted">
          Move the clock forward and the chain re-runs on the world as it is then: the kubelet refreshes the token, the app re-reads it (or not),
          propagation delays run out.
        </p>
      )}
      <div className="tt__controls">
        <div className="tt__buttons" role="group" aria-label="Advance the simulated clock">
          {TIME_STEPS.map((s) => (
            <button
              type="button"
              key={s.seconds}
              className="button button--small"
              onClick={() => go(view.elapsedSeconds + s.seconds)}
              disabled={view.elapsedSeconds >= MAX_ELAPSED_SECONDS}
              data-testid={`time-plus-${s.seconds}`}
            >
              {s.label}
            </button>
          ))}
          <button type="button" className="button button--small" onClick={() => go(0)} disabled={view.elapsedSeconds === 0} data-testid="time-reset">
            <span aria-hidden="true">↺ </span>Back to now
          </button>
        </div>
        <label className="tt__slider" htmlFor={`${uid}-slider`}>
          <span>Time after start</span>
          <input
            id={`${uid}-slider`}
            type="range"
            min={0}
            max={MAX_ELAPSED_SECONDS}
            step={SLIDER_STEP_SECONDS}
            value={Math.min(view.elapsedSeconds, MAX_ELAPSED_SECONDS)}
            aria-valuetext={offsetLabel(view.elapsedSeconds)}
            onChange={(e) => go(Number(e.target.value))}
            data-testid="time-slider"
          />
          <span className="tt__scale" aria-hidden="true">
            <span>now</span>
            <span>+1 d</span>
            <span>+2 d</span>
            <span>+3 d</span>
          </span>
        </label>
      </div>

      <dl className="tt__facts" data-testid="time-travel-facts">
        <div>
          <dt>Token the app presents</dt>
          <dd data-testid="tt-presented-age">
            {humanDuration(tl.presentedTokenAgeSeconds)} old, of a {humanDuration(tl.lifetimeSeconds)} lifetime
          </dd>
        </div>
        <div>
          <dt>Kubelet refresh</dt>
          <dd data-testid="tt-next-refresh">
            {tl.nextRefreshInSeconds !== undefined && tl.refreshEverySeconds !== undefined
              ? `next in ${humanDuration(tl.nextRefreshInSeconds)} (every ${humanDuration(tl.refreshEverySeconds)}: 80 % of the lifetime, at most 24 h)${tl.refreshes ? `; ${tl.refreshes} refresh${tl.refreshes === 1 ? '' : 'es'} so far` : ''}`
              : 'off: the file is never rewritten'}
          </dd>
        </div>
        <div>
          <dt>App re-reads the file</dt>
          <dd>
            {onRereadChange ? (
              <select
                aria-label="How often the app re-reads the token file"
                value={reread === null ? 'never' : String(reread)}
                onChange={(e) => onRereadChange(e.target.value === 'never' ? null : Number(e.target.value))}
                data-testid="tt-reread"
              >
                {REREAD_CHOICES.some((c) => c.value === (reread === null ? 'never' : String(reread))) ? null : (
                  <option value={String(reread)}>{rereadLabel(reread)}</option>
                )}
                {REREAD_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : (
              rereadLabel(reread)
            )}
          </dd>
        </div>
        <div>
          <dt>Stale copy?</dt>
          <dd data-testid="tt-stale" data-stale={tl.presentedIsStale ? 'true' : 'false'}>
            {tl.presentedIsStale ? (
              <>
                <span aria-hidden="true">⚠ </span>Yes: the app presents a token {humanDuration(tl.presentedTokenAgeSeconds - tl.fileTokenAgeSeconds)} older than the one in the file
              </>
            ) : (
              'No: it presents the token in the file'
            )}
          </dd>
        </div>
      </dl>

      <ul className="tt__watches" aria-label="Running out" data-testid="time-travel-watches">
        {view.watches.map((w) => (
          <li key={w.id} className={`tt-watch tt-watch--${w.state}`} data-watch={w.id} data-state={w.state}>
            <span className="tt-watch__badge">
              <span aria-hidden="true">{WATCH_TEXT[w.state].symbol}</span> {WATCH_TEXT[w.state].word}
            </span>
            <span className="tt-watch__text">
              <strong>{w.label}</strong> {w.detail}
              {w.code && (
                <>
                  {' '}
                  <span className="code-chip">{w.code}</span>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
  const common = { 'aria-labelledby': `${uid}-title`, 'data-testid': 'time-travel', 'data-elapsed': view.elapsedSeconds };
  if (collapsible) {
    return (
      <details className={`panel tt tt--${size} tt--collapsible`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)} {...common}>
        <summary className="tt__summary">{head}</summary>
        <div className="tt__body">{body}</div>
      </details>
    );
  }
  return (
    <section className={`panel tt tt--${size}`} {...common}>
      {head}
      {body}
    </section>
  );
}
