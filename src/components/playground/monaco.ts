/**
 * Monaco, bundled locally with lean imports (toolchain.md pitfall 4): the core editor, the JSON language
 * (with its worker, for JSON Schema validation of the federated credentials), YAML colouring, and the
 * editor features the playground uses. Imported dynamically by `CodeEditor.tsx`, so the verdict and the
 * stage list never wait for it. No request leaves the origin: the workers are same-origin Vite chunks and
 * JSON Schema fetching is off.
 */
import * as monaco from 'monaco-editor/editor';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import 'monaco-editor/languages/definitions/yaml/register';
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
// The JSON language's worker manager imports this module, which registers every editor contribution and
// the services they need. Loaded lazily (when the first JSON model appears), it registers contributions
// whose services arrive after Monaco's services were initialized, and every editor created afterwards (the
// advanced editor, opened later) fails with "depends on UNKNOWN service ICodeLensCache". Importing it up
// front registers everything before the first editor exists; it is in the bundle anyway.
import 'monaco-editor/internal/common/workers';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
// Monaco's own CSS imports are dropped from lazily loaded island chunks (toolchain.md pitfall 5), so
// the editor's complete stylesheet (self-contained: the codicon font is inlined) is linked explicitly.
import monacoCssUrl from '../../../node_modules/monaco-editor/min/vs/editor/editor.main.css?url';
import { z } from '../../engine/zod.ts';
import { FederatedCredentialListSchema } from './jsonText.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

/** Model URI of the federated credentials editor (the JSON Schema is bound to it). */
export const FIC_MODEL_URI = 'inmemory://workload-identity-lab/federated-credentials.json';

const ficSchema = z.toJSONSchema(FederatedCredentialListSchema, { target: 'draft-7', io: 'input' });

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemaValidation: 'error',
  schemas: [
    {
      uri: 'inmemory://workload-identity-lab/schemas/federated-credentials.schema.json',
      fileMatch: [FIC_MODEL_URI],
      schema: ficSchema,
    },
  ],
});

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
