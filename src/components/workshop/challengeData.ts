/**
 * Build-time access to the workshop challenges in content/challenges/*.yaml (schema: challengeSchema.ts).
 * Only Astro frontmatter imports this; a broken file throws while the pages are generated, so the build
 * fails with a message naming the file and every problem in it. Importing the registry makes every
 * provider known, so a challenge with `provider:` parses (the island loads only its own, providerKits.ts).
 */
import '../../engine/providers/registry.ts';
import { loadChallengeSet, type Challenge } from './challengeSchema.ts';

const files = import.meta.glob('/content/challenges/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let cache: Challenge[] | undefined;

/** All challenges, in order (memoized for the build). */
export function loadChallenges(): Challenge[] {
  cache ??= loadChallengeSet(files);
  return cache;
}
