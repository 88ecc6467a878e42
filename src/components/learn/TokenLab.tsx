/**
 * Lab of the lesson /learn/service-account-token/.
 * Mint a projected service account token with the engine, read it in the playground's token
 * inspector, then edit its payload after signing (the engine re-runs with `token.tamperedAfterSigning`)
 * and watch which stage notices. Monaco loads only when the payload editor appears.
 */
import { useMemo, useState } from 'react';
import { CodeEditor } from '../playground/CodeEditor.tsx';
import { StageList } from '../playground/StageList.tsx';
import { TokenPanel } from '../playground/TokenPanel.tsx';
import { initialWorld } from '../playground/store.ts';
import type { World } from '../../engine/types.ts';
import { useChain } from './engine.ts';
import { EditorKeys, ExerciseShell } from './ExerciseShell.tsx';
import { checkForgery, FORGE_EXERCISE, parsePayload, tamperedWorld } from './exercises.ts';

export default function TokenLab() {
  const now = useMemo(() => new Date(), []);
  const base = useMemo(() => initialWorld(), []);
  const [minted, setMinted] = useState(false);
  const [text, setText] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [world, setWorld] = useState<World>(base);

  // The untouched token, as the issuer signed it.
  const original = useChain(minted ? base : undefined, now);
  const originalPayload = original?.artifacts.token?.payload;
  const originalText = originalPayload ? JSON.stringify(originalPayload, null, 2) : '';
  const current = useChain(minted ? world : undefined, now);
  const shown = current && current.world === world ? current : undefined;

  const parsed = text === undefined ? undefined : parsePayload(text);
  const onEdit = (t: string) => {
    setText(t);
    const p = parsePayload(t);
    if (p.ok && originalPayload) setWorld(tamperedWorld(base, originalPayload, p.value));
  };

  return (
    <div className="wil-lab not-content token-lab">
      <div className="panel mint">
        <h3>Mint a token</h3>
        <p>
          The simulated API server signs a projected service account token for pod <code>my-app</code> (ServiceAccount <code>dev/my-app-sa</code>)
          with the cluster’s private key, right here in your browser.
        </p>
        <button type="button" className="button button--primary" onClick={() => setMinted(true)} disabled={minted} data-testid="mint-token">
          {minted ? 'Token minted' : 'Mint a token'}
        </button>
      </div>
      {minted && <TokenPanel {...(shown ? { result: shown } : {})} />}

      <ExerciseShell
        exercise={FORGE_EXERCISE}
        task={
          <p>
            You are the pod, and you would like your token to say something else. Edit the payload below (the editor holds the decoded claims;
            the page re-encodes them, keeping the issuer’s signature). Make Entra ID accept every comparison and stop only at the signature.
          </p>
        }
        {...(shown ? { check: checkForgery(shown) } : !minted ? { check: { solved: false, detail: 'Mint a token first; then edit its payload.' } } : {})}
        attempt={text ?? originalText}
        onReset={() => {
          setText(undefined);
          setWorld(base);
          setVersion((v) => v + 1);
        }}
      >
        {!minted ? (
          <p className="muted">Mint a token first: the editor opens with its payload.</p>
        ) : !originalPayload ? (
          <p className="muted">Minting…</p>
        ) : (
          <div className="panel editor-panel" data-testid="editor-payload">
            <h3 className="editor-panel__title" id="payload-label">
              Token payload <span className="lang-tag">JSON</span>
            </h3>
            <p className="editor-panel__desc" id="payload-desc">
              The claims as the pod would see them after base64url-decoding the middle part of the token.
            </p>
            <EditorKeys id="payload-keys" />
            <CodeEditor
              id="payload"
              language="json"
              label="Token payload (JSON)"
              describedBy="payload-desc payload-keys payload-error"
              value={text ?? originalText}
              version={version}
              onChange={onEdit}
              markers={parsed && !parsed.ok ? [{ message: parsed.message, severity: 'error' }] : []}
              invalid={Boolean(parsed && !parsed.ok)}
              minLines={12}
              maxLines={34}
            />
            <div className="editor-panel__error" id="payload-error" aria-live="polite">
              {parsed && !parsed.ok && (
                <p className="error-callout">
                  <span aria-hidden="true">✗ </span>
                  <strong>Not applied. </strong>
                  {parsed.message}
                </p>
              )}
            </div>
          </div>
        )}
        {minted && <StageList {...(shown ? { result: shown } : {})} focus={['federation-match', 'signature']} />}
      </ExerciseShell>
    </div>
  );
}
