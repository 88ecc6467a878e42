/**
 * The "Beyond AKS" exercises, run through the real engine (github-entra and eks-entra providers): each
 * starts unsolved, the documented solution solves it, and the near misses stay unsolved with the codes the
 * reference gives (other-providers.md §1.3: AADSTS700213 for an entity-type mismatch, AADSTS7002138 for a
 * case-only difference; §2.2 and the eks-* scenarios: AADSTS700211 for an issuer byte difference).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, type ChainResult, type KeyStore, type World } from '../../src/engine/index.ts';
import { runProvider } from '../../src/engine/chain.ts';
import { githubEntra } from '../../src/engine/providers/github-entra/provider.ts';
import { eksEntra } from '../../src/engine/providers/eks-entra/index.ts';
import {
  checkEksChoice,
  COURSE_EXERCISES,
  checkEnvironmentExercise,
  EKS_EXERCISE,
  EKS_ISSUER_CHOICES,
  EKS_SUBJECT_CHOICES,
  eksLessonWorld,
  GITHUB_ENV_EXERCISE,
  githubLessonWorld,
  githubStartWorkflow,
  MAIN_SUBJECT,
  PRODUCTION_SUBJECT,
  recordEnvironmentRun,
  tokenSubject,
} from '../../src/components/learn/exercises-beyond.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

async function runGithub(workflow: string, subject: string): Promise<ChainResult> {
  const w = githubLessonWorld(workflow, subject);
  if (!w.ok) throw new Error(JSON.stringify(w.issues));
  return runProvider(githubEntra, w.world as unknown as World, { now: NOW, keys });
}
const withEnvironment = (wf: string) => wf.replace('  deploy:\n', '  deploy:\n    environment: production\n');

describe('add-an-environment (github-entra)', () => {
  it('starts granted with the branch subject, so it is not solved', async () => {
    const r = await runGithub(githubStartWorkflow(), MAIN_SUBJECT);
    expect(r.outcome).toBe('granted');
    expect(tokenSubject(r)).toBe(MAIN_SUBJECT);
    expect(checkEnvironmentExercise(r, recordEnvironmentRun({}, r)).solved).toBe(false);
  });

  it('the environment line changes the subject and the match fails with AADSTS700213', async () => {
    const wf = withEnvironment(githubStartWorkflow());
    expect(wf).toContain('environment: production');
    const r = await runGithub(wf, MAIN_SUBJECT);
    expect(tokenSubject(r)).toBe(PRODUCTION_SUBJECT);
    expect(r.failedStage).toBe('federation-match');
    expect(r.code).toBe('AADSTS700213');
    const p = recordEnvironmentRun({}, r);
    expect(p.failedWith).toBe('AADSTS700213');
    const c = checkEnvironmentExercise(r, p);
    expect(c.solved).toBe(false);
    expect(c.detail).toContain('AADSTS700213');
  });

  it('fixing the credential solves it, after the failure was seen', async () => {
    const wf = withEnvironment(githubStartWorkflow());
    const p = recordEnvironmentRun({}, await runGithub(wf, MAIN_SUBJECT));
    const fixed = await runGithub(wf, PRODUCTION_SUBJECT);
    expect(fixed.outcome).toBe('granted');
    expect(checkEnvironmentExercise(fixed, recordEnvironmentRun(p, fixed)).solved).toBe(true);
    // Without having seen the failure, the same final state is not yet "solved".
    expect(checkEnvironmentExercise(fixed, {}).solved).toBe(false);
  });

  it('a credential subject cased differently fails with AADSTS7002138', async () => {
    const r = await runGithub(withEnvironment(githubStartWorkflow()), 'repo:contoso/webapp:environment:Production');
    expect(r.code).toBe('AADSTS7002138');
    expect(checkEnvironmentExercise(r, { failedWith: 'AADSTS700213' }).solved).toBe(false);
  });

  it('bad input gives located issues instead of a world', () => {
    const bad = githubLessonWorld('jobs:\n  deploy: [\n', MAIN_SUBJECT);
    expect(bad.ok).toBe(false);
    expect(githubLessonWorld(githubStartWorkflow(), '').ok).toBe(false);
    expect(githubLessonWorld(githubStartWorkflow(), 'x'.repeat(601)).ok).toBe(false);
  });
});

describe('trust-an-eks-cluster (eks-entra)', () => {
  const run = (issuer: string, subject: string) => runProvider(eksEntra, eksLessonWorld(issuer, subject) as unknown as World, { now: NOW, keys });

  it('the identity holds two credentials with different issuer and subject, same audience', () => {
    const fics = eksLessonWorld(EKS_ISSUER_CHOICES[3]!.value, EKS_SUBJECT_CHOICES[2]!.value).identity.federatedCredentials;
    expect(fics).toHaveLength(2);
    expect(new Set(fics.map((f) => f.issuer)).size).toBe(2);
    expect(new Set(fics.map((f) => f.subject)).size).toBe(2);
    expect(fics.every((f) => f.audiences.length === 1 && f.audiences[0] === 'api://AzureADTokenExchange')).toBe(true);
  });

  it('only the EKS issuer as printed plus the dev ServiceAccount subject solves it', async () => {
    const solved: string[] = [];
    for (const i of EKS_ISSUER_CHOICES) {
      for (const s of EKS_SUBJECT_CHOICES) {
        const r = await run(i.value, s.value);
        if (checkEksChoice(r).solved) solved.push(`${i.value} ${s.value}`);
        else expect(r.failedStage).toBe('federation-match');
      }
    }
    expect(solved).toEqual(['https://oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B system:serviceaccount:dev:my-app-sa']);
    expect(EKS_EXERCISE.solution).toContain('https://oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B');
  });

  it('near misses fail with the code the eks scenarios expect', async () => {
    const dev = EKS_SUBJECT_CHOICES[2]!.value;
    expect((await run(EKS_ISSUER_CHOICES[1]!.value, dev)).code).toBe('AADSTS700211'); // trailing slash
    expect((await run(EKS_ISSUER_CHOICES[2]!.value, dev)).code).toBe('AADSTS700211'); // lower-case ID
  });
});

describe('exercise registry', () => {
  it('lists the beyond exercises with the others', () => {
    expect(Object.keys(COURSE_EXERCISES)).toHaveLength(10);
    expect(COURSE_EXERCISES[GITHUB_ENV_EXERCISE.id]).toBe(GITHUB_ENV_EXERCISE);
    expect(COURSE_EXERCISES[EKS_EXERCISE.id]).toBe(EKS_EXERCISE);
  });
});
