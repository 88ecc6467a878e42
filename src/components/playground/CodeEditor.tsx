/**
 * A code editor that loads like a page: until the first interaction it is a highlighted code view
 * (CodeView.tsx: Prism-highlighted text with Monaco's font, size, line height and line numbers, and a
 * transparent, editable textarea over it), so the page ships no Monaco before someone uses an editor.
 * Monaco is imported on the first focus, click, tap or keystroke in the editor; whatever is typed or pasted
 * meanwhile goes into the textarea, and Monaco takes over its text, selection and focus. Touch-only devices
 * keep a plain textarea and never load Monaco. If Monaco fails to load, the plain textarea stays.
 *
 * Keyboard: the code view is one textarea in the Tab order (Tab leaves it, as in any text box). In Monaco,
 * Tab indents; Esc then Tab (or Shift+Tab) moves focus out of the editor, and Ctrl+M (Monaco's "Toggle Tab
 * Key Moves Focus") makes Tab move focus until pressed again. The visible hint saying so is linked to the
 * editor with aria-describedby.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type * as Monaco from 'monaco-editor/editor';
import { CodeView, CODE_VIEW_GEOMETRY } from './CodeView.tsx';
import { FINE_POINTER_QUERY, TOUCH_POINTER_QUERY } from './EditorKeys.tsx';

type MonacoModule = typeof import('./monaco.ts');
let monacoPromise: Promise<MonacoModule> | undefined;
/** Loads Monaco once per page. */
export function loadMonaco(): Promise<MonacoModule> {
  monacoPromise ??= import('./monaco.ts');
  return monacoPromise;
}

export interface EditorMarker {
  message: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
}

export interface CodeEditorProps {
  /** Base for element ids and the Monaco model URI. */
  id: string;
  language: 'json' | 'yaml';
  /** Accessible name of the editor. */
  label: string;
  /** Space-separated ids of the hint and error elements. */
  describedBy: string;
  value: string;
  /** Changes when `value` was replaced from outside (reset): the editor then reloads it. */
  version: number;
  onChange(text: string): void;
  markers: EditorMarker[];
  invalid: boolean;
  modelUri?: string;
  /** Height bounds in lines. */
  minLines?: number;
  maxLines?: number;
}

const LINE_HEIGHT = CODE_VIEW_GEOMETRY.lineHeight;
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Mounted editors by their wrapper element, so focus can move into another editor through its API. */
const EDITORS = new Map<HTMLElement, { focus(): void }>();

/** Moves focus to the next (or previous) focusable element outside `container`. */
function focusOutside(container: HTMLElement, backwards: boolean): void {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !container.contains(el) && el.tabIndex >= 0 && el.offsetParent !== null && !el.closest('[inert]'),
  );
  const target = backwards
    ? all.filter((el) => el.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING).pop()
    : all.find((el) => el.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_PRECEDING);
  if (!target) return;
  // A Monaco editor takes focus through its API (its input element refuses a plain .focus()).
  const other = [...EDITORS.entries()].find(([wrap]) => wrap.contains(target))?.[1];
  if (other) other.focus();
  else target.focus();
}

/** A touch-only device gets a textarea (the keyboard hint, EditorKeys.tsx, uses the same queries). */
function isTouchOnly(): boolean {
  return window.matchMedia(TOUCH_POINTER_QUERY).matches && !window.matchMedia(FINE_POINTER_QUERY).matches;
}

/**
 * The editor's states: `code` (the highlighted code view, before any interaction; also what the server
 * renders), `loading` (interacted with: Monaco is being imported, the code view still takes every
 * keystroke), `monaco`, `textarea` (touch-only devices: a plain text field) and `failed` (Monaco could not
 * load: the plain text field).
 */
export type CodeEditorMode = 'code' | 'loading' | 'monaco' | 'textarea' | 'failed';

export function CodeEditor(props: CodeEditorProps) {
  const { id, language, label, describedBy, value, version, onChange, markers, invalid, modelUri, minLines = 6, maxLines = 26 } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<MonacoModule['monaco'] | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;
  const [mode, setMode] = useState<CodeEditorMode>('code');

  // Touch-only devices keep a plain text field (decided after hydration; the server renders the code view).
  // Someone may have focused the server-rendered code view and typed before the island hydrated: keep
  // that text and start Monaco as if the focus had come now.
  useEffect(() => {
    if (isTouchOnly()) {
      setMode((m) => (m === 'code' ? 'textarea' : m));
      return;
    }
    const input = inputRef.current;
    if (input && input.value !== valueRef.current) onChangeRef.current(input.value);
    if (input && document.activeElement === input) setMode((m) => (m === 'code' ? 'loading' : m));
  }, []);

  /** The first focus, click, tap or keystroke in the code view: start loading Monaco. */
  const activate = () => setMode((m) => (m === 'code' && !isTouchOnly() ? 'loading' : m));

  useEffect(() => {
    if (mode !== 'loading') return;
    let disposed = false;
    const disposables: Monaco.IDisposable[] = [];
    loadMonaco()
      .then(async (mod) => {
        await mod.ensureMonacoCss();
        // One macrotask before the swap. When Monaco is already loaded (another editor started it), the
        // promises above settle in the microtasks between the pointerdown that activated this code view and
        // its mousedown, before the browser has moved focus into the code view: the swap would then remove
        // the pressed textarea, focus would fall to <main>, and what the user types next would be lost.
        // After the timeout the press has focused the textarea and placed its caret where the user clicked,
        // so Monaco takes over focus and caret.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return mod;
      })
      .then(
      ({ monaco, monacoLanguage }) => {
        if (disposed || !hostRef.current || !wrapRef.current) return;
        monacoRef.current = monaco;
        // What the code view holds now (it may be ahead of `value`: typed while Monaco loaded), and where
        // its caret is, so that Monaco continues exactly there.
        const input = inputRef.current;
        const text = input ? input.value : valueRef.current;
        const hadFocus = input !== null && document.activeElement === input;
        const selection = input ? { start: input.selectionStart, end: input.selectionEnd, backward: input.selectionDirection === 'backward' } : undefined;
        const scrollTop = scrollRef.current?.scrollTop ?? 0;
        if (text !== valueRef.current) onChangeRef.current(text);
        const uri = monaco.Uri.parse(modelUri ?? `inmemory://workload-identity-lab/${id}.${language}`);
        const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, monacoLanguage(language), uri);
        if (model.getValue() !== text) model.setValue(text);
        const editor = monaco.editor.create(hostRef.current, {
          model,
          ariaLabel: `${label}. Press Escape then Tab to leave the editor.`,
          automaticLayout: true,
          minimap: { enabled: false },
          overviewRulerLanes: 0,
          overviewRulerBorder: false,
          hideCursorInOverviewRuler: true,
          scrollBeyondLastLine: false,
          fontSize: CODE_VIEW_GEOMETRY.fontSize,
          lineHeight: LINE_HEIGHT,
          fontFamily: CODE_VIEW_GEOMETRY.fontFamily,
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderLineHighlight: 'line',
          // The code view draws the same gutter (CodeView.tsx): no glyph margin, three-digit line numbers.
          glyphMargin: false,
          lineNumbersMinChars: 3,
          folding: true,
          wordWrap: 'on',
          wrappingIndent: 'indent',
          scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
          padding: { top: CODE_VIEW_GEOMETRY.paddingTop, bottom: CODE_VIEW_GEOMETRY.paddingBottom },
          fixedOverflowWidgets: true,
          accessibilitySupport: 'auto',
          stickyScroll: { enabled: false },
          // Issuer URLs are data here, not links to follow (and no request may leave the site).
          links: false,
          codeLens: false,
          inlayHints: { enabled: 'off' },
          guides: { indentation: true },
        });
        editorRef.current = editor;
        if (wrapRef.current) EDITORS.set(wrapRef.current, editor);

        // Esc then Tab leaves the editor; any other key disarms.
        const armed = editor.createContextKey<boolean>('wilEscapeArmed', false);
        // Monaco keeps keybindings added with addCommand in one service shared by every editor on the page,
        // so the handler must work out which editor has focus rather than close over this one.
        const activeWrap = () => [...EDITORS.keys()].find((w) => w.contains(document.activeElement)) ?? wrapRef.current!;
        editor.addCommand(monaco.KeyCode.Tab, () => focusOutside(activeWrap(), false), 'wilEscapeArmed');
        editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Tab, () => focusOutside(activeWrap(), true), 'wilEscapeArmed');
        disposables.push(
          editor.onKeyDown((e) => {
            if (e.keyCode === monaco.KeyCode.Escape) armed.set(true);
            else if (e.keyCode !== monaco.KeyCode.Tab && e.keyCode !== monaco.KeyCode.Shift) armed.set(false);
          }),
          editor.onDidBlurEditorText(() => armed.set(false)),
          editor.onDidChangeModelContent(() => onChangeRef.current(editor.getValue())),
        );

        // Grow with the content, between minLines and maxLines.
        const fit = () => {
          const pad = CODE_VIEW_GEOMETRY.paddingTop + CODE_VIEW_GEOMETRY.paddingBottom;
          const h = Math.min(Math.max(editor.getContentHeight(), minLines * LINE_HEIGHT + pad), maxLines * LINE_HEIGHT + pad);
          if (hostRef.current && hostRef.current.style.height !== `${h}px`) {
            hostRef.current.style.height = `${h}px`;
            editor.layout();
          }
        };
        disposables.push(editor.onDidContentSizeChange(fit));
        fit();

        // The code view's caret and scroll position carry over.
        if (selection) {
          const a = model.getPositionAt(selection.start);
          const b = model.getPositionAt(selection.end);
          const sel = selection.backward
            ? new monaco.Selection(b.lineNumber, b.column, a.lineNumber, a.column)
            : new monaco.Selection(a.lineNumber, a.column, b.lineNumber, b.column);
          editor.setSelection(sel);
        }
        editor.setScrollTop(scrollTop);

        // Link the visible hint and the error to Monaco's input element.
        const monacoInput = hostRef.current.querySelector('textarea, [role="textbox"]');
        monacoInput?.setAttribute('aria-describedby', describedBy);
        // Swap in the same task (no frame shows both), then hand focus over: nothing typed is lost, because
        // keystrokes are events, and the next one is dispatched to whatever has focus after this task.
        flushSync(() => setMode('monaco'));
        if (hadFocus) {
          editor.focus();
          if (selection) editor.revealPositionInCenterIfOutsideViewport(editor.getPosition()!);
        }
      },
      () => {
        if (!disposed) setMode('failed');
      },
    );
    return () => {
      disposed = true;
      for (const d of disposables) d.dispose();
      if (wrapRef.current) EDITORS.delete(wrapRef.current);
      editorRef.current?.dispose();
      editorRef.current = null;
    };
    // Monaco is created once per mount; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode === 'loading' || mode === 'monaco']);

  // Reload the text when it was replaced from outside (reset).
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== value) editor.setValue(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  // Markers: the store's error (and warnings) at their lines.
  const markersKey = JSON.stringify(markers);
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    const lineCount = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      'workload-identity-lab',
      markers.map((m) => {
        const line = Math.min(Math.max(m.line ?? 1, 1), lineCount);
        const maxCol = model.getLineMaxColumn(line);
        let startColumn = Math.min(Math.max(m.column ?? 1, 1), maxCol);
        if (startColumn >= maxCol) startColumn = Math.max(1, model.getLineFirstNonWhitespaceColumn(line) || 1);
        return {
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: m.message,
          startLineNumber: line,
          startColumn,
          endLineNumber: line,
          endColumn: Math.max(maxCol, startColumn + 1),
        };
      }),
    );
    // Keyed by content: the parents build a new markers array on every render (each keystroke), and
    // setting the same markers again would make Monaco re-decorate the model for nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markersKey, mode]);

  const errorLines = markers.filter((m) => m.severity === 'error').map((m) => m.line ?? 1);
  return (
    <div ref={wrapRef} className={`code-editor${invalid ? ' code-editor--invalid' : ''}`} data-mode={mode}>
      {(mode === 'code' || mode === 'loading') && (
        <CodeView
          id={id}
          language={language}
          label={label}
          describedBy={describedBy}
          value={value}
          invalid={invalid}
          errorLines={errorLines}
          minLines={minLines}
          maxLines={maxLines}
          inputRef={inputRef}
          scrollRef={scrollRef}
          onChange={onChange}
          onActivate={activate}
        />
      )}
      {(mode === 'textarea' || mode === 'failed') && (
        <textarea
          className="code-editor__textarea"
          id={`${id}-textarea`}
          aria-label={label}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={value}
          rows={Math.min(Math.max(value.split('\n').length, minLines), maxLines)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <div ref={hostRef} className="code-editor__monaco" hidden={mode !== 'monaco' && mode !== 'loading'} />
    </div>
  );
}
