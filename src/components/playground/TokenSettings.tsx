/** The token request settings: audience, expirationSeconds and how long ago the token was issued. */
import type { PlaygroundState, PlaygroundStore, SettingId } from './store.ts';

interface Field {
  id: SettingId;
  label: string;
  unit?: string;
  hint: string;
  type: 'text' | 'number';
}

const FIELDS: Field[] = [
  {
    id: 'audience',
    label: 'Audience',
    type: 'text',
    hint: 'The aud the projected volume requests. The webhook uses api://AzureADTokenExchange.',
  },
  {
    id: 'expirationSeconds',
    label: 'Expiration',
    unit: 'seconds',
    type: 'number',
    hint: 'The projected volume\'s expirationSeconds (TokenRequest minimum 600). The webhook\'s expiration annotation on the Pod or ServiceAccount (3600–86400) overrides it.',
  },
  {
    id: 'issuedSecondsAgo',
    label: 'Issued ago',
    unit: 'seconds',
    type: 'number',
    hint: 'How long ago the kubelet got the token. Negative: the cluster clock runs ahead.',
  },
];

export function TokenSettings({ state, store }: { state: PlaygroundState; store: PlaygroundStore }) {
  return (
    <fieldset className="panel settings">
      <legend>Token request</legend>
      <div className="settings__grid">
        {FIELDS.map((f) => {
          const error = state.errors[f.id];
          const inputId = `setting-${f.id}`;
          const describedBy = [`${inputId}-hint`, error ? `${inputId}-error` : ''].filter(Boolean).join(' ');
          return (
            <div className={`field field--${f.id}`} key={f.id}>
              <label htmlFor={inputId}>
                {f.label}
                {f.unit && <span className="field__unit"> ({f.unit})</span>}
              </label>
              <div className="field__control">
                <input
                  id={inputId}
                  name={f.id}
                  type={f.type}
                  inputMode={f.type === 'number' ? 'numeric' : undefined}
                  step={f.type === 'number' ? 1 : undefined}
                  spellCheck={false}
                  autoComplete="off"
                  value={state.settings[f.id]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => store.setSetting(f.id, e.target.value)}
                />
                {f.unit && (
                  <span className="field__suffix" aria-hidden="true">
                    s
                  </span>
                )}
              </div>
              <p className="field__hint" id={`${inputId}-hint`}>
                {f.hint}
              </p>
              <p className="field__error" id={`${inputId}-error`} aria-live="polite">
                {error ? error.message : ''}
              </p>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
