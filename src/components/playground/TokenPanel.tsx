/**
 * The token inspector: the minted projected service account token (three coloured, labelled parts), its
 * decoded header and payload, each field explained (explanations come from the engine's
 * `claims.ts`), times as UTC dates relative to the simulated clock, and the signature status taken
 * from the signature stage. Also: what the pod sends to Entra ID and what comes back.
 */
import { useEffect, useRef, useState } from 'react';
import { humanDuration } from '../../engine/chain.ts';
import { explainField } from '../../engine/claims.ts';
import type { ChainResult } from '../../engine/types.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import { STAGE_STATUS_TEXT } from './StageList.tsx';

/** `1768471200` → `2026-01-15 10:00:00 UTC`. */
export function formatUtc(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** How a time claim relates to `now` (seconds), in words. */
export function relativeTime(claim: string, value: number, now: number): string {
  const diff = value - now;
  const d = humanDuration(diff);
  switch (claim) {
    case 'exp':
      return diff > 0 ? `expires in ${d}` : diff === 0 ? 'expires now' : `expired ${d} ago`;
    case 'nbf':
      return diff > 0 ? `not valid for another ${d}` : diff === 0 ? 'valid from now' : `valid since ${d} ago`;
    default:
      return diff > 0 ? `${d} in the future` : diff === 0 ? 'just now' : `${d} ago`;
  }
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf']);

function renderValue(claim: string, value: unknown, now: number) {
  if (TIME_CLAIMS.has(claim) && typeof value === 'number') {
    return (
      <>
        <code className="value">{value}</code>
        <span className="claim-time">
          {formatUtc(value)} · {relativeTime(claim, value, now)}
        </span>
      </>
    );
  }
  return <code className="value">{typeof value === 'string' ? value : JSON.stringify(value)}</code>;
}

/** A provider's own explanation of a token field (providerKits.ts `explain`); undefined falls back to Kubernetes'. */
export type ExplainField = (part: 'header' | 'payload', name: string) => string | undefined;

function FieldTable({ part, obj, now, caption, explain, explainOnly = false }: { part: 'header' | 'payload'; obj: Record<string, unknown>; now: number; caption: string; explain?: ExplainField | undefined; explainOnly?: boolean }) {
  const rows: { name: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(obj)) {
    rows.push({ name: k, value: v });
    if (part === 'payload' && k === 'kubernetes.io' && v && typeof v === 'object') {
      for (const [sub, sv] of Object.entries(v as Record<string, unknown>)) rows.push({ name: `kubernetes.io.${sub}`, value: sv });
    }
  }
  return (
    <ScrollRegion label={`${caption}`}>
      <table className="claims">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{part === 'header' ? 'Parameter' : 'Claim'}</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">
                <code>{r.name}</code>
              </th>
              <td>{r.name === 'kubernetes.io' ? <span className="muted">(object, below)</span> : renderValue(r.name, r.value, now)}</td>
              <td>{explain?.(part, r.name) ?? (explainOnly ? undefined : explainField(part, r.name)) ?? <span className="muted">Not a standard field of this token.</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2500);
  };
  return (
    <>
      <button type="button" className="button button--small" onClick={copy}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Copy failed: select the token and copy it by hand.' : ''}
      </span>
    </>
  );
}

export interface TokenPanelProps {
  result?: ChainResult | undefined;
  /** The provider's explanations (providerKits.ts); absent: the Kubernetes service account token's. */
  explain?: ExplainField | undefined;
  /** True when `explain` covers the whole token (GitHub): no Kubernetes fallback. */
  explainOnly?: boolean;
  /** The source of the provider's explanations, shown as a link under the tables. */
  source?: { label: string; href: string } | undefined;
}

export function TokenPanel({ result, explain, explainOnly = false, source }: TokenPanelProps) {
  if (!result) {
    return (
      <section className="panel token-panel" aria-labelledby="token-title">
        <h2 id="token-title">Token</h2>
        <p className="muted">Minting the projected service account token…</p>
      </section>
    );
  }
  const token = result.artifacts.token;
  const sig = result.stages.find((s) => s.id === 'signature');
  const parts = token?.jwt.split('.') ?? [];
  const kid = typeof token?.header.kid === 'string' ? token.header.kid : undefined;
  const github = result.provider === 'github-entra';
  return (
    <section className="panel token-panel" aria-labelledby="token-title">
      <h2 id="token-title">{github ? 'GitHub Actions ID token' : 'Projected service account token'}</h2>
      {!token ? (
        <p className="muted">
          No token was minted: the chain stopped at “{result.stages.find((s) => s.id === result.failedStage)?.title}” before {github ? 'azure/login requested one from GitHub' : 'the kubelet requested one'}.
        </p>
      ) : (
        <>
          {github ? (
            // other-providers.md §1.2: actions/toolkit oidc-utils.ts, azure/login's audience input.
            <p className="muted token-intro">
              azure/login asks the runner for this JWT (at <code>ACTIONS_ID_TOKEN_REQUEST_URL</code>, with its <code>audience</code> input) and sends it to Entra ID as the
              client assertion. It has three base64url parts separated by dots.
            </p>
          ) : (
            <p className="muted token-intro">
              The kubelet writes this JWT to <code>{result.artifacts.env.AZURE_FEDERATED_TOKEN_FILE ?? '/var/run/secrets/azure/tokens/azure-identity-token'}</code>; the
              Azure SDK sends it to Entra ID as the client assertion. It has three base64url parts separated by dots.
            </p>
          )}
          <div className="jwt-box">
            <p className="jwt" data-testid="token-jwt">
              <span className="jwt__part jwt__part--header">{parts[0]}</span>
              <span className="jwt__dot">.</span>
              <span className="jwt__part jwt__part--payload">{parts[1]}</span>
              <span className="jwt__dot">.</span>
              <span className="jwt__part jwt__part--signature">{parts[2]}</span>
            </p>
            <ul className="jwt-legend" aria-label="Parts of the token">
              <li>
                <span className="swatch swatch--header" aria-hidden="true" />
                1st part: <strong>header</strong> ({parts[0]?.length ?? 0} characters)
              </li>
              <li>
                <span className="swatch swatch--payload" aria-hidden="true" />
                2nd part: <strong>payload</strong> ({parts[1]?.length ?? 0})
              </li>
              <li>
                <span className="swatch swatch--signature" aria-hidden="true" />
                3rd part: <strong>signature</strong> ({parts[2]?.length ?? 0})
              </li>
            </ul>
            <div className="jwt-actions">
              <CopyButton text={token.jwt} label="Copy token" />
            </div>
          </div>

          <div className={`signature-status signature-status--${sig?.status ?? 'skipped'}`} data-testid="token-signature">
            <span className="signature-status__icon" aria-hidden="true">
              {STAGE_STATUS_TEXT[sig?.status ?? 'skipped'].icon}
            </span>
            <p>
              <strong>
                Signature:{' '}
                {sig?.status === 'pass' || sig?.status === 'warn'
                  ? 'verified'
                  : sig?.status === 'fail'
                    ? `failed${sig.code ? ` (${sig.code})` : ''}`
                    : 'not checked'}
              </strong>
              {' — '}
              {sig?.status === 'skipped'
                ? 'the chain stopped before Entra ID checked the signature.'
                : sig?.summary}
              {kid && (
                <>
                  {' '}
                  Key ID <code>{kid}</code>.
                </>
              )}
            </p>
          </div>

          <div className="decoded">
            <div>
              <h3>Header</h3>
              <pre className="json">{JSON.stringify(token.header, null, 2)}</pre>
            </div>
            <div>
              <h3>Payload</h3>
              <pre className="json">{JSON.stringify(token.payload, null, 2)}</pre>
            </div>
          </div>

          <h3>What each field says</h3>
          <FieldTable part="header" obj={token.header} now={result.now} caption="Header parameters" explain={explain} explainOnly={explainOnly} />
          <FieldTable part="payload" obj={token.payload} now={result.now} caption="Claims of the token" explain={explain} explainOnly={explainOnly} />
          {source && (
            <p className="muted token-source">
              Explanations: <a href={source.href} rel="noopener noreferrer">{source.label}</a>.
            </p>
          )}
          <p className="muted small">
            Times are relative to the simulated clock: {formatUtc(result.now)}.
          </p>
        </>
      )}

      {result.artifacts.exchangeRequest && (
        <details className="more">
          <summary>What the pod sends to Entra ID</summary>
          <p className="muted small">
            A client-credentials request where the projected token is the client assertion (no client secret).
          </p>
          <pre className="json">
            {`POST ${result.artifacts.exchangeRequest.url}\n\n`}
            {Object.entries(result.artifacts.exchangeRequest.form)
              .map(([k, v]) => `${k}=${k === 'client_assertion' && v.length > 48 ? `${v.slice(0, 40)}…` : v}`)
              .join('\n')}
          </pre>
        </details>
      )}
      {result.artifacts.accessToken && (
        <details className="more">
          <summary>Access token Entra ID issues (claims)</summary>
          <pre className="json">{JSON.stringify(result.artifacts.accessToken, null, 2)}</pre>
        </details>
      )}
      <details className="more">
        <summary>Issuer discovery document and JWKS</summary>
        <h3 className="small-heading">Discovery document</h3>
        <pre className="json">{JSON.stringify(result.artifacts.discovery, null, 2)}</pre>
        <h3 className="small-heading">JWKS</h3>
        <pre className="json">{JSON.stringify(result.artifacts.jwks, null, 2)}</pre>
      </details>
    </section>
  );
}
