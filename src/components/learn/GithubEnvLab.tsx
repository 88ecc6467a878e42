/**
 * Lab of the lesson /learn/beyond-github/.
 * A GitHub Actions workflow (plain text field) and the managed identity's federated credential for it.
 * The learner adds `environment: production` to the job, sees the token's subject change and the match
 * fail, then fixes the credential's subject. The github-entra provider (imported by this island only) runs
 * the chain; checks come from exercises-beyond.ts and read only the engine's result.
 */
import { useEffect, useMemo, useState } from 'react';
import type { World } from '../../engine/types.ts';
import { githubEntra } from '../../engine/providers/github-entra/provider.ts';
import { StageList } from '../playground/StageList.tsx';
import { useChainOf } from './engine.ts';
import { ExerciseShell } from './ExerciseShell.tsx';
import { TokenFacts } from './TokenFacts.tsx';
import {
  checkEnvironmentExercise,
  GITHUB_ENV_EXERCISE,
  githubLessonWorld,
  githubStartWorkflow,
  MAIN_SUBJECT,
  MAX_SUBJECT_CHARS,
  recordEnvironmentRun,
  type EnvironmentProgress,
} from './exercises-beyond.ts';
import type { GithubEntraWorld } from '../../engine/providers/github-entra/provider.ts';
import type { WorkflowIssue } from '../../engine/providers/github-entra/workflow.ts';

/** The “Not applied” callouts under a field (a polite live region), as the other labs show them. */
function IssueList({ id, issues }: { id: string; issues: WorkflowIssue[] }) {
  return (
    <div className="editor-panel__error" id={id} aria-live="polite">
      {issues.map((i, n) => (
        <p key={n} className="error-callout">
          <span aria-hidden="true">✗ </span>
          <strong>Not applied. </strong>
          {i.line !== undefined ? `Line ${i.line}${i.column !== undefined ? `, column ${i.column}` : ''}: ` : ''}
          {i.message}
        </p>
      ))}
    </div>
  );
}

export default function GithubEnvLab() {
  const now = useMemo(() => new Date(), []);
  const [workflow, setWorkflow] = useState(githubStartWorkflow);
  const [subject, setSubject] = useState(MAIN_SUBJECT);
  const [progress, setProgress] = useState<EnvironmentProgress>({});
  const parsed = useMemo(() => githubLessonWorld(workflow, subject), [workflow, subject]);
  // The last good world stays in force while the text is unusable (the issues are shown).
  const [world, setWorld] = useState<GithubEntraWorld | undefined>(undefined);
  useEffect(() => {
    if (parsed.ok) setWorld(parsed.world);
  }, [parsed]);
  const result = useChainOf(githubEntra, world as unknown as World | undefined, now);
  const current = result && world && result.world === (world as unknown) ? result : undefined;
  useEffect(() => {
    if (current) setProgress((p) => recordEnvironmentRun(p, current));
  }, [current]);
  const issues = parsed.ok ? [] : parsed.issues;
  const wfIssues = issues.filter((i) => i.path !== 'subject');
  const subIssues = issues.filter((i) => i.path === 'subject');

  return (
    <ExerciseShell
      exercise={GITHUB_ENV_EXERCISE}
      task={
        <p>
          This workflow logs in to Azure with the managed identity <code>my-app-mi</code>, and it works. The team now wants the job to deploy through
          the GitHub environment <code>production</code>. Add <code>environment: production</code> to the <code>deploy</code> job, watch the
          token’s subject and the match, then fix the federated credential.
        </p>
      }
      {...(current ? { check: checkEnvironmentExercise(current, progress) } : {})}
      attempt={`${workflow}\nCredential subject: ${subject}`}
      onReset={() => {
        setWorkflow(githubStartWorkflow());
        setSubject(MAIN_SUBJECT);
        setProgress({});
      }}
    >
      <div className="panel editor-panel">
        <h3 className="editor-panel__title">
          <label htmlFor="gh-workflow">
            <code>.github/workflows/deploy.yml</code>
          </label>{' '}
          <span className="lang-tag">YAML</span>
        </h3>
        <p className="editor-panel__desc" id="gh-workflow-desc">
          The workflow of <code>contoso/webapp</code>, run by a push to <code>main</code>. Type into it; indent with spaces.
        </p>
        <textarea
          id="gh-workflow"
          className="plain-code"
          data-testid="gh-workflow"
          rows={Math.min(24, workflow.split('\n').length + 1)}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby="gh-workflow-desc gh-workflow-error"
          aria-invalid={wfIssues.length > 0}
          value={workflow}
          onChange={(e) => setWorkflow(e.target.value)}
        />
        <IssueList id="gh-workflow-error" issues={wfIssues} />
        {parsed.ok && parsed.notes.length > 0 && (
          <ul className="muted small">
            {parsed.notes.map((n, i) => (
              <li key={i}>{n.message}</li>
            ))}
          </ul>
        )}
      </div>
      <TokenFacts result={current} who="job" />
      <div className="panel request-form">
        <h3>
          Federated credential <code>github-webapp-main</code> of <code>my-app-mi</code>
        </h3>
        <p className="muted small">
          Issuer <code>https://token.actions.githubusercontent.com</code>, audience <code>api://AzureADTokenExchange</code>.
        </p>
        <div className="answer">
          <label htmlFor="gh-fic-subject">Subject identifier</label>
          <input
            id="gh-fic-subject"
            type="text"
            data-testid="gh-fic-subject"
            spellCheck={false}
            autoComplete="off"
            maxLength={MAX_SUBJECT_CHARS + 1}
            aria-describedby="gh-fic-subject-error"
            aria-invalid={subIssues.length > 0}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          <IssueList id="gh-fic-subject-error" issues={subIssues} />
        </div>
      </div>
      {/* No <Verdict>: the playground's verdict text assumes a pod (AKS world); the check and the stage list say the outcome. */}
      <StageList {...(current ? { result: current } : {})} focus={['federation-match']} />
    </ExerciseShell>
  );
}
