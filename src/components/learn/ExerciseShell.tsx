/**
 * The frame every lesson exercise shares: title and task, the automatic check's verdict (from the engine,
 * passed in as `check`; kept above the lab so it stays in sight while the learner works), hints revealed
 * one at a time, Reset, Show solution (next to the learner's attempt, which stays as it is), then the lab
 * itself (children). The first time `check.solved` is true, the
 * exercise is saved as completed in this browser (progress.ts).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Prose } from '../playground/StageList.tsx';
import type { CheckOutcome, ExerciseText } from './exercises.ts';
import { isComplete, markComplete, PROGRESS_EVENT } from './progress.ts';

export interface ExerciseShellProps {
  exercise: ExerciseText;
  /** What to do, in a sentence or two. */
  task: ReactNode;
  /** The engine's verdict on the current attempt; `undefined` while the first run is pending. */
  check?: CheckOutcome;
  /** The learner's current attempt as text, shown next to the solution. */
  attempt: string;
  /** Back to the exercise's starting state. */
  onReset(): void;
  children: ReactNode;
}

export function ExerciseShell({ exercise, task, check, attempt, onReset, children }: ExerciseShellProps) {
  const uid = useId();
  const titleId = `${uid}-title`;
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionShown, setSolutionShown] = useState(false);
  const [doneBefore, setDoneBefore] = useState(false);
  const [saved, setSaved] = useState<'no' | 'yes' | 'failed'>('no');

  // Completed earlier (this or another tab)?
  useEffect(() => {
    const read = () => setDoneBefore(isComplete(exercise.id));
    read();
    window.addEventListener(PROGRESS_EVENT, read);
    window.addEventListener('storage', read);
    return () => {
      window.removeEventListener(PROGRESS_EVENT, read);
      window.removeEventListener('storage', read);
    };
  }, [exercise.id]);

  const solved = check?.solved === true;
  useEffect(() => {
    if (!solved) return;
    setSaved(markComplete(exercise.id) ? 'yes' : 'failed');
  }, [solved, exercise.id]);

  const total = exercise.hints.length;
  return (
    <section className="wil-lab exercise not-content" aria-labelledby={titleId} data-testid={`exercise-${exercise.id}`} data-exercise={exercise.id}>
      <header className="exercise__head">
        <p className="exercise__eyebrow">Exercise</p>
        <h3 id={titleId} className="exercise__title">
          {exercise.title}
        </h3>
        {/* Solved on an earlier visit (or in another tab), not just now: "Saved as completed" says that. */}
        {doneBefore && saved === 'no' && (
          <span className="exercise__done" data-testid="exercise-completed" title="Saved in this browser. The exercise starts from its broken setup on every visit.">
            <span aria-hidden="true">✓ </span>Completed earlier
          </span>
        )}
      </header>
      <div className="exercise__task">{task}</div>

      <div
        className={`exercise__check exercise__check--${check === undefined ? 'pending' : solved ? 'solved' : 'open'}`}
        role="status"
        data-testid="exercise-check"
        data-solved={solved ? 'true' : 'false'}
      >
        <span className="exercise__check-icon" aria-hidden="true">
          {check === undefined ? '…' : solved ? '✓' : '○'}
        </span>
        <p>
          <strong>{check === undefined ? 'Checking…' : solved ? 'Solved. ' : 'Not solved yet. '}</strong>
          {check && <Prose text={check.detail} />}
          {solved && saved === 'yes' && ' Saved as completed in this browser.'}
          {solved && saved === 'failed' && ' (This browser does not let the page save your progress.)'}
        </p>
      </div>

      <div className="exercise__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => setHintsShown((n) => Math.min(n + 1, total))}
          disabled={hintsShown >= total}
          data-testid="exercise-hint"
        >
          {hintsShown >= total ? 'No more hints' : `Show hint ${hintsShown + 1} of ${total}`}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-expanded={solutionShown}
          onClick={() => setSolutionShown((s) => !s)}
          data-testid="exercise-solution-toggle"
        >
          {solutionShown ? 'Hide solution' : 'Show solution'}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            // A fresh start: the setup, and the hints and solution folded away again.
            setHintsShown(0);
            setSolutionShown(false);
            onReset();
          }}
          data-testid="exercise-reset"
        >
          <span aria-hidden="true">↺ </span>Reset exercise
        </button>
      </div>

      <ol className="exercise__hints" aria-live="polite" aria-label="Hints" data-testid="exercise-hints">
        {exercise.hints.slice(0, hintsShown).map((h, i) => (
          <li key={i}>
            <strong>Hint {i + 1}: </strong>
            <Prose text={h} />
          </li>
        ))}
      </ol>

      {solutionShown && (
        <div className="exercise__compare" data-testid="exercise-solution">
          <div>
            <h3>Your attempt</h3>
            <pre className="json">{attempt}</pre>
          </div>
          <div>
            <h3>Solution</h3>
            <pre className="json">{exercise.solution}</pre>
          </div>
          <p className="exercise__solution-note">
            <Prose text={exercise.solutionNote} />
          </p>
        </div>
      )}

      <div className="exercise__lab">{children}</div>
    </section>
  );
}

/**
 * The keyboard hint for code editors inside a lesson (referenced by the editors' aria-describedby): the
 * shared hint, which matches the editor the device gets (Monaco, or a plain text field on touch).
 */
export { EditorKeys } from '../playground/EditorKeys.tsx';
