/**
 * Progressive enhancement of the scenario gallery (/scenarios/): shows the filter form (hidden in the
 * static HTML), filters the cards by federation (provider), failing stage, error code, tag and free text (all words must occur),
 * announces the number shown, and mirrors the filters to the query string so a filtered view can be
 * linked (`/scenarios/?tag=issuer`). Cards are only hidden, never created: they are all in the HTML.
 */
const form = document.querySelector<HTMLFormElement>('form[data-gallery-filters]');
const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="scenario-card"]')];
const count = document.querySelector<HTMLElement>('[data-gallery-count]');
const empty = document.querySelector<HTMLElement>('[data-gallery-empty]');

const FIELDS = ['q', 'provider', 'stage', 'code', 'tag'] as const;
type Field = (typeof FIELDS)[number];

function field(name: Field): HTMLInputElement | HTMLSelectElement | null {
  return form?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

function values(): Record<Field, string> {
  const out = {} as Record<Field, string>;
  for (const f of FIELDS) out[f] = field(f)?.value.trim() ?? '';
  return out;
}

function matches(card: HTMLElement, v: Record<Field, string>): boolean {
  if (v.provider && card.dataset.provider !== v.provider) return false;
  if (v.stage && card.dataset.stage !== v.stage) return false;
  if (v.code && card.dataset.code !== v.code) return false;
  if (v.tag) {
    let tags: unknown = [];
    try {
      tags = JSON.parse(card.dataset.tags ?? '[]');
    } catch {
      // keep []
    }
    if (!Array.isArray(tags) || !tags.includes(v.tag)) return false;
  }
  const words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
  const text = card.dataset.search ?? '';
  // An error code (AADSTS70021, AKV10022, …) matches whole codes only: AADSTS70021 must not find AADSTS700211.
  const isCode = (w: string) => /^(aadsts|akv)\d+$/i.test(w);
  return words.every((w) => (isCode(w) ? new RegExp(`(^|[^0-9a-z])${w}($|[^0-9a-z])`, 'i').test(text) : text.includes(w)));
}

function apply(updateUrl: boolean): void {
  const v = values();
  let shown = 0;
  for (const card of cards) {
    const ok = matches(card, v);
    card.hidden = !ok;
    if (ok) shown++;
  }
  if (count) count.textContent = shown === cards.length ? `${cards.length} scenarios` : `${shown} of ${cards.length} scenarios shown`;
  if (empty) empty.hidden = shown !== 0;
  if (updateUrl) {
    const params = new URLSearchParams();
    for (const f of FIELDS) if (v[f]) params.set(f, v[f]);
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
}

if (form) {
  // Start from the query string (only values the selects offer are taken).
  const params = new URLSearchParams(location.search);
  for (const f of FIELDS) {
    const el = field(f);
    const value = params.get(f);
    if (!el || value === null) continue;
    if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === value)) continue;
    el.value = value;
  }
  form.hidden = false;
  form.addEventListener('input', () => apply(true));
  form.addEventListener('change', () => apply(true));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => window.setTimeout(() => apply(true), 0));
  apply(false);
}
