/**
 * Lab of the lesson /learn/federated-credential/.
 * A federated identity credential typed by hand. The learner edits the credential (JSON,
 * Monaco loaded lazily, validated like in the playground) until the engine's federated-credential match
 * passes. Uses the playground's store, started from the exercise's broken world.
 */
import { useEffect, useMemo } from 'react';
import { CodeEditor } from '../playground/CodeEditor.tsx';
import { FIC_MODEL_URI_FOR_LESSON, notAppliedCheck, StoreEditorError, storeMarkers } from './storeEditors.tsx';
import { StageList } from '../playground/StageList.tsx';
import { createPlaygroundStore } from '../playground/store.ts';
import { useStoreState } from '../playground/useStore.ts';
import { runLesson } from './engine.ts';
import { EditorKeys, ExerciseShell } from './ExerciseShell.tsx';
import { checkFicMatch, FIC_EXERCISE, ficExerciseWorld } from './exercises.ts';
import { TokenFacts } from './TokenFacts.tsx';

export default function FicLab() {
  const store = useMemo(() => createPlaygroundStore({ run: runLesson }, () => new Date(), { initial: ficExerciseWorld }), []);
  const state = useStoreState(store);
  useEffect(() => store.start(), [store]);
  const current = !state.busy && !state.errors.fic ? state.result : undefined;

  return (
    <ExerciseShell
      exercise={FIC_EXERCISE}
      task={
        <p>
          Someone created this federated identity credential by typing the values from memory, and the pod’s token exchange is refused. Edit the
          credential until Entra ID finds it a match for the token.
        </p>
      }
      {...(current
        ? { check: checkFicMatch(current) }
        : state.errors.fic && !state.busy
          ? { check: notAppliedCheck(['federated identity credentials'])! }
          : {})}
      attempt={state.texts.fic}
      onReset={() => store.reset()}
    >
      <TokenFacts result={state.result} />
      <div className="panel editor-panel" data-testid="editor-fic">
        <h3 className="editor-panel__title" id="fic-label">
          Federated identity credentials of <code>my-app-mi</code> <span className="lang-tag">JSON</span>
        </h3>
        <p className="editor-panel__desc" id="fic-desc">
          The managed identity’s list of credentials. Entra ID looks for one whose issuer, subject and audience equal the token’s.
        </p>
        <EditorKeys id="fic-keys" />
        <CodeEditor
          id="fic"
          language="json"
          label="Federated identity credentials (JSON)"
          describedBy="fic-desc fic-keys fic-error"
          value={state.texts.fic}
          version={state.textsVersion}
          onChange={(t) => store.setText('fic', t)}
          markers={storeMarkers(state.errors.fic)}
          invalid={Boolean(state.errors.fic)}
          modelUri={FIC_MODEL_URI_FOR_LESSON}
          minLines={10}
        />
        <StoreEditorError id="fic-error" error={state.errors.fic} />
      </div>
      <StageList {...(state.result ? { result: state.result } : {})} focus={['federation-match']} />
    </ExerciseShell>
  );
}
