/**
 * The view model of the static chain renderings (src/components/static/model.ts): the six boxes take
 * their status from the engine's stage results, the verdict line names the failing stage and code, and
 * the gallery's one-line summary is cut at a sentence.
 */
import { describe, expect, it } from 'vitest';
import { createKeyStore, defaultWorld, runChain } from '../../src/engine/index.ts';
import { githubEntra } from '../../src/engine/providers/github-entra/provider.ts';
import { CHAIN_NODES, chainNodes, firstSentence, messageLabel, verdictLine } from '../../src/components/static/model.ts';
import { STAGE_IDS, type World } from '../../src/engine/schema.ts';
import '../../src/engine/providers/registry.ts';
import { defaultIrsaWorld } from '../../src/engine/providers/eks-irsa/defaults.ts';
import type { IrsaWorld } from '../../src/engine/providers/eks-irsa/schema.ts';

const now = new Date('2026-01-15T10:00:00Z');

describe('chainNodes', () => {
  it('maps every stage to exactly one of the six boxes', () => {
    expect(CHAIN_NODES.map((n) => n.name)).toEqual(['Pod', 'ServiceAccount', 'OIDC issuer', 'Entra ID', 'Managed identity', 'Azure resource']);
    expect(CHAIN_NODES.flatMap((n) => n.stages).sort()).toEqual([...STAGE_IDS].sort());
  });

  it('shows every box passed for the healthy world', async () => {
    const r = await runChain(defaultWorld(), { now, keys: createKeyStore() });
    expect(chainNodes(r).map((n) => n.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(verdictLine(r)).toBe('Granted');
  });

  it('marks the box of the failing stage failed with its code, later boxes skipped', async () => {
    const w = defaultWorld();
    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:prod:my-app-sa';
    const r = await runChain(w, { now, keys: createKeyStore() });
    expect(r.failedStage).toBe('federation-match');
    const nodes = chainNodes(r);
    expect(nodes.map((n) => n.status)).toEqual(['pass', 'pass', 'skipped', 'fail', 'skipped', 'skipped']);
    expect(nodes[3]!.code).toBe(r.code);
    expect(verdictLine(r)).toBe(`Denied at ${r.stages.find((s) => s.id === 'federation-match')!.title} — ${r.code}`);
  });

  it('calls a box whose first stages passed and a later one was skipped "partial"', async () => {
    const w = defaultWorld();
    w.cluster.signingKeys = [{ name: 'sa-key-1', published: false }];
    const r = await runChain(w, { now, keys: createKeyStore() });
    expect(r.failedStage).toBe('signature');
    const byId = Object.fromEntries(chainNodes(r).map((n) => [n.id, n.status]));
    expect(byId).toEqual({ pod: 'pass', sa: 'pass', issuer: 'fail', entra: 'partial', mi: 'skipped', resource: 'skipped' });
  });
});

describe('firstSentence', () => {
  it('keeps the first sentence, not cut at abbreviations or inside URLs', () => {
    expect(firstSentence('The FIC says dev. The pod runs in prod.')).toBe('The FIC says dev.');
    expect(firstSentence('Uses api://AzureADTokenExchange as aud, e.g. in the token. Then more.')).toBe('Uses api://AzureADTokenExchange as aud, e.g. in the token.');
  });

  it('cuts a long sentence at a word and marks it', () => {
    const s = firstSentence(`${'word '.repeat(60)}end.`, 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.endsWith('…')).toBe(true);
    expect(firstSentence(undefined)).toBe('');
  });

  it('is plain text: code spans lose their backticks, also when the cut falls inside one', () => {
    expect(firstSentence('Run `kubectl get pods` first. Then more.')).toBe('Run kubectl get pods first.');
    const cut = firstSentence('A nightly job gets its token from `kubectl create token my-app --duration 48h` and uses it.', 50);
    expect(cut).toBe('A nightly job gets its token from kubectl create…');
    expect(cut).not.toContain('`');
  });
});

describe('messageLabel', () => {
  const failing = async (change: (w: ReturnType<typeof defaultWorld>) => void) => {
    const w = defaultWorld();
    change(w);
    const r = await runChain(w, { now, keys: createKeyStore() });
    return r.stages.find((s) => s.id === r.failedStage)!;
  };

  it('says the app sees the message when the SDK finds no usable configuration (no service was asked)', async () => {
    const s = await failing((w) => {
      delete w.pod.labels['azure.workload.identity/use'];
    });
    expect(s.id).toBe('admission');
    expect(s.error).toBe('CredentialUnavailableError');
    expect(messageLabel(s)).toBe('What the app sees (Azure Identity SDK)');
  });

  it('names the Kubernetes API server, Entra ID or the Azure service when one of them answers', async () => {
    const webhook = await failing((w) => {
      w.pod.annotations['azure.workload.identity/service-account-token-expiration'] = '60';
    });
    expect(webhook.httpStatus).toBe(400);
    expect(messageLabel(webhook)).toBe('What the Kubernetes API server answers');
    const fic = await failing((w) => {
      w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:prod:my-app-sa';
    });
    expect(messageLabel(fic)).toBe('What Entra ID answers');
    const rbac = await failing((w) => {
      w.roleAssignments = [];
    });
    expect(rbac.id).toBe('authorization');
    expect(messageLabel(rbac)).toBe('What the Azure service answers');
  });

  it('names the workflow run\'s log, not Kubernetes, for a GitHub job\'s own stages (azure/login prints them)', async () => {
    const w = githubEntra.defaultWorld();
    w.github.permissions.idToken = 'none';
    const r = await runChain(w as unknown as World, { now, keys: createKeyStore(), provider: 'github-entra' });
    const s = r.stages.find((x) => x.id === r.failedStage)!;
    expect(s.id).toBe('admission');
    expect(s.message).toContain('Please make sure to give write permissions to id-token in the workflow.');
    expect(messageLabel(s, r.provider)).toBe('What the workflow run’s log shows');
    expect(messageLabel(s)).toBe('What Kubernetes reports');
    const fic = { ...s, id: 'federation-match' as const };
    expect(messageLabel(fic, 'github-entra')).toBe('What Entra ID answers');
  });
});

describe('eks-irsa: the relying cloud named from the provider labels, not as Entra ID', () => {
  const irsa = (change: (w: IrsaWorld) => void = () => {}) => {
    const w = defaultIrsaWorld();
    change(w);
    return runChain(w as unknown as World, { now, keys: createKeyStore(), provider: 'eks-irsa' });
  };

  it('labels an STS refusal "What AWS STS answers" and a resource refusal "What the AWS service answers"', async () => {
    const sts = await irsa((w) => {
      w.role.trustPolicy = { Version: '2012-10-17', Statement: [] };
    });
    const failedSts = sts.stages.find((s) => s.id === sts.failedStage)!;
    expect(failedSts.id).toBe('federation-match');
    expect(messageLabel(failedSts, sts.provider)).toBe('What AWS STS answers');
    const s3 = await irsa((w) => {
      w.role.permissionPolicies = [];
    });
    const failedS3 = s3.stages.find((s) => s.id === s3.failedStage)!;
    expect(failedS3.id).toBe('authorization');
    expect(messageLabel(failedS3, s3.provider)).toBe('What the AWS service answers');
    // Without the provider, the Entra wording (every other provider).
    expect(messageLabel(failedSts)).toBe('What Entra ID answers');
  });

  it('names the cloud boxes of the diagram AWS STS, Temporary credentials, AWS resource', async () => {
    const r = await irsa();
    const names = chainNodes(r).map((n) => n.name);
    expect(names.slice(3)).toEqual(['AWS STS', 'Temporary credentials', 'AWS resource']);
    expect(chainNodes(r).find((n) => n.id === 'entra')!.role).toBe('IAM role trust policy');
    expect(names.join(' ')).not.toMatch(/Entra|Azure|Managed identity/);
  });
});
