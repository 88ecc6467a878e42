/**
 * Byte budgets: the JavaScript each route makes the browser load before any interaction (files, module
 * preloads, lazy chunks and workers fetched on their own, plus inline scripts), gzip-compressed per file
 * with node:zlib. Deterministic: the same build always gives the same bytes. `npm run bench` prints the
 * same figures for every route (README, "Quality").
 *
 * Every built route (each dist/**\/index.html) is measured and checked against the first budget whose
 * pattern matches it; a route no pattern names gets the fallback budget, so a new page cannot ship
 * unchecked. Large chunks have caps of their own, so the chunk that grew is named. Then, on the playground:
 * the verdict is shown before Mermaid's diagram, no Monaco loads until an editor is focused, and with
 * Monaco loaded all JavaScript stays within 1.3 MB (issue 13).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/engine/providers/registry.ts';
import { loadChallengeSet, type Challenge } from '../../src/components/workshop/challengeSchema.ts';
import { openBrowser, siteUrl } from './harness.ts';
import { builtRoutes, distDir, measurePageBytes, measurePlaygroundLoad, type PageBytes } from './measure.ts';

const KB = 1024;

/** The workshop challenges (content/challenges/*.yaml): what a challenge page loads depends on its inputs. */
const CHALLENGES_DIR = new URL('../../content/challenges/', import.meta.url);
const challenges = loadChallengeSet(
  Object.fromEntries(
    readdirSync(CHALLENGES_DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => [f, readFileSync(new URL(f, CHALLENGES_DIR), 'utf8')]),
  ),
);
const EDITOR_INPUTS: readonly string[] = ['fic', 'sa', 'pod', 'advanced', 'workflow'];

/** The challenge pages whose challenge satisfies `test`, as a route pattern (never matches when there are none). */
function challengePages(test: (c: Challenge) => boolean): RegExp {
  const slugs = challenges.filter(test).map((c) => c.slug); // lowercase-dashed (challengeSchema.ts): safe in a RegExp
  return new RegExp(`^/workshop/challenges/(${slugs.length ? slugs.join('|') : '(?!)'})/$`);
}

interface Budget {
  /** Which routes (paths with a trailing slash). */
  pattern: RegExp;
  label: string;
  /** Largest gzip size of all JS loaded before interaction, in bytes. */
  maxGzip: number;
  why: string;
}

/**
 * First match wins. Sizes: KB = 1024 bytes, gzip. Pages that load a lot have a budget a few % above what
 * they measured when it was set (figures in `why`), so a real increase fails here and is a decision.
 */
const BUDGETS: Budget[] = [
  { pattern: /^\/$/, label: 'home', maxGzip: 15 * KB, why: 'issue 7 target: home page ≤ 15 KB of JS' },
  { pattern: /^\/learn\//, label: 'lessons', maxGzip: 120 * KB, why: 'issue 7 target: lesson pages ≤ 120 KB before the exercise is reached' },
  { pattern: /^\/errors\/([^/]+\/)?$/, label: 'error pages', maxGzip: 0, why: 'static content pages ship no JavaScript' },
  { pattern: /^\/embed\/[^/]+\/$/, label: 'named scenario embeds', maxGzip: 0, why: 'static iframe content ships no JavaScript' },
  { pattern: /^\/scenarios\/([^/]+\/)?$/, label: 'scenario gallery and pages', maxGzip: 3 * KB, why: 'only the small filter and copy-button scripts' },
  { pattern: /^\/404\.html$/, label: 'not-found page', maxGzip: 0, why: 'static content pages ship no JavaScript' },
  {
    pattern: /^\/workshop\/(cheat-sheet\/)?$/,
    label: 'workshop guide and cheat sheet',
    maxGzip: 0,
    why: 'static content pages ship no JavaScript (measured 0; the offline service worker is registered only by the playground, the challenges and the presenter view)',
  },
  {
    pattern: /^\/workshop\/challenges\/$/,
    label: 'workshop challenge list',
    maxGzip: 3.1 * KB,
    why: 'the list marks solved challenges from the local score (1.3 KB) and registers the offline service worker with its status line and update prompt (1.4 KB): 2.8 KB measured; 3.1 KB leaves ~300 bytes',
  },
  {
    pattern: challengePages((c) => c.provider !== 'aks-entra'),
    label: 'challenges beyond AKS (another provider)',
    maxGzip: 224 * KB,
    why: "issue 11 §3: the same runner as the AKS challenges (200.1 KB measured on theirs) plus, fetched on demand after hydration, only that challenge's own provider (providerKits.ts loadKit), which the page cannot run without: EKS 208.4 KB (+8.3 KB: the cluster providers' shared stages and eks-entra), self-managed 210.5 KB (+10.4 KB), GitHub Actions 217.7 KB (+17.6 KB: its stages, world schema, workflow YAML round trip and claim explanations). 224 KB is +3% over the largest; an AKS challenge still has its 205/202 KB budget below",
  },
  {
    pattern: challengePages((c) => c.inputs.includes('fic')),
    label: 'challenges with the federated credentials editor',
    maxGzip: 205 * KB,
    why: 'issue 13: ≤ 400 KB before interaction; the editors are Prism-highlighted code views and Monaco loads on the first focus in one (it used to load at once: 1,382 KB). Measured 193.5 KB (React, the engine, jose, yaml, Prism); 205 KB is +6%',
  },
  {
    pattern: challengePages((c) => !c.inputs.includes('fic') && c.inputs.some((i) => EDITOR_INPUTS.includes(i))),
    label: 'challenges with YAML editors only',
    maxGzip: 205 * KB,
    why: 'issue 13: ≤ 400 KB before interaction (code views; Monaco on the first focus; it used to load at once: 1,246 KB). Same chunks as the credentials challenges (~194 KB); 205 KB is +6%',
  },
  {
    pattern: challengePages((c) => !c.inputs.some((i) => EDITOR_INPUTS.includes(i))),
    label: 'challenges without an editor (clock, token fields)',
    maxGzip: 202 * KB,
    why: 'no editor, so no Monaco: React, the engine and jose, the challenge runner and time travel. Measured 177.8 KB when first set; 185.3 KB once challenges held back the engine\'s diagnosis (disclosure levels, ~1 KB); 189.2 KB with other identities in the directory, same-name credential overwrites and the fidelity notes in the engine; 193.5 KB once the editors became Prism-highlighted code views (the challenge runner imports CodeEditor, and with it Prism, ~4.5 KB, even when no editor is shown); 199.5 KB once the store knew providers (its provider state and switch note, the engine split into chunks shared with the on-demand provider kits) and the editors kept text typed before hydration (0.3 KB); 202 KB is +1%',
  },
  {
    pattern: /^\/workshop\/present\/(audience\/)?$/,
    label: 'presenter view',
    maxGzip: 368 * KB,
    why: 'React, the engine, jose and Mermaid (dagre) draw the chain step by step; no Monaco. Measured 352.3 KB (both views); 368 KB is +4.5%',
  },
  { pattern: /^\/embed\/$/, label: 'embed from a share link (#s=)', maxGzip: 200 * KB, why: 'React, the engine and jose run the linked scenario; no Monaco, no Mermaid' },
  { pattern: /^\/inspect\/$/, label: 'inspect a real token', maxGzip: 200 * KB, why: 'React, the engine and jose check the pasted token; no Monaco, no Mermaid' },
  {
    pattern: /^\/playground\/$/,
    label: 'playground (code views, Mermaid; Monaco on the first focus)',
    maxGzip: 424 * KB,
    why: 'issue 13 target is ≤ 400 KB before interaction, NOT met yet: 412.2 KB measured (React, the engine, jose, yaml, Prism ~194 KB, plus dagre-only Mermaid ~205 KB in ~25 chunks for the diagram); Monaco loads on the first focus in an editor (it used to load at once: 1,382 KB). 420.3 KB with the provider switch (issue 11: the Federation select, the on-demand provider kits and their loader, per-provider labels in the diagram and token panel; the other providers themselves load only when chosen) and the early-input fix; 424 KB is +1% so that growth still fails',
  },
];

/** Routes no budget names get the lesson-page budget: no new page may ship more unless it is listed above. */
const FALLBACK: Budget = { pattern: /./, label: 'any other page', maxGzip: 120 * KB, why: 'no page gets more than a lesson unless it is listed in BUDGETS' };

/** Chunks that must never load on any page (toolchain.md pitfalls 4 and 7). */
const FORBIDDEN_CHUNKS = [
  { re: /\/elk[-.][\w-]+\.js$/, why: "Mermaid's ELK layout (+1.5 MB): use layout 'dagre'" },
  { re: /\/(ts|css|html)\.worker[-.][\w-]+\.js$/, why: 'Monaco TS/CSS/HTML workers: import only the JSON language' },
  { re: /\/cytoscape[\w.-]*\.js$/, why: 'Mermaid diagram types the site does not draw' },
];

/**
 * Caps for the large chunks by name (the part of the file name before the content hash), wherever they
 * load: when a page goes over its budget, the chunk that grew fails here by name. Gzip, KB = 1024 bytes;
 * each a few % above what it measured when set.
 */
const CHUNK_BUDGETS: { re: RegExp; label: string; maxGzip: number }[] = [
  { re: /\/_astro\/editor\.api[.-][\w-]+\.js$/, label: 'Monaco core (editor.api)', maxGzip: 1000 * KB },
  { re: /\/_astro\/monaco[.-][\w-]+\.js$/, label: "the playground's Monaco setup (monaco.ts)", maxGzip: 40 * KB },
  { re: /\/_astro\/mermaid\.core[.-][\w-]+\.js$/, label: 'Mermaid core', maxGzip: 170 * KB },
  { re: /\/_astro\/client[.-][\w-]+\.js$/, label: 'React client runtime', maxGzip: 70 * KB },
];

/** Total gzip JavaScript on the playground once Monaco is ready after the first focus (issue 13: ≤ 1.3 MB). */
const PLAYGROUND_WITH_MONACO_MAX = 1.3 * KB * KB;

/** One line per JS file, largest first, so a failure says which chunk is big. */
function jsLines(files: { url: string; gzip: number }[]): string {
  return [...files]
    .sort((a, b) => b.gzip - a.gzip)
    .map((f) => `  ${kb(f.gzip).padStart(9)}  ${f.url.replace(/^https?:\/\/[^/]+/, '')}`)
    .join('\n');
}

function budgetFor(path: string): Budget {
  return BUDGETS.find((b) => b.pattern.test(path)) ?? FALLBACK;
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
const routes = builtRoutes(distDir());

describe('JavaScript byte budgets (gzip, before any interaction)', () => {
  let ctx: BrowserContext;
  const measured = new Map<string, PageBytes>();

  beforeAll(async () => {
    ctx = await openBrowser();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('finds the built routes', () => {
    expect(routes).toContain('/');
    expect(routes).toContain('/playground/');
    expect(routes.length).toBeGreaterThan(10);
  });

  it('every workshop page has a budget of its own (none falls back), and the four kinds of challenge are all there', () => {
    const workshop = routes.filter((r) => r.startsWith('/workshop/'));
    expect(workshop.filter((r) => budgetFor(r) === FALLBACK)).toEqual([]);
    const challengePaths = workshop.filter((r) => /^\/workshop\/challenges\/[^/]+\/$/.test(r));
    expect(challengePaths).toHaveLength(challenges.length);
    // Each kind has a page today, so each budget above is checked against a real measurement.
    const labels = new Set(challengePaths.map((r) => budgetFor(r).label));
    expect([...labels].sort()).toEqual(
      ['challenges beyond AKS (another provider)', 'challenges with the federated credentials editor', 'challenges with YAML editors only', 'challenges without an editor (clock, token fields)'].sort(),
    );
  });

  // Measured a few routes at a time (vitest's maxConcurrency, 5), each in its own tab: bytes do not depend
  // on timing, and most of a route's time is waiting for it to settle. The checks over all of them follow.
  describe.concurrent('each route', () => {
    for (const path of routes) {
      const budget = budgetFor(path);
      it(`${path} ≤ ${kb(budget.maxGzip)} (${budget.label})`, async () => {
        const bytes = await measurePageBytes(ctx, siteUrl(path), path);
        measured.set(path, bytes);
        expect(bytes.settled, `${path} did not settle within 30 s (measure.ts settle): the figures would be short`).toBe(true);
        const jsFiles = bytes.files.filter((f) => /javascript/.test(f.contentType));
        for (const f of jsFiles) {
          const cap = CHUNK_BUDGETS.find((c) => c.re.test(f.url));
          if (cap) expect(f.gzip, `${path}: chunk ${f.url.replace(/^https?:\/\/[^/]+/, '')} (${cap.label}) grew to ${kb(f.gzip)} > ${kb(cap.maxGzip)}`).toBeLessThanOrEqual(cap.maxGzip);
        }
        const biggest = [...jsFiles].sort((a, b) => b.gzip - a.gzip)[0];
        expect(
          bytes.jsTotal.gzip,
          `${path}: ${kb(bytes.jsTotal.gzip)} of JS > ${kb(budget.maxGzip)} (${budget.why}); largest chunk: ${biggest?.url.replace(/^https?:\/\/[^/]+/, '') ?? 'none'}\n${jsLines(jsFiles)}`,
        ).toBeLessThanOrEqual(budget.maxGzip);
        for (const f of bytes.files) {
          for (const bad of FORBIDDEN_CHUNKS) expect(bad.re.test(f.url), `${path} loaded ${f.url}: ${bad.why}`).toBe(false);
        }
      });
    }
  });

  describe('over every measured route', () => {
    it('measured something real: the playground loads React and Mermaid (not Monaco), the home page no JS', () => {
      const playground = measured.get('/playground/');
      const home = measured.get('/');
      expect(playground?.jsTotal.gzip).toBeGreaterThan(150 * KB);
      expect(playground?.files.some((f) => /\/mermaid\.core\.[\w-]+\.js$/.test(f.url))).toBe(true);
      expect(home?.all.raw).toBeGreaterThan(0);
    });

    it('no page loads Monaco or its workers before interaction; every challenge with an editor shows it as a code view', async () => {
      const monaco = /\/(editor\.api|monaco|editor\.worker|json\.worker)[.-][\w-]+\.js$/;
      expect(measured.size).toBe(routes.length);
      for (const [path, bytes] of measured) {
        expect(bytes.files.filter((f) => monaco.test(f.url)).map((f) => f.url), `${path} loaded Monaco before any interaction`).toEqual([]);
      }
      expect(challenges.length).toBeGreaterThan(0);
      // The server-rendered page already shows each editor's text as a highlighted code view.
      for (const c of challenges) {
        const editors = c.inputs.filter((i) => i === 'fic' || i === 'sa' || i === 'pod');
        if (!editors.length) continue;
        const html = readFileSync(`${distDir()}/workshop/challenges/${c.slug}/index.html`, 'utf8');
        for (const id of editors) expect(html, `${c.slug}: code view of ${id}`).toContain(`data-testid="code-view-${id}"`);
      }
    });
  });
});

describe('playground: the verdict comes first; Monaco only on the first focus, within 1.3 MB in all', () => {
  it('shows the verdict before the diagram, no Monaco until an editor is focused, then Monaco styled and all JS ≤ 1.3 MB', async () => {
    const ctx = await openBrowser();
    try {
      const t = await measurePlaygroundLoad(ctx, siteUrl('/playground/'));
      const detail = JSON.stringify({ ...t, chunks: undefined });
      expect(t.verdictText).toMatch(/Granted/);
      expect(t.chunks.mermaid.length, detail).toBeGreaterThan(0);
      expect(t.diagramSvg, `the diagram never appeared: ${detail}`).toBeDefined();
      expect(t.verdict, `verdict after the diagram: ${detail}`).toBeLessThan(t.diagramSvg!);
      // Monaco: nothing before the first focus (measurePlaygroundLoad throws otherwise), then it loads.
      expect(t.chunks.monaco.length, detail).toBeGreaterThan(0);
      expect(t.monacoReady, `Monaco never replaced the code view after the focus: ${detail}`).toBeDefined();
      expect(t.monacoReady!, detail).toBeGreaterThan(t.firstFocus!);
      expect(t.jsGzipBeforeFocus!, detail).toBeLessThanOrEqual(budgetFor('/playground/').maxGzip + 10 * KB); // + the late favicon and timing noise
      expect(t.jsGzipWithMonaco!, `${kb(t.jsGzipWithMonaco!)} of JS with Monaco > ${kb(PLAYGROUND_WITH_MONACO_MAX)}: ${detail}`).toBeLessThanOrEqual(PLAYGROUND_WITH_MONACO_MAX);
    } finally {
      await ctx.close();
    }
  });
});
