/** Small helpers shared by the lesson labs that edit the playground store's texts. */
import type { EditorMarker } from '../playground/CodeEditor.tsx';
import type { TextError } from '../playground/jsonText.ts';
import type { CheckOutcome } from './exercises.ts';

/**
 * The playground binds the federated-credential JSON Schema to this model URI (monaco.ts); a lesson
 * editor with the same URI gets the same validation.
 */
export const FIC_MODEL_URI_FOR_LESSON = 'inmemory://workload-identity-lab/federated-credentials.json';

/** Monaco markers for a store input's error. */
export function storeMarkers(err: TextError | undefined): EditorMarker[] {
  if (!err) return [];
  return [{ message: err.message, ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}), severity: 'error' }];
}

/** The "Not applied" callout under an editor (a polite live region). */
export function StoreEditorError({ id, error }: { id: string; error: TextError | undefined }) {
  return (
    <div className="editor-panel__error" id={id} aria-live="polite">
      {error && (
        <p className="error-callout">
          <span aria-hidden="true">✗ </span>
          <strong>Not applied. </strong>
          {error.line ? `Line ${error.line}${error.column ? `, column ${error.column}` : ''}: ` : ''}
          {error.message}
        </p>
      )}
    </div>
  );
}

/**
 * The exercise check's verdict while an editor's text is not applied (it does not parse or does not
 * validate): not solved, and which editor holds the error. Without it the check would wait for a run
 * that never comes and show "Checking…" for good. `editors` are the editors' titles, e.g. ["Pod"].
 * Returns undefined when no editor is named.
 */
export function notAppliedCheck(editors: string[]): CheckOutcome | undefined {
  if (!editors.length) return undefined;
  const names = editors.join(' and ');
  return {
    solved: false,
    detail: `The ${names} text is not applied: fix the error shown under ${editors.length > 1 ? 'those editors' : 'its editor'}, and the check runs again.`,
  };
}
