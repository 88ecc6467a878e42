/**
 * For a pasted GitHub Actions token: which `sub` a federated identity credential needs for this job, why
 * GitHub built that form, and, for a credential that does not match, what the difference in FORM means
 * (a credential for an environment while the job has none, for pull_request while the run was a push).
 *
 * Rules (../shared/reference/other-providers.md §1.3, from the GitHub OIDC reference "Example subject
 * claims", https://docs.github.com/en/actions/reference/security/oidc , and Azure/login #379, #453):
 * - default template: a job that references an `environment` gets `repo:<owner>/<repo>:environment:<env>`
 *   (it wins over everything else); else a `pull_request` event gets `repo:<owner>/<repo>:pull_request`;
 *   else `repo:<owner>/<repo>:ref:<ref>` (refs/heads/<branch> or refs/tags/<tag>);
 * - immutable subject claims (2026) put IDs in the repo segment: `repo:<owner>@<id>/<repo>@<id>:…`;
 * - an organisation or repository can customise the template: `key:value` pairs joined with `:`;
 * - Entra ID compares the credential's subject with `sub` exactly, case included (AADSTS700213 /
 *   AADSTS7002138).
 * Pure: reads the decoded payload only.
 */
import { isPlainObject } from '../merge.ts';

/** The form of a GitHub `sub`. */
export type GithubSubjectForm = 'environment' | 'pull_request' | 'branch' | 'tag' | 'ref' | 'custom';

/** A parsed default-template subject. */
export interface ParsedGithubSubject {
  form: GithubSubjectForm;
  /** `<owner>/<repo>` as written in the subject (may carry `@<id>` parts); absent for a custom template. */
  repo?: string;
  /** The environment name, branch or tag name, or full ref, for those forms. */
  value?: string;
}

const DEFAULT_FORM = /^repo:([^:]+\/[^:]+):(?:environment:(.+)|(pull_request)|ref:(refs\/.+))$/;

/** Reads a subject in GitHub's default template; anything else is `custom`. */
export function parseGithubSubject(sub: string): ParsedGithubSubject {
  const m = DEFAULT_FORM.exec(sub);
  if (!m) return { form: 'custom' };
  const repo = m[1];
  if (m[2] !== undefined) return { form: 'environment', repo, value: m[2] };
  if (m[3] !== undefined) return { form: 'pull_request', repo };
  const ref = m[4]!;
  if (ref.startsWith('refs/heads/')) return { form: 'branch', repo, value: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { form: 'tag', repo, value: ref.slice('refs/tags/'.length) };
  return { form: 'ref', repo, value: ref };
}

/** One credential subject whose form differs from the job's, and what that means. */
export interface GithubFormMismatch {
  credential: string;
  subject: string;
  explanation: string;
}

/** What /inspect/ and `inspect` say about a GitHub Actions token's subject. */
export interface GithubSubjectAdvice {
  /** The subject a credential needs for this job: the token's `sub`, byte for byte. */
  needed: string;
  form: GithubSubjectForm;
  /** Why GitHub built this form, from the token's other claims (environment, event_name, ref). */
  reason: string;
  /** Notes: immutable IDs, a customised template, claims that disagree with the subject. */
  notes: string[];
  /** Credentials (when pasted) whose subject is for another kind of run than this job. */
  formMismatches: GithubFormMismatch[];
}

function describe(p: ParsedGithubSubject): string {
  switch (p.form) {
    case 'environment': return `a job that references the environment "${p.value}"`;
    case 'pull_request': return 'a pull_request run (a job with no environment)';
    case 'branch': return `a run on the branch "${p.value}" (a job with no environment)`;
    case 'tag': return `a run on the tag "${p.value}" (a job with no environment)`;
    case 'ref': return `a run on ${p.value} (a job with no environment)`;
    default: return 'a customised subject template';
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The subject advice for a GitHub Actions token, or undefined when `payload` has no string `sub`.
 * @param credentials the pasted credentials' names and subjects (may be empty).
 */
export function githubSubjectAdvice(payload: Record<string, unknown> | undefined, credentials: readonly { name: string; subject: string }[] = []): GithubSubjectAdvice | undefined {
  if (!isPlainObject(payload)) return undefined;
  const sub = str(payload.sub);
  if (!sub) return undefined;
  const parsed = parseGithubSubject(sub);
  const env = str(payload.environment);
  const event = str(payload.event_name);
  const ref = str(payload.ref);
  const notes: string[] = [];
  let reason: string;
  switch (parsed.form) {
    case 'environment':
      reason = `The job references the environment "${parsed.value}", so GitHub's default template uses the environment form; it wins over the branch, tag and event.`;
      if (env !== undefined && env !== parsed.value) notes.push(`The token's environment claim is "${env}" but the subject names "${parsed.value}": the token was edited, or a template is in force.`);
      break;
    case 'pull_request':
      reason = 'The run was triggered by a pull_request event and the job has no environment, so the subject is the pull_request form (no branch in it).';
      break;
    case 'branch':
    case 'tag':
    case 'ref':
      reason = `The job has no environment and the run is ${event === 'pull_request' ? 'a pull_request' : `on ${parsed.value ?? ref}`}, so the subject is the ref form.`;
      if (env !== undefined) notes.push(`The token has an environment claim ("${env}") but the subject is the ref form: a customised template or an edited token; GitHub's default template would use environment:${env}.`);
      break;
    default:
      reason = 'This subject is not in GitHub\'s default template (repo:<owner>/<repo>:…): the organisation or repository customised the subject template (key:value pairs joined with ":"). A credential needs this exact string.';
  }
  if (parsed.repo && /@\d+/.test(parsed.repo)) {
    notes.push('The repository segment carries numeric IDs (<owner>@<id>/<repo>@<id>): immutable subject claims are on for this repository. A credential written with names only will not match.');
  }
  notes.push('Entra ID compares the credential\'s subject with sub exactly, case included (AADSTS700213, or AADSTS7002138 when only the case differs).');
  const formMismatches: GithubFormMismatch[] = [];
  for (const c of credentials) {
    if (c.subject === sub) continue;
    const other = parseGithubSubject(c.subject);
    if (other.form === parsed.form || other.form === 'custom' || parsed.form === 'custom') continue;
    const fix = other.form === 'environment' && parsed.form !== 'environment'
      ? ` Either add the line "environment: ${other.value}" to the job (then GitHub sends ${parsed.repo ? `repo:${parsed.repo}:environment:${other.value}` : 'the environment form'}), or set the credential's subject to ${sub}.`
      : ` Set the credential's subject to ${sub}, or add a credential for it.`;
    formMismatches.push({ credential: c.name, subject: c.subject, explanation: `This credential is for ${describe(other)}; this token comes from ${describe(parsed)}.${fix}` });
  }
  return { needed: sub, form: parsed.form, reason, notes, formMismatches };
}
