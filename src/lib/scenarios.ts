/**
 * Build-time access to the named scenarios in content/scenarios/*.yaml, each run through the engine at
 * its own fixed `now`. Used by static pages (error pages, later the gallery). Never shipped to the
 * browser: only Astro frontmatter imports it.
 *
 * The build-time validation hook (src/integrations/validate-scenarios.ts) has already rejected broken
 * files; here a broken file throws with the same readable message.
 */
import { loadScenarioText, formatIssues } from '../engine/scenarioFiles.ts';
import { createKeyStore, runChain, type ChainResult, type Scenario, type World } from '../engine/index.ts';

/** One named scenario with its chain result. */
export interface ScenarioEntry {
  /** File name without `.yaml`; the scenario's URL slug. */
  slug: string;
  scenario: Scenario;
  world: World;
  result: ChainResult;
}

const files = import.meta.glob('/content/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let cache: Promise<ScenarioEntry[]> | undefined;

/** All scenarios, sorted by title, each with its chain result. Memoized for the build. */
export function loadScenarios(): Promise<ScenarioEntry[]> {
  cache ??= (async () => {
    const keys = createKeyStore();
    const out: ScenarioEntry[] = [];
    for (const [path, text] of Object.entries(files)) {
      const slug = path.replace(/^.*\//, '').replace(/\.yaml$/, '');
      const loaded = loadScenarioText(text, path);
      if (!loaded.ok) throw new Error(formatIssues(path, loaded.issues));
      const now = loaded.scenario.now ? new Date(loaded.scenario.now) : new Date('2026-01-15T10:00:00Z');
      const result = await runChain(loaded.world, { now, keys, provider: loaded.scenario.provider });
      out.push({ slug, scenario: loaded.scenario, world: loaded.world, result });
    }
    return out.sort((a, b) => a.scenario.title.localeCompare(b.scenario.title));
  })();
  return cache;
}
