/**
 * The presenter view (/workshop/present/) and the audience window (/workshop/present/audience/, or
 * /workshop/present/?audience): one named scenario at a time, its chain revealed stage by stage on a
 * large diagram and stage list, with speaker notes (presenter only), keyboard control with the shortcuts
 * on screen, play/pause, time travel, and windows kept in sync over BroadcastChannel (a switch turns it off in each window).
 *
 * The state rules live in presenterModel.ts; every status shown comes from the engine's ChainResult for
 * the scenario's world as it is at the time-travel offset.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { STAGE_IDS, type StageId } from '../../engine/schema.ts';
import { advanceWorld } from '../../engine/time.ts';
import type { ChainResult, World } from '../../engine/types.ts';
import { STATUS_TEXT, type ShownStatus } from '../playground/diagram.ts';
import { Prose } from '../playground/StageList.tsx';
import { PLAY_STEP_MS, STAGE_NOTES, STAGE_SHORT_TITLES } from './deck.ts';
import { runWorkshop } from './engine.ts';
import {
  actionForKey,
  CHANNEL_NAME,
  clampStep,
  focusStage,
  frameAt,
  INITIAL_STATE,
  lastStep,
  parseSyncMessage,
  reduce,
  SHORTCUTS,
  type PresenterAction,
  type PresenterState,
  type SyncMessage,
} from './presenterModel.ts';
import { startOffline } from './offline/register.ts';
import { PresenterDiagram } from './PresenterDiagram.tsx';
import { TimeTravel } from './TimeTravel.tsx';
import { offsetLabel } from './timeModel.ts';

/** One scenario of the deck, as the page passes it in (plain data). */
export interface PresenterSlide {
  slug: string;
  title: string;
  summary?: string | undefined;
  fix?: string | undefined;
  /** The scenario's fixed clock (ISO 8601). */
  now: string;
  world: World;
  /** What to point at (presenter only). */
  point: string;
}

export interface PresenterProps {
  slides: PresenterSlide[];
  mode: 'presenter' | 'audience';
}

const STATUS_WORD: Record<ShownStatus, string> = {
  pass: 'Passed',
  warn: 'Passed, warning',
  fail: 'Failed',
  skipped: 'Skipped',
  waiting: 'Not yet',
  checking: 'Checking',
};

function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('.monaco-editor') !== null;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
}

export default function Presenter({ slides, mode: pageMode }: PresenterProps) {
  // `/workshop/present/?audience` is the same as the audience page.
  const [mode, setMode] = useState(pageMode);
  useEffect(() => {
    if (pageMode === 'presenter' && new URLSearchParams(window.location.search).has('audience')) setMode('audience');
  }, [pageMode]);
  const audience = mode === 'audience';
  useEffect(() => startOffline(), []);
  const me = useMemo(newId, []);
  const rootRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<PresenterState>(INITIAL_STATE);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [sync, setSync] = useState(true);
  const syncRef = useRef(sync);
  syncRef.current = sync;
  const channelRef = useRef<BroadcastChannel | null>(null);
  const [resultKey, setResultKey] = useState('');
  const [result, setResult] = useState<ChainResult | undefined>(undefined);
  const [syncSupported, setSyncSupported] = useState(true);
  const [help, setHelp] = useState(false);
  const helpRef = useRef(help);
  helpRef.current = help;

  const slide = slides[state.scenario] ?? slides[0]!;
  const key = `${state.scenario}:${state.elapsed}:${state.reread === undefined ? 'd' : String(state.reread)}`;
  const current = resultKey === key ? result : undefined;
  const last = current ? lastStep(current) : undefined;
  const lastRef = useRef(last);
  lastRef.current = last;

  // The world shown: the scenario's, with the re-read override.
  const world = useMemo(() => {
    if (state.reread === undefined) return slide.world;
    const w = structuredClone(slide.world);
    w.token.appRereadSeconds = state.reread;
    return w;
  }, [slide, state.reread]);

  // Run the engine for the scenario at the offset.
  useEffect(() => {
    let live = true;
    const at = state.elapsed;
    const now = new Date(new Date(slide.now).getTime() + at * 1000);
    void runWorkshop(at > 0 ? advanceWorld(world, at).world : world, now).then((r) => {
      if (!live) return;
      setResult(r);
      setResultKey(key);
    });
    return () => {
      live = false;
    };
  }, [key, world, slide, state.elapsed]);

  const post = useCallback((msg: SyncMessage) => {
    if (syncRef.current) channelRef.current?.postMessage(msg);
  }, []);

  /** Applies a local action and tells the other windows. */
  const act = useCallback(
    (action: PresenterAction) => {
      const next = reduce(stateRef.current, action, slides.length, lastRef.current);
      if (next === stateRef.current) return;
      stateRef.current = next;
      setState(next);
      post({ type: 'state', from: me, state: next });
    },
    [slides.length, me, post],
  );

  // BroadcastChannel: on while sync is on.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') {
      setSyncSupported(false);
      return;
    }
    if (!sync) return;
    const ch = new BroadcastChannel(CHANNEL_NAME);
    channelRef.current = ch;
    ch.onmessage = (e: MessageEvent) => {
      const msg = parseSyncMessage(e.data, slides.length);
      if (!msg || msg.from === me) return;
      if (msg.type === 'hello') {
        // The presenter answers a newcomer; two audience windows would otherwise override the presenter.
        if (!audience) ch.postMessage({ type: 'state', from: me, state: stateRef.current } satisfies SyncMessage);
        return;
      }
      stateRef.current = msg.state;
      setState(msg.state);
    };
    // A newcomer asks for the current state; the presenter also pushes its own when sync comes (back) on.
    ch.postMessage({ type: 'hello', from: me } satisfies SyncMessage);
    if (!audience) ch.postMessage({ type: 'state', from: me, state: stateRef.current } satisfies SyncMessage);
    return () => {
      ch.close();
      channelRef.current = null;
    };
  }, [sync, me, slides.length, audience]);

  // Play mode: the window that pressed play steps; the others follow its messages.
  useEffect(() => {
    if (!state.playing || state.driver !== me) return;
    const t = setInterval(() => act({ type: 'tick' }), PLAY_STEP_MS);
    return () => clearInterval(t);
  }, [state.playing, state.driver, me, act]);

  const toggleFullscreen = useCallback(() => {
    const el = rootRef.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void el.requestFullscreen?.().catch(() => undefined);
  }, []);

  // Keyboard: anywhere on the page, except while typing and for Space/Enter on a focused control.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if ((e.key === ' ' || e.key === 'Enter') && target?.closest('button, a, summary, [role="button"]')) return;
      if (e.key === '?') {
        setHelp((h) => !h);
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape' && helpRef.current) {
        setHelp(false);
        e.preventDefault();
        return;
      }
      const a = actionForKey(e.key, me);
      if (!a) return;
      e.preventDefault();
      if (a === 'fullscreen') toggleFullscreen();
      else act(a);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [act, me, toggleFullscreen]);

  /** After a mouse click on a control, focus goes back to the presentation so Space plays again. */
  const click = (a: PresenterAction) => (e: MouseEvent<HTMLButtonElement>) => {
    act(a);
    if (e.detail > 0) rootRef.current?.focus({ preventScroll: true });
  };

  const step = clampStep(state.step, current);
  const frame = current ? frameAt(current, step) : undefined;
  const focus = current ? focusStage(current, step) : undefined;
  const focusResult = focus ? current?.stages.find((s) => s.id === focus) : undefined;
  const done = current !== undefined && step === last;
  const failed = current?.stages.find((s) => s.id === current.failedStage);

  const announcement = !current
    ? ''
    : step === 0
      ? `${slide.title}. Ready.`
      : focusResult
        ? `Stage ${STAGE_IDS.indexOf(focusResult.id) + 1} of ${STAGE_IDS.length}, ${focusResult.title}: ${STATUS_WORD[focusResult.status]}${focusResult.status === 'fail' && focusResult.code ? `, ${focusResult.code}` : ''}.`
        : 'The remaining stages are skipped.';

  const stageNo = (id: StageId) => STAGE_IDS.indexOf(id) + 1;
  const verdict = !current
    ? { cls: 'pending', icon: '…', text: 'Running the chain…' }
    : step === 0
      ? { cls: 'pending', icon: STATUS_TEXT.waiting.symbol, text: 'Ready: no stage checked yet' }
      : !done && focusResult
        ? {
            cls: 'pending',
            icon: STATUS_TEXT[focusResult.status].symbol,
            text: `Stage ${stageNo(focusResult.id)}: ${focusResult.title} — ${STATUS_WORD[focusResult.status]}${focusResult.status === 'fail' && focusResult.code ? `, ${focusResult.code}` : ''}`,
          }
        : !done
          ? { cls: 'pending', icon: '…', text: `Step ${step} of ${last}` }
          : current.outcome === 'granted'
            ? { cls: 'granted', icon: '✓', text: 'Granted: the pod reads the secret' }
            : { cls: 'denied', icon: '✗', text: `Denied at ${failed?.title ?? current.failedStage}${current.code ? ` — ${current.code}` : ''}` };

  return (
    <div
      className={`pv pv--${mode}`}
      ref={rootRef}
      tabIndex={-1}
      data-testid="presenter"
      data-mode={mode}
      data-scenario={slide.slug}
      data-step={step}
      data-last-step={last ?? ''}
      data-playing={state.playing ? 'true' : 'false'}
      data-elapsed={state.elapsed}
      data-verdict={current && done ? current.outcome : 'not-shown'}
      aria-labelledby="pv-title"
    >
      {/* The first screen: everything a presenter (or the room) needs, without scrolling. */}
      <div className="pv__screen">
        <header className="pv__top">
          <div className="pv__bar">
            <p className="pv__eyebrow">
              {!audience && (
                <>
                  <a className="pv__back" href="/workshop/" data-testid="pv-back">
                    <span aria-hidden="true">← </span>Workshop guide
                  </a>
                  <span aria-hidden="true"> · </span>
                </>
              )}
              Scenario {state.scenario + 1} of {slides.length}
              {current && step > 0 && (
                <span>
                  {' '}
                  · step {step} of {last}
                </span>
              )}
              {state.elapsed > 0 && <span className="pv__time"> · {offsetLabel(state.elapsed)}</span>}
            </p>
            <div className="pv__sync">
              <label className="pv-switch" data-testid="sync-label">
                <input
                  type="checkbox"
                  role="switch"
                  checked={sync && syncSupported}
                  disabled={!syncSupported}
                  onChange={(e) => setSync(e.target.checked)}
                  data-testid="sync-toggle"
                />
                <span>Sync windows</span>
              </label>
              {!audience && (
                <a className="button button--small" href="/workshop/present/audience/" target="wil-audience" data-testid="open-audience">
                  Open audience window
                </a>
              )}
            </div>
          </div>
          <h1 id="pv-title" className="pv__title" data-testid="presenter-title">
            {slide.title}
          </h1>
        </header>

        <div className="pv__main">
          <div className="pv__show">
            <div className={`pv-verdict pv-verdict--${verdict.cls}`} data-testid="presenter-verdict">
              <span className="pv-verdict__icon" aria-hidden="true">
                {verdict.icon}
              </span>
              <span>{verdict.text}</span>
            </div>
            <PresenterDiagram result={current} frame={frame} />
          </div>

          <div className="pv__side">
            <ol className="pv-stages" aria-label="Stages" data-testid="presenter-stages">
              {STAGE_IDS.map((id, i) => {
                const shown: ShownStatus = frame?.[id] ?? 'waiting';
                const s = current?.stages.find((x) => x.id === id);
                const isFocus = focus === id;
                return (
                  <li
                    key={id}
                    className={`pv-stage pv-stage--${shown}${isFocus ? ' is-focus' : ''}`}
                    data-testid={`p-stage-${id}`}
                    data-shown={shown}
                    aria-current={isFocus ? 'step' : undefined}
                  >
                    <span className="pv-stage__num" aria-hidden="true">
                      {i + 1}
                    </span>
                    {/* One line per stage in large type; the verdict line and the notes give the full title. */}
                    <span className="pv-stage__title">{STAGE_SHORT_TITLES[id]}</span>
                    <span className="pv-stage__status">
                      <span aria-hidden="true">{STATUS_TEXT[shown].symbol}</span> {STATUS_WORD[shown]}
                    </span>
                    {shown === 'fail' && s?.code && <span className="pv-stage__code"> {s.code}</span>}
                  </li>
                );
              })}
            </ol>
            {!audience && (
              <section className="pv-notes" aria-labelledby="pv-notes-title" data-testid="speaker-notes" tabIndex={0}>
                <h2 id="pv-notes-title">Speaker notes</h2>
                {step === 0 || !current ? (
                  <>
                    <p className="pv-notes__point">
                      <strong>Point: </strong>
                      {slide.point}
                    </p>
                    {slide.summary && (
                      <p>
                        <Prose text={slide.summary} />
                      </p>
                    )}
                  </>
                ) : focus ? (
                  <>
                    <p className="pv-notes__stage">
                      Stage {stageNo(focus)}: {focusResult?.title}
                    </p>
                    {focusResult?.status === 'fail' ? (
                      // A failing stage: the diagnosis and the fix first, what the stage checks after them.
                      <>
                        <p>
                          <strong>What happened: </strong>
                          <Prose text={focusResult.summary} />
                        </p>
                        {focusResult.uncertain && (
                          <p data-testid="notes-uncertain">
                            <strong>Uncertain: </strong>
                            <Prose text={focusResult.uncertain} />
                          </p>
                        )}
                        {slide.fix && (
                          <p>
                            <strong>Fix: </strong>
                            <Prose text={slide.fix} />
                          </p>
                        )}
                        <p>
                          <strong>The stage: </strong>
                          <Prose text={STAGE_NOTES[focus].say} />
                        </p>
                      </>
                    ) : (
                      <>
                        <p>
                          <Prose text={STAGE_NOTES[focus].say} />
                        </p>
                        <p className="pv-notes__ask">
                          <strong>Ask the room: </strong>
                          {STAGE_NOTES[focus].ask}
                        </p>
                      </>
                    )}
                  </>
                ) : (
                  <p>Everything after the failing stage is skipped: Entra ID or the resource stops at the first problem.</p>
                )}
                {done && (
                  <p className="pv-notes__next">
                    {state.scenario + 1 < slides.length ? (
                      <>
                        Next (<kbd>N</kbd>): {slides[state.scenario + 1]!.title}
                      </>
                    ) : (
                      'Last scenario of the deck.'
                    )}
                  </p>
                )}
              </section>
            )}
          </div>
        </div>

        <div className="pv-controls" role="group" aria-label="Presentation controls">
          <button type="button" className="button" onClick={click({ type: 'prev' })} disabled={step === 0} data-testid="pv-prev">
            <kbd aria-hidden="true">←</kbd> Back
          </button>
          <button type="button" className="button button--primary" onClick={click({ type: 'next' })} disabled={done} data-testid="pv-next">
            Next <kbd aria-hidden="true">→</kbd>
          </button>
          <button type="button" className="button" onClick={click({ type: 'toggle-play', by: me })} aria-pressed={state.playing} data-testid="pv-play">
            <kbd aria-hidden="true">Space</kbd> {state.playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" className="button" onClick={click({ type: 'reset' })} data-testid="pv-reset">
            <kbd aria-hidden="true">R</kbd> Reset
          </button>
          <button type="button" className="button" onClick={click({ type: 'scenario', delta: 1 })} data-testid="pv-next-scenario">
            <kbd aria-hidden="true">N</kbd> Next scenario
          </button>
          <label className="pv-pick">
            <span className="visually-hidden">Scenario</span>
            <select value={state.scenario} onChange={(e) => act({ type: 'goto-scenario', index: Number(e.target.value) })} data-testid="pv-pick">
              {slides.map((s, i) => (
                <option key={s.slug} value={i}>
                  {i + 1}. {s.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={toggleFullscreen} data-testid="pv-fullscreen">
            <kbd aria-hidden="true">F</kbd> Full screen
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setHelp((h) => !h)}
            aria-expanded={help}
            aria-controls="pv-keys"
            data-testid="pv-help"
          >
            <kbd aria-hidden="true">?</kbd> All keys
          </button>
        </div>
      </div>

      <p className="visually-hidden" aria-live="polite" data-testid="presenter-announce">
        {announcement}
      </p>

      {!audience && (
        <TimeTravel
          world={world}
          startTime={slide.now}
          elapsedSeconds={state.elapsed}
          onChange={(s) => act({ type: 'set-elapsed', seconds: s })}
          result={current}
          onRereadChange={(v) => act({ type: 'set-reread', value: v })}
          size="large"
          terse
          collapsible
        />
      )}

      <section id="pv-keys" className={`pv-keys${help ? ' is-open' : ''}`} aria-labelledby="pv-keys-title" data-testid="shortcuts">
        <div className="pv-keys__head">
          <h2 id="pv-keys-title">Keyboard shortcuts</h2>
          {help && (
            <button type="button" className="button button--small" onClick={() => setHelp(false)} data-testid="pv-keys-close">
              Close <kbd aria-hidden="true">Esc</kbd>
            </button>
          )}
        </div>
        <ul>
          {SHORTCUTS.map((s) => (
            <li key={s.label}>
              <span className="pv-keys__keys">
                {s.show.map((k, i) => (
                  <span key={k}>
                    {i > 0 && '+'}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </span>{' '}
              {s.label}
            </li>
          ))}
          <li>
            <span className="pv-keys__keys">
              <kbd>?</kbd>
            </span>{' '}
            show or hide this list
          </li>
        </ul>
      </section>

      {/* The "available offline" note (offline/register.ts); kept off the projector in the audience window. */}
      <div className={audience ? 'visually-hidden' : 'pv-offline'} data-offline-slot="" />
    </div>
  );
}
