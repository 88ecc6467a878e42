/**
 * Lab of the lesson /learn/oidc-issuer/.
 * The cluster as an OIDC issuer, mid key rotation. Shows what the simulated issuer serves
 * (token header, discovery document, JWKS, all from the engine) and asks where Entra ID fetches them and
 * which key signed the token. Answers are compared with what the engine's issuer serves.
 */
import { useMemo, useState } from 'react';
import { discoveryUrl } from '../../engine/issuer.ts';
import { useChain } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import { checkIssuerAnswers, ISSUER_EXERCISE, issuerWorld, type IssuerAnswers } from './exercises.ts';

const EMPTY: IssuerAnswers = { discoveryUrl: '', jwksUrl: '', kid: '' };

export default function IssuerLab() {
  const now = useMemo(() => new Date(), []);
  const world = useMemo(() => issuerWorld(), []);
  const result = useChain(world, now);
  const [answers, setAnswers] = useState<IssuerAnswers>(EMPTY);
  const [checked, setChecked] = useState<IssuerAnswers | undefined>(undefined);

  const verdict = result && checked ? checkIssuerAnswers(result, checked, discoveryUrl) : undefined;
  const keys = result?.artifacts.jwks.keys ?? [];
  const set = (k: keyof IssuerAnswers, v: string) => setAnswers((a) => ({ ...a, [k]: v }));
  const mark = (ok: boolean | undefined) =>
    ok === undefined ? null : (
      <span className={`answer-mark answer-mark--${ok ? 'ok' : 'wrong'}`}>
        <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
        {ok ? 'right' : 'not right'}
      </span>
    );
  const attempt = `Discovery document: ${answers.discoveryUrl || '(empty)'}\nJWKS: ${answers.jwksUrl || '(empty)'}\nKey: ${answers.kid || '(none chosen)'}`;

  return (
    <ExerciseShell
      exercise={ISSUER_EXERCISE}
      task={
        <p>
          The cluster is in the middle of a signing-key rotation. Entra ID has a token from this cluster in hand. Write the two URLs it fetches,
          then pick the JWKS key it uses to verify the signature, and press <strong>Check my answers</strong>.
        </p>
      }
      {...(verdict ? { check: verdict } : result ? { check: { solved: false, detail: 'Fill in the three answers, then check them.' } } : {})}
      attempt={attempt}
      onReset={() => {
        setAnswers(EMPTY);
        setChecked(undefined);
      }}
    >
      {!result ? (
        <p className="muted">Starting the simulated issuer…</p>
      ) : (
        <>
          <div className="panel issuer-facts">
            <h3>What Entra ID has</h3>
            <dl className="facts">
              <dt>
                The token’s <code>iss</code>
              </dt>
              <dd>
                <code className="value" data-testid="issuer-url">
                  {result.artifacts.issuer}
                </code>
              </dd>
              <dt>The token’s header</dt>
              <dd>
                <pre className="json">{JSON.stringify(result.artifacts.token?.header ?? {}, null, 2)}</pre>
              </dd>
            </dl>
          </div>
          <form
            className="panel issuer-answers"
            onSubmit={(e) => {
              e.preventDefault();
              setChecked(answers);
            }}
          >
            <h3>Your answers</h3>
            <div className="answer">
              <label htmlFor="answer-discovery">1. URL of the discovery document</label>
              <input
                id="answer-discovery"
                type="text"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                value={answers.discoveryUrl}
                onChange={(e) => set('discoveryUrl', e.target.value)}
                placeholder="https://…"
              />
              {mark(verdict?.discovery)}
            </div>
            <details className="more">
              <summary>What the issuer serves at that URL</summary>
              <pre className="json" data-testid="discovery-document">
                {JSON.stringify(result.artifacts.discovery, null, 2)}
              </pre>
            </details>
            <div className="answer">
              <label htmlFor="answer-jwks">2. URL of the JWKS</label>
              <input
                id="answer-jwks"
                type="text"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                value={answers.jwksUrl}
                onChange={(e) => set('jwksUrl', e.target.value)}
                placeholder="https://…"
              />
              {mark(verdict?.jwks)}
            </div>
            <fieldset className="answer answer--keys">
              <legend>3. The key in the JWKS that verifies this token</legend>
              {keys.map((k, i) => {
                const kid = String(k.kid);
                return (
                  <div className="key-option" key={kid}>
                    <input type="radio" name="answer-kid" id={`answer-kid-${i}`} value={kid} checked={answers.kid === kid} onChange={() => set('kid', kid)} />
                    <label htmlFor={`answer-kid-${i}`}>
                      Key {i + 1}: <code className="value">{kid}</code>
                    </label>
                  </div>
                );
              })}
              {mark(verdict?.kid)}
              <details className="more">
                <summary>The whole JWKS</summary>
                <pre className="json">{JSON.stringify(result.artifacts.jwks, null, 2)}</pre>
              </details>
            </fieldset>
            <button type="submit" className="button button--primary" data-testid="issuer-check">
              Check my answers
            </button>
          </form>
        </>
      )}
    </ExerciseShell>
  );
}
