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
  /** The step in full: the text version under the diagram. */
  text: string;
  /**
   * The step as the diagram labels it: short lines (each one line of the drawing), so the five actors fit
   * the lesson's column with labels at full size. Lines break at spaces or after a `/`, never inside
   * a word (no hyphenation: Mermaid would hyphenate a word it has to wrap itself).
   */
  label: string[];
  reply?: boolean;
}
type Actor = 'K' | 'P' | 'E' | 'V' | 'I';

/** The actors in the diagram's order (left to right), with their name as drawn (one entry per line). */
const ACTORS: Record<Actor, { name: string; lines: string[] }> = {
  K: { name: 'kubelet', lines: ['kubelet'] },
  P: { name: 'Pod (app + Azure SDK)', lines: ['Pod (app +', 'Azure SDK)'] },
  E: { name: 'Microsoft Entra ID', lines: ['Microsoft', 'Entra ID'] },
  // Key Vault before the issuer: Entra ID's two round trips to the issuer then span the Key Vault column
  // and have room for the discovery URL on two lines.
  V: { name: 'Key Vault', lines: ['Key Vault'] },
  I: { name: 'Cluster OIDC issuer', lines: ['Cluster', 'OIDC issuer'] },
};

/** The exchange, in order. Texts avoid `;` and `#`, which Mermaid treats as syntax. */
export const EXCHANGE_STEPS: Step[] = [
  { from: 'K', to: 'P', text: 'writes the projected token into the pod (TokenRequest, aud api://AzureADTokenExchange)', label: ['projected', 'token'] },
  {
    from: 'P',
    to: 'E',
    text: 'POST /<tenant>/oauth2/v2.0/token with client_id, client_assertion (the token) and scope <resource>/.default',
    label: ['POST /token', 'with the token', 'as assertion'],
  },
  {
    from: 'E',
    to: 'E',
    text: 'finds the client_id, then a federated credential whose issuer, subject and audience equal the token',
    label: ['find a federated', 'credential with the', 'token’s iss, sub, aud'],
  },
  { from: 'E', to: 'I', text: 'GET <iss>.well-known/openid-configuration', label: ['GET <iss>.well-known/', 'openid-configuration'] },
  { from: 'I', to: 'E', text: 'discovery document, with jwks_uri', label: ['discovery document', '(jwks_uri)'], reply: true },
  { from: 'E', to: 'I', text: 'GET jwks_uri', label: ['GET jwks_uri'] },
  { from: 'I', to: 'E', text: 'JWKS: the public keys', label: ['JWKS: public keys'], reply: true },
  {
    from: 'E',
    to: 'E',
    text: 'verifies the signature with the key whose kid matches, checks nbf and exp',
    label: ['verify the signature', '(kid), check nbf, exp'],
  },
  { from: 'E', to: 'P', text: 'access token of the managed identity', label: ['access token', '(managed', 'identity)'], reply: true },
  { from: 'P', to: 'V', text: 'GET the secret, Authorization: Bearer <access token>', label: ['GET the secret', 'Bearer <access token>'] },
  {
    from: 'V',
    to: 'P',
    text: 'the secret, if a role assignment allows it (else 403)',
    label: ['the secret, or 403', 'without a role', 'assignment'],
    reply: true,
  },
];

/** The Mermaid definition: one line of a label per `<br/>` (Mermaid draws each as its own line of text). */
export function sequenceDefinition(steps: Step[] = EXCHANGE_STEPS): string {
  const lines = ['sequenceDiagram', '  autonumber'];
  for (const [id, actor] of Object.entries(ACTORS)) lines.push(`  participant ${id} as ${actor.lines.join('<br/>')}`);
  for (const s of steps) lines.push(`  ${s.from}${s.reply ? '-->>' : '->>'}${s.to}: ${s.label.join('<br/>')}`);
  return lines.join('\n');
}

/**
 * Size of the diagram's labels in px. Mermaid's top-level `fontSize` sets the size of the messages, the
 * actors and the notes (it overrides `sequence.messageFontSize` and the like); the diagram is drawn at
 * its own size, never scaled down, so this is the size on screen.
 */
export const SEQUENCE_FONT_SIZE = 16;

/**
 * Sequence settings: drawn at its own size (`useMaxWidth: false`), narrow actor boxes (84 px) and
 * margins, so the whole exchange is about 585 px wide and fits the lesson column at 1280 px; on a
 * narrower screen its box scrolls sideways instead. Left-aligned labels keep a step's text clear of its
 * number on Entra ID's own checks (steps 3 and 8).
 */
export const SEQUENCE_CONFIG = {
  useMaxWidth: false,
  wrap: false,
  width: 84,
  actorMargin: 12,
  diagramMarginX: 4,
  diagramMarginY: 4,
  boxMargin: 6,
  messageMargin: 30,
  messageAlign: 'left',
  mirrorActors: false,
} as const;

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
          fontSize: SEQUENCE_FONT_SIZE,
          themeVariables: { ...(dark ? DARK : LIGHT), fontSize: `${SEQUENCE_FONT_SIZE}px` },
          sequence: { ...SEQUENCE_CONFIG },
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
          <p className="sequence__hint">Scroll sideways to see the whole diagram.</p>
          {/* Drawn at full size; on a narrow screen this box scrolls sideways (focusable, so a keyboard can scroll it). */}
          <div className="sequence__scroll" tabIndex={0} role="region" aria-label="Sequence diagram, scrolls sideways">
            <div
              className="sequence__canvas"
              ref={ref}
              role="img"
              aria-label="Sequence diagram of the token exchange between the kubelet, the pod, Microsoft Entra ID, Key Vault and the cluster's OIDC issuer. The steps are listed in the text version below."
            />
          </div>
        </>
      )}
      <details className="diagram__text" open={state === 'failed'}>
        <summary>Diagram as text</summary>
        <ol>
          {EXCHANGE_STEPS.map((s, i) => (
            <li key={i}>
              <strong>{ACTORS[s.from].name}</strong> → <strong>{ACTORS[s.to].name}</strong>: {s.text}
            </li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
