/**
 * The presenter's chain diagram: the playground's Mermaid flowchart (diagram.ts) for one presentation
 * step, in large type with no small print (the per-stage line is left out: the stage list beside it has
 * every stage), scaled to fill its box (presenter.css). Mermaid loads lazily (mermaidSvg.ts, shared with
 * the playground), runs with securityLevel 'strict' and the dagre layout; every label was sanitized by
 * diagram.ts. A text version of the same step is the figure's accessible name, and the stage list next to
 * it works without Mermaid.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChainResult } from '../../engine/types.ts';
import { DARK_PALETTE, LIGHT_PALETTE, mermaidDefinition, NODES, nodeStatus, STATUS_TEXT, type Frame } from '../playground/diagram.ts';
import { loadMermaid, renderSvg } from '../playground/mermaidSvg.ts';
import { useMediaQuery } from '../playground/useStore.ts';

/**
 * Label size in the SVG, in CSS pixels before scaling. With {@link WRAP_PX} it gives a drawing of about
 * 835 × 496 that fills the presenter's box at 1280 × 720 at a scale of about 0.95: every label is about
 * 19 px on screen (test/e2e/workshop.test.ts holds it at 18 px or more).
 */
const FONT_PX = 20;
/** Labels wrap at this width (CSS pixels before scaling): narrower boxes, so that the drawing's shape suits a 16:9 screen. */
const WRAP_PX = 180;

/** One sentence per node for the current step (the figure's text alternative). */
export function describeFrame(result: ChainResult, frame: Frame): string {
  return NODES.map((n) => {
    const { status, code } = nodeStatus(n, frame, result);
    return `${n.name}: ${status === 'fail' && code ? `failed, ${code}` : STATUS_TEXT[status].word}`;
  }).join('; ');
}

export function PresenterDiagram({ result, frame }: { result?: ChainResult | undefined; frame?: Frame | undefined }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const narrow = useMediaQuery('(max-width: 40rem)');
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // The definition whose drawing is on screen (a newer one may still be rendering).
  const [drawnDefinition, setDrawnDefinition] = useState<string | undefined>(undefined);
  const drawn = drawnDefinition !== undefined;

  useEffect(() => {
    loadMermaid().catch(() => setFailed(true));
  }, []);

  const definition = useMemo(
    () => (result && frame ? mermaidDefinition(result, frame, dark ? DARK_PALETTE : LIGHT_PALETTE, { direction: narrow ? 'TB' : 'LR', fontSize: FONT_PX, wrapWidth: WRAP_PX, stagesLine: 'none' }) : undefined),
    [result, frame, dark, narrow],
  );

  useEffect(() => {
    if (!definition) return;
    let current = true;
    renderSvg(definition, 'wil-present').then(
      (svg) => {
        // Mermaid sanitizes its output (securityLevel 'strict'); every label was sanitized before.
        if (current && ref.current) {
          ref.current.innerHTML = svg;
          setDrawnDefinition(definition);
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

  const label = result && frame ? `Chain diagram. ${describeFrame(result, frame)}.` : 'Chain diagram: running…';
  return (
    <div
      className="pv-diagram"
      data-testid="presenter-diagram"
      data-drawn={drawn ? 'true' : 'false'}
      data-current={drawn && drawnDefinition === definition ? 'true' : 'false'}
    >
      {failed ? (
        <p className="pv-diagram__fallback">The diagram could not be drawn; the stage list shows the same steps.</p>
      ) : (
        <>
          {!drawn && (
            <p className="pv-diagram__placeholder" aria-hidden="true">
              Drawing the diagram…
            </p>
          )}
          <div className="pv-diagram__canvas" ref={ref} role="img" aria-label={label} />
        </>
      )}
    </div>
  );
}
