/**
 * The playground island: editors on the left, verdict, diagram, stages and token on the right (stacked
 * on narrow screens, verdict first). State lives in the store (`store.ts`); this component only renders
 * it and forwards edits. The engine runs as soon as the island hydrates; Mermaid only starts loading once
 * the first verdict is shown, Monaco only on the first interaction with an editor, and after an edit the verdict and the diagram are committed
 * before the panels below them re-render.
 *
 * With `urlState` (the /playground/ page), a share link in the address (`#s=…`) is loaded on load and on
 * `hashchange`, and the address follows the state (see `useShareUrl.ts`). "Copy link" works everywhere.
 */
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { AdvancedEditor } from './AdvancedEditor.tsx';
import { CodeEditor, type EditorMarker } from './CodeEditor.tsx';
import { Diagram } from './Diagram.tsx';
import { EditorKeys } from './EditorKeys.tsx';
import { pathLocator, pathSegments, type TextError } from './jsonText.ts';
import { playgroundStore } from './playgroundStore.ts';
import { ScenarioNotices } from './ScenarioNotices.tsx';
import { CopyEmbedButton, CopyLinkButton } from './ShareControls.tsx';
import { ConfigErrors, StageList } from './StageList.tsx';
import { invalidInputs, type EditorId, type InputId, type PlaygroundState } from './store.ts';
import { TokenPanel } from './TokenPanel.tsx';
import { TokenSettings } from './TokenSettings.tsx';
import { useShareUrl } from './useShareUrl.ts';
import { useMediaQuery, useStoreState } from './useStore.ts';
import { Verdict } from './Verdict.tsx';
import { PlaygroundTimeTravel } from '../workshop/PlaygroundTimeTravel.tsx';
import { ProviderSwitch } from './ProviderSwitch.tsx';
import { loadedKit, type ProviderShape } from './providerKits.ts';

interface EditorDef {
  id: EditorId;
  title: string;
  language: 'json' | 'yaml';
  description: string;
  modelUri?: string;
}

/** The GitHub job's editor (github-entra): the workflow file, rendered and read by github-entra/workflow.ts. */
const WORKFLOW_EDITOR: EditorDef = {
  id: 'workflow',
  title: 'Workflow job',
  language: 'yaml',
  description:
    'The workflow file under .github/workflows/. The job’s environment (or the event and ref) decides the token’s sub; permissions: id-token: write lets the job request a token; azure/login’s with: inputs name the identity.',
};

const EDITORS: EditorDef[] = [
  {
    id: 'fic',
    title: 'Federated identity credentials',
    language: 'json',
    description: 'The managed identity’s federatedCredentials list (JSON). Entra ID trusts a token whose iss, sub and aud match one of them exactly.',
    modelUri: 'inmemory://workload-identity-lab/federated-credentials.json',
  },
  {
    id: 'sa',
    title: 'ServiceAccount',
    language: 'yaml',
    description: 'The Kubernetes identity of the pod. Its client-id annotation tells the webhook which managed identity to use.',
  },
  {
    id: 'pod',
    title: 'Pod',
    language: 'yaml',
    description: 'The workload. The azure.workload.identity/use label opts it in to the webhook.',
  },
];

/**
 * What an edit updates first is the verdict and the diagram. The panels below them (write-time problems,
 * the stage list, the token) and the address bar render from a deferred copy of the state
 * (`useDeferredValue`): React commits the verdict and the diagram, then renders these in the background
 * without holding up that commit. Memoized, so renders that do not change their result skip them.
 */
const DeferredConfigErrors = memo(ConfigErrors);
const DeferredStageList = memo(StageList);
const DeferredTokenPanel = memo(TokenPanel);
/** Memoized: typing re-renders the playground, but the diagram only changes with a new result. */
const ChainDiagram = memo(Diagram);

/**
 * Milliseconds the diagram waits for typing to pause before it redraws (issue 13: the verdict follows every
 * keystroke; the diagram may trail). Redrawing the Mermaid diagram (layout and SVG) is the most expensive
 * work per result, and drawing each of a burst's results would drop frames while typing.
 */
export const DIAGRAM_TRAIL_MS = 120;

/**
 * `result` and its version as the diagram shows them: the first result at once, a later one once no newer
 * result arrived for {@link DIAGRAM_TRAIL_MS}.
 */
function useTrailingResult(result: PlaygroundState['result'], version: number): { result: PlaygroundState['result']; version: number } {
  const [shown, setShown] = useState({ result, version });
  useEffect(() => {
    if (shown.version === version) return undefined;
    if (shown.result === undefined) {
      setShown({ result, version });
      return undefined;
    }
    const t = setTimeout(() => setShown({ result, version }), DIAGRAM_TRAIL_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return shown.version === version || shown.result !== undefined ? shown : { result, version };
}

/** The editors of each provider shape: the cluster's manifests, or GitHub's workflow job. */
function editorsFor(shape: ProviderShape): EditorDef[] {
  return shape === 'github' ? [EDITORS[0]!, WORKFLOW_EDITOR] : EDITORS;
}

/** The "Jump to" list of a GitHub job. */
const GITHUB_JUMP_TARGETS: { label: string; selector: string }[] = [
  { label: 'Credentials', selector: '[data-testid="editor-fic"]' },
  { label: 'Workflow job', selector: '[data-testid="editor-workflow"]' },
];

/** The "Jump to" list above the editors: each input group of the configuration column, in order. */
const JUMP_TARGETS: { label: string; selector: string }[] = [
  { label: 'Credentials', selector: '[data-testid="editor-fic"]' },
  { label: 'ServiceAccount', selector: '[data-testid="editor-sa"]' },
  { label: 'Pod', selector: '[data-testid="editor-pod"]' },
  { label: 'Token request', selector: '.settings' },
  { label: 'Cluster and identity', selector: '.advanced' },
];

function formatError(e: TextError): string {
  return e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}` : e.message;
}

export interface PlaygroundProps {
  /**
   * Load a share link from the address (`#s=…`, also on `hashchange`) and keep the address in step with
   * the state. Default false: only the /playground/ page owns its URL.
   */
  urlState?: boolean;
}

export default function Playground({ urlState = false }: PlaygroundProps = {}) {
  const store = playgroundStore();
  const state = useStoreState(store);
  const later = useDeferredValue(state);
  const diagram = useTrailingResult(state.result, state.resultVersion);
  const { linkError, dismissError } = useShareUrl(store, later, urlState);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const editorsRef = useRef<HTMLElement>(null);
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const kit = loadedKit(state.provider);
  const shape: ProviderShape = kit?.shape ?? 'cluster';
  const laterKit = loadedKit(later.provider);
  /** Scrolls an input group into view (inside the editors column) and moves focus to its heading. */
  const jumpTo = (selector: string) => {
    const panel = editorsRef.current?.querySelector<HTMLElement>(selector);
    if (!panel) return;
    if (selector === '.advanced') setAdvancedOpen(true);
    panel.scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
    panel.querySelector<HTMLElement>('.editor-panel__title, legend + * input, summary')?.focus({ preventScroll: true });
  };

  // A loaded link that changes the advanced part opens its editor.
  useEffect(() => {
    if (state.loadVersion > 0 && state.shared?.advancedChanged) setAdvancedOpen(true);
  }, [state.loadVersion, state.shared]);

  useEffect(() => {
    store.start();
  }, [store]);

  // Mermaid is large: evaluating its chunk would hold up the engine's first run, so the diagram loads it
  // once the first verdict is on screen. Monaco loads only when someone focuses an editor (CodeEditor.tsx);
  // until then each editor is a highlighted code view.
  const invalid = invalidInputs(state.errors);

  // Write-time problems of the federated credentials, located in the JSON text. The text is parsed once
  // per version (pathLocator), not once per warning: a warning per credential is common (duplicates), and
  // they are only shown while the text applies.
  const locateFic = useMemo(() => pathLocator(state.texts.fic), [state.texts.fic]);
  const ficError = state.errors.fic;
  const ficWarnings = useMemo(() => {
    if (ficError) return [];
    return (state.result?.configErrors ?? [])
      .filter((e) => e.path.startsWith('identity.federatedCredentials'))
      .map((e) => ({ ...e, pos: locateFic(pathSegments(e.path.slice('identity.federatedCredentials'.length))) }));
  }, [state.result, ficError, locateFic]);

  const markersFor = (id: EditorId): EditorMarker[] => {
    const out: EditorMarker[] = [];
    const err = state.errors[id];
    if (err) out.push({ message: err.message, ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}), severity: 'error' });
    if (id === 'fic' && !err) {
      for (const w of ficWarnings) out.push({ message: `${w.code}: ${w.message}${w.rule ? ` ${w.rule}` : ''}`, ...(w.pos ?? {}), severity: 'warning' });
    }
    return out;
  };

  return (
    <>
    <ScenarioNotices state={state} store={store} linkError={linkError} onDismissError={dismissError} />
    <div className="pg">
      <div className="pg__verdict">
        <Verdict result={state.result} busy={state.busy} invalid={invalid} />
      </div>

      <section className="pg__editors" aria-labelledby="config-title" ref={editorsRef}>
        <div className="pg__editors-head">
          <h2 id="config-title">Configuration</h2>
          <div className="pg__actions">
            <button type="button" className="button button--small" onClick={() => store.reset()}>
              <span aria-hidden="true">↺ </span>Reset to default
            </button>
            <CopyLinkButton store={store} />
            <CopyEmbedButton store={store} />
          </div>
        </div>
        <ProviderSwitch store={store} state={state} />
        <nav className="pg__jump" aria-label="Configuration inputs">
          <span className="pg__jump-label">Jump to:</span>
          <ul>
            {(shape === 'github' ? GITHUB_JUMP_TARGETS : JUMP_TARGETS).map((t) => (
              <li key={t.label}>
                <button type="button" className="link-button" onClick={() => jumpTo(t.selector)}>
                  {t.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <EditorKeys id="editor-keys" ctrlM />
        {editorsFor(shape).map((ed) => {
          const err = state.errors[ed.id];
          const labelId = `${ed.id}-label`;
          const descId = `${ed.id}-desc`;
          const errId = `${ed.id}-error`;
          return (
            <div className="panel editor-panel" key={ed.id} data-testid={`editor-${ed.id}`}>
              <h3 className="editor-panel__title" id={labelId} tabIndex={-1}>
                {ed.title} <span className="lang-tag">{ed.language.toUpperCase()}</span>
              </h3>
              <p className="editor-panel__desc" id={descId}>
                {ed.description}
              </p>
              <CodeEditor
                id={ed.id}
                language={ed.language}
                label={`${ed.title} (${ed.language.toUpperCase()})`}
                describedBy={`${descId} editor-keys ${errId}`}
                value={state.texts[ed.id]}
                version={state.textsVersion}
                onChange={(t) => store.setText(ed.id, t)}
                markers={markersFor(ed.id)}
                invalid={Boolean(err)}
                {...(ed.modelUri ? { modelUri: ed.modelUri } : {})}
                minLines={ed.id === 'sa' ? 6 : 8}
              />
              <div className="editor-panel__error" id={errId} aria-live="polite" data-testid={`editor-${ed.id}-error`}>
                {err && (
                  <p className="error-callout">
                    <span aria-hidden="true">✗ </span>
                    <strong>Not applied. </strong>
                    {formatError(err)}
                  </p>
                )}
              </div>
              {ed.id === 'fic' && !err && ficWarnings.length > 0 && (
                <ul className="warning-callout">
                  {ficWarnings.map((w, i) => (
                    <li key={i}>
                      <span aria-hidden="true">⚠ </span>
                      {w.pos ? `Line ${w.pos.line}: ` : ''}
                      <strong>{w.code}</strong> — {w.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
        {shape === 'cluster' && (
          <>
            <TokenSettings state={state} store={store} />
            <AdvancedEditor state={state} store={store} open={advancedOpen} onOpenChange={setAdvancedOpen} />
          </>
        )}
      </section>

      <div className="pg__results">
        <ChainDiagram result={diagram.result} version={diagram.version} />
        {shape === 'cluster' && <PlaygroundTimeTravel store={store} state={state} />}
        <DeferredConfigErrors result={later.result} />
        <DeferredStageList result={later.result} />
        <DeferredTokenPanel result={later.result} explain={laterKit?.explain} explainOnly={laterKit?.shape === 'github'} source={laterKit?.claimsSource} />
      </div>
    </div>
    </>
  );
}
