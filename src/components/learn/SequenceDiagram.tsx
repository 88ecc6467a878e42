/**
 * The token exchange as a Mermaid sequence diagram. Mermaid is imported dynamically when the island
 * mounts (the page hydrates it `client:visible`, so nothing loads before the learner scrolls to it). The
 * definition is built from the fixed steps below (no learner input reaches Mermaid; securityLevel
 * 'strict'); the same steps are the text equivalent.
 */
import { useEffect, useRef, useState } from 'react';
import { useMediaQuery } from '../playground/useStore.ts';

interface Step {
  from: Actor;
  to: Actor;
  text: string;
  reply?: boolean;
}
type Actor = 'K' | 'P' | 'E' | 'I' | 'V';

const ACTORS: Record<Actor, string> = {
  K: 'kubelet',
  P: 'Pod (app + Azure SDK)',
  E: 'Microsoft Entra ID',
  I: 'Cluster OIDC issuer',
  V: 'Key Vault',
};

/** The exchange, in order. Texts avoid `;` and `#`, which Mermaid treats as syntax. */
export const EXCHANGE_STEPS: Step[] = [
  { from: 'K', to: 'P', text: 'writes the projected token into the pod (TokenRequest, aud api://AzureADTokenExchange)' },
  { from: 'P', to: 'E', text: 'POST /<tenant>/oauth2/v2.0/token with client_id, client_assertion (the token) and scope <resource>/.default' },
  { from: 'E', to: 'E', text: 'finds the client_id, then a federated credential whose issuer, subject and audience equal the token' },
  { from: 'E', to: 'I', text: 'GET <iss>.well-known/openid-configuration' },
  { from: 'I', to: 'E', text: 'discovery document, with jwks_uri', reply: true },
  { from: 'E', to: 'I', text: 'GET jwks_uri' },
  { from: 'I', to: 'E', text: 'JWKS: the public keys', reply: true },
  { from: 'E', to: 'E', text: 'verifies the signature with the key whose kid matches, checks nbf and exp' },
  { from: 'E', to: 'P', text: 'access token of the managed identity', reply: true },
  { from: 'P', to: 'V', text: 'GET the secret, Authorization: Bearer <access token>' },
  { from: 'V', to: 'P', text: 'the secret, if a role assignment allows it (else 403)', reply: true },
];

export function sequenceDefinition(steps: Step[] = EXCHANGE_STEPS): string {
  const lines = ['sequenceDiagram', '  autonumber'];
  for (const [id, name] of Object.entries(ACTORS)) lines.push(`  participant ${id} as ${name}`);
  for (const s of steps) lines.push(`  ${s.from}${s.reply ? '-->>' : '->>'}${s.to}: ${s.text}`);
  return lines.join('\n');
}

const LIGHT = {
  background: '#ffffff',
  primaryColor: '#e8eefc',
  primaryBorderColor: '#1d4ed8',
  primaryTextColor: '#1b1f24',
  lineColor: '#57606a',
  actorBkg: '#e8eefc',
  actorBorder: '#1d4ed8',
  actorTextColor: '#1b1f24',
  actorLineColor: '#b4bcc6',
  signalColor: '#1b1f24',
  signalTextColor: '#1b1f24',
  sequenceNumberColor: '#ffffff',
  textColor: '#1b1f24',
};
const DARK = {
  background: '#161b22',
  primaryColor: '#1a2640',
  primaryBorderColor: '#7aa7ff',
  primaryTextColor: '#e6e9ee',
  lineColor: '#9ba5b3',
  actorBkg: '#1a2640',
  actorBorder: '#7aa7ff',
  actorTextColor: '#e6e9ee',
  actorLineColor: '#434d5a',
  signalColor: '#e6e9ee',
  signalTextColor: '#e6e9ee',
  sequenceNumberColor: '#0b1220',
  textColor: '#e6e9ee',
};

let renderCount = 0;

export default function SequenceDiagram() {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');

  useEffect(() => {
    let current = true;
    import('mermaid')
      .then(async ({ default: mermaid }) => {
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          theme: 'base',
          fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
          themeVariables: { ...(dark ? DARK : LIGHT), fontSize: '14px' },
          sequence: { useMaxWidth: true, wrap: true, width: 170, messageFontSize: 14, actorFontSize: 14, mirrorActors: false },
        });
        const { svg } = await mermaid.render(`wil-seq-${++renderCount}`, sequenceDefinition());
        // Mermaid sanitizes its output (securityLevel 'strict'); the definition is fixed text.
        if (current && ref.current) {
          ref.current.innerHTML = svg;
          setState('drawn');
        }
      })
      .catch(() => {
        if (current) setState('failed');
      });
    return () => {
      current = false;
    };
  }, [dark]);

  return (
    <figure className="wil-lab not-content panel sequence" data-testid="sequence-diagram" data-state={state}>
      <figcaption>The token exchange, step by step</figcaption>
      {state === 'failed' ? (
        <p className="diagram__fallback">The diagram could not be drawn; the steps are listed below.</p>
      ) : (
        <>
          {state === 'loading' && (
            <p className="diagram__placeholder" aria-hidden="true">
              Drawing the diagram…
            </p>
          )}
          <div
            className="sequence__canvas"
            ref={ref}
            role="img"
            aria-label="Sequence diagram of the token exchange between the kubelet, the pod, Microsoft Entra ID, the cluster's OIDC issuer and Key Vault. The steps are listed in the text version below."
          />
        </>
      )}
      <details className="diagram__text" open={state === 'failed'}>
        <summary>Diagram as text</summary>
        <ol>
          {EXCHANGE_STEPS.map((s, i) => (
            <li key={i}>
              <strong>{ACTORS[s.from]}</strong> → <strong>{ACTORS[s.to]}</strong>: {s.text}
            </li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
