/**
 * The course's lesson count, from the lessons themselves (`kind: lesson` in content/learn/*.mdx), as a
 * word for prose ("Ten"), so no page states an old count. Build time only (astro:content).
 */
import { getCollection } from 'astro:content';
import { countWord } from './countWord.ts';

/** How many lessons the course has, as a capitalised word ("Ten"). */
export async function lessonCountWord(): Promise<string> {
  // Typed here: astro:content's types exist only after a build (`astro sync`), and `npm test` type-checks first.
  const entries: { data: { kind?: string } }[] = await getCollection('docs');
  return countWord(entries.filter((e) => e.data.kind === 'lesson').length);
}
