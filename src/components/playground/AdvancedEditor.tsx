/**
 * The advanced editor: a collapsible section with one YAML editor for the rest of the world (cluster,
 * identity without its federated credentials, request, resource, role assignments, and the token and pod
 * fields the other inputs do not show; see advancedText.ts). Errors are shown and marked at their line like
 * in the other editors, and the last valid configuration stays in effect. Monaco is created when the
 * section is first opened; a loaded link that changes this part opens it (the `open` prop).
 */
import { useMemo } from 'react';
import { CodeEditor, type EditorMarker } from './CodeEditor.tsx';
import { ADVANCED_SECTIONS } from './advancedText.ts';
import { pathLocator, pathSegments, type TextError } from './jsonText.ts';
import type { PlaygroundState, PlaygroundStore } from './store.ts';

/** The section's visible title (also its name in the verdict's "fix … to update" note). */
export const ADVANCED_TITLE = 'Cluster, identity, request, resource and role assignments';
/** Element id of the section's summary (the notices link to it). */
export const ADVANCED_SUMMARY_ID = 'advanced-summary';

/** True for a config-error path that points into the advanced editor's part of the world. */
export function isAdvancedPath(path: string): boolean {
  if (path.startsWith('identity.federatedCredentials')) return false;
  if (/^token\.(audience|expirationSeconds|issuedSecondsAgo)\b/.test(path)) return false;
  if (path.startsWith('pod')) return path.startsWith('pod.createdBeforeWebhookLabel');
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  return (ADVANCED_SECTIONS as readonly string[]).includes(head);
}

function formatError(e: TextError): string {
  return e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}` : e.message;
}

export interface AdvancedEditorProps {
  state: PlaygroundState;
  store: PlaygroundStore;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function AdvancedEditor({ state, store, open, onOpenChange }: AdvancedEditorProps) {
  const err = state.errors.advanced;
  const text = state.texts.advanced;

  // Write-time problems (e.g. a role assignment scope that is not a resource ID), located in the YAML:
  // parsed once per text version (pathLocator), not once per warning; only shown while the text applies.
  const locate = useMemo(() => pathLocator(text), [text]);
  const warnings = useMemo(() => {
    if (err) return [];
    return (state.result?.configErrors ?? []).filter((e) => isAdvancedPath(e.path)).map((e) => ({ ...e, pos: locate(pathSegments(e.path)) }));
  }, [state.result, err, locate]);

  const markers = useMemo<EditorMarker[]>(() => {
    if (err) return [{ message: err.message, ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}), severity: 'error' }];
    return warnings.map((w) => ({ message: `${w.code}: ${w.message}`, ...(w.pos ?? {}), severity: 'warning' as const }));
  }, [err, warnings]);

  return (
    <details
      className="panel advanced"
      data-testid="editor-advanced"
      open={open}
      onToggle={(e) => onOpenChange((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="advanced__summary" id={ADVANCED_SUMMARY_ID}>
        <span className="advanced__title" id="advanced-label">
          {ADVANCED_TITLE}
        </span>{' '}
        <span className="lang-tag">YAML</span>
        {err && (
          <span className="advanced__flag">
            <span aria-hidden="true">✗ </span>not applied
          </span>
        )}
      </summary>
      <p className="editor-panel__desc" id="advanced-desc">
        The rest of the simulated world, with the field names of scenario files: the cluster’s OIDC issuer (reachable, provisioned), its
        signing keys and webhook; the managed identity; the token request’s scope; the resource; the role assignments; and the token’s
        signing key and claim overrides.
      </p>
      {open && (
        <CodeEditor
          id="advanced"
          language="yaml"
          label={`${ADVANCED_TITLE} (YAML)`}
          describedBy="advanced-desc editor-keys advanced-error"
          value={text}
          version={state.textsVersion}
          onChange={(t) => store.setText('advanced', t)}
          markers={markers}
          invalid={Boolean(err)}
          minLines={12}
          maxLines={30}
        />
      )}
      <div className="editor-panel__error" id="advanced-error" aria-live="polite" data-testid="editor-advanced-error">
        {err && (
          <p className="error-callout">
            <span aria-hidden="true">✗ </span>
            <strong>Not applied. </strong>
            {formatError(err)}
          </p>
        )}
      </div>
      {!err && warnings.length > 0 && (
        <ul className="warning-callout">
          {warnings.map((w, i) => (
            <li key={i}>
              <span aria-hidden="true">⚠ </span>
              {w.pos ? `Line ${w.pos.line}: ` : ''}
              <strong>{w.code}</strong> — {w.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
