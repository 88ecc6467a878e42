/**
 * Lab of the lesson /learn/troubleshooting/.
 * "Find why this pod gets no token". The playground's ServiceAccount and Pod editors (Monaco
 * loaded lazily), started from a pod whose template lost the opt-in label; the engine's admission stage
 * says what the webhook did.
 */
import { useEffect, useMemo } from 'react';
import { CodeEditor } from '../playground/CodeEditor.tsx';
import { StageList } from '../playground/StageList.tsx';
import { Verdict } from '../playground/Verdict.tsx';
import { createPlaygroundStore, type EditorId } from '../playground/store.ts';
import type { ChainResult } from '../../engine/types.ts';
import { useStoreState } from '../playground/useStore.ts';
import { runLesson } from './engine.ts';
import { EditorKeys, ExerciseShell } from './ExerciseShell.tsx';
import { checkNoToken, NO_TOKEN_EXERCISE, noLabelWorld } from './exercises.ts';
import { notAppliedCheck, StoreEditorError, storeMarkers } from './storeEditors.tsx';

const EDITORS: { id: Extract<EditorId, 'sa' | 'pod'>; title: string; desc: string }[] = [
  { id: 'sa', title: 'ServiceAccount', desc: 'The Kubernetes identity the pod runs as.' },
  { id: 'pod', title: 'Pod', desc: 'The workload that should get a token.' },
];

/**
 * What you would see in a real cluster, from the engine's result: the error the app logs (the failed
 * stage's message) and the AZURE_* variables the webhook injected into the container.
 */
function Symptoms({ result }: { result?: ChainResult | undefined }) {
  if (!result) return <p className="muted">Starting the pod…</p>;
  const failed = result.stages.find((s) => s.id === result.failedStage);
  const env = Object.entries(result.artifacts.env).filter(([k]) => k.startsWith('AZURE_'));
  return (
    <div className="panel symptoms" data-testid="symptoms">
      <h3>What you see in the cluster</h3>
      <p className="symptoms__label">The app’s log</p>
      <pre className="json" data-testid="symptoms-log">
        {failed ? (failed.message ?? failed.summary) : 'secret "db-password" read from kv-demo'}
      </pre>
      <p className="symptoms__label">
        <code>kubectl exec my-app -- env | grep AZURE_</code>
      </p>
      <pre className="json" data-testid="symptoms-env">
        {env.length ? env.map(([k, v]) => `${k}=${v}`).join('\n') : '(nothing: no AZURE_ variables in the container)'}
      </pre>
    </div>
  );
}

export default function TroubleLab() {
  const store = useMemo(() => createPlaygroundStore({ run: runLesson }, () => new Date(), { initial: noLabelWorld }), []);
  const state = useStoreState(store);
  useEffect(() => store.start(), [store]);
  const current = !state.busy && !state.errors.sa && !state.errors.pod ? state.result : undefined;
  const solved = current ? checkNoToken(current).solved : false;
  const invalid = (['sa', 'pod'] as const).filter((k) => state.errors[k]);

  return (
    <ExerciseShell
      exercise={NO_TOKEN_EXERCISE}
      task={
        <p>
          A team reports: “our pod cannot read the secret, <code>AZURE_FEDERATED_TOKEN_FILE</code> is not set”. The federated credential and the
          role assignment are fine. Find the cause in the manifests and fix it.
        </p>
      }
      {...(current
        ? { check: checkNoToken(current) }
        : invalid.length && !state.busy
          ? { check: notAppliedCheck(EDITORS.filter((e) => invalid.includes(e.id)).map((e) => e.title))! }
          : {})}
      attempt={state.texts.pod}
      onReset={() => store.reset()}
    >
      <Symptoms result={state.result} />
      <EditorKeys id="trouble-keys" />
      <div className="trouble-editors">
        {EDITORS.map((ed) => (
          <div className="panel editor-panel" key={ed.id} data-testid={`editor-${ed.id}`}>
            <h3 className="editor-panel__title" id={`${ed.id}-label`}>
              {ed.title} <span className="lang-tag">YAML</span>
            </h3>
            <p className="editor-panel__desc" id={`${ed.id}-desc`}>
              {ed.desc}
            </p>
            <CodeEditor
              id={ed.id}
              language="yaml"
              label={`${ed.title} (YAML)`}
              describedBy={`${ed.id}-desc trouble-keys ${ed.id}-error`}
              value={state.texts[ed.id]}
              version={state.textsVersion}
              onChange={(t) => store.setText(ed.id, t)}
              markers={storeMarkers(state.errors[ed.id])}
              invalid={Boolean(state.errors[ed.id])}
              minLines={ed.id === 'sa' ? 6 : 10}
            />
            <StoreEditorError id={`${ed.id}-error`} error={state.errors[ed.id]} />
          </div>
        ))}
      </div>
      <details className="panel more diagnosis" open={solved || undefined} data-testid="diagnosis">
        <summary>The simulator’s diagnosis (try without it first)</summary>
        <Verdict result={state.result} busy={state.busy} invalid={invalid} />
        <StageList {...(state.result ? { result: state.result } : {})} focus={state.result?.failedStage ? [state.result.failedStage] : ['admission']} />
      </details>
    </ExerciseShell>
  );
}
