/**
 * What the offline service worker stores (precache.ts): Mermaid's flowchart, sequence and dagre code and
 * every other chunk stay in; the diagram kinds and layouts the site never draws are left out; the web app
 * manifest is complete.
 */
import { describe, expect, it } from 'vitest';
import { isUnusedChunk, PRECACHE_GLOBS, PRECACHE_IGNORES, WEB_MANIFEST } from '../../src/components/workshop/offline/precache.ts';

describe('precache selection', () => {
  it('keeps what the pages load: Monaco, its workers, Mermaid core, flowchart, sequence, dagre, app chunks', () => {
    for (const f of [
      '_astro/editor.api.CqJfjeaI.js',
      '_astro/json.worker-BfeARH1Q.js',
      '_astro/editor.worker-CX7Cj20z.js',
      '_astro/mermaid.core.DGVGXqRn.js',
      '_astro/flowDiagram-MALGAFMO.C7ByApjT.js',
      '_astro/sequenceDiagram-5NDRBG5M.DVmrhys0.js',
      '_astro/dagre-SPEB5RXH.BN8X-0k9.js',
      '_astro/chunk-NGNAAXSQ.DI_UYJZ4.js',
      '_astro/Presenter.CgNySIQp.js',
      'workshop/present/index.html',
      'learn/index.html',
    ]) {
      expect(isUnusedChunk(f), f).toBe(false);
    }
  });

  it('leaves out layouts and diagram kinds the site never draws', () => {
    for (const f of [
      '_astro/elk-XV6XMXQE.BOXDJH1m.js',
      '_astro/cytoscape.esm.nTrd5EVq.js',
      '_astro/katex.a6gDtQ-e.js',
      '_astro/cose-bilkent-JH36ORCC.CgiITCAF.js',
      '_astro/ganttDiagram-23REXITY.6i40hVqN.js',
      '_astro/classDiagram-v2-L25IHNXF.FH2HqWOc.js',
      '_astro/stateDiagram-v2-FJ4FJNEA.CFTQ-_WW.js',
      '_astro/mindmap-definition-I2QAS2VK.DQNAP3_K.js',
      '_astro/mermaid-parser.core.DkBOevbz.js',
    ]) {
      expect(isUnusedChunk(f), f).toBe(true);
    }
  });

  it('stores pages, scripts, styles, fonts and the search index; never the worker itself or preview images', () => {
    expect(PRECACHE_GLOBS.join(' ')).toMatch(/html/);
    expect(PRECACHE_GLOBS.join(' ')).toMatch(/ttf/);
    expect(PRECACHE_GLOBS).toContain('pagefind/**/*');
    expect(PRECACHE_IGNORES).toEqual(expect.arrayContaining(['sw.js', 'og/**']));
  });

  it('has a complete web app manifest', () => {
    expect(WEB_MANIFEST).toMatchObject({ name: 'Workload Identity Lab', start_url: '/', scope: '/', display: 'standalone' });
    expect(WEB_MANIFEST.icons[0]).toMatchObject({ src: '/favicon.svg', type: 'image/svg+xml' });
  });
});
