/**
 * A horizontally scrollable wrapper (wide tables on narrow screens). When its content actually
 * overflows it becomes a focusable, labelled region, so keyboard users can scroll it too.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // No measuring here: reading scrollWidth right after a render forces the browser to lay out the page
    // there and then (in the playground, ~10 ms per update with its tables). A ResizeObserver reports
    // the element once as soon as it has been laid out (and again on every size change), when reading
    // the sizes costs nothing.
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-scroll"
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } : {})}
    >
      {children}
    </div>
  );
}
