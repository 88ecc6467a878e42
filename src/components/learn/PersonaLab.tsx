/**
 * Lab of the lesson /learn/big-picture/.
 * The four personas as switches. Taking one away re-runs the chain (engine) and the
 * diagram (the playground's Mermaid chain, loaded lazily) shows where the handshake breaks. The exercise
 * is solved once every persona was taken away on its own and the engine reported a denial each time.
 */
import { useEffect, useMemo, useState } from 'react';
import { Diagram } from '../playground/Diagram.tsx';
import { Prose, StageList } from '../playground/StageList.tsx';
import { Verdict } from '../playground/Verdict.tsx';
import type { ChainResult } from '../../engine/types.ts';
import { useChain } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import { checkPersonas, describeResult, PERSONA_TEXT, PERSONAS, PERSONAS_EXERCISE, personaWorld, type Persona } from './exercises.ts';

export default function PersonaLab() {
  const now = useMemo(() => new Date(), []);
  const [off, setOff] = useState<Persona | null>(null);
  const [seen, setSeen] = useState<Partial<Record<Persona, ChainResult>>>({});
  const world = useMemo(() => personaWorld(off), [off]);
  const result = useChain(world, now);
  // Only a result for the current switch position counts.
  const current = result && result.world === world ? result : undefined;

  // Record what the engine said with this persona missing.
  useEffect(() => {
    if (current && off) setSeen((s) => (s[off] === current ? s : { ...s, [off]: current }));
  }, [current, off]);

  const check = useMemo(() => checkPersonas(seen), [seen]);
  const attempt = PERSONAS.map((p) => `${PERSONA_TEXT[p].name}: ${seen[p] ? describeResult(seen[p]!) : 'not tried yet'}`).join('\n');

  return (
    <ExerciseShell
      exercise={PERSONAS_EXERCISE}
      task={
        <p>
          All four personas are in place and the pod gets its secret. Untick one persona at a time and watch where the handshake breaks. Tick it
          again before you take the next one away.
        </p>
      }
      check={check}
      attempt={attempt}
      onReset={() => {
        setOff(null);
        setSeen({});
      }}
    >
      <fieldset className="panel personas">
        <legend>The four personas</legend>
        <ul>
          {PERSONAS.map((p) => {
            const id = `persona-${p}`;
            const tried = seen[p];
            return (
              <li key={p}>
                <input
                  type="checkbox"
                  id={id}
                  checked={off !== p}
                  disabled={off !== null && off !== p}
                  onChange={(e) => setOff(e.target.checked ? null : p)}
                  aria-describedby={`${id}-role`}
                />
                <label htmlFor={id}>
                  <strong>{PERSONA_TEXT[p].name}</strong> <span id={`${id}-role`}>— {PERSONA_TEXT[p].role}</span>
                </label>
                {tried && (
                  <span className="personas__seen">
                    <span aria-hidden="true">✓ </span>tried: {tried.code ? `${tried.code}` : `stopped at ${tried.failedStage ?? '—'}`}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {off && (
          <p className="personas__off">
            <Prose text={PERSONA_TEXT[off].off} />
          </p>
        )}
        {off !== null && <p className="muted small">Tick it again to take away another persona.</p>}
      </fieldset>
      <Verdict result={current} busy={!current} invalid={[]} />
      <Diagram result={current} version={0} />
      <StageList result={current} focus={current?.failedStage ? [current.failedStage] : []} />
    </ExerciseShell>
  );
}
