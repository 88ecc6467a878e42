/**
 * Lab of the lesson /learn/managed-identity/.
 * The managed identity has its access token, but what may it do? The learner edits the role
 * assignments (JSON, Monaco loaded lazily); the engine validates them with the world schema and runs the
 * authorization stage. Also shows the access token's claims (engine artifact).
 */
import { useMemo, useState } from 'react';
import { CodeEditor } from '../playground/CodeEditor.tsx';
import { StageList } from '../playground/StageList.tsx';
import { parseWorld } from '../../engine/scenario.ts';
import type { World } from '../../engine/types.ts';
import { useChain } from './engine.ts';
import { EditorKeys, ExerciseShell } from './ExerciseShell.tsx';
import { checkRbac, RBAC_EXERCISE, rbacExerciseWorld } from './exercises.ts';
import { notAppliedCheck } from './storeEditors.tsx';

function startText(): string {
  return JSON.stringify(rbacExerciseWorld().roleAssignments, null, 2);
}

/** The role assignments text applied to the exercise world, validated by the engine's schema. */
function applyAssignments(text: string): { ok: true; world: World } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const w = { ...rbacExerciseWorld(), roleAssignments: value };
  const r = parseWorld(w);
  if (!r.ok) return { ok: false, message: r.issues.map((i) => `${i.path.replace(/^world\.roleAssignments/, 'assignments')}: ${i.message}`).join('; ') };
  return { ok: true, world: r.world };
}

export default function RbacLab() {
  const now = useMemo(() => new Date(), []);
  const [text, setText] = useState(startText);
  const [version, setVersion] = useState(0);
  const [world, setWorld] = useState<World>(() => rbacExerciseWorld());
  const applied = useMemo(() => applyAssignments(text), [text]);
  const result = useChain(world, now);
  const current = result && result.world === world && applied.ok ? result : undefined;

  return (
    <ExerciseShell
      exercise={RBAC_EXERCISE}
      task={
        <p>
          The token exchange works and the pod holds an access token for <code>my-app-mi</code>. Still, reading the secret <code>db-password</code>{' '}
          from Key Vault <code>kv-demo</code> fails. Change the role assignments so the read is allowed, with no more rights than it needs.
        </p>
      }
      {...(current ? { check: checkRbac(current) } : !applied.ok ? { check: notAppliedCheck(['role assignments'])! } : {})}
      attempt={text}
      onReset={() => {
        setText(startText());
        setWorld(rbacExerciseWorld());
        setVersion((v) => v + 1);
      }}
    >
      {result?.artifacts.accessToken && (
        <details className="panel more" open>
          <summary>The managed identity’s access token (claims)</summary>
          <pre className="json" data-testid="access-token">
            {JSON.stringify(result.artifacts.accessToken, null, 2)}
          </pre>
        </details>
      )}
      <div className="panel editor-panel" data-testid="editor-roles">
        <h3 className="editor-panel__title" id="roles-label">
          Role assignments <span className="lang-tag">JSON</span>
        </h3>
        <p className="editor-panel__desc" id="roles-desc">
          Each entry grants <code>role</code> to <code>principalId</code> at <code>scope</code> (and everything under it). Optional:{' '}
          <code>createdSecondsAgo</code>.
        </p>
        <EditorKeys id="roles-keys" />
        <CodeEditor
          id="roles"
          language="json"
          label="Role assignments (JSON)"
          describedBy="roles-desc roles-keys roles-error"
          value={text}
          version={version}
          onChange={(t) => {
            setText(t);
            const r = applyAssignments(t);
            if (r.ok) setWorld(r.world);
          }}
          markers={applied.ok ? [] : [{ message: applied.message, severity: 'error' }]}
          invalid={!applied.ok}
          minLines={8}
        />
        <div className="editor-panel__error" id="roles-error" aria-live="polite">
          {!applied.ok && (
            <p className="error-callout">
              <span aria-hidden="true">✗ </span>
              <strong>Not applied. </strong>
              {applied.message}
            </p>
          )}
        </div>
      </div>
      <StageList {...(result ? { result } : {})} focus={['authorization']} />
    </ExerciseShell>
  );
}
