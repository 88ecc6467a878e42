/**
 * What the playground says about where its state came from: the problem with a share link that could not
 * be loaded (an alert; the state was left alone), the title of a loaded scenario, and the simulated clock
 * when it is fixed (with a button back to the real clock). Titles come from links, so they are rendered as
 * text only.
 */
import { ADVANCED_SUMMARY_ID, ADVANCED_TITLE } from './AdvancedEditor.tsx';
import { formatSimulatedTime } from './shareLink.ts';
import type { PlaygroundState, PlaygroundStore } from './store.ts';

function listSections(sections: readonly string[]) {
  return sections.map((name, i) => (
    <span key={name}>
      {i > 0 && (i === sections.length - 1 ? ' and ' : ', ')}
      <code>{name}</code>
    </span>
  ));
}

/** Opens (it normally is already) and brings the advanced section into view, focusing its summary. */
function showAdvanced() {
  const summary = document.getElementById(ADVANCED_SUMMARY_ID);
  const details = summary?.parentElement;
  if (details instanceof HTMLDetailsElement && !details.open) summary?.click();
  summary?.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  summary?.focus({ preventScroll: true });
}

export interface ScenarioNoticesProps {
  state: PlaygroundState;
  store: PlaygroundStore;
  /** Why the last share link could not be loaded; absent when there is nothing to report. */
  linkError?: string | undefined;
  onDismissError(): void;
}

export function ScenarioNotices({ state, store, linkError, onDismissError }: ScenarioNoticesProps) {
  const { shared, fixedNow } = state;
  if (!linkError && !shared && fixedNow === undefined) return null;
  return (
    <div className="pg-notices">
      {linkError && (
        <div className="pg-notice pg-notice--error" role="alert" data-testid="share-error">
          <span className="pg-notice__icon" aria-hidden="true">
            ✗
          </span>
          <p className="pg-notice__text">
            <strong>This share link could not be loaded.</strong> {linkError} The playground kept its current configuration.
          </p>
          <button type="button" className="button button--small" onClick={onDismissError}>
            Dismiss
          </button>
        </div>
      )}
      {(shared || fixedNow !== undefined) && (
        <div className="pg-notice pg-notice--info" data-testid="scenario-info">
          <span className="pg-notice__icon" aria-hidden="true">
            ℹ
          </span>
          <div className="pg-notice__text">
            {shared && (
              <p data-testid="shared-banner">
                Loaded shared scenario: <strong>{shared.title}</strong>
              </p>
            )}
            {shared && shared.advancedSections.length > 0 && (
              <p className="pg-notice__more">
                <span>
                  It also changes {listSections(shared.advancedSections)} in “{ADVANCED_TITLE}”.
                </span>
                <button type="button" className="button button--small" onClick={showAdvanced}>
                  Show that section
                </button>
              </p>
            )}
            {fixedNow !== undefined && (
              <p className="pg-clock" data-testid="simulated-time">
                <span>
                  Simulated time: <time dateTime={fixedNow}>{formatSimulatedTime(fixedNow)}</time>
                </span>
                <button type="button" className="button button--small" onClick={() => store.setClock(undefined)}>
                  Use the real clock
                </button>
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
