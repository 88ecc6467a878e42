/**
 * The body of both embeds (/embed/<slug>/ rendered at build time, /embed/#s=… rendered by the island):
 * the verdict, then straight under it the failing stage's problem (code, HTTP status, the fix and the
 * real message), so a reader sees what went wrong and what to change within the default frame height
 * (src/lib/share.ts EMBED_HEIGHT); then configuration errors, the chain and the compact stage list,
 * where the failing stage points back up instead of repeating its problem. What the failing stage marks
 * uncertain is shown with its problem (the compact list leaves such notes out). Pure markup (no hooks).
 */
import type { ChainResult } from '../../engine/types.ts';
import { ChainVerdict } from '../static/ChainVerdict.tsx';
import { ChainDiagram } from '../static/ChainDiagram.tsx';
import { failedStage } from '../static/model.ts';
import { ConfigErrorList, StageList, StageProblem } from '../static/StageList.tsx';
import { Prose } from '../static/Prose.tsx';

/** Id of the "What went wrong" section, the target of the failing stage's "see above" link. */
export const EMBED_PROBLEM_ID = 'what-went-wrong';

export function EmbedResult({ result, live = false }: { result: ChainResult; live?: boolean }) {
  const failed = failedStage(result);
  return (
    <>
      <ChainVerdict result={result} live={live} compact />
      {failed && (
        <section className="embed__problem" aria-labelledby={EMBED_PROBLEM_ID} data-testid="embed-problem">
          <h2 className="embed__section-title" id={EMBED_PROBLEM_ID}>
            What went wrong, and the fix
          </h2>
          <StageProblem stage={failed} newTab fixFirst />
          {failed.uncertain && (
            <p className="wil-uncertain" data-testid="embed-uncertain">
              <strong>Uncertain:</strong> <Prose text={failed.uncertain} />
            </p>
          )}
        </section>
      )}
      <ConfigErrorList result={result} />
      <ChainDiagram result={result} compact />
      <h2 className="embed__section-title">Stages</h2>
      <StageList result={result} compact newTab problemAbove={failed ? `#${EMBED_PROBLEM_ID}` : undefined} />
    </>
  );
}
