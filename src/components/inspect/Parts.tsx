/**
 * Building blocks of the /inspect/ results: the decoded token (coloured, labelled parts; which part
 * failed and why), a table of checks, one engine stage (status, code linked to its error page, summary,
 * the service's answer, fix, uncertainty, checks), the token's times, and the recognised error codes.
 * Everything pasted is rendered as React text, never as HTML.
 */
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Stage } from '../../engine/chain.ts';
import { explainField } from '../../engine/claims.ts';
import { ERROR_CATALOGUE, errorPagePath } from '../../engine/errors.ts';
import type { DecodedPart, InspectResult, RecognizedError, ScenarioRef } from '../../engine/inspect.ts';
import { STAGE_IDS, type StageId } from '../../engine/schema.ts';
import { STAGE_TITLES } from '../../engine/chain.ts';
import type { Check } from '../../engine/types.ts';
import { Prose, StatusBadge } from '../playground/StageList.tsx';
import { ScrollRegion } from '../playground/ScrollRegion.tsx';
import { formatUtc, relativeTime } from '../playground/TokenPanel.tsx';
import { StageProblem } from '../static/StageList.tsx';
import { badCharIndex, partLabel } from './model.ts';

// ---------------------------------------------------------------------------------------------------
// Token

function RawPart({ p }: { p: DecodedPart }) {
  const cls = `jwt__part ${p.name === 'extra' ? 'insp-part--extra' : `jwt__part--${p.name}`}${p.ok ? '' : ' insp-part--bad'}`;
  if (!p.raw) return <span className={`${cls} insp-part--empty`}>(empty)</span>;
  const bad = badCharIndex(p);
  if (bad === undefined) return <span className={cls}>{p.raw}</span>;
  // The whole character (an emoji is two UTF-16 units).
  const ch = String.fromCodePoint(p.raw.codePointAt(bad)!);
  return (
    <span className={cls}>
      {p.raw.slice(0, bad)}
      <mark className="insp-badchar" data-testid="bad-char">
        <span className="visually-hidden">[unreadable character: </span>
        {ch}
        <span className="visually-hidden">]</span>
      </mark>
      {p.raw.slice(bad + ch.length)}
    </span>
  );
}

/** A box that scrolls vertically past a maximum height; focusable and labelled only while it overflows. */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className="insp-scrollbox" {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls)` } : {})}>
      {children}
    </div>
  );
}

const ORDINAL = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th'];

function PartStatus({ p, i }: { p: DecodedPart; i: number }) {
  const what = p.ok
    ? p.name === 'signature'
      ? `${p.bytes ?? 0} bytes`
      : 'decoded JSON object'
    : (p.error ?? 'not readable');
  return (
    <li className={`insp-part insp-part-status--${p.ok ? 'ok' : 'bad'}`} data-part={p.name} data-ok={String(p.ok)}>
      <span className={`swatch ${p.name === 'extra' ? 'insp-swatch--extra' : `swatch--${p.name}`}`} aria-hidden="true" />
      <span>
        {ORDINAL[i] ?? `${i + 1}th`} part: <strong>{partLabel(p, i)}</strong> ({[...p.raw].length} characters) —{' '}
        <span className="insp-part__verdict">
          <span aria-hidden="true">{p.ok ? '✓' : '✗'}</span> {p.ok ? 'ok' : 'not readable'}
        </span>
        {': '}
        {what}
      </span>
    </li>
  );
}

function ClaimRows({ part, obj }: { part: 'header' | 'payload'; obj: Record<string, unknown> }) {
  const rows: { name: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(obj)) {
    rows.push({ name: k, value: v });
    if (part === 'payload' && k === 'kubernetes.io' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [sub, sv] of Object.entries(v as Record<string, unknown>)) rows.push({ name: `kubernetes.io.${sub}`, value: sv });
    }
  }
  return (
    <>
      {rows.map((r) => (
        <tr key={`${part}:${r.name}`}>
          <th scope="row">
            <code>{r.name}</code>
            <span className="check-note">{part}</span>
          </th>
          <td data-label="Value">
            {r.name === 'kubernetes.io' ? (
              <span className="muted">(object, below)</span>
            ) : (
              <code className="value">{typeof r.value === 'string' ? r.value : JSON.stringify(r.value)}</code>
            )}
          </td>
          <td data-label="Meaning">{explainField(part, r.name) ?? <span className="muted">Not a standard field of a projected service account token.</span>}</td>
        </tr>
      ))}
    </>
  );
}

/** The pasted token: coloured, labelled parts (a bad character marked), problems, decoded header and payload. */
export function TokenView({ r }: { r: InspectResult }) {
  const t = r.token;
  if (t.format === 'empty' || !t.parts.length) {
    return (
      <ul className="insp-problems">
        {t.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    );
  }
  return (
    <>
      <div className="jwt-box">
        <ScrollBox label="The token, coloured by part">
          <p className="jwt insp-jwt" data-testid="inspect-jwt">
            {t.parts.map((p, i) => (
              <Fragment key={i}>
                {i > 0 && <span className="jwt__dot">.</span>}
                <RawPart p={p} />
              </Fragment>
            ))}
            {t.format === 'jwe' && <span className="muted"> … (the other 4 parts of the encrypted token are not shown)</span>}
          </p>
        </ScrollBox>
        <ol className="insp-parts" aria-label="Parts of the token">
          {t.parts.map((p, i) => (
            <PartStatus key={i} p={p} i={i} />
          ))}
        </ol>
      </div>
      {t.problems.length > 0 && (
        <div className="insp-callout insp-callout--fail" data-testid="token-problems">
          <p className="insp-callout__title">
            <span aria-hidden="true">✗ </span>
            {t.problems.length === 1 ? 'Problem' : `${t.problems.length} problems`} reading the token
          </p>
          <ul>
            {t.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="decoded insp-decoded">
        {t.parts.slice(0, 2).map((p) => (
          <div key={p.name}>
            <h4>
              <span className={`swatch swatch--${p.name}`} aria-hidden="true" />
              {p.name === 'header' ? 'Header' : 'Payload'}
            </h4>
            {p.value ? (
              <pre className="json" data-testid={`decoded-${p.name}`}>
                {JSON.stringify(p.value, null, 2)}
              </pre>
            ) : p.text !== undefined ? (
              <>
                <p className="insp-part-note">Decodes to this text, which is not a JSON object:</p>
                <pre className="json">{p.text.length > 2000 ? `${p.text.slice(0, 2000)}…` : p.text}</pre>
              </>
            ) : (
              <p className="insp-part-note muted">Could not be decoded: {p.error}.</p>
            )}
          </div>
        ))}
      </div>
      {(t.header || t.payload) && (
        <details className="more">
          <summary>What each field says</summary>
          <ScrollRegion label="Fields of the token">
            <table className="claims insp-stack">
              <caption className="visually-hidden">Header parameters and claims of the token, with their meaning</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Value</th>
                  <th scope="col">Meaning</th>
                </tr>
              </thead>
              <tbody>
                {t.header && <ClaimRows part="header" obj={t.header} />}
                {t.payload && <ClaimRows part="payload" obj={t.payload} />}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------
// Checks and stages

/**
 * A table of checks: name (with its note), expected, actual, ✓/✗ and a word. With `notes`, the rows are
 * informational comparisons with an AKS token: "✓ as on AKS" or "≠ differs (information)", never a failure.
 */
export function CheckTable({ checks, caption, notes = false, testId }: { checks: Check[]; caption: string; notes?: boolean; testId?: string }) {
  if (!checks.length) return null;
  return (
    <ScrollRegion label={caption}>
      <table className={`insp-checks insp-stack${notes ? ' insp-checks--notes' : ''}`} {...(testId ? { 'data-testid': testId } : {})}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">{notes ? 'On AKS' : 'Expected'}</th>
            <th scope="col">Actual</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={i} className={c.ok ? 'ok' : notes ? 'note' : 'not-ok'} data-check={c.name} data-ok={String(c.ok)}>
              <th scope="row">
                {c.name}
                {c.note && (
                  <span className="check-note">
                    <Prose text={c.note} />
                  </span>
                )}
              </th>
              <td data-label={notes ? 'On AKS' : 'Expected'}>
                <code className="value">{c.expected}</code>
              </td>
              <td data-label="Actual">
                <code className="value">{c.actual}</code>
              </td>
              <td className="check-result" data-label="Result">
                {notes ? (
                  <>
                    <span aria-hidden="true">{c.ok ? '✓' : '≠'}</span> {c.ok ? 'as on AKS' : 'differs (information)'}
                  </>
                ) : (
                  <>
                    <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {c.ok ? 'ok' : 'fails'}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * One engine stage: title with status (icon and word) and code, the summary, then for a failure the
 * code linked to its error page, the service's answer and the fix (the static views' StageProblem),
 * any uncertainty, and the checks.
 */
export function StageBlock({ id, title, stage, testId }: { id: StageId; title: string; stage: Stage; testId: string }) {
  const problem = stage.status === 'fail' || stage.status === 'warn';
  return (
    <div className={`stage stage--${stage.status} insp-stage`} data-testid={testId} data-status={stage.status} data-code={stage.code ?? ''}>
      <div className="stage__head">
        <h4 className="stage__title">{title}</h4>
        <StatusBadge status={stage.status} />
      </div>
      <p className="stage__summary">
        <Prose text={stage.summary} />
      </p>
      <StageProblem stage={{ id, title, ...stage }} />
      {stage.uncertain && problem && (
        <p className="uncertain">
          <strong>Uncertain: </strong>
          <Prose text={stage.uncertain} />
        </p>
      )}
      {stage.checks.length > 0 && (
        <details className="checks" open={problem}>
          <summary>
            {stage.checks.length} check{stage.checks.length === 1 ? '' : 's'}
            {stage.checks.some((c) => !c.ok) ? `, ${stage.checks.filter((c) => !c.ok).length} failed` : ', all passed'}
          </summary>
          <CheckTable checks={stage.checks} caption={`Checks of ${title}`} />
        </details>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// Times

function capitalize(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}

const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const;
const TIME_NAMES: Record<(typeof TIME_CLAIMS)[number], string> = { iat: 'Issued at', nbf: 'Not before', exp: 'Expires' };

/** The token's iat, nbf and exp as UTC dates and relative to this computer's clock, led by "expires in …". */
export function TokenTimes({ payload, now }: { payload: Record<string, unknown>; now: number }) {
  const exp = payload.exp;
  return (
    <>
      {typeof exp === 'number' && Number.isFinite(exp) && (
        <p className={`insp-expiry insp-expiry--${exp > now ? 'valid' : 'expired'}`} data-testid="expiry">
          {exp <= now && <span aria-hidden="true">✗ </span>}
          <strong>{capitalize(relativeTime('exp', exp, now))}</strong>{' '}
          <span className="muted">at this computer’s clock ({formatUtc(now)}).</span>
        </p>
      )}
      <ScrollRegion label="Times in the token">
        <table className="insp-times insp-stack">
          <caption className="visually-hidden">Times in the token, relative to this computer’s clock</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Value</th>
              <th scope="col">Date (UTC)</th>
              <th scope="col">Relative to now</th>
            </tr>
          </thead>
          <tbody>
            {TIME_CLAIMS.map((c) => {
              const v = payload[c];
              const num = typeof v === 'number' && Number.isFinite(v);
              return (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code> <span className="check-note">{TIME_NAMES[c]}</span>
                  </th>
                  <td data-label="Value">
                    <code className="value">{v === undefined ? '(absent)' : JSON.stringify(v)}</code>
                  </td>
                  <td data-label="Date (UTC)">{num ? formatUtc(v) : '—'}</td>
                  <td data-label="Relative to now">{num ? relativeTime(c, v, now) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------
// Error codes

function stageLabel(id: StageId): string {
  return `stage ${STAGE_IDS.indexOf(id) + 1} of 9, “${STAGE_TITLES[id]}”`;
}

/** One recognised code: meaning, stage, causes, fix, error page and the scenarios that reproduce it. */
function ErrorCard({ e, scenarios }: { e: RecognizedError; scenarios: readonly ScenarioRef[] }) {
  const info = e.info ?? ERROR_CATALOGUE[e.code];
  const like = e.scenarios.map((slug) => scenarios.find((s) => s.slug === slug) ?? { slug, title: slug });
  if (!info) {
    const num = /^AADSTS(\d+)$/.exec(e.code)?.[1];
    return (
      <li className="insp-error insp-error--unknown" data-code={e.code}>
        <h4 className="insp-error__title">
          <span className="code-chip">{e.code}</span> not in this site’s catalogue
        </h4>
        <p>
          The simulator does not produce this code, so there is no page about it here.
          {num && (
            <>
              {' '}
              Microsoft’s lookup page explains it: <code>https://login.microsoftonline.com/error?code={num}</code>.
            </>
          )}
        </p>
      </li>
    );
  }
  const facts = [info.system, info.httpStatus !== undefined ? `HTTP ${info.httpStatus}` : undefined, info.error].filter(Boolean);
  return (
    <li className="insp-error" data-code={e.code} data-testid={`error-${e.code}`}>
      <h4 className="insp-error__title">
        <a className="wil-code" href={errorPagePath(e.code)}>
          {e.code}
        </a>{' '}
        <span className="insp-error__facts">{facts.join(' · ')}</span>
      </h4>
      <p className="insp-error__meaning">
        <Prose text={info.meaning} />
      </p>
      <p className="insp-error__stage">
        <strong>Where: </strong>
        {stageLabel(info.stage)}.
      </p>
      {info.causes.length > 0 && (
        <>
          <p className="insp-error__label">Likely causes</p>
          <ul className="insp-error__causes">
            {info.causes.map((c, i) => (
              <li key={i}>
                <Prose text={c} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="insp-error__fix">
        <strong>Fix: </strong>
        <Prose text={info.fix} />
      </p>
      {info.uncertain && (
        <p className="uncertain">
          <strong>Uncertain: </strong>
          <Prose text={info.uncertain} />
        </p>
      )}
      <p className="insp-error__more">
        <a href={errorPagePath(e.code)}>Everything about {e.code}</a>
        {like.length > 0 && (
          <>
            {' · '}
            {like.length === 1 ? 'Scenario that reproduces it: ' : 'Scenarios that reproduce it: '}
            {like.map((s, i) => (
              <Fragment key={s.slug}>
                {i > 0 && ', '}
                <a href={`/scenarios/${s.slug}/`}>{s.title}</a>
              </Fragment>
            ))}
          </>
        )}
      </p>
    </li>
  );
}

export function ErrorCodes({ errors, scenarios }: { errors: RecognizedError[]; scenarios: readonly ScenarioRef[] }) {
  if (!errors.length) return <p className="muted">No known error code (AADSTS…, AKV…, AuthorizationFailed, ForbiddenByRbac, …) found in the text.</p>;
  return (
    <ul className="insp-errors">
      {errors.map((e) => (
        <ErrorCard key={e.code} e={e} scenarios={scenarios} />
      ))}
    </ul>
  );
}
