/**
 * Build-time: the presenter deck (deck.ts) joined with the named scenarios it names (content/scenarios).
 * Only Astro frontmatter imports this. A slug the deck names but no scenario file has fails the build.
 */
import { loadScenarios } from '../../lib/scenarios.ts';
import { DECK } from './deck.ts';
import type { PresenterSlide } from './Presenter.tsx';

/** The default clock for a scenario without `now` (the same one the scenario pages use). */
const DEFAULT_NOW = '2026-01-15T10:00:00Z';

export async function presenterSlides(): Promise<PresenterSlide[]> {
  const all = await loadScenarios();
  return DECK.map((entry) => {
    const s = all.find((x) => x.slug === entry.slug);
    if (!s) throw new Error(`Presenter deck (src/components/workshop/deck.ts) names scenario "${entry.slug}", but content/scenarios/${entry.slug}.yaml does not exist.`);
    return {
      slug: s.slug,
      title: s.scenario.title,
      summary: s.scenario.summary,
      fix: s.scenario.fix,
      now: s.scenario.now ?? DEFAULT_NOW,
      world: s.world,
      point: entry.point,
    };
  });
}
