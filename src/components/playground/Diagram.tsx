/**
 * The chain diagram (a Mermaid flowchart, loaded lazily on the client by mermaidSvg.ts). When a new result
 * changes a stage's status or code (and on Replay) it animates the stages in order (each "checking…",
 * then its status), unless the user prefers reduced motion; a result that changes nothing on the chain is
 * drawn at once. A text version (always the final state) is in the figure, and the stage list works
 * without Mermaid.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChainResult } from '../../engine/types.ts';
import {
  animationFrames,
  DARK_PALETTE,
  describeNodes,
  finalFrame,
  LIGHT_PALETTE,
  mermaidDefinition,
  STATUS_TEXT,
  type Frame,
} from './diagram.ts';
import { loadMermaid, renderSvg } from './mermaidSvg.ts';
import { useMediaQuery } from './useStore.ts';

/** Milliseconds each animation frame stays on screen. */
export const FRAME_MS = 180;

export interface DiagramProps {
  result?: ChainResult | undefined;
  /** Changes with every new result (starts the animation again). */
  version: number;
  /** Called once, when the first diagram is on screen or drawing it failed (the playground then loads Monaco). */
  onSettled?: (() => void) | undefined;
}

/** What the animation shows of a result: each stage's status and code, in order. */
function chainShape(r: ChainResult): string {
  return r.stages.map((st) => `${st.id}:${st.status}:${st.code ?? ''}`).join('|');
}

export function Diagram({ result, version, onSettled }: DiagramProps) {
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const narrow = useMediaQuery('(max-width: 40rem)');
  const canvasRef = useRef<HTMLDivElement>(null);
  // The frame on screen, with the result it belongs to: a frame of an older result is never drawn.
  const [step, setStep] = useState<{ result: ChainResult; frame: Frame | undefined } | undefined>(undefined);
  const [animating, setAnimating] = useState(false);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const [replay, setReplay] = useState(0);
  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;
  const settled = drawn || failed;
  useEffect(() => {
    if (settled) onSettledRef.current?.();
  }, [settled]);

  // Start loading Mermaid (it is large) once there is a result to draw, so that it does not compete with
  // the work that produces the first result.
  const hasResult = result !== undefined;
  useEffect(() => {
    if (hasResult) loadMermaid().catch(() => setFailed(true));
  }, [hasResult]);

  // A new result starts at its first frame in the very render that brings it (the final frame with reduced
  // motion), not one render later from the effect below: the diagram never shows the new result in an old
  // result's frame, and the final state is drawn at once.
  // Only a result whose stage statuses or codes differ from the last one drawn is walked through again
  // (and any result after Replay): an edit that changes nothing on the chain just redraws it.
  const shown = useRef<{ shape: string; replay: number } | undefined>(undefined);
  const walkThrough = (r: ChainResult) => !reduced && (shown.current?.shape !== chainShape(r) || shown.current.replay !== replay);
  const firstFrame = useMemo(() => (result ? (walkThrough(result) ? animationFrames(result)[0] : finalFrame(result)) : undefined), [result, reduced, replay]);
  const frame = result && step?.result === result ? step.frame : firstFrame;

  // Step through the frames of the latest result.
  useEffect(() => {
    if (!result) return;
    const frames = walkThrough(result) ? animationFrames(result) : [finalFrame(result)];
    shown.current = { shape: chainShape(result), replay };
    let i = 0;
    setStep({ result, frame: frames[0] });
    setAnimating(frames.length > 1);
    if (frames.length === 1) return;
    const timer = setInterval(() => {
      i += 1;
      setStep({ result, frame: frames[i] });
      if (i >= frames.length - 1) {
        clearInterval(timer);
        setAnimating(false);
      }
    }, FRAME_MS);
    return () => clearInterval(timer);
  }, [version, reduced, replay, result]);

  const definition = useMemo(
    () =>
      result && frame ? mermaidDefinition(result, frame, dark ? DARK_PALETTE : LIGHT_PALETTE, { direction: narrow ? 'TB' : 'LR' }) : undefined,
    [result, frame, dark, narrow],
  );

  // Render the current frame (latest wins). A layout effect, so a drawing already in the cache is put in
  // place right after this commit, not after whatever React renders next.
  useLayoutEffect(() => {
    if (!definition) return;
    let current = true;
    renderSvg(definition, 'wil-chain').then(
      (svg) => {
        // Mermaid sanitizes its output (securityLevel 'strict'); every label was sanitized before.
        if (current && canvasRef.current) {
          canvasRef.current.innerHTML = svg;
          setDrawn(true);
        }
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [definition]);

  const nodes = result ? describeNodes(result) : [];
  const failedNode = nodes.find((n) => n.status === 'fail');
  const summary = !result
    ? 'Chain diagram: running…'
    : `Chain diagram, Pod to Azure resource. ${
        failedNode ? `The chain stops at ${failedNode.node.name}${failedNode.code ? ` with ${failedNode.code}` : ''}.` : 'Every step passes.'
      } ${nodes.map((n) => `${n.node.name}: ${n.status === 'fail' && n.code ? `failed, ${n.code}` : STATUS_TEXT[n.status].word}`).join('; ')}.`;

  return (
    <figure className="panel diagram" data-testid="diagram" data-animating={animating ? 'true' : 'false'} aria-labelledby="diagram-title">
      <div className="diagram__head">
        <h2 id="diagram-title">The chain</h2>
        <button type="button" className="button button--small" onClick={() => setReplay((n) => n + 1)} disabled={!result}>
          <span aria-hidden="true">↻ </span>Replay
        </button>
      </div>
      {failed ? (
        <p className="diagram__fallback">The diagram could not be drawn. The text version and the stage list below show the same information.</p>
      ) : (
        <>
          {!drawn && (
            <p className="diagram__placeholder" aria-hidden="true">
              Drawing the diagram…
            </p>
          )}
          <div className="diagram__canvas" ref={canvasRef} role="img" aria-label={summary} />
        </>
      )}
      <ul className="diagram__legend" aria-label="Legend">
        {(['pass', 'fail', 'skipped', 'checking'] as const).map((s) => (
          <li key={s}>
            <span aria-hidden="true">{STATUS_TEXT[s].symbol}</span> {STATUS_TEXT[s].word}
          </li>
        ))}
      </ul>
      <details className="diagram__text">
        <summary>Diagram as text</summary>
        <ol>
          {nodes.map((n) => (
            <li key={n.node.id} data-node={n.node.id} data-status={n.status}>
              <span aria-hidden="true">{STATUS_TEXT[n.status].symbol} </span>
              {n.text}
            </li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
