/**
 * Mermaid for the chain diagrams (the playground's Diagram.tsx and the presenter's PresenterDiagram.tsx):
 * loaded on first use only (it is large, and client-side only), initialized once with the site's options
 * (dagre layout rather than Mermaid 12's default ELK, securityLevel 'strict', the base theme, system
 * fonts), and a renderer that turns a flowchart definition into SVG text. Renders are serialized, because
 * Mermaid keeps global state while it renders, and their SVG text is cached by definition (an animation
 * or a presentation revisits the same frames).
 *
 * A definition can override these options in its own front matter (diagram.ts sets colours there, and the
 * presenter a larger font size); `initialize` is never called again.
 */

type Mermaid = (typeof import('mermaid'))['default'];

/** SVG texts kept; the oldest is dropped first. */
const CACHE_LIMIT = 120;

let mermaidPromise: Promise<Mermaid> | undefined;
let renderCount = 0;
let queue: Promise<unknown> = Promise.resolve();
const svgCache = new Map<string, string>();

/**
 * Imports and initializes Mermaid once; later calls return the same promise. Rejects when the chunk
 * cannot be loaded (the callers then show their text fallback).
 */
export function loadMermaid(): Promise<Mermaid> {
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

/**
 * Renders one Mermaid definition to SVG text (from the cache when it was rendered before). `idPrefix`
 * starts the id of the SVG element (Mermaid scopes the diagram's styles to it), followed by a counter
 * unique within the page. Rejects with Mermaid's error for a definition it cannot parse or lay out.
 */
export function renderSvg(definition: string, idPrefix: string): Promise<string> {
  const cached = svgCache.get(definition);
  if (cached) return Promise.resolve(cached);
  const job = queue.then(async () => {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`${idPrefix}-${++renderCount}`, definition);
    if (svgCache.size >= CACHE_LIMIT) svgCache.delete(svgCache.keys().next().value!);
    svgCache.set(definition, svg);
    return svg;
  });
  queue = job.catch(() => undefined);
  return job;
}
