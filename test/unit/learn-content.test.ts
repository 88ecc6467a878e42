/**
 * The lessons as content: every MDX file in content/learn/ has valid frontmatter (the schema of
 * src/components/learn/lesson-schema.ts), lessons are numbered 1..n with unique exercises that exist and
 * are embedded, the sidebar lists them in that order, every site link in them leads somewhere that exists (error pages, scenarios, glossary
 * entries, other lessons), and the lesson theme keeps the site's colour tokens.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ERROR_CATALOGUE, errorPagePath } from '../../src/engine/errors.ts';
import { COURSE_EXERCISES as EXERCISES } from '../../src/components/learn/exercises-beyond.ts';
import { GLOSSARY } from '../../src/components/learn/glossary.ts';
import { countWord } from '../../src/lib/countWord.ts';
import { ExerciseRefSchema, LessonFrontmatterSchema, lessonFields } from '../../src/components/learn/lesson-schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'content', 'learn');
const files = readdirSync(DIR).filter((f) => f.endsWith('.mdx'));

function read(file: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(join(DIR, file), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter`);
  return { data: parseYaml(m[1]!) as Record<string, unknown>, body: m[2]! };
}

/** Which exercise each lab component renders (the component reads EXERCISES by this id). */
const LAB_EXERCISE: Record<string, string> = {
  PersonaLab: 'remove-each-persona',
  IssuerLab: 'where-entra-looks',
  TokenLab: 'break-only-the-signature',
  FicLab: 'make-the-credential-match',
  ExchangeLab: 'fix-the-token-request',
  RbacLab: 'grant-the-right-role',
  ClockLab: 'outlive-the-token',
  TroubleLab: 'find-the-missing-token',
  GithubEnvLab: 'add-an-environment',
  EksLab: 'trust-an-eks-cluster',
};

describe('lesson frontmatter schema', () => {
  it('accepts a complete lesson and a page', () => {
    expect(LessonFrontmatterSchema.safeParse({ order: 1, minutes: 5, goals: ['Explain the thing'], exercise: { id: 'x-y', title: 'Do it' } }).success).toBe(true);
    expect(LessonFrontmatterSchema.safeParse({ kind: 'page' }).success).toBe(true);
  });

  it('names the missing field of an incomplete lesson', () => {
    const r = LessonFrontmatterSchema.safeParse({ order: 1, goals: ['Explain the thing'], exercise: { id: 'x', title: 'Do it' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('minutes');
  });

  it('refuses a badly formed exercise id and unknown exercise fields', () => {
    expect(LessonFrontmatterSchema.safeParse({ order: 1, minutes: 5, goals: ['Explain the thing'], exercise: { id: 'Bad Id', title: 'Do it' } }).success).toBe(false);
    expect(LessonFrontmatterSchema.safeParse({ order: 1, minutes: 5, goals: ['Explain the thing'], exercise: { id: 'ok', title: 'Do it', extra: 1 } }).success).toBe(false);
  });

  it('documents every field', () => {
    const fields = lessonFields.shape as Record<string, { description?: string }>;
    expect(Object.keys(fields).length).toBeGreaterThanOrEqual(5);
    for (const [k, v] of Object.entries(fields)) expect(v.description, k).toBeTruthy();
    for (const [k, v] of Object.entries(ExerciseRefSchema.shape as Record<string, { description?: string }>)) expect(v.description, `exercise.${k}`).toBeTruthy();
  });
});

describe('the lessons in content/learn', () => {
  const entries = files.map((f) => ({ file: f, ...read(f) }));
  const lessons = entries.filter((e) => (e.data.kind ?? 'lesson') === 'lesson');

  it('has an overview, a glossary and at least eight lessons, all valid', () => {
    expect(files).toContain('index.mdx');
    expect(files).toContain('glossary.mdx');
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    for (const e of entries) {
      const r = LessonFrontmatterSchema.safeParse(Object.fromEntries(Object.entries(e.data).filter(([k]) => !['title', 'description', 'tableOfContents'].includes(k))));
      expect(r.success, `${e.file}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      expect(typeof e.data.title, e.file).toBe('string');
      expect(typeof e.data.description, e.file).toBe('string');
    }
  });

  it('every count of lessons written in the content says the real count (the pages compute theirs, src/lib/lessonCount.ts)', () => {
    const word = countWord(lessons.length);
    const stated = entries.flatMap((e) => [...`${String(e.data.description)}\n${e.body}`.matchAll(/\b(One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|\d+) (?:short )?lessons\b/gi)].map((m) => `${e.file}: ${m[0]}`));
    expect(stated.length).toBeGreaterThan(0);
    for (const s of stated) expect(s.toLowerCase(), s).toContain(`${word.toLowerCase()} `);
  });

  it('numbers lessons 1..n and gives each a distinct exercise that the page embeds', () => {
    const orders = lessons.map((l) => l.data.order as number).sort((a, b) => a - b);
    expect(orders).toEqual(lessons.map((_, i) => i + 1));
    const ids = lessons.map((l) => (l.data.exercise as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Object.keys(EXERCISES).sort());
    for (const l of lessons) {
      const ex = l.data.exercise as { id: string; title: string };
      expect(ex.title, l.file).toBe(EXERCISES[ex.id]!.title);
      const labs = [...l.body.matchAll(/<(\w+Lab) client:visible \/>/g)].map((m) => m[1]!);
      expect(labs, l.file).toHaveLength(1);
      expect(LAB_EXERCISE[labs[0]!], l.file).toBe(ex.id);
      expect(l.body, l.file).toMatch(/^## Exercise$/m);
      expect(l.body, l.file).toMatch(/^## Recap$/m);
    }
  });

  it('lists the lessons in the sidebar (astro.config.mjs) in their frontmatter order, which previous/next follow', () => {
    const config = readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8');
    const group = /label: 'Lessons',\s*items: \[([\s\S]*?)\]/.exec(config);
    expect(group, 'the "Lessons" group of the Starlight sidebar').not.toBeNull();
    const sidebar = [...group![1]!.matchAll(/^\s*'learn\/([\w-]+)',/gm)].map((m) => m[1]!);
    const byOrder = [...lessons].sort((a, b) => (a.data.order as number) - (b.data.order as number)).map((l) => l.file.replace(/\.mdx$/, ''));
    expect(sidebar).toEqual(byOrder);
    // "Why it matters" motivates the rest: it comes right after the big picture.
    expect(byOrder.slice(0, 2)).toEqual(['big-picture', 'why-it-matters']);
  });

  it('refers to other lessons by name, not by a number that a new order would make wrong', () => {
    for (const e of entries) expect(e.body, e.file).not.toMatch(/\blessons? \d/i);
  });

  it('links only to pages that exist', () => {
    const lessonPaths = new Set(entries.map((e) => (e.file === 'index.mdx' ? '/learn/' : `/learn/${e.file.replace(/\.mdx$/, '')}/`)));
    const glossaryIds = new Set(GLOSSARY.map((g) => g.id));
    const errorPaths = new Set(Object.keys(ERROR_CATALOGUE).map(errorPagePath));
    const sitePages = new Set(['/', '/playground/', '/scenarios/', '/inspect/', '/errors/']);
    let count = 0;
    for (const e of entries) {
      for (const m of e.body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
        const href = m[1]!;
        count++;
        const [path, hash] = href.split('#') as [string, string | undefined];
        if (path.startsWith('/errors/') && path !== '/errors/') expect(errorPaths.has(path), `${e.file}: ${href}`).toBe(true);
        else if (path.startsWith('/scenarios/') && path !== '/scenarios/') {
          const slug = path.slice('/scenarios/'.length).replace(/\/$/, '');
          expect(existsSync(join(ROOT, 'content', 'scenarios', `${slug}.yaml`)), `${e.file}: ${href}`).toBe(true);
        } else if (path.startsWith('/learn/')) {
          expect(lessonPaths.has(path), `${e.file}: ${href}`).toBe(true);
          if (path === '/learn/glossary/' && hash) expect(glossaryIds.has(hash), `${e.file}: ${href}`).toBe(true);
        } else expect(sitePages.has(path), `${e.file}: ${href}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(40);
  });

  it('glossary entries have unique ids and link to existing lessons', () => {
    const ids = GLOSSARY.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    const needed = ['issuer', 'subject', 'audience', 'jwks', 'kid', 'discovery-document', 'tokenrequest', 'projected-service-account-token', 'federated-identity-credential', 'client-assertion', 'managed-identity', 'role-assignment'];
    for (const n of needed) expect(ids, n).toContain(n);
    for (const g of GLOSSARY) if (g.lesson) expect(existsSync(join(DIR, `${g.lesson.replace(/^\/learn\//, '').replace(/\/$/, '')}.mdx`)), g.id).toBe(true);
  });
});

describe('lesson theme', () => {
  /** `--name: value` pairs of the first `:root {}` block and of the dark-scheme `:root {}` block. */
  function tokens(css: string): { light: Record<string, string>; dark: Record<string, string> } {
    const block = (re: RegExp) => {
      const m = re.exec(css);
      const out: Record<string, string> = {};
      if (!m) return out;
      for (const d of m[1]!.matchAll(/(--[\w-]+):\s*([^;]+);/g)) out[d[1]!] = d[2]!.replace(/\s+/g, ' ').trim();
      return out;
    };
    return {
      light: block(/:root\s*\{([^}]*)\}/),
      dark: block(/@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}/),
    };
  }

  it('the site and the lessons take their colour tokens from the same file, and neither redefines one', () => {
    const read = (name: string) => readFileSync(join(ROOT, 'src', 'styles', name), 'utf8');
    const shared = tokens(read('tokens.css'));
    expect(Object.keys(shared.light).length).toBeGreaterThan(20);
    // Every colour that changes in the dark scheme is a light-scheme token too.
    expect(Object.keys(shared.dark).length).toBeGreaterThan(20);
    for (const k of Object.keys(shared.dark)) expect(Object.keys(shared.light), k).toContain(k);
    for (const sheet of ['global.css', 'starlight.css']) {
      const css = read(sheet);
      expect(css, sheet).toMatch(/@import '\.\/tokens\.css';/);
      const own = tokens(css);
      for (const k of [...Object.keys(own.light), ...Object.keys(own.dark)]) expect(Object.keys(shared.light), `${sheet} redefines ${k}`).not.toContain(k);
    }
  });
});
