/**
 * Which providers produce an error code, for /errors/ and /errors/<code>/: a provider produces a code when
 * one of its named scenarios `expect`s it (content/scenarios/*.yaml, `provider:` absent = aks-entra) or
 * its catalogue lists causes for it (github-entra: GITHUB_CODE_CAUSES in
 * src/engine/providers/github-entra/catalogue.ts). Pure; build time only (imports the registry).
 */
import { DEFAULT_PROVIDER_ID, PROVIDERS } from '../engine/providers/registry.ts';
import { GITHUB_CODE_CAUSES } from '../engine/providers/github-entra/catalogue.ts';

/** What the function needs of a named scenario. */
export interface ScenarioRef {
  slug: string;
  title: string;
  /** The scenario's `provider:` (undefined: aks-entra). */
  provider?: string | undefined;
  /** The scenario's `expect.code`, if any. */
  expectCode?: string | undefined;
}

/** One provider that produces a code: its scenarios expecting it, and its catalogue's causes. */
export interface CodeProvider {
  id: string;
  title: string;
  scenarios: { slug: string; title: string }[];
  /** Provider-specific causes from its catalogue (empty when it has none). */
  causes: readonly string[];
  sources: readonly string[];
}

/** Provider-specific causes per provider id and code (only github-entra has a catalogue so far). */
const CATALOGUES: Record<string, Readonly<Record<string, { causes: readonly string[]; sources: readonly string[] }>>> = {
  'github-entra': GITHUB_CODE_CAUSES,
};

/** The providers that produce `code`, in the registry's order; each scenario list sorted by title. */
export function providersForCode(code: string, scenarios: readonly ScenarioRef[]): CodeProvider[] {
  const out: CodeProvider[] = [];
  for (const p of PROVIDERS) {
    const own = scenarios
      .filter((s) => (s.provider ?? DEFAULT_PROVIDER_ID) === p.id && s.expectCode === code)
      .map((s) => ({ slug: s.slug, title: s.title }))
      .sort((a, b) => a.title.localeCompare(b.title));
    const cat = CATALOGUES[p.id]?.[code];
    if (!own.length && !cat) continue;
    out.push({ id: p.id, title: p.title, scenarios: own, causes: cat?.causes ?? [], sources: cat?.sources ?? [] });
  }
  return out;
}

/** For the errors index: each provider with the codes it produces (catalogue order of `codes`). */
export function codesByProvider(codes: readonly string[], scenarios: readonly ScenarioRef[]): { id: string; title: string; codes: string[] }[] {
  return PROVIDERS.map((p) => ({
    id: p.id,
    title: p.title,
    codes: codes.filter((c) => providersForCode(c, scenarios).some((x) => x.id === p.id)),
  })).filter((g) => g.codes.length > 0);
}

/** A scenario entry as {@link ScenarioRef}. */
export function scenarioRef(s: { slug: string; scenario: { title: string; provider?: string | undefined; expect?: { code?: string | undefined } | undefined } }): ScenarioRef {
  return { slug: s.slug, title: s.scenario.title, provider: s.scenario.provider, expectCode: s.scenario.expect?.code };
}
