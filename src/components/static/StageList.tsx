/**
 * The nine stages of a chain result in order: number, status (icon and word), title, summary; for a
 * failing or warning stage its code (linked to the error page), HTTP status, the real error message and
 * the fix; "Uncertain:" notes; the checks as a table of expected vs actual, open for failing stages.
 * Pure markup (no hooks; `<details>` needs no JavaScript), rendered statically or in the /embed/ island.
 */
import type { ChainResult, ConfigError, StageResult } from '../../engine/types.ts';
import { errorPageFor, messageLabel, splitConfigErrors, STATUS_TEXT } from './model.ts';
import { providerLabels } from '../../engine/providers/labels.ts';
import { Prose } from './Prose.tsx';
import './static.css';

export interface StageListProps {
  result: ChainResult;
  /** Compact (embeds): checks of passing stages are hidden, failing ones stay. */
  compact?: boolean;
  /** Open links in a new tab (embeds, which live inside someone else's page). */
  newTab?: boolean;
  /**
   * In-page link (e.g. `#what-went-wrong`) where the FAILING stage's problem (code, message, fix) is
   * already shown: that stage then links there instead of repeating it (embeds).
   */
  problemAbove?: string | undefined;
}

function linkProps(newTab: boolean) {
  return newTab ? { target: '_blank', rel: 'noopener' } : {};
}

/**
 * The table of checks of one stage (expected vs actual, with ✓/✗ and a word). In a box narrower than
 * 36rem (a phone, an embed) each row is stacked instead: the check's name, then "Expected", "Actual" and
 * "Result", each with its column name (static.css); long values wrap. The explicit ARIA roles keep the
 * table's semantics for screen readers when CSS turns its rows into blocks. The box scrolls sideways
 * (focusable, labelled) should a value still not fit.
 */
export function ChecksTable({ stage, onlyFailed = false }: { stage: StageResult; onlyFailed?: boolean }) {
  const checks = onlyFailed ? stage.checks.filter((c) => !c.ok) : stage.checks;
  if (!checks.length) return null;
  return (
    // Focusable so a keyboard can scroll it when the table is wider than a narrow screen (or an embed).
    <div className="wil-table-scroll" tabIndex={0} role="region" aria-label={`${onlyFailed ? 'Failed checks' : 'Checks'} of ${stage.title}`}>
      <table className="wil-checks" role="table">
        <caption className="visually-hidden">
          {onlyFailed ? 'Failed checks' : 'Checks'} of stage {stage.title}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">Check</th>
            <th scope="col" role="columnheader">Expected</th>
            <th scope="col" role="columnheader">Actual</th>
            <th scope="col" role="columnheader">Result</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {checks.map((c, i) => (
            <tr key={i} role="row" className={c.ok ? 'wil-check--ok' : 'wil-check--fail'}>
              <th scope="row" role="rowheader">
                {c.name}
                {c.note && (
                  <span className="wil-check__note">
                    <Prose text={c.note} />
                  </span>
                )}
              </th>
              <td role="cell" data-label="Expected">
                <code>{c.expected}</code>
              </td>
              <td role="cell" data-label="Actual">
                <code>{c.actual}</code>
              </td>
              <td role="cell" data-label="Result" className="wil-check__result">
                <span>
                  <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {c.ok ? 'ok' : 'fails'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Code, HTTP status, OAuth error, the real message and the fix of a failing or warning stage.
 * `fixFirst` puts the fix before the (often long) message, for views with little height (embeds).
 * `messageRegion` makes the message a focusable, labelled region, for views that cap its height and
 * let it scroll (the embed): a keyboard can then scroll it.
 */
export function StageProblem({
  stage,
  newTab = false,
  showFix = true,
  fixFirst = false,
  messageRegion = false,
  provider,
}: {
  stage: StageResult;
  /** The result's provider id: names who printed the message (model.ts `messageLabel`). Absent: the Entra wording. */
  provider?: string | undefined;
  newTab?: boolean;
  showFix?: boolean;
  fixFirst?: boolean;
  messageRegion?: boolean;
}) {
  if (stage.status !== 'fail' && stage.status !== 'warn') return null;
  const page = errorPageFor(stage.code, provider);
  const fix = showFix && stage.fix && (
    <p className="wil-problem__fix">
      <strong>Fix:</strong> <Prose text={stage.fix} />
    </p>
  );
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
          {/* Spaces between the facts: invisible in this flex row, but they keep the words apart in text
              taken from the page (search excerpts, copy and paste). */}
          {stage.code && ' '}
          {stage.httpStatus !== undefined && <span>HTTP {stage.httpStatus}</span>}
          {stage.httpStatus !== undefined && ' '}
          {stage.error && (
            <span>
              error <code>{stage.error}</code>
            </span>
          )}
        </p>
      )}
      {fixFirst && fix}
      {stage.message && (
        <>
          <p className="wil-problem__label">{messageLabel(stage, provider)}:</p>
          <pre className="wil-message" {...(messageRegion ? { tabIndex: 0, role: 'region', 'aria-label': messageLabel(stage, provider) } : {})}>
            {stage.message}
          </pre>
        </>
      )}
      {!fixFirst && fix}
    </div>
  );
}

export function StageList({ result, compact = false, newTab = false, problemAbove }: StageListProps) {
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
            {/* With the problem shown above (embeds), the verdict there already says this stage's summary. */}
            {(!compact || problem) && !(problemAbove && s.status === 'fail') && (
              <p className="wil-stage__summary">
                <Prose text={s.summary} />
              </p>
            )}
            {problemAbove && s.status === 'fail' ? (
              <p className="wil-problem__above">
                <a href={problemAbove}>The error and the fix</a> are shown above.
              </p>
            ) : (
              <StageProblem stage={s} newTab={newTab} provider={result.provider} />
            )}
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

/**
 * Problems Entra ID (or the provider's relying cloud, labels `cloud.name`) or Kubernetes would refuse when the configuration is written, then the notes on
 * writes that were accepted (an overwrite by name, an http issuer). Nothing when there are none.
 */
export function ConfigErrorList({ result }: { result: ChainResult }) {
  if (!result.configErrors.length) return null;
  const { refused, notes } = splitConfigErrors(result);
  const item = (e: ConfigError, i: number) => (
    <li key={i}>
      <span className="wil-code">{e.code}</span> <code>{e.path}</code>: {e.message}
      {e.rule && (
        <p className="wil-rule" data-testid="config-error-rule">
          Rule: {e.rule}
        </p>
      )}
      {e.uncertain && (
        <p className="wil-uncertain" data-testid="config-error-uncertain">
          <strong>Uncertain:</strong> <Prose text={e.uncertain} />
        </p>
      )}
    </li>
  );
  return (
    <>
      {refused.length > 0 && (
        <div className="wil-config-errors" data-testid="config-errors">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>Refused when saved:
            </strong>{' '}
            {providerLabels(result.provider).cloud?.name ?? 'Entra ID'} or Kubernetes would reject this configuration as soon as it is written; the chain runs on it anyway.
          </p>
          <ul>{refused.map(item)}</ul>
        </div>
      )}
      {notes.length > 0 && (
        <div className="wil-config-errors" data-testid="config-notes">
          <p>
            <strong>
              Accepted when saved, but note:
            </strong>{' '}
            these writes are accepted; what is stored may differ from what the list suggests, or fail later.
          </p>
          <ul>{notes.map(item)}</ul>
        </div>
      )}
    </>
  );
}
