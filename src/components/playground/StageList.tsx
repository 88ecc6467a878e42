/**
 * The nine stages in order: status (icon and word), title, summary, the checks as a table, and for a
 * failing or warning stage the code, HTTP status, the real error message and the fix. `uncertain` notes
 * are shown as "Uncertain:" callouts. A caller may show less (see {@link StageList}'s `disclosure`): the
 * engine's `discloseStage` decides which fields are what the real systems show and which are its diagnosis.
 */
import { discloseStage, type DisclosedStage, type DisclosureLevel } from '../../engine/disclosure.ts';
import type { ChainResult, ConfigError, StageId, StageStatus } from '../../engine/types.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import { Prose } from '../static/Prose.tsx';
import { messageLabel, splitConfigErrors } from '../static/model.ts';

export const STAGE_STATUS_TEXT: Record<StageStatus, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Passed' },
  warn: { icon: '⚠', word: 'Warning' },
  fail: { icon: '✗', word: 'Failed' },
  skipped: { icon: '–', word: 'Skipped' },
};

/** Renders `backticked` parts of an engine sentence as inline code (as text: nothing becomes HTML). */
export { Prose };

export function StatusBadge({ status }: { status: StageStatus }) {
  const t = STAGE_STATUS_TEXT[status];
  return (
    <span className={`badge badge--${status}`}>
      <span aria-hidden="true">{t.icon}</span> {t.word}
    </span>
  );
}

function Checks({ stage, later }: { stage: DisclosedStage; later?: string | undefined }) {
  const hidden = stage.withheld.failedChecks;
  if (!stage.checks.length && !hidden) return null;
  const failed = stage.checks.filter((c) => !c.ok).length;
  const open = stage.status === 'fail' || stage.status === 'warn';
  const total = stage.checks.length + hidden;
  return (
    <details className="checks" open={open}>
      <summary>
        {total} check{total === 1 ? '' : 's'}
        {hidden ? `: ${stage.checks.length} passed, ${hidden} failed` : failed ? `, ${failed} failed` : ', all passed'}
      </summary>
      {hidden > 0 && (
        <p className="checks__withheld muted" data-testid="checks-withheld">
          Which check{hidden === 1 ? '' : 's'} failed, with expected and actual values: {later ?? 'not shown here.'}
        </p>
      )}
      {stage.checks.length > 0 && (
        <ScrollRegion label={`Checks of ${stage.title}`}>
          <table>
            <caption className="visually-hidden">Checks of stage {stage.title}</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Expected</th>
                <th scope="col">Actual</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {stage.checks.map((c, i) => (
                <tr key={i} className={c.ok ? 'ok' : 'not-ok'}>
                  <th scope="row">
                    {c.name}
                    {c.note && (
                      <span className="check-note">
                        <Prose text={c.note} />
                      </span>
                    )}
                  </th>
                  <td>
                    <code className="value">{c.expected}</code>
                  </td>
                  <td>
                    <code className="value">{c.actual}</code>
                  </td>
                  <td className="check-result">
                    <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {c.ok ? 'ok' : 'fails'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </details>
  );
}

function Problem({ stage, fixLater, provider }: { stage: DisclosedStage; fixLater?: string | undefined; provider?: string | undefined }) {
  if (stage.status !== 'fail' && stage.status !== 'warn') return null;
  const facts = [stage.code, stage.httpStatus ? `HTTP ${stage.httpStatus}` : undefined, stage.error].filter(Boolean);
  return (
    <div className={`problem problem--${stage.status}`}>
      {facts.length > 0 && (
        <p className="problem__facts">
          {stage.code && <span className="code-chip">{stage.code}</span>}
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
          <p className="problem__label">{messageLabel(stage, provider)}</p>
          <pre className="problem__message">{stage.message}</pre>
        </>
      )}
      {stage.fix !== undefined && (
        <p className="problem__fix">
          <strong>Fix: </strong>
          <Prose text={stage.fix} />
        </p>
      )}
      {stage.withheld.fix && (
        <p className="problem__fix problem__fix--withheld muted" data-testid="fix-withheld">
          <strong>Fix: </strong>
          {fixLater ?? 'not shown here.'}
        </p>
      )}
      {stage.learnMore && stage.learnMore.length > 0 && (
        <p className="problem__more">
          Learn more:{' '}
          {stage.learnMore.map((href, i) => (
            <span key={href}>
              {i > 0 && ', '}
              <a href={href}>{href.replace(/^\/errors\/([^/]+)\/$/, (_, c: string) => `about ${c.toUpperCase()}`)}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** How much of the engine's diagnosis a {@link StageList} shows, and what to say where something is held back. */
export interface StageDisclosure {
  /** The engine's disclosure level (engine/disclosure.ts): `observed`, `explained` or `full`. */
  level: DisclosureLevel;
  /** Completes "Why: …" / "Which checks failed …: …" when the explanation is held back, e.g. "shown after the first hint." */
  explanationLater: string;
  /** Completes "Fix: …" when the fix is held back. */
  fixLater: string;
}

/**
 * `focus` (optional, for lessons): the ids of the stages to show in full; the others show only their
 * number, title and status. Without it every stage is shown in full.
 * `disclosure` (optional, for challenges): show only what the level includes (the engine's
 * `discloseStage`: at `observed`, the code, the service's message and the checks that passed, but not
 * the diagnosis, the failed checks or the fix), with a note where something is held back. Default: `full`.
 */
export function StageList({ result, focus, disclosure }: { result?: ChainResult; focus?: readonly StageId[]; disclosure?: StageDisclosure }) {
  const level = disclosure?.level ?? 'full';
  return (
    <section className="panel stages-panel" aria-labelledby="stages-title">
      <h2 id="stages-title">Stages</h2>
      {!result ? (
        <p className="muted">Running the chain…</p>
      ) : (
        <ol className="stages">
          {result.stages.map((stage, i) => {
            const s = discloseStage(stage, level);
            const compact = focus !== undefined && !focus.includes(s.id);
            return (
            <li key={`${s.id}:${s.status}`} className={`stage stage--${s.status}${compact ? ' stage--compact' : ''}`} data-testid={`stage-${s.id}`} data-status={s.status}>
              <div className="stage__head">
                <span className="stage__num" aria-hidden="true">
                  {i + 1}
                </span>
                <h3 className="stage__title">{s.title}</h3>
                <StatusBadge status={s.status} />
                {s.code && s.status === 'fail' && <span className="code-chip">{s.code}</span>}
              </div>
              {!compact && (
                <>
                  {s.summary !== undefined && (
                    <p className="stage__summary">
                      <Prose text={s.summary} />
                    </p>
                  )}
                  {s.withheld.summary && (
                    <p className="stage__summary stage__summary--withheld muted" data-testid="explanation-withheld">
                      <strong>Why: </strong>
                      {disclosure?.explanationLater ?? 'not shown here.'}
                    </p>
                  )}
                  <Problem stage={s} fixLater={disclosure?.fixLater} provider={result?.provider} />
                  {s.uncertain && (
                    <p className="uncertain">
                      <strong>Uncertain: </strong>
                      <Prose text={s.uncertain} />
                    </p>
                  )}
                  <Checks stage={s} later={disclosure?.explanationLater} />
                </>
              )}
            </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function ConfigErrors({ result }: { result?: ChainResult }) {
  if (!result?.configErrors.length) return null;
  const { refused, notes } = splitConfigErrors(result);
  const item = (e: ConfigError, i: number) => (
    <li key={i}>
      <span className="code-chip">{e.code}</span> <code>{e.path}</code>: {e.message}
      {e.rule && (
        <p className="config-errors__rule" data-testid="config-error-rule">
          Rule: {e.rule}
        </p>
      )}
      {e.uncertain && (
        <p className="uncertain" data-testid="config-error-uncertain">
          <strong>Uncertain: </strong>
          <Prose text={e.uncertain} />
        </p>
      )}
    </li>
  );
  return (
    <>
      {refused.length > 0 && (
        <section className="panel config-errors" aria-labelledby="config-errors-title" data-testid="config-errors">
          <h2 id="config-errors-title">
            <span aria-hidden="true">⚠ </span>Refused when saved
          </h2>
          <p className="muted">
            Entra ID or Kubernetes would refuse this as soon as it is written, so it would never be stored. The chain below runs on what
            would have been stored.
          </p>
          <ul>{refused.map(item)}</ul>
        </section>
      )}
      {notes.length > 0 && (
        <section className="panel config-errors" aria-labelledby="config-notes-title" data-testid="config-notes">
          <h2 id="config-notes-title">
            Accepted when saved, but note
          </h2>
          <p className="muted">These writes are accepted; what Entra ID ends up storing differs from what you might expect, or will fail later.</p>
          <ul>{notes.map(item)}</ul>
        </section>
      )}
    </>
  );
}
