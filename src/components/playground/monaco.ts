/**
 * Monaco, bundled locally with lean imports (toolchain.md pitfall 4): the core editor, Monarch colouring
 * for YAML and for JSON (Monaco's JavaScript grammar, see {@link monacoLanguage}), and the editor features
 * the playground uses. Imported by `CodeEditor.tsx` on the first interaction with an editor. No request
 * leaves the origin: the editor worker is a same-origin Vite chunk.
 *
 * Not imported (issue 13, total ≤ 1.3 MB gzip with Monaco): Monaco's JSON language service. Its worker
 * manager imports `monaco-editor/internal/common/workers`, which registers every editor contribution
 * (diff editor, inline completions, ...): with its worker that was about 400 KB gzip, for JSON Schema
 * squiggles the store already gives. The store parses and checks the credentials (jsonText.ts, the same
 * zod schema) and its errors are marked at their line and column in the editor (CodeEditor markers).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// Monaco's own CSS imports are dropped from lazily loaded island chunks (toolchain.md pitfall 5), so
// the editor's complete stylesheet (self-contained: the codicon font is inlined) is linked explicitly.
import monacoCssUrl from '../../../node_modules/monaco-editor/min/vs/editor/editor.main.css?url';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker() {
    return new EditorWorker();
  },
};

/**
 * The Monaco language that colours an editor's text: YAML as YAML; JSON with Monaco's JavaScript (Monarch)
 * grammar, which colours JSON's strings, numbers and true/false/null (JSON is a subset of JavaScript's
 * expression syntax), without a language service. The code view uses the same colours (playground.css).
 */
export function monacoLanguage(language: 'json' | 'yaml'): string {
  return language === 'json' ? 'javascript' : 'yaml';
}

/** Editor themes matching the site's colours. */
monaco.editor.defineTheme('wil-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#6e7781',
    'editorLineNumber.activeForeground': '#1b1f24',
    'editorGutter.background': '#ffffff',
  },
});
monaco.editor.defineTheme('wil-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#0f141a',
    'editorLineNumber.foreground': '#8b949e',
    'editorLineNumber.activeForeground': '#e6e9ee',
    'editorGutter.background': '#0f141a',
  },
});

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => monaco.editor.setTheme(dark.matches ? 'wil-dark' : 'wil-light');
applyTheme();
dark.addEventListener('change', applyTheme);

let cssReady: Promise<void> | undefined;
/** Adds Monaco's stylesheet to the page once; resolves when it has loaded (or failed to). */
export function ensureMonacoCss(): Promise<void> {
  cssReady ??= new Promise<void>((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = monacoCssUrl;
    link.dataset.monaco = '';
    link.onload = () => resolve();
    link.onerror = () => resolve();
    document.head.appendChild(link);
  });
  return cssReady;
}

export { monaco };
