/**
 * What the service worker stores for offline use, as data (pure; used by the build integration and the
 * unit tests): every page, every style sheet, font and script the site can load (Monaco with its
 * workers, Mermaid with the flowchart, sequence and dagre code it draws with, the lesson search index),
 * and not the files no page ever needs offline: link-preview images, the sitemap, and Mermaid's code for
 * diagram types and layouts the site never draws (ELK, cytoscape, KaTeX, the other diagram kinds).
 */

/** Files searched (globs relative to the build output). */
export const PRECACHE_GLOBS = ['**/*.{html,js,css,svg,ttf,woff2,webmanifest}', 'pagefind/**/*'];

/** Never stored: the worker itself, link-preview images, the sitemap. */
export const PRECACHE_IGNORES = ['sw.js', 'og/**', 'sitemap*.xml', '**/*.map'];

/**
 * Build chunks the site never loads: Mermaid's other layouts and diagram kinds (the site draws only
 * flowcharts with dagre, and a sequence diagram in a lesson), and math rendering. Matched against the
 * file name in `_astro/`.
 */
export const UNUSED_CHUNKS: readonly RegExp[] = [
  /^(elk|cytoscape\.esm|katex|cose-bilkent|mermaid-parser\.core|swimlanes)[-.]/,
  /^(?!flowDiagram-|sequenceDiagram-)\w+Diagram(-v2)?-[A-Z0-9]+\.[\w-]+\.js$/,
  /-definition-[A-Z0-9]+\.[\w-]+\.js$/,
];

/** True when a precache URL (relative, e.g. `_astro/elk-XV6X.js`) should be left out. */
export function isUnusedChunk(url: string): boolean {
  const m = /^\/?_astro\/([^/]+)$/.exec(url);
  return m !== null && UNUSED_CHUNKS.some((re) => re.test(m[1]!));
}

/**
 * The app icons, drawn at build time from public/favicon.svg (icons.ts, served by
 * src/pages/icons/[name].png.ts). `size` in CSS pixels (square). `purpose: 'maskable'` icons fill the
 * whole square with `background` and keep the logo inside the central safe zone (a circle of 80 % of
 * the width), so launchers may crop them to any shape; `any` icons are the logo alone on `background`
 * (transparent when absent).
 */
export const APP_ICONS = [
  { name: 'icon-192', size: 192, purpose: 'any' },
  { name: 'icon-512', size: 512, purpose: 'any' },
  { name: 'maskable-512', size: 512, purpose: 'maskable', background: '#f7f8fa' },
  // iOS home screen (link rel="apple-touch-icon"): opaque, iOS rounds the corners itself.
  { name: 'apple-touch-icon', size: 180, purpose: 'apple', background: '#f7f8fa' },
] as const satisfies readonly { name: string; size: number; purpose: 'any' | 'maskable' | 'apple'; background?: string }[];

/** The web app manifest (served as /manifest.webmanifest by src/pages/manifest.webmanifest.ts). */
export const WEB_MANIFEST = {
  name: 'Workload Identity Lab',
  short_name: 'WI Lab',
  description: 'Learn and debug Kubernetes workload identity federation (AKS → Microsoft Entra ID) in the browser, also offline.',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f7f8fa',
  theme_color: '#1d4ed8',
  icons: [
    { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ...APP_ICONS.filter((i) => i.purpose !== 'apple').map((i) => ({
      src: `/icons/${i.name}.png`,
      sizes: `${i.size}x${i.size}`,
      type: 'image/png',
      purpose: i.purpose,
    })),
  ],
};
