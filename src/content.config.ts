/**
 * Content collections. `docs` is Starlight's collection: the lessons at /learn/, written as MDX in
 * content/learn/ (ids `learn/<file>`, so the pages are /learn/<file>/). Their frontmatter is Starlight's
 * (title, description, ...) plus the fields documented in src/components/learn/lesson-schema.ts.
 *
 * Scenarios (content/scenarios/*.yaml) are not a collection: the engine validates them
 * (src/integrations/validate-scenarios.ts) and src/lib/scenarios.ts loads them.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { checkLesson, lessonFields } from './components/learn/lesson-schema.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: 'learn/**/[^_]*.mdx' }),
    schema: (context) => docsSchema({ extend: lessonFields })(context).superRefine((data, ctx) => checkLesson(data, ctx)),
  }),
};
