/**
 * The verdict of a chain result as a banner: an icon and a word ("Granted" / "Denied at <stage> — <code>"),
 * never colour alone, plus one sentence on why. Pure markup (no hooks): Astro renders it to static HTML
 * on scenario and embed pages; the /embed/ island renders it in the browser.
 */
import type { ChainResult } from '../../engine/types.ts';
import { failedStage, verdictLine } from './model.ts';
import { Prose } from './Prose.tsx';
import './static.css';

export interface ChainVerdictProps {
  result: ChainResult;
  /** Make the banner a polite live region (for views that update in place). */
  live?: boolean;
  /** Smaller type and padding (embeds). */
  compact?: boolean;
  /**
   * Show the failing stage's summary under the verdict line (default). The embed turns it off for a
   * denied result and shows the summary in its details region instead, to fit a fixed-height frame.
   */
  showDetail?: boolean;
}

export function ChainVerdict({ result, live = false, compact = false, showDetail = true }: ChainVerdictProps) {
  const granted = result.outcome === 'granted';
  const failed = failedStage(result);
  const warnings = result.stages.filter((s) => s.status === 'warn');
  const detail = granted
    ? warnings.length
      ? `Every stage passes; ${warnings.length === 1 ? 'one stage has a warning' : `${warnings.length} stages have warnings`}.`
      : 'Every stage passes: the pod gets its access token and the resource allows the call.'
    : failed?.summary;
  return (
    <div
      className={`wil-verdict wil-verdict--${granted ? 'granted' : 'denied'}${compact ? ' wil-verdict--compact' : ''}`}
      data-testid="verdict"
      data-outcome={result.outcome}
      data-stage={result.failedStage ?? ''}
      data-code={result.code ?? ''}
      role={live ? 'status' : undefined}
    >
      <span className="wil-verdict__icon" aria-hidden="true">
        {granted ? '✓' : '✗'}
      </span>
      <div className="wil-verdict__body">
        <p className="wil-verdict__word">{verdictLine(result)}</p>
        {showDetail && detail && (
          <p className="wil-verdict__detail">
            <Prose text={detail} />
          </p>
        )}
      </div>
    </div>
  );
}
