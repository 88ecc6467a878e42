/**
 * Lab of the lesson /learn/beyond-eks/.
 * The managed identity already trusts the GitHub workflow; the learner picks the issuer and subject of a
 * second federated credential, for a pod on an EKS cluster. The eks-entra provider (imported by this
 * island only) runs the chain; the check (exercises-beyond.ts) reads only the engine's result.
 */
import { useMemo, useState } from 'react';
import type { World } from '../../engine/types.ts';
import { eksEntra } from '../../engine/providers/eks-entra/index.ts';
import { StageList } from '../playground/StageList.tsx';
import { Verdict } from '../playground/Verdict.tsx';
import { useChainOf } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import { TokenFacts } from './TokenFacts.tsx';
import { checkEksChoice, EKS_EXERCISE, EKS_ISSUER_CHOICES, EKS_SUBJECT_CHOICES, eksLessonWorld, MAIN_SUBJECT, type Choice } from './exercises-beyond.ts';

const START = { issuer: EKS_ISSUER_CHOICES[0]!.value, subject: MAIN_SUBJECT };

function Choices({ name, legend, choices, value, onChange }: { name: string; legend: string; choices: readonly Choice[]; value: string; onChange(v: string): void }) {
  return (
    <fieldset className="choices" data-testid={`choices-${name}`}>
      <legend>{legend}</legend>
      {choices.map((c, i) => (
        <label key={c.value} className="choice" htmlFor={`${name}-${i}`}>
          <input type="radio" id={`${name}-${i}`} name={name} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
          <span>
            {c.label}
            <br />
            <code>{c.value}</code>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export default function EksLab() {
  const now = useMemo(() => new Date(), []);
  const [pick, setPick] = useState(START);
  const world = useMemo(() => eksLessonWorld(pick.issuer, pick.subject), [pick]);
  const result = useChainOf(eksEntra, world as unknown as World, now);
  const current = result && result.world === (world as unknown) ? result : undefined;

  return (
    <ExerciseShell
      exercise={EKS_EXERCISE}
      task={
        <p>
          <code>my-app-mi</code> already has one federated credential, for the GitHub workflow. Now the same app also runs as the pod{' '}
          <code>my-app</code> (ServiceAccount <code>my-app-sa</code>, namespace <code>dev</code>) on an EKS cluster in <code>us-east-1</code>. Pick
          the issuer and subject of a second credential so that Entra ID trusts the pod too.
        </p>
      }
      {...(current ? { check: checkEksChoice(current) } : {})}
      attempt={`Issuer: ${pick.issuer}\nSubject: ${pick.subject}\nAudience: api://AzureADTokenExchange`}
      onReset={() => setPick(START)}
    >
      <TokenFacts result={current} />
      <div className="panel request-form">
        <h3>
          Second federated credential <code>eks-dev-my-app</code> of <code>my-app-mi</code>
        </h3>
        <Choices name="eks-issuer" legend="Issuer" choices={EKS_ISSUER_CHOICES} value={pick.issuer} onChange={(issuer) => setPick((p) => ({ ...p, issuer }))} />
        <Choices name="eks-subject" legend="Subject identifier" choices={EKS_SUBJECT_CHOICES} value={pick.subject} onChange={(subject) => setPick((p) => ({ ...p, subject }))} />
        <p className="muted small">
          Audience: <code>api://AzureADTokenExchange</code>, the same as the GitHub credential’s.
        </p>
        <table className="fic-pair" data-testid="eks-fic-table">
          <caption>The identity’s two credentials</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Issuer</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {world.identity.federatedCredentials.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>
                  <code>{f.issuer}</code>
                </td>
                <td>
                  <code>{f.subject}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Verdict result={current} busy={!current} invalid={[]} />
      <StageList {...(current ? { result: current } : {})} focus={['federation-match']} />
    </ExerciseShell>
  );
}
