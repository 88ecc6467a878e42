/**
 * The nine stages of a chain result in order: number, status (icon and word), title, summary; for a
 * failing or warning stage its code (linked to the error page), HTTP status, the real error message and
 * the fix; "Uncertain:" notes; the checks as a table of expected vs actual, open for failing stages.
 * Pure markup (no hooks; `<details>` needs no JavaScript), rendered statically or in the /embed/ island.
 */
import type { ChainResult, StageResult } from '../../engine/types.ts';
import { errorPageFor, messageLabel, STATUS_TEXT } from './model.ts';
import { Prose } from './Prose.tsx';
import './static.css';

export interface StageListProps {
  result: ChainResult;
  /** Compact (embeds): checks of passing stages are hidden, failing ones stay. */
  compact?: boolean;
  /** Open links in a new tab (embeds, which live inside someone else's page). */
  newTab?: boolean;
}

function linkProps(newTab: boolean) {
  return newTab ? { target: '_blank', rel: 'noopener' } : {};
}

/** The table of checks of one stage (expected vs actual, with ✓/✗ and a word). */
export function ChecksTable({ stage, onlyFailed = false }: { stage: StageResult; onlyFailed?: boolean }) {
  const checks = onlyFailed ? stage.checks.filter((c) => !c.ok) : stage.checks;
  if (!checks.length) return null;
  return (
    <div className="wil-table-scroll">
      <table className="wil-checks">
        <caption className="visually-hidden">
          {onlyFailed ? 'Failed checks' : 'Checks'} of stage {stage.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Expected</th>
            <th scope="col">Actual</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={i} className={c.ok ? 'wil-check--ok' : 'wil-check--fail'}>
              <th scope="row">
                {c.name}
                {c.note && (
                  <span className="wil-check__note">
                    <Prose text={c.note} />
                  </span>
                )}
              </th>
              <td>
                <code>{c.expected}</code>
              </td>
              <td>
                <code>{c.actual}</code>
              </td>
              <td className="wil-check__result">
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {c.ok ? 'ok' : 'fails'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Code, HTTP status, OAuth error, the real message and the fix of a failing or warning stage. */
export function StageProblem({ stage, newTab = false, showFix = true }: { stage: StageResult; newTab?: boolean; showFix?: boolean }) {
  if (stage.status !== 'fail' && stage.status !== 'warn') return null;
  const page = errorPageFor(stage.code);
  return (
    <div className="wil-problem">
      {(stage.code || stage.httpStatus !== undefined || stage.error) && (
        <p className="wil-problem__facts">
          {stage.code &&
            (page ? (
              <a className="wil-code" href={page} {...linkProps(newTab)}>
                {stage.code}
              </a>
            ) : (
              <span className="wil-code">{stage.code}</span>
            ))}
          {stage.httpStatus !== undefined && <span>HTTP {stage.httpStatus}</span>}
          {stage.error && (
            <span>
              error <code>{stage.error}</code>
            </span>
          )}
        </p>
      )}
      {stage.message && (
        <>
          <p className="wil-problem__label">{messageLabel(stage)}:</p>
          <pre className="wil-message">{stage.message}</pre>
        </>
      )}
      {showFix && stage.fix && (
        <p className="wil-problem__fix">
          <strong>Fix:</strong> <Prose text={stage.fix} />
        </p>
      )}
    </div>
  );
}

export function StageList({ result, compact = false, newTab = false }: StageListProps) {
  return (
    <ol className={`wil-stages${compact ? ' wil-stages--compact' : ''}`} data-testid="stages">
      {result.stages.map((s, i) => {
        const t = STATUS_TEXT[s.status];
        const problem = s.status === 'fail' || s.status === 'warn';
        const showChecks = s.checks.length > 0 && (!compact || problem);
        return (
          <li key={s.id} className={`wil-stage wil-stage--${s.status}`} data-stage={s.id} data-status={s.status}>
            <div className="wil-stage__head">
              <span className="wil-stage__num" aria-hidden="true">
                {i + 1}
              </span>
              <h3 className="wil-stage__title">
                <span className="visually-hidden">Stage {i + 1}: </span>
                {s.title}
              </h3>
              <span className={`wil-badge wil-badge--${s.status}`}>
                <span aria-hidden="true">{t.icon}</span> {t.word}
              </span>
            </div>
            {(!compact || problem) && <p className="wil-stage__summary">
                <Prose text={s.summary} />
              </p>}
            <StageProblem stage={s} newTab={newTab} />
            {s.uncertain && !compact && (
              <p className="wil-uncertain">
                <strong>Uncertain:</strong> <Prose text={s.uncertain} />
              </p>
            )}
            {showChecks && (
              <details className="wil-details" open={problem}>
                <summary>
                  {s.checks.length} check{s.checks.length === 1 ? '' : 's'}
                  {(() => {
                    const failed = s.checks.filter((c) => !c.ok).length;
                    return failed ? `, ${failed} failed` : ', all passed';
                  })()}
                </summary>
                <ChecksTable stage={s} />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Problems Entra ID or Kubernetes would refuse when the configuration is written (empty: nothing). */
export function ConfigErrorList({ result }: { result: ChainResult }) {
  if (!result.configErrors.length) return null;
  return (
    <div className="wil-config-errors" data-testid="config-errors">
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>Refused when saved:
        </strong>{' '}
        Entra ID or Kubernetes would reject this configuration as soon as it is written; the chain runs on it anyway.
      </p>
      <ul>
        {result.configErrors.map((e, i) => (
          <li key={i}>
            <span className="wil-code">{e.code}</span> <code>{e.path}</code>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
