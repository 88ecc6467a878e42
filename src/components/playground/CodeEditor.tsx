/**
 * A code editor: Monaco on devices with a fine pointer, a plain textarea on touch devices and until
 * Monaco has loaded (so typing works at once and the page never waits for Monaco).
 *
 * Keyboard: Tab indents inside Monaco. Esc then Tab (or Shift+Tab) moves focus out of the editor, and
 * Ctrl+M (Monaco's "Toggle Tab Key Moves Focus") makes Tab move focus until pressed again. The visible hint
 * saying so is linked to the editor with aria-describedby.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor';
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
  /**
   * While true, stay a plain textarea and do not load Monaco yet (the playground waits for its first
   * verdict, so Monaco's large chunk does not compete with it). Default false: load on mount.
   */
  deferLoad?: boolean;
}

const LINE_HEIGHT = 19;
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

export function CodeEditor(props: CodeEditorProps) {
  const { id, language, label, describedBy, value, version, onChange, markers, invalid, modelUri, minLines = 6, maxLines = 26, deferLoad = false } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<MonacoModule['monaco'] | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;
  const [mode, setMode] = useState<'textarea' | 'loading' | 'monaco' | 'failed'>('textarea');

  // Decide on mount (or once loading is no longer deferred): Monaco for fine pointers, textarea for
  // touch-only devices.
  useEffect(() => {
    if (deferLoad || isTouchOnly()) return;
    setMode((m) => (m === 'textarea' ? 'loading' : m));
  }, [deferLoad]);

  useEffect(() => {
    if (mode !== 'loading') return;
    let disposed = false;
    const disposables: Monaco.IDisposable[] = [];
    loadMonaco()
      .then(async (mod) => {
        await mod.ensureMonacoCss();
        return mod;
      })
      .then(
      ({ monaco }) => {
        if (disposed || !hostRef.current || !wrapRef.current) return;
        monacoRef.current = monaco;
        const uri = monaco.Uri.parse(modelUri ?? `inmemory://workload-identity-lab/${id}.${language}`);
        const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(valueRef.current, language, uri);
        if (model.getValue() !== valueRef.current) model.setValue(valueRef.current);
        const editor = monaco.editor.create(hostRef.current, {
          model,
          ariaLabel: `${label}. Press Escape then Tab to leave the editor.`,
          automaticLayout: true,
          minimap: { enabled: false },
          overviewRulerLanes: 0,
          overviewRulerBorder: false,
          hideCursorInOverviewRuler: true,
          scrollBeyondLastLine: false,
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          fontFamily: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderLineHighlight: 'line',
          lineNumbersMinChars: 3,
          folding: true,
          wordWrap: 'on',
          wrappingIndent: 'indent',
          scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
          padding: { top: 8, bottom: 8 },
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
          const h = Math.min(Math.max(editor.getContentHeight(), minLines * LINE_HEIGHT + 16), maxLines * LINE_HEIGHT + 16);
          if (hostRef.current && hostRef.current.style.height !== `${h}px`) {
            hostRef.current.style.height = `${h}px`;
            editor.layout();
          }
        };
        disposables.push(editor.onDidContentSizeChange(fit));
        fit();

        // Link the visible hint and the error to Monaco's input element.
        const input = hostRef.current.querySelector('textarea, [role="textbox"]');
        input?.setAttribute('aria-describedby', describedBy);
        const hadFocus = document.activeElement === wrapRef.current.querySelector('textarea.code-editor__textarea');
        setMode('monaco');
        if (hadFocus) editor.focus();
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
  }, [markers, mode]);

  const showTextarea = mode === 'textarea' || mode === 'failed' || mode === 'loading';
  return (
    <div ref={wrapRef} className={`code-editor${invalid ? ' code-editor--invalid' : ''}`} data-mode={mode}>
      {showTextarea && (
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
