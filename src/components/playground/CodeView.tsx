/**
 * The code view: what a code editor shows until Monaco has loaded (CodeEditor.tsx). The text is
 * highlighted with Prism (highlight.ts) and laid out like Monaco's editor — same font, size, line height,
 * padding and line-number gutter ({@link CODE_VIEW_GEOMETRY}, also passed to Monaco) — so nothing moves
 * when Monaco takes over.
 *
 * It is editable from the start: a textarea with transparent text lies exactly over the highlighted code
 * (same font and wrapping, offset by the gutter), so the caret, selection, typing and pasting are the
 * browser's own, and the highlighting follows each keystroke. Screen readers hear one labelled, multi-line
 * text field (the textarea, with `aria-label` and `aria-describedby`); the highlighted copy is
 * `aria-hidden`. Every text is rendered as React text nodes, never as HTML.
 */
import { useMemo, type RefObject } from 'react';
import { useEarlyInput } from '../earlyInput.ts';
import { highlightLines } from './highlight.ts';

/**
 * Layout shared by the code view and Monaco (px). `gutter` is Monaco's content left edge with these
 * options (glyph margin off, `lineNumbersMinChars: 3`, folding on) at 13 px, measured in Chromium:
 * `editor.getLayoutInfo().contentLeft`; `lineNumbersRight` is the gap between the line numbers' right edge
 * and the content (decorations and folding margin). An e2e test (playground.test.ts) checks the first
 * line's text does not move when Monaco takes over.
 */
export const CODE_VIEW_GEOMETRY = {
  fontSize: 13,
  lineHeight: 19,
  fontFamily: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  paddingTop: 8,
  paddingBottom: 8,
  gutter: 49,
  lineNumbersRight: 26,
  scrollbar: 10,
} as const;

export interface CodeViewProps {
  id: string;
  language: 'json' | 'yaml';
  label: string;
  describedBy: string;
  value: string;
  invalid: boolean;
  /** Lines (1-based) marked as having an error (a wavy underline, as Monaco's markers). */
  errorLines: number[];
  minLines: number;
  maxLines: number;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** The scrolling box (its scroll position carries over to Monaco). */
  scrollRef: RefObject<HTMLDivElement | null>;
  onChange(text: string): void;
  /** The first focus, pointer press or keystroke: CodeEditor starts loading Monaco. */
  onActivate(): void;
}

export function CodeView({ id, language, label, describedBy, value, invalid, errorLines, minLines, maxLines, inputRef, scrollRef, onChange, onActivate }: CodeViewProps) {
  // Typed before hydration (a slow connection): keep it, and where the caret was.
  useEarlyInput(`${id}-textarea`, (early) => {
    if (early.typed) onChange(early.value);
    if (!early.focused) return;
    onActivate();
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(early.selectionStart, early.selectionEnd);
    });
  });
  const lines = useMemo(() => highlightLines(value, language), [value, language]);
  const g = CODE_VIEW_GEOMETRY;
  const pad = g.paddingTop + g.paddingBottom;
  const bad = new Set(errorLines);
  return (
    <div
      className="code-view"
      ref={scrollRef}
      style={{ minHeight: `${minLines * g.lineHeight + pad}px`, maxHeight: `${maxLines * g.lineHeight + pad}px` }}
      data-testid={`code-view-${id}`}
    >
      <div className="code-view__inner">
        <pre className={`code-view__pre code-view--${language}`} aria-hidden="true">
          {lines.map((segments, i) => (
            <div className={`code-view__line${bad.has(i + 1) ? ' code-view__line--error' : ''}`} key={i}>
              <span className="code-view__ln">{i + 1}</span>
              <span className="code-view__code">
                {segments.map((s, j) =>
                  s.cls ? (
                    <span className={s.cls} key={j}>
                      {s.text}
                    </span>
                  ) : (
                    s.text
                  ),
                )}
              </span>
            </div>
          ))}
        </pre>
        <textarea
          ref={inputRef}
          className="code-view__input"
          id={`${id}-textarea`}
          aria-label={label}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          autoComplete="off"
          wrap="soft"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onFocus={onActivate}
          onPointerDown={onActivate}
          onKeyDown={onActivate}
        />
      </div>
    </div>
  );
}
