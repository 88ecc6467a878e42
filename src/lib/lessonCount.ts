/**
 * The course's lesson count, from the lessons themselves (`kind: lesson` in content/learn/*.mdx), as a
 * word for prose ("Ten"), so no page states an old count. Build time only (astro:content).
 */
import { getCollection } from 'astro:content';
import { countWord } from './countWord.ts';

/** How many lessons the course has, as a capitalised word ("Ten"). */
export async function lessonCountWord(): Promise<string> {
  return countWord((await getCollection('docs')).filter((e) => e.data.kind === 'lesson').length);
}
