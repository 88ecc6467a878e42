/**
 * The lesson frontmatter fields that /learn/ adds to Starlight's own (`docsSchema`), as a zod object.
 * Used by `src/content.config.ts` (`docsSchema({ extend: lessonFields })`), so a lesson with a missing or
 * misspelt field fails the build with the field's name; unit-tested in test/unit/learn-schema.test.ts.
 *
 * A lesson (content/learn/<slug>.mdx) states `goals`, `minutes` and `exercise`; the overview and the
 * glossary state none of them (`kind: page`).
 */
import { z } from '../../engine/zod.ts';

/** Exercise ids are kebab-case: they are the keys of the saved progress (see progress.ts). */
export const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ExerciseRefSchema = z
  .object({
    id: z
      .string()
      .regex(EXERCISE_ID, 'kebab-case, e.g. "make-the-subject-match"')
      .describe('Stable id of the lesson\'s exercise: the key its completion is saved under in localStorage. Never rename it.'),
    title: z.string().min(3).describe('The exercise\'s title as the learner sees it, e.g. "Make the subject match".'),
  })
  .strict()
  .describe('The one exercise of the lesson; the page embeds it with the component of the same id.');

export const lessonFields = z.object({
  kind: z
    .enum(['lesson', 'page'])
    .default('lesson')
    .describe('`lesson`: a step of the course (goals, minutes and exercise are required). `page`: the overview or the glossary.'),
  order: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Position of a lesson in the course, 1-based; the course overview lists lessons in this order.'),
  goals: z
    .array(z.string().min(5))
    .min(1)
    .max(6)
    .optional()
    .describe('What the learner can do after the lesson, one sentence each ("Explain what iss, sub and aud prove"). Shown at the top of the page.'),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe('Estimated time to read the lesson and do its exercise, in minutes.'),
  exercise: ExerciseRefSchema.optional().describe('The lesson\'s one exercise: its id (the progress key) and title.'),
});

/** Requires goals, minutes, order and exercise on lessons. */
export function checkLesson(data: z.infer<typeof lessonFields>, ctx: z.RefinementCtx): void {
  if (data.kind !== 'lesson') return;
  for (const key of ['goals', 'minutes', 'order', 'exercise'] as const) {
    if (data[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a lesson needs \`${key}\` (set \`kind: page\` for a page that is not a lesson)` });
  }
}

/** The full lesson schema on its own (without Starlight's fields), for tests and tools. */
export const LessonFrontmatterSchema = lessonFields.superRefine(checkLesson);
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;
