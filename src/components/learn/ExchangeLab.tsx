/**
 * Lab of the lesson /learn/token-exchange/.
 * The token request the Azure SDK sends. The learner edits `client_id` and `scope`; the
 * engine rebuilds the request and runs Entra ID's checks on it.
 */
import { useMemo, useState } from 'react';
import { StageList } from '../playground/StageList.tsx';
import { Verdict } from '../playground/Verdict.tsx';
import { initialWorld } from '../playground/store.ts';
import { useChain } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import { checkExchange, EXCHANGE_EXERCISE, exchangeStart, exchangeWorld, type ExchangeFields } from './exercises.ts';

export default function ExchangeLab() {
  const now = useMemo(() => new Date(), []);
  const identity = useMemo(() => initialWorld().identity, []);
  const [fields, setFields] = useState<ExchangeFields>(exchangeStart);
  const world = useMemo(() => exchangeWorld(fields), [fields]);
  const result = useChain(world, now);
  const current = result && result.world === world ? result : undefined;
  const req = current?.artifacts.exchangeRequest;
  const set = (k: keyof ExchangeFields, v: string) => setFields((f) => ({ ...f, [k]: v }));

  return (
    <ExerciseShell
      exercise={EXCHANGE_EXERCISE}
      task={
        <p>
          This app builds its own token request instead of letting the SDK do it, and Entra ID refuses it. Fix <code>client_id</code> and{' '}
          <code>scope</code> so that Entra ID issues an access token for Key Vault.
        </p>
      }
      {...(current ? { check: checkExchange(current) } : {})}
      attempt={`client_id=${fields.clientId}\nscope=${fields.scope}`}
      onReset={() => setFields(exchangeStart())}
    >
      <div className="panel identity-card">
        <h3>
          Managed identity <code>{identity.name}</code>
        </h3>
        <dl className="facts">
          <dt>Client ID</dt>
          <dd>
            <code className="value">{identity.clientId}</code>
          </dd>
          <dt>Object (principal) ID</dt>
          <dd>
            <code className="value">{identity.principalId}</code>
          </dd>
          <dt>Tenant ID</dt>
          <dd>
            <code className="value">{identity.tenantId}</code>
          </dd>
        </dl>
      </div>
      <div className="panel request-form">
        <h3>The request body</h3>
        <div className="answer">
          <label htmlFor="req-client-id">
            <code>client_id</code>
          </label>
          <input id="req-client-id" type="text" spellCheck={false} autoComplete="off" value={fields.clientId} onChange={(e) => set('clientId', e.target.value)} />
        </div>
        <div className="answer">
          <label htmlFor="req-scope">
            <code>scope</code>
          </label>
          <input id="req-scope" type="text" spellCheck={false} autoComplete="off" value={fields.scope} onChange={(e) => set('scope', e.target.value)} />
        </div>
        <p className="muted small">The other fields are filled in for you, as the SDK would.</p>
        {req && (
          <pre className="json" data-testid="exchange-request">
            {`POST ${req.url}\nContent-Type: application/x-www-form-urlencoded\n\n`}
            {Object.entries(req.form)
              .map(([k, v]) => `${k}=${k === 'client_assertion' && v.length > 48 ? `${v.slice(0, 40)}…(the projected token)` : v}`)
              .join('\n&')}
          </pre>
        )}
      </div>
      <Verdict result={current} busy={!current} invalid={[]} />
      <StageList {...(current ? { result: current } : {})} focus={current?.failedStage ? [current.failedStage] : ['access-token']} />
    </ExerciseShell>
  );
}
