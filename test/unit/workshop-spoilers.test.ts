/**
 * Workshop challenges must not give the answer away: before a hint, a challenge page shows what an
 * engineer would see from the real systems (the failed stage, the code, the service's message, the checks
 * that passed) and none of the engine's diagnosis of that failure; the first hint adds the diagnosis, the
 * last hint or the solution the fix. Checked for EVERY challenge by rendering the verdict and the stage
 * list as the page does, plus the engine's field classes (engine/disclosure.ts) on their own.
 *
 * And every comment or instruction on a challenge page names only the inputs that page shows: the
 * challenge texts, the advanced editor's comments and its messages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain.ts';
import { discloseStage, levelIncludes, type DisclosureLevel } from '../../src/engine/disclosure.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import type { ChainResult, StageResult } from '../../src/engine/types.ts';
import { plainText } from '../../src/lib/prose.ts';
import { applyAdvancedYaml, PLAYGROUND_PAGE } from '../../src/components/playground/advancedText.ts';
import { StageList } from '../../src/components/playground/StageList.tsx';
import { textsFor } from '../../src/components/playground/store.ts';
import { Verdict } from '../../src/components/playground/Verdict.tsx';
import { advancedPageFor, checkChallenge, disclosureFor, runAt, type RunChain } from '../../src/components/workshop/challenges.ts';
import '../../src/engine/providers/registry.ts';
import { loadChallengeSet, type ChallengeInput } from '../../src/components/workshop/challengeSchema.ts';

const DIR = fileURLToPath(new URL('../../content/challenges/', import.meta.url));
const challenges = loadChallengeSet(
  Object.fromEntries(
    readdirSync(DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [join(DIR, f), readFileSync(join(DIR, f), 'utf8')]),
  ),
);
const keys = createKeyStore();
const runFor = (c: { provider: string }): RunChain => (world, now) => runChain(world, { now, keys, provider: c.provider });

/** Each challenge's start result and the automatic check's sentence on it. */
const starts = new Map(
  await Promise.all(
    challenges.map(async (c) => [c.slug, { result: await runAt(runFor(c), c, c.start, c.startSeconds), detail: (await checkChallenge(c, c.start, c.startSeconds, runFor(c))).detail }] as const),
  ),
);

const LATER = { explanationLater: 'shown after the first hint.', fixLater: 'shown once you have taken every hint or opened the solution.' };

/** The verdict and the stage list as a challenge page renders them at `level`, as HTML. */
function renderResults(result: ChainResult, level: DisclosureLevel): string {
  return (
    renderToStaticMarkup(createElement(Verdict, { result, busy: false, invalid: [], disclosure: { level, explanationLater: LATER.explanationLater } })) +
    renderToStaticMarkup(createElement(StageList, { result, focus: result.failedStage ? [result.failedStage] : [], disclosure: { level, ...LATER } }))
  );
}

/**
 * The text a reader sees in `html` (tags removed, entities decoded, white space collapsed). Inline tags
 * (a link, code) vanish without a space, so "(see <a>permissions</a>)" reads as the text it renders.
 */
function visibleText(html: string): string {
  return html
    .replace(/<\/?(?:a|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const flat = (s: string) => plainText(s).replace(/\s+/g, ' ').trim();

/** The row headers (check names) of the rendered check tables. */
function checkRows(html: string): string[] {
  return [...html.matchAll(/<tr class="(?:ok|not-ok)"><th scope="row">([^<]*)/g)].map((m) => visibleText(m[1]!).trim());
}

/**
 * What the engine says about WHY this result failed, beyond what the real systems print: the failing (or
 * warning) stages' summaries, fixes and uncertainty notes, every check's note, and the names of the
 * checks that failed. `failedStage`: the same, for the failed stage alone (the page shows only that
 * stage in full).
 */
function diagnosis(result: ChainResult): { texts: string[]; fixes: string[]; failedChecks: string[]; failedStage: { texts: string[]; failedChecks: string[]; fixes: string[] } } {
  const bad = result.stages.filter((s) => s.status === 'fail' || s.status === 'warn');
  const texts = (stages: StageResult[], all: StageResult[]) =>
    [...stages.map((s) => s.summary), ...stages.flatMap((s) => (s.uncertain ? [s.uncertain] : [])), ...all.flatMap((s) => s.checks.flatMap((c) => (c.note ? [c.note] : [])))].map(flat);
  const failedChecks = (stages: StageResult[]) => stages.flatMap((s) => s.checks.filter((c) => !c.ok).map((c) => c.name));
  const failed = result.stages.filter((s) => s.id === result.failedStage);
  return {
    texts: texts(bad, result.stages),
    fixes: bad.flatMap((s) => (s.fix ? [flat(s.fix)] : [])),
    failedChecks: failedChecks(result.stages),
    failedStage: { texts: texts(failed, failed), failedChecks: failedChecks(failed), fixes: failed.flatMap((s) => (s.fix ? [flat(s.fix)] : [])) },
  };
}

/** Words with which the engine explains a difference: never part of what a challenge shows at first. */
const EXPLAINING = /\blacks\b|\bdiffers?\b|did you mean|\bclosest\b|\bExpected is\b/i;

describe('challenge pages hold back the diagnosis until a hint is taken', () => {
  for (const c of challenges) {
    describe(c.slug, () => {
      const { result, detail } = starts.get(c.slug)!;
      const d = diagnosis(result);

      it('the start is a failure with a diagnosis to hold back', () => {
        expect(result.outcome).toBe('denied');
        expect(d.texts.length).toBeGreaterThan(0);
        expect(d.fixes.length).toBeGreaterThan(0);
        expect(d.failedChecks.length).toBeGreaterThan(0);
      });

      it('before any hint: the failed stage, the code and the service’s message, but none of the diagnosis', () => {
        expect(disclosureFor(c, { hints: 0, solution: false }, false)).toBe('observed');
        const html = renderResults(result, 'observed');
        const text = visibleText(html);
        const failed = result.stages.find((s) => s.id === result.failedStage)!;
        expect(text).toContain(failed.title);
        if (failed.code) expect(text).toContain(failed.code);
        if (failed.message) expect(text).toContain(flat(failed.message));
        // What the learner reads first: the page's own texts and the automatic check's sentence.
        const page = [c.title, c.story, c.task, detail].map(flat).join(' ') + ' ' + text;
        for (const s of [...d.texts, ...d.fixes]) expect(page, `${c.slug} shows "${s}" before a hint`).not.toContain(s);
        expect(page).not.toMatch(EXPLAINING);
        const rows = checkRows(html);
        for (const name of d.failedChecks) expect(rows, `failed check "${name}" is listed`).not.toContain(name);
        // …and what passed is still there.
        const passed = failed.checks.filter((k) => k.ok).map((k) => k.name);
        for (const name of passed) expect(rows).toContain(name);
        expect(text).toContain('Why: shown after the first hint.');
      });

      it('after the first hint: the diagnosis and the failed checks, not yet the fix', () => {
        const level = disclosureFor(c, { hints: 1, solution: false }, false);
        expect(level).toBe(c.hints.length > 1 ? 'explained' : 'full');
        const html = renderResults(result, 'explained');
        const text = visibleText(html);
        for (const s of d.failedStage.texts) expect(text).toContain(s);
        expect(checkRows(html)).toEqual(expect.arrayContaining(d.failedStage.failedChecks));
        for (const s of d.fixes) expect(text).not.toContain(s);
      });

      it('after every hint, the solution or a solve: everything, fix included', () => {
        expect(disclosureFor(c, { hints: c.hints.length, solution: false }, false)).toBe('full');
        expect(disclosureFor(c, { hints: 0, solution: true }, false)).toBe('full');
        expect(disclosureFor(c, { hints: 0, solution: false }, true)).toBe('full');
        expect(disclosureFor(c, { hints: 0, solution: false, solvedAt: '2026-01-15T10:00:00.000Z' }, false)).toBe('full');
        const text = visibleText(renderResults(result, 'full'));
        // The page shows the failed stage in full (a warning stage before it only by its status).
        expect(d.failedStage.fixes.length).toBeGreaterThan(0);
        for (const s of [...d.failedStage.texts, ...d.failedStage.fixes]) expect(text).toContain(s);
        expect(text).not.toContain('shown after the first hint');
      });
    });
  }
});

describe('the engine’s disclosure classes (discloseStage)', () => {
  const stage: StageResult = {
    id: 'federation-match',
    status: 'fail',
    title: 'Federated identity credential match',
    summary: 'The credential’s issuer lacks the trailing slash.',
    code: 'AADSTS700211',
    httpStatus: 401,
    error: 'invalid_client',
    message: "AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://i/'.",
    fix: 'Add the slash.',
    uncertain: 'Not documented.',
    learnMore: ['/errors/aadsts700211/'],
    checks: [
      { name: 'passed', expected: '"a"', actual: '"a"', ok: true, note: 'A rule.' },
      { name: 'failed', expected: '"https://i/"', actual: '"https://i"', ok: false, note: 'Closest.' },
    ],
  };

  it('observed: what the systems print and the checks that passed, without notes', () => {
    const d = discloseStage(stage, 'observed');
    expect(d).toMatchObject({ id: stage.id, status: 'fail', title: stage.title, code: 'AADSTS700211', httpStatus: 401, error: 'invalid_client', message: stage.message, learnMore: stage.learnMore });
    expect(d.summary).toBeUndefined();
    expect(d.fix).toBeUndefined();
    expect(d.uncertain).toBeUndefined();
    expect(d.checks).toEqual([{ name: 'passed', expected: '"a"', actual: '"a"', ok: true }]);
    expect(d.withheld).toEqual({ summary: true, uncertain: true, failedChecks: 1, fix: true });
  });

  it('explained adds the diagnosis, the failed checks and the notes; full adds the fix', () => {
    const e = discloseStage(stage, 'explained');
    expect(e.summary).toBe(stage.summary);
    expect(e.uncertain).toBe(stage.uncertain);
    expect(e.checks).toEqual(stage.checks);
    expect(e.fix).toBeUndefined();
    expect(e.withheld).toEqual({ summary: false, uncertain: false, failedChecks: 0, fix: true });
    const f = discloseStage(stage, 'full');
    const { withheld, ...rest } = f;
    expect(rest).toEqual(stage);
    expect(withheld).toEqual({ summary: false, uncertain: false, failedChecks: 0, fix: false });
  });

  it('the summary of a passing or skipped stage is an observation; of a warning stage, a diagnosis', () => {
    expect(discloseStage({ ...stage, status: 'pass', checks: [] }, 'observed').summary).toBe(stage.summary);
    expect(discloseStage({ ...stage, status: 'skipped', checks: [] }, 'observed').summary).toBe(stage.summary);
    expect(discloseStage({ ...stage, status: 'warn', checks: [] }, 'observed').summary).toBeUndefined();
    expect(levelIncludes('full', 'explained')).toBe(true);
    expect(levelIncludes('observed', 'explained')).toBe(false);
  });
});

/** Phrases that send the reader to an input, by input. A page may use a phrase only when it shows that input. */
const POINTS_AT: Record<ChallengeInput, RegExp> = {
  fic: /credentials editor|(?:their|its) own editor|credentials are (?:in|edited in)\b/i,
  sa: /ServiceAccount (?:editor|manifest|is edited in)/i,
  pod: /Pod (?:editor|manifest|is (?:in|edited in) its manifest)|rest of the Pod is (?:in|edited)/i,
  token: /token (?:request )?form/i,
  advanced: /advanced editor/i,
  clock: /time-travel|the clock\b/i,
  workflow: /workflow (?:job )?editor/i,
};
/** Inputs no challenge page has. */
const NEVER = /token panel|Reset to default/i;

function pointers(text: string): ChallengeInput[] {
  return (Object.keys(POINTS_AT) as ChallengeInput[]).filter((k) => POINTS_AT[k].test(text));
}

describe('a challenge page names only the inputs it shows', () => {
  it('the phrases are recognized (the playground’s advanced editor names every other input)', () => {
    const all = textsFor(challenges[0]!.start, PLAYGROUND_PAGE).texts.advanced;
    expect(pointers(all).sort()).toEqual(['fic', 'pod', 'token']);
  });

  for (const c of challenges) {
    it(`${c.slug} (${c.inputs.join(', ')})`, () => {
      const shown = new Set(c.inputs);
      const check = (where: string, text: string) => {
        for (const input of pointers(text)) expect(shown.has(input), `${where} points at the ${input} input: ${text}`).toBe(true);
        expect(text, where).not.toMatch(NEVER);
      };
      for (const [i, h] of c.hints.entries()) check(`hint ${i + 1}`, h);
      check('story', c.story);
      check('task', c.task);
      check('solution', c.solution.shown);
      check('solution notes', c.solution.notes);
      if (!shown.has('advanced')) return;

      const page = advancedPageFor(c);
      const text = textsFor(c.start, page).texts.advanced;
      const comments = text.split('\n').filter((l) => /^\s*#/.test(l)).join('\n');
      check('advanced editor comments', comments);
      if (!page.above) expect(comments).not.toMatch(/\babove\b/);
      // The editor's messages when a field another input owns is written here, or a section is unknown or missing.
      const tries = [
        text.replace(/^identity:\n/m, 'identity:\n  federatedCredentials: []\n'),
        text.replace(/^token:\n/m, 'token:\n  audience: api://x\n'),
        text.replace(/^pod:\n/m, 'pod:\n  name: other\n'),
        `${text}\nserviceAccount: {}\n`,
        `${text}\nfederatedCredentials: []\n`,
        text.replace(/^request:\n(?: .*\n)+/m, ''),
      ];
      for (const t of tries) {
        const r = applyAdvancedYaml(c.start, t, page);
        expect(r.ok, t).toBe(false);
        if (!r.ok) check('advanced editor message', r.error.message);
      }
    });
  }
});
