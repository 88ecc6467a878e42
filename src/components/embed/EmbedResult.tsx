/**
 * The body of both embeds (/embed/<slug>/ rendered at build time, /embed/#s=… rendered by the island),
 * laid out for a FIXED-HEIGHT frame (the snippet's EMBED_HEIGHT, 600 px, at any width from 320 px): the
 * page is exactly as high as the frame and does not scroll as a whole. Always in view, top to bottom:
 * the title and an "Open in the playground" link; the verdict; the failing stage's code, HTTP status and
 * real message (the message's box scrolls on its own when the frame is short of room); the six-box chain
 * as a compact strip. Below them, one scrollable region (focusable, labelled) holds the rest: why it
 * failed and the fix, write-time problems, the nine stages and a link to the full page.
 * EmbedLayout.astro has the layout's CSS; test/e2e/embed.test.ts measures it inside iframes.
 * Pure markup (no hooks).
 */
import type { ChainResult } from '../../engine/types.ts';
import { ChainVerdict } from '../static/ChainVerdict.tsx';
import { ChainDiagram } from '../static/ChainDiagram.tsx';
import { failedStage } from '../static/model.ts';
import { ConfigErrorList, StageList, StageProblem } from '../static/StageList.tsx';
import { Prose } from '../static/Prose.tsx';

/** Id of the "What went wrong" section, the target of the failing stage's "see above" link. */
export const EMBED_PROBLEM_ID = 'what-went-wrong';

export interface EmbedResultProps {
  result: ChainResult;
  /** The scenario's title (the embed's h1). */
  title: string;
  /** Site path of the playground with this state, e.g. `/playground/#s=1.…`. */
  /** Absent: no playground link (the scenario's provider has no playground yet). */
  playgroundHref?: string | undefined;
  /** Where "the full page" link at the end goes, and its text. */
  more: { href: string; text: string; after: string };
  /** Make the verdict a polite live region (the #s= embed re-runs when the fragment changes). */
  live?: boolean;
}

export function EmbedResult({ result, title, playgroundHref, more, live = false }: EmbedResultProps) {
  const failed = failedStage(result);
  return (
    <>
      <header className="embed__head">
        <h1 className="embed__title">{title}</h1>
        {playgroundHref && (
          <a className="embed__open" href={playgroundHref} target="_blank" rel="noopener" data-testid="embed-playground">
            <img src="/favicon.svg" alt="" width="16" height="16" />
            Open in the playground<span className="visually-hidden"> (new tab)</span>
          </a>
        )}
      </header>
      <ChainVerdict result={result} live={live} compact showDetail={!failed} />
      {failed && (
        <section className="embed__problem" aria-labelledby={EMBED_PROBLEM_ID} data-testid="embed-problem">
          <h2 className="visually-hidden" id={EMBED_PROBLEM_ID}>
            What went wrong
          </h2>
          <StageProblem stage={failed} newTab showFix={false} messageRegion provider={result.provider} />
        </section>
      )}
      <ChainDiagram result={result} compact />
      <section className="embed__more" tabIndex={0} aria-label={failed ? 'Details: why, the fix and every stage' : 'Details: every stage'} data-testid="embed-more">
        {failed && (
          <div className="embed__why" data-testid="embed-why">
            <h2 className="embed__section-title">Why, and the fix</h2>
            <p>
              <strong>Why:</strong> <Prose text={failed.summary} />
            </p>
            {failed.fix && (
              <p className="wil-problem__fix">
                <strong>Fix:</strong> <Prose text={failed.fix} />
              </p>
            )}
            {failed.uncertain && (
              <p className="wil-uncertain" data-testid="embed-uncertain">
                <strong>Uncertain:</strong> <Prose text={failed.uncertain} />
              </p>
            )}
          </div>
        )}
        <ConfigErrorList result={result} />
        <h2 className="embed__section-title">Stages</h2>
        <StageList result={result} compact newTab problemAbove={failed ? `#${EMBED_PROBLEM_ID}` : undefined} />
        <p className="embed__foot">
          <a href={more.href} target="_blank" rel="noopener" data-testid="embed-open">
            {more.text}
          </a>{' '}
          {more.after}
        </p>
      </section>
    </>
  );
}
