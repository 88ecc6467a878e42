/**
 * The presenter's chain diagram: the playground's Mermaid flowchart (diagram.ts) for one presentation
 * step, drawn large (it scales to the width of its box). Mermaid loads lazily, runs with
 * securityLevel 'strict' and the dagre layout; every label was sanitized by diagram.ts. A text version of
 * the same step is the figure's accessible name, and the stage list next to it works without Mermaid.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChainResult } from '../../engine/types.ts';
import { DARK_PALETTE, LIGHT_PALETTE, mermaidDefinition, NODES, nodeStatus, STATUS_TEXT, type Frame } from '../playground/diagram.ts';
import { useMediaQuery } from '../playground/useStore.ts';

type Mermaid = (typeof import('mermaid'))['default'];
let mermaidPromise: Promise<Mermaid> | undefined;
let renderCount = 0;
let queue: Promise<unknown> = Promise.resolve();
const svgCache = new Map<string, string>();

function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      layout: 'dagre',
      securityLevel: 'strict',
      theme: 'base',
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      flowchart: { htmlLabels: true, useMaxWidth: true, curve: 'basis', padding: 12, nodeSpacing: 28, rankSpacing: 36 },
      themeVariables: { fontSize: '14px' },
    });
    return mermaid;
  });
  return mermaidPromise;
}

/** Renders one definition to SVG text; serialized (Mermaid keeps global state) and cached. */
function renderSvg(definition: string): Promise<string> {
  const cached = svgCache.get(definition);
  if (cached) return Promise.resolve(cached);
  const job = queue.then(async () => {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`wil-present-${++renderCount}`, definition);
    if (svgCache.size > 120) svgCache.delete(svgCache.keys().next().value!);
    svgCache.set(definition, svg);
    return svg;
  });
  queue = job.catch(() => undefined);
  return job;
}

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
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    loadMermaid().catch(() => setFailed(true));
  }, []);

  const definition = useMemo(
    () => (result && frame ? mermaidDefinition(result, frame, dark ? DARK_PALETTE : LIGHT_PALETTE, { direction: narrow ? 'TB' : 'LR' }) : undefined),
    [result, frame, dark, narrow],
  );

  useEffect(() => {
    if (!definition) return;
    let current = true;
    renderSvg(definition).then(
      (svg) => {
        // Mermaid sanitizes its output (securityLevel 'strict'); every label was sanitized before.
        if (current && ref.current) {
          ref.current.innerHTML = svg;
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

  const label = result && frame ? `Chain diagram. ${describeFrame(result, frame)}.` : 'Chain diagram: running…';
  return (
    <div className="pv-diagram" data-testid="presenter-diagram" data-drawn={drawn ? 'true' : 'false'}>
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
