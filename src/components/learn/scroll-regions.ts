/**
 * Starlight lets wide tables and code blocks in lesson text scroll sideways. A scrolling region must be
 * reachable by keyboard (WCAG 2.1.1; axe `scrollable-region-focusable`), so every table or code block that
 * actually overflows gets `tabindex="0"` (and loses it again when the window grows). Runs on every lesson
 * page (imported by the sidebar's script).
 */
export const SCROLLERS = '.sl-markdown-content table, .sl-markdown-content .expressive-code pre';

export function makeScrollingRegionsFocusable(root: ParentNode = document): void {
  const els = Array.from(root.querySelectorAll<HTMLElement>(SCROLLERS));
  const update = (el: HTMLElement) => {
    if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
    else el.removeAttribute('tabindex');
  };
  const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => entries.forEach((e) => update(e.target as HTMLElement)));
  for (const el of els) {
    update(el);
    ro?.observe(el);
  }
}
