/**
 * What the offline service worker stores (precache.ts): Mermaid's flowchart, sequence and dagre code and
 * every other chunk stay in; the diagram kinds and layouts the site never draws are left out; the web app
 * manifest is complete and its PNG icons render at their declared sizes; an unknown address offline gets
 * the stored not-found page with status 404 (navigation.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOT_FOUND_PAGE, notFoundWhenOffline, UNKNOWN_PAGE_ROUTE } from '../../src/components/workshop/offline/navigation.ts';
import { APP_ICONS, isUnusedChunk, PRECACHE_GLOBS, PRECACHE_IGNORES, WEB_MANIFEST } from '../../src/components/workshop/offline/precache.ts';
import { renderIcon } from '../../src/components/workshop/offline/icons.ts';

/** Width and height from a PNG's IHDR chunk (after checking the PNG signature). */
function pngHeader(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

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

  it('has a complete web app manifest: PNG icons of 192 and 512 pixels, a maskable one, and the SVG', () => {
    expect(WEB_MANIFEST).toMatchObject({ name: 'Workload Identity Lab', start_url: '/', scope: '/', display: 'standalone' });
    expect(WEB_MANIFEST.icons).toEqual(
      expect.arrayContaining([
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ]),
    );
    // The iOS icon is linked from the pages' head, not listed in the manifest.
    expect(WEB_MANIFEST.icons.some((i) => i.src.includes('apple'))).toBe(false);
  });

  it('renders every icon as a PNG of its declared size', () => {
    for (const icon of APP_ICONS) {
      const png = renderIcon(icon);
      expect(pngHeader(png), icon.name).toEqual({ width: icon.size, height: icon.size });
      expect(png.byteLength, icon.name).toBeGreaterThan(1000); // a drawn logo, not an empty square
    }
  });
});

describe('unknown addresses (navigation.ts)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offline, answers with the stored /404.html (found whatever its revision query) under status 404', async () => {
    const asked: [string, CacheQueryOptions | undefined][] = [];
    vi.stubGlobal('caches', {
      match: async (url: string, opts?: CacheQueryOptions) => {
        asked.push([url, opts]);
        return new Response('<h1>Page not found</h1>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
      },
    });
    const res = await notFoundWhenOffline();
    expect(asked).toEqual([[NOT_FOUND_PAGE, { ignoreSearch: true }]]);
    expect(res?.status).toBe(404);
    expect(res?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res?.text()).toBe('<h1>Page not found</h1>');
  });

  it('gives up (the usual network error) when the page is not stored', async () => {
    vi.stubGlobal('caches', { match: async () => undefined });
    expect(await notFoundWhenOffline()).toBeUndefined();
  });

  it('handles navigations only, from the network (nothing stored at run time)', () => {
    const match = UNKNOWN_PAGE_ROUTE.urlPattern as (o: { request: { mode: string } }) => boolean;
    expect(match({ request: { mode: 'navigate' } })).toBe(true);
    expect(match({ request: { mode: 'cors' } })).toBe(false);
    expect(match({ request: { mode: 'no-cors' } })).toBe(false);
    expect(UNKNOWN_PAGE_ROUTE.handler).toBe('NetworkOnly');
  });
});
