/**
 * One workshop challenge: the story, the inputs the challenge hands out (the playground's editors, the
 * token form, the time-travel clock), the engine's verdict and stages, the automatic check (the chain must
 * be granted at the challenge's checkpoints, see challenges.ts), hints one at a time, the solution on
 * request, and the score saved in this browser (score.ts).
 *
 * State lives in a playground store started from the challenge's broken world at its fixed clock; the
 * check reads only engine results. So that the score means something, the verdict first shows only what
 * an engineer would see from the real systems (the failed stage, the code and the service's message, the
 * checks that passed); the engine's diagnosis appears with the first hint, the fix once every hint is
 * taken, the solution is shown or the challenge is solved (`disclosureFor`; the engine's `discloseStage`
 * decides which fields are which). The advanced editor's comments name only the editors this page shows.
 *
 * A challenge on another provider than aks-entra (its `provider:`) first loads that provider's kit the way
 * the playground's switch does (providerKits.ts `loadKit`: the provider's chunk, registered with the
 * engine), then starts the store on that provider: the editors (GitHub: the workflow job), the stage titles
 * and the checks are the provider's.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { providerLabels } from '../../engine/providers/labels.ts';
import type { ChainResult } from '../../engine/types.ts';
import { AdvancedEditor } from '../playground/AdvancedEditor.tsx';
import { CodeEditor } from '../playground/CodeEditor.tsx';
import { EditorKeys } from '../playground/EditorKeys.tsx';
import { ConfigErrors, Prose, StageList } from '../playground/StageList.tsx';
import { createPlaygroundStore, type EditorId, type InputId } from '../playground/store.ts';
import { DEFAULT_PROVIDER, loadedKit, loadKit } from '../playground/providerKits.ts';
import { TokenSettings } from '../playground/TokenSettings.tsx';
import { useStoreState } from '../playground/useStore.ts';
import { Verdict } from '../playground/Verdict.tsx';
import { StoreEditorError, storeMarkers } from '../learn/storeEditors.tsx';
import { LEVEL_NAMES, type Challenge, type ChallengeInput } from './challengeSchema.ts';
import { advancedPageFor, checkChallenge, disclosureFor, EXPLAIN_AFTER_HINTS, type ChallengeCheck } from './challenges.ts';
import { runWorkshop } from './engine.ts';
import { startOffline } from './offline/register.ts';
import { pointsFor, progressOf, recordHints, recordSolutionShown, recordSolved, WORKSHOP_EVENT, type ChallengeProgress } from './score.ts';
import { TimeTravel } from './TimeTravel.tsx';
import { offsetLabel } from './timeModel.ts';

/** What the page passes in: the challenge and its neighbours. */
export interface ChallengeRunnerProps {
  challenge: Challenge;
  total: number;
  next?: { slug: string; title: string } | undefined;
  /**
   * A challenge on another provider than aks-entra: its editors' starting texts (the build renders them
   * with the provider's kit, store.ts `textsFor`), shown as code views while the kit loads, so the page's
   * HTML already holds the broken configuration, as it does for an aks-entra challenge.
   */
  startTexts?: Partial<Record<CodeInput, string>> | undefined;
}

export type CodeInput = Extract<EditorId, 'fic' | 'sa' | 'pod' | 'workflow'>;
export const isCodeInput = (i: ChallengeInput): i is CodeInput => i === 'fic' || i === 'sa' || i === 'pod' || i === 'workflow';

const EDITOR_TEXT: Record<CodeInput, { title: string; language: 'json' | 'yaml'; desc: string; modelUri?: string }> = {
  fic: {
    title: 'Federated identity credentials',
    language: 'json',
    desc: 'The managed identity’s federatedCredentials list (JSON).',
    modelUri: 'inmemory://workload-identity-lab/federated-credentials.json',
  },
  sa: { title: 'ServiceAccount', language: 'yaml', desc: 'The Kubernetes identity the pod runs as.' },
  pod: { title: 'Pod', language: 'yaml', desc: 'The workload, as the webhook sees it when the pod is created.' },
  workflow: { title: 'Workflow job', language: 'yaml', desc: 'The workflow file under .github/workflows/, as the job runs it.' },
};

const INPUT_IDS: Partial<Record<ChallengeInput, InputId[]>> = {
  fic: ['fic'],
  sa: ['sa'],
  pod: ['pod'],
  workflow: ['workflow'],
  advanced: ['advanced'],
  token: ['audience', 'expirationSeconds', 'issuedSecondsAgo'],
};

/**
 * The island: for a challenge on aks-entra the runner at once (as before providers existed); for another
 * provider, the runner once that provider's kit is loaded, and until then the brief with a status line.
 */
export default function ChallengeRunner(props: ChallengeRunnerProps) {
  const id = props.challenge.provider;
  // Another provider always starts as 'loading', on the server too (the build has every kit loaded,
  // [slug].astro): the first client render must match the server's HTML; the effect below then finds
  // the kit at once when it is there.
  const [status, setStatus] = useState<'ready' | 'loading' | 'failed'>(() => (id === DEFAULT_PROVIDER ? 'ready' : 'loading'));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (status === 'ready') return;
    let current = true;
    setStatus('loading');
    loadKit(id).then(
      () => current && setStatus('ready'),
      () => current && setStatus('failed'),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, attempt]);
  // Text typed into the code views while the kit loads: the runner starts from it.
  const [typed, setTyped] = useState<Partial<Record<CodeInput, string>>>({});
  if (status === 'ready') return <Runner {...props} typed={typed} />;
  const name = providerLabels(id).title;
  const codeInputs = props.challenge.inputs.filter(isCodeInput).filter((i) => props.startTexts?.[i] !== undefined);
  return (
    <div className="ch" data-testid="challenge" data-slug={props.challenge.slug} data-provider={id}>
      <Brief challenge={props.challenge} total={props.total} worth={`worth ${props.challenge.points} points`} />
      {codeInputs.length > 0 && (
        <section className="ch__inputs" aria-label="What you can change">
          <EditorKeys id="editor-keys" />
          {codeInputs.map((input) => (
            <EditorPanel
              key={input}
              input={input}
              value={typed[input] ?? props.startTexts![input]!}
              version={0}
              onChange={(t) => setTyped((m) => ({ ...m, [input]: t }))}
            />
          ))}
        </section>
      )}
      <p className="ch-loading" role="status" data-testid="challenge-loading">
        {status === 'failed' ? `Could not load the ${name} simulation. Check your connection and try again. ` : `Loading the ${name} simulation…`}
        {status === 'failed' && (
          <button type="button" className="button button--small" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        )}
      </p>
    </div>
  );
}

/** The challenge's level, position, time, points and federation, its story and its task. */
function Brief({ challenge: ch, total, worth, checkpointsText }: { challenge: Challenge; total: number; worth: string; checkpointsText?: string }) {
  return (
    <div className="ch__brief">
      <p className="ch__meta">
        <span className="ch-level" data-level={ch.level}>
          Level {ch.level} · {LEVEL_NAMES[ch.level]}
        </span>
        <span>
          Challenge {ch.order} of {total}
        </span>
        <span>about {ch.minutes} min</span>
        <span data-testid="challenge-worth">{worth}</span>
        {ch.provider !== DEFAULT_PROVIDER && <span data-testid="challenge-provider">{providerLabels(ch.provider).title}</span>}
      </p>
      <div className="ch__story">
        <h2 className="visually-hidden">The report</h2>
        <p>
          <Prose text={ch.story} />
        </p>
        <p className="ch__task">
          <strong>Your task: </strong>
          <Prose text={ch.task} />
          {checkpointsText && <span className="muted"> The check passes when the chain is {checkpointsText}.</span>}
        </p>
      </div>
    </div>
  );
}

/** One code editor with its title, description and error line (the runner's, and the code views shown while a provider's kit loads). */
function EditorPanel({ input, value, version, onChange, error }: { input: CodeInput; value: string; version: number; onChange(text: string): void; error?: Parameters<typeof storeMarkers>[0] }) {
  const ed = EDITOR_TEXT[input];
  return (
    <div className="panel editor-panel" data-testid={`editor-${input}`}>
      <h3 className="editor-panel__title" id={`${input}-label`}>
        {ed.title} <span className="lang-tag">{ed.language.toUpperCase()}</span>
      </h3>
      <p className="editor-panel__desc" id={`${input}-desc`}>
        {ed.desc}
      </p>
      <CodeEditor
        id={input}
        language={ed.language}
        label={`${ed.title} (${ed.language.toUpperCase()})`}
        describedBy={`${input}-desc editor-keys ${input}-error`}
        value={value}
        version={version}
        onChange={onChange}
        markers={storeMarkers(error)}
        invalid={Boolean(error)}
        {...(ed.modelUri ? { modelUri: ed.modelUri } : {})}
        minLines={input === 'sa' ? 6 : 8}
      />
      <StoreEditorError id={`${input}-error`} error={error} />
    </div>
  );
}

function Runner({ challenge: ch, total, next, typed }: ChallengeRunnerProps & { typed?: Partial<Record<CodeInput, string>> }) {
  const uid = useId();
  const store = useMemo(() => {
    const run = (world: Parameters<typeof runWorkshop>[0], now: Date) => runWorkshop(world, now, ch.provider);
    return createPlaygroundStore({ run }, () => new Date(ch.now), {
      initial: () => structuredClone(ch.start),
      advancedPage: advancedPageFor(ch),
      providers: { kit: loadedKit },
      provider: ch.provider,
    });
  }, [ch]);
  const state = useStoreState(store);
  const [advancedOpen, setAdvancedOpen] = useState(true);
  const [check, setCheck] = useState<ChallengeCheck | undefined>(undefined);
  const [progress, setProgress] = useState<ChallengeProgress>({ hints: 0, solution: false });
  const [loaded, setLoaded] = useState(false);
  const [solvedNow, setSolvedNow] = useState<{ points: number; saved: boolean } | undefined>(undefined);
  const [solutionOpen, setSolutionOpen] = useState(false);

  useEffect(() => startOffline(), []);

  useEffect(() => {
    store.setElapsed(ch.startSeconds);
    store.start();
    // Typed while the provider's kit was loading (ChallengeRunner): the editors go on from there.
    for (const [input, text] of Object.entries(typed ?? {})) store.setText(input as CodeInput, text);
    // No Monaco here: each editor loads it on the first interaction (CodeEditor.tsx).
  }, [store, ch]);

  // Progress saved earlier (this tab or another).
  useEffect(() => {
    const read = () => setProgress(progressOf(ch.slug));
    read();
    setLoaded(true);
    window.addEventListener(WORKSHOP_EVENT, read);
    window.addEventListener('storage', read);
    return () => {
      window.removeEventListener(WORKSHOP_EVENT, read);
      window.removeEventListener('storage', read);
    };
  }, [ch.slug]);

  const ownInputs = ch.inputs.flatMap((i) => INPUT_IDS[i] ?? []);
  const invalid = ownInputs.filter((k) => state.errors[k]);
  const elapsed = state.elapsedSeconds ?? 0;

  // The automatic check, on every new engine result for a valid attempt.
  useEffect(() => {
    const result: ChainResult | undefined = state.result;
    if (state.busy || invalid.length || !result) {
      setCheck(undefined);
      return;
    }
    let current = true;
    void checkChallenge(ch, state.world, elapsed, (w, now) => runWorkshop(w, now, ch.provider), new Map([[elapsed, result]])).then((c) => {
      if (current) setCheck(c);
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.result, state.busy, state.world, elapsed, invalid.length, ch]);

  useEffect(() => {
    if (!check?.solved || !loaded) return;
    const stored = recordSolved(ch.slug, ch.points);
    setSolvedNow(stored ? { points: stored.points ?? 0, saved: true } : { points: pointsFor(ch.points, progress.hints, progress.solution), saved: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [check?.solved, loaded, ch]);

  const hintsShown = Math.min(progress.hints, ch.hints.length);
  const solved = check?.solved === true;
  const solvedBefore = progress.solvedAt !== undefined;
  const worth = progress.solvedAt ? (progress.points ?? 0) : pointsFor(ch.points, progress.hints, progress.solution);
  // What the verdict shows: at first only what the real systems print; the engine's diagnosis once the
  // learner has paid a hint, the fix once every hint is taken, the solution shown or the challenge solved.
  const level = disclosureFor(ch, progress, solved);
  const later = {
    explanationLater: `shown after ${EXPLAIN_AFTER_HINTS === 1 ? 'the first hint' : `${EXPLAIN_AFTER_HINTS} hints`}.`,
    fixLater: 'shown once you have taken every hint or opened the solution.',
  };

  const showHint = () => {
    const n = Math.min(hintsShown + 1, ch.hints.length);
    if (!recordHints(ch.slug, n)) setProgress((p) => ({ ...p, hints: n }));
  };
  const toggleSolution = () => {
    if (!solutionOpen && !progress.solution) {
      if (!recordSolutionShown(ch.slug)) setProgress((p) => ({ ...p, solution: true }));
    }
    setSolutionOpen((o) => !o);
  };
  const reset = () => {
    store.reset();
    store.setElapsed(ch.startSeconds);
    setSolvedNow(undefined);
  };

  const checkpointsText = ch.success.at ? `granted at ${ch.success.at.map(offsetLabel).join(', ')}` : ch.inputs.includes('clock') ? 'granted at the time on your clock' : 'granted';

  return (
    <div className="ch" data-testid="challenge" data-slug={ch.slug} data-disclosure={level} data-provider={ch.provider}>
      <Brief
        challenge={ch}
        total={total}
        worth={solvedBefore ? `${progress.points ?? 0} of ${ch.points} points scored` : `worth ${worth} of ${ch.points} points`}
        checkpointsText={checkpointsText}
      />

      <div className="ch__status">
        <div
          className={`ch-check ch-check--${check === undefined ? 'pending' : solved ? 'solved' : 'open'}`}
          role="status"
          data-testid="challenge-check"
          data-solved={check === undefined ? 'pending' : solved ? 'true' : 'false'}
        >
          <span className="ch-check__icon" aria-hidden="true">
            {check === undefined ? '…' : solved ? '✓' : '○'}
          </span>
          <div className="ch-check__body">
            <p className="ch-check__word">{check === undefined ? 'Checking…' : solved ? 'Solved!' : 'Not solved yet'}</p>
            {check && (
              <p className="ch-check__detail">
                <Prose text={check.detail} />
              </p>
            )}
            {solved && solvedNow && (
              <p className="ch-check__score" data-testid="challenge-score">
                {solvedNow.points} of {ch.points} points{solvedNow.saved ? ', saved in this browser.' : '. (This browser does not let the page save your progress.)'}
              </p>
            )}
          </div>
        </div>
        {solvedBefore && !solved && (
          <p className="ch-done" data-testid="challenge-solved-before">
            <span aria-hidden="true">✓ </span>
            Solved in this browser on <time dateTime={progress.solvedAt}>{progress.solvedAt!.slice(0, 10)}</time> for {progress.points ?? 0} points.
            {' The configuration below starts from the broken state again.'}
          </p>
        )}
        {solved && (
          <div className="ch-after" data-testid="challenge-after">
            <p>
              <strong>Why: </strong>
              <Prose text={ch.solution.notes} />
            </p>
            {ch.discussion && (
              <p>
                <strong>For the room: </strong>
                {ch.discussion}
              </p>
            )}
            {next ? (
              <a className="button button--primary" href={`/workshop/challenges/${next.slug}/`}>
                Next: {next.title} <span aria-hidden="true">→</span>
              </a>
            ) : (
              <a className="button button--primary" href="/workshop/challenges/">
                All challenges done: see your score <span aria-hidden="true">→</span>
              </a>
            )}
          </div>
        )}
      </div>

      <section className="ch__inputs" aria-labelledby={`${uid}-inputs`}>
        <div className="ch__inputs-head">
          <h2 id={`${uid}-inputs`}>What you can change</h2>
          <button type="button" className="button button--small" onClick={reset} data-testid="challenge-reset">
            <span aria-hidden="true">↺ </span>Reset challenge
          </button>
        </div>
        {ch.inputs.some((i) => isCodeInput(i) || i === 'advanced') && (
          <EditorKeys id="editor-keys" />
        )}
        {ch.inputs.map((input) => {
          if (isCodeInput(input)) {
            return (
              <EditorPanel
                key={input}
                input={input}
                value={state.texts[input]}
                version={state.textsVersion}
                onChange={(t) => store.setText(input, t)}
                error={state.errors[input]}
              />
            );
          }
          if (input === 'advanced') return <AdvancedEditor key={input} state={state} store={store} open={advancedOpen} onOpenChange={setAdvancedOpen} />;
          if (input === 'token') return <TokenSettings key={input} state={state} store={store} />;
          return (
            <TimeTravel
              key={input}
              world={state.world}
              startTime={ch.now}
              elapsedSeconds={elapsed}
              onChange={(s) => store.setElapsed(s)}
              result={state.result}
              headingLevel={3}
            />
          );
        })}
      </section>

      <div className="ch__help">
        <div className="ch__actions">
          <button type="button" className="button button--small" onClick={showHint} disabled={hintsShown >= ch.hints.length} data-testid="challenge-hint">
            {hintsShown >= ch.hints.length ? 'No more hints' : `Show hint ${hintsShown + 1} of ${ch.hints.length}`}
            {!solvedBefore && hintsShown < ch.hints.length && <span className="ch__cost"> (−20 %)</span>}
          </button>
          <button type="button" className="button button--small" aria-expanded={solutionOpen} onClick={toggleSolution} data-testid="challenge-solution-toggle">
            {solutionOpen ? 'Hide solution' : solvedBefore || progress.solution ? 'Show solution' : 'Show solution (scores 0)'}
          </button>
        </div>
        <ol className="ch__hints" aria-live="polite" aria-label="Hints" data-testid="challenge-hints">
          {ch.hints.slice(0, hintsShown).map((h, i) => (
            <li key={i}>
              <strong>Hint {i + 1}: </strong>
              <Prose text={h} />
            </li>
          ))}
        </ol>
        {solutionOpen && (
          <div className="ch__solution" data-testid="challenge-solution">
            <h3>Solution</h3>
            <pre>{ch.solution.shown}</pre>
            <p>
              <Prose text={ch.solution.notes} />
            </p>
          </div>
        )}
      </div>

      <div className="ch__results">
        <Verdict result={state.result} busy={state.busy} invalid={invalid} disclosure={{ level, explanationLater: later.explanationLater }} />
        <ConfigErrors result={state.result} />
        <StageList
          {...(state.result ? { result: state.result } : {})}
          {...(state.result?.failedStage ? { focus: [state.result.failedStage] } : {})}
          disclosure={{ level, ...later }}
        />
      </div>
    </div>
  );
}
