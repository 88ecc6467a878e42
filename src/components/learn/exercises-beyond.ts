/**
 * Exercises of the lessons "Beyond AKS" (/learn/beyond-github/ and /learn/beyond-eks/): the same
 * user-assigned managed identity, trusted from a GitHub Actions workflow and from an EKS cluster by two
 * federated identity credentials (different issuer and subject, same audience api://AzureADTokenExchange).
 *
 * Pure (no DOM, no React). The worlds are the engine's own provider defaults (github-entra, eks-entra);
 * the checks only read the engine's {@link ChainResult}. Sources: ../shared/reference/other-providers.md
 * §1.1–§1.3 (GitHub issuer, subject forms, AADSTS700213 for an entity-type mismatch) and §2.2 (EKS issuer
 * `https://oidc.eks.<region>.amazonaws.com/id/<ID>`, no trailing slash, upper-case ID); workload-identity.md F.
 */
import type { ChainResult } from '../../engine/types.ts';
import type { FederatedCredential } from '../../engine/schema.ts';
import { defaultGithubEntraWorld, type GithubEntraWorld } from '../../engine/providers/github-entra/provider.ts';
import { defaultGithubFederatedCredential } from '../../engine/providers/github-entra/defaults.ts';
import { parseWorkflow, renderWorkflow, type WorkflowIssue } from '../../engine/providers/github-entra/workflow.ts';
import { defaultEksWorld, EKS_DEFAULT_ISSUER } from '../../engine/providers/eks-entra/defaults.ts';
import type { EksEntraWorld } from '../../engine/providers/eks-entra/schema.ts';
import { describeResult, EXERCISES, stagePassed, type CheckOutcome, type ExerciseText } from './exercises.ts';

/** The subject GitHub puts in the token of a job that names `environment: production` (ref. §1.3). */
export const PRODUCTION_SUBJECT = 'repo:contoso/webapp:environment:production';
/** The branch subject of the default job, a push to main (ref. §1.3). */
export const MAIN_SUBJECT = 'repo:contoso/webapp:ref:refs/heads/main';
/** Longest credential subject the lesson accepts (Entra's own cap is larger; this keeps the input small). */
export const MAX_SUBJECT_CHARS = 600;

// ---------------------------------------------------------------------------------------------------
// /learn/beyond-github/: a deploy job gains an environment

/** The exercise's starting point: the healthy github-entra default (push to main, branch credential). */
export function githubStartWorld(): GithubEntraWorld {
  return defaultGithubEntraWorld();
}

/** The workflow file of {@link githubStartWorld}, as the learner edits it. */
export function githubStartWorkflow(): string {
  return renderWorkflow(githubStartWorld().github);
}

/** The world for the learner's workflow text and credential subject; located issues when the text is unusable. */
export function githubLessonWorld(
  workflow: string,
  ficSubject: string,
): { ok: true; world: GithubEntraWorld; notes: WorkflowIssue[] } | { ok: false; issues: WorkflowIssue[] } {
  const base = githubStartWorld();
  if (ficSubject.length > MAX_SUBJECT_CHARS) return { ok: false, issues: [{ path: 'subject', message: `the subject is longer than ${MAX_SUBJECT_CHARS} characters` }] };
  if (!ficSubject.length) return { ok: false, issues: [{ path: 'subject', message: 'the credential needs a subject' }] };
  const parsed = parseWorkflow(workflow, base.github);
  if (!parsed.ok) return parsed;
  const fic: FederatedCredential = { ...defaultGithubFederatedCredential(), subject: ficSubject };
  return { ok: true, world: { ...base, github: parsed.github, identity: { ...base.identity, federatedCredentials: [fic] } }, notes: parsed.notes };
}

/** The `sub` GitHub put in the token of this run (from the engine's minted token), if any. */
export function tokenSubject(result: ChainResult): string | undefined {
  const sub = result.artifacts.token?.payload.sub;
  return typeof sub === 'string' ? sub : undefined;
}

/** What the learner has seen so far: the failed match after adding the environment. */
export interface EnvironmentProgress {
  /** A run whose token carried the environment subject failed the match with this code. */
  failedWith?: string | undefined;
}

/** Records a run: remembers the failure code once the token's subject is the environment subject. */
export function recordEnvironmentRun(p: EnvironmentProgress, result: ChainResult): EnvironmentProgress {
  if (p.failedWith) return p;
  if (tokenSubject(result) !== PRODUCTION_SUBJECT) return p;
  const st = result.stages.find((s) => s.id === 'federation-match');
  return st?.status === 'fail' && st.code ? { failedWith: st.code } : p;
}

/**
 * Solved when the token carries the environment subject, the learner saw the match fail for it, and the
 * credential now matches (every stage to the access token passes).
 */
export function checkEnvironmentExercise(result: ChainResult, p: EnvironmentProgress): CheckOutcome {
  const sub = tokenSubject(result);
  if (sub !== PRODUCTION_SUBJECT) {
    if (result.outcome === 'granted') return { solved: false, detail: `The job is granted; its token’s subject is \`${sub ?? 'not minted'}\`. Add the environment to the job.` };
    return { solved: false, detail: `The chain is ${describeResult(result)}; the token’s subject is \`${sub ?? 'not minted'}\`.` };
  }
  if (!stagePassed(result, 'federation-match')) {
    const code = result.stages.find((s) => s.id === 'federation-match')?.code;
    return { solved: false, detail: `The subject changed to \`${sub}\`, and the match fails${code ? ` with ${code}` : ''}. Now fix the credential.` };
  }
  if (!p.failedWith) return { solved: false, detail: 'The match passes, but you have not seen it fail yet: add the environment to the job first, with the credential still for main.' };
  if (!stagePassed(result, 'access-token')) return { solved: false, detail: `The match passes, but the chain is ${describeResult(result)}.` };
  return { solved: true, detail: `The match failed with ${p.failedWith}; with the credential’s subject set to the environment subject, Entra ID issues the access token.` };
}

export const GITHUB_ENV_EXERCISE: ExerciseText = {
  id: 'add-an-environment',
  title: 'Add an environment to the job',
  hints: [
    'Under `deploy:` (indented like `runs-on:`), add the line `environment: production`.',
    'Read the token’s new `sub`: an environment wins over the branch, so the subject no longer names `refs/heads/main`.',
    'Set the credential’s subject to `repo:contoso/webapp:environment:production`, exactly, in lower case.',
  ],
  solution: 'jobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n\nCredential subject: repo:contoso/webapp:environment:production',
  solutionNote: 'GitHub builds the subject from how the job runs: with an environment it is `…:environment:<name>`, whatever the branch. A credential for the branch then no longer matches (AADSTS700213); in real life you add a second credential for the environment, or change its entity type.',
};

// ---------------------------------------------------------------------------------------------------
// /learn/beyond-eks/: the second credential, for an EKS cluster

/** One choice offered for the EKS credential's issuer or subject, with why it is or is not right. */
export interface Choice {
  value: string;
  label: string;
}

/** Issuers offered: the EKS one byte for byte, then three near misses from the scenarios (ref. §2.2). */
export const EKS_ISSUER_CHOICES: readonly Choice[] = [
  { value: 'https://token.actions.githubusercontent.com', label: 'GitHub’s issuer (the one the first credential uses)' },
  { value: `${EKS_DEFAULT_ISSUER}/`, label: 'The EKS issuer with a trailing slash' },
  { value: EKS_DEFAULT_ISSUER.replace(/\/id\/(.+)$/, (_m, id: string) => `/id/${id.toLowerCase()}`), label: 'The EKS issuer with the ID in lower case' },
  { value: EKS_DEFAULT_ISSUER, label: 'The EKS issuer as aws eks describe-cluster prints it' },
];

/** Subjects offered: the ServiceAccount's, the GitHub one, a wrong namespace. */
export const EKS_SUBJECT_CHOICES: readonly Choice[] = [
  { value: MAIN_SUBJECT, label: 'The GitHub subject (the one the first credential uses)' },
  { value: 'system:serviceaccount:default:my-app-sa', label: 'The ServiceAccount in namespace default' },
  { value: 'system:serviceaccount:dev:my-app-sa', label: 'The ServiceAccount my-app-sa in namespace dev' },
];

/**
 * The EKS world with the identity holding two credentials: the GitHub one (unchanged) and an EKS one with
 * the chosen issuer and subject; audience api://AzureADTokenExchange for both.
 */
export function eksLessonWorld(issuer: string, subject: string): EksEntraWorld {
  const w = defaultEksWorld();
  const eks = { ...w.identity.federatedCredentials[0]!, name: 'eks-dev-my-app', issuer, subject };
  const github = { ...defaultGithubFederatedCredential() };
  return { ...w, identity: { ...w.identity, federatedCredentials: [github, eks] } };
}

/** Solved when the engine's credential match passes and the access token is issued. */
export function checkEksChoice(result: ChainResult): CheckOutcome {
  if (stagePassed(result, 'federation-match') && stagePassed(result, 'access-token')) {
    return { solved: true, detail: 'Entra ID found the EKS credential: same identity, same audience, the cluster’s issuer and the ServiceAccount’s subject.' };
  }
  const st = result.stages.find((s) => s.id === 'federation-match');
  if (st?.status === 'fail') return { solved: false, detail: `No credential matches the pod’s token${st.code ? `: ${st.code}` : ''}.` };
  return { solved: false, detail: `The chain is ${describeResult(result)}.` };
}

export const EKS_EXERCISE: ExerciseText = {
  id: 'trust-an-eks-cluster',
  title: 'Trust an EKS cluster too',
  hints: [
    'The pod’s token says who issued it (`iss`) and who it is about (`sub`): the credential must hold those two values.',
    'EKS issuers have no trailing slash, and the OIDC ID is upper-case hex: copy it, do not retype it.',
    'The subject is the Kubernetes one, `system:serviceaccount:<namespace>:<name>`, for the pod’s namespace dev.',
  ],
  solution: `Issuer: ${EKS_DEFAULT_ISSUER}\nSubject: system:serviceaccount:dev:my-app-sa\nAudience: api://AzureADTokenExchange`,
  solutionNote: 'Entra ID does not care which cloud runs the workload: it checks the issuer it can discover, the exact subject and the audience. One identity can hold up to 20 such credentials.',
};

/**
 * Every exercise of the course, by id: the eight AKS ones (exercises.ts) plus the two "Beyond AKS" ones.
 * Kept here so that the AKS lesson islands do not bundle the github-entra and eks-entra modules.
 */
export const COURSE_EXERCISES: Record<string, ExerciseText> = { ...EXERCISES, [GITHUB_ENV_EXERCISE.id]: GITHUB_ENV_EXERCISE, [EKS_EXERCISE.id]: EKS_EXERCISE };
