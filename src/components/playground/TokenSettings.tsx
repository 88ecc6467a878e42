/** The token request settings: audience, expirationSeconds and how long ago the token was issued. */
import type { PlaygroundState, PlaygroundStore, SettingId } from './store.ts';

interface Field {
  id: SettingId;
  label: string;
  unit?: string;
  hint: string;
  type: 'text' | 'number';
  /** For a number field: what a valid entry looks like, and why other notations are not read. */
  digits?: { example: string; why: string };
}

/**
 * The only form the store reads for a seconds field (store.ts parseSeconds): plain digits, optionally
 * after a minus sign. A number input also lets people type 1e10 or 3600.5, which the store refuses;
 * the message then says what is accepted instead of the store's terse "whole number".
 */
const PLAIN_INTEGER = /^-?\d+$/;

function digitsMessage(f: Field, raw: string): string {
  const d = f.digits!;
  const shown = raw.trim();
  return shown
    ? `${f.label}: "${shown}" is not read. Type digits only, such as ${d.example} (${d.why}).`
    : `${f.label}: type the number of seconds in digits, such as ${d.example} (${d.why}).`;
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
    digits: {
      example: '3600',
      why: 'whole seconds, as in the manifest\'s expirationSeconds',
    },
  },
  {
    id: 'issuedSecondsAgo',
    label: 'Issued ago',
    unit: 'seconds',
    type: 'number',
    hint: 'How long ago the kubelet got the token. Negative: the cluster clock runs ahead.',
    digits: {
      example: '120, or -30 when the cluster clock runs ahead',
      why: 'whole seconds',
    },
  },
];

export function TokenSettings({ state, store }: { state: PlaygroundState; store: PlaygroundStore }) {
  return (
    <fieldset className="panel settings">
      <legend>Token request</legend>
      <div className="settings__grid">
        {FIELDS.map((f) => {
          const error = state.errors[f.id];
          const raw = state.settings[f.id];
          const message = error && f.digits && !PLAIN_INTEGER.test(raw.trim()) ? digitsMessage(f, raw) : error?.message;
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
                  value={raw}
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
                {message ?? ''}
              </p>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
