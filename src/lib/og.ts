/**
 * Link-preview images (Open Graph / Twitter `summary_large_image`), rendered at BUILD time: a layout
 * described as satori's element tree → SVG (satori) → PNG (resvg). 1200×630 pixels, the size Open Graph
 * consumers expect.
 *
 * The font is Inter, read from the `@fontsource/inter` npm package in node_modules (OFL-1.1); nothing is
 * fetched from the internet, and the pages never reference the font. Only the Latin subsets are loaded,
 * so the images use words rather than symbol glyphs (✓/✗ are not in those subsets): status is shown as
 * a word AND a colour.
 *
 * Build-time only (Node): imported by src/pages/og/*.png.ts, never by client code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import type { ChainResult } from '../engine/types.ts';
import { chainNodes, failedStage, type NodeStatus } from '../components/static/model.ts';

/** Width and height of every preview image, in pixels. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

type Style = Record<string, string | number>;
/** A satori element: the shape React elements have, without React. */
interface El {
  type: string;
  props: { style?: Style; children?: Child | Child[] };
}
type Child = El | string;

function h(type: string, style: Style, ...children: Child[]): El {
  return { type, props: { style: { display: 'flex', boxSizing: 'border-box', ...style }, children } };
}

type Font = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };
let fonts: Font[] | undefined;

/** Inter 400 and 700 (Latin and Latin Extended subsets), read once from node_modules. */
function loadFonts(): Font[] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`@fontsource/inter/files/${file}`));
  fonts = [];
  for (const weight of [400, 700] as const) {
    for (const subset of ['latin', 'latin-ext']) {
      fonts.push({ name: 'Inter', data: read(`inter-${subset}-${weight}-normal.woff`), weight, style: 'normal' });
    }
  }
  return fonts;
}

const C = {
  bg: '#0f1623',
  panel: '#182131',
  text: '#f2f5f9',
  muted: '#a8b3c2',
  border: '#34404f',
  accent: '#7aa7ff',
  pass: '#56d364',
  fail: '#ff7b72',
  warn: '#e3b341',
  skip: '#8b96a5',
};

const NODE_STYLE: Record<NodeStatus, { color: string; word: string; dashed?: boolean }> = {
  pass: { color: C.pass, word: 'passed' },
  fail: { color: C.fail, word: 'FAILED' },
  warn: { color: C.warn, word: 'warning' },
  partial: { color: C.warn, word: 'partly' },
  skipped: { color: C.skip, word: 'skipped', dashed: true },
};

function brand(): El {
  return h(
    'div',
    { alignItems: 'center', gap: 16 },
    h('div', { width: 44, height: 44, borderRadius: 10, background: C.accent, alignItems: 'center', justifyContent: 'center', color: C.bg, fontSize: 24, fontWeight: 700 }, 'WI'),
    h('div', { fontSize: 28, color: C.muted, fontWeight: 700 }, 'Workload Identity Lab'),
  );
}

/** The six boxes; `statuses` gives each box's status (or none: a neutral chain). */
function chainRow(nodes: { name: string; status?: NodeStatus; code?: string }[]): El {
  return h(
    'div',
    { gap: 13, alignItems: 'stretch' },
    ...nodes.map((n) => {
      const st = n.status ? NODE_STYLE[n.status] : undefined;
      return h(
        'div',
        {
          flexDirection: 'column',
          justifyContent: 'center',
          width: 170,
          height: 104,
          padding: '8px 10px',
          borderRadius: 12,
          background: C.panel,
          border: `${st && n.status === 'fail' ? 4 : 2}px ${st?.dashed ? 'dashed' : 'solid'} ${st?.color ?? C.border}`,
        },
        h('div', { fontSize: 19, fontWeight: 700, color: C.text, letterSpacing: -0.3 }, n.name),
        ...(st ? [h('div', { fontSize: 17, fontWeight: 700, color: st.color, marginTop: 6 }, n.code && n.status === 'fail' ? n.code : st.word)] : []),
      );
    }),
  );
}

function frame(...children: Child[]): El {
  return h(
    'div',
    {
      width: OG_WIDTH,
      height: OG_HEIGHT,
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '52px 56px',
      background: C.bg,
      color: C.text,
      fontFamily: 'Inter',
    },
    ...children,
  );
}

async function render(tree: El): Promise<Uint8Array> {
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width: OG_WIDTH, height: OG_HEIGHT, fonts: loadFonts() });
  return new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH } }).render().asPng();
}

/** Shortens `text` to at most `max` characters at a word boundary. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(' ', max - 1))}…`;
}

/**
 * The preview of one named scenario: its title, the verdict (failing stage title and code, or
 * "Granted") and the chain's six boxes in their final state. Returns PNG bytes.
 */
export async function scenarioImage(title: string, result: ChainResult): Promise<Uint8Array> {
  const failed = failedStage(result);
  const granted = result.outcome === 'granted';
  const verdict = h(
    'div',
    { alignItems: 'center', gap: 18 },
    h(
      'div',
      { padding: '6px 18px', borderRadius: 999, background: granted ? C.pass : C.fail, color: C.bg, fontSize: 28, fontWeight: 700 },
      granted ? 'GRANTED' : 'DENIED',
    ),
    h(
      'div',
      { fontSize: 30, color: C.text, fontWeight: 400 },
      granted ? 'Every stage passes' : clip(`at ${failed?.title ?? result.failedStage ?? 'an unknown stage'}${result.code ? ` · ${result.code}` : ''}`, 62),
    ),
  );
  const titleSize = title.length > 70 ? 50 : title.length > 45 ? 58 : 66;
  return render(
    frame(
      brand(),
      h('div', { flexDirection: 'column', gap: 26 }, h('div', { fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }, clip(title, 110)), verdict),
      chainRow(chainNodes(result).map((n) => ({ ...n, name: n.id === 'entra' && n.shortRole ? `${n.name} (${n.shortRole})` : n.name }))),
    ),
  );
}

/** The site's default preview: name, one line on what it is, and the neutral chain. Returns PNG bytes. */
export async function siteImage(): Promise<Uint8Array> {
  return render(
    frame(
      brand(),
      h(
        'div',
        { flexDirection: 'column', gap: 22 },
        h('div', { fontSize: 64, fontWeight: 700, lineHeight: 1.12 }, 'Kubernetes workload identity, checked stage by stage'),
        h('div', { fontSize: 30, color: C.muted }, 'Break the chain from a pod to Azure and see exactly which check fails, and why.'),
      ),
      chainRow(['Pod', 'ServiceAccount', 'OIDC issuer', 'Entra ID (FIC)', 'Managed identity', 'Azure resource'].map((name) => ({ name }))),
    ),
  );
}
