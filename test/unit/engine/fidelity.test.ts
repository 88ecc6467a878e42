/**
 * Fidelity audit: each test pins one rule or message text to what the real systems do, as recorded in
 * shared/reference/workload-identity.md (section named in each test) and the public reports it cites.
 * Each of these failed on the code before the audit fixed it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, defaultWorld, runChain, type ChainResult, type KeyStore } from '../../../src/engine/index.ts';
import { deepMerge } from '../../../src/engine/merge.ts';
import { WorldSchema } from '../../../src/engine/schema.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const SUBJECT = 'system:serviceaccount:dev:my-app-sa';

let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

async function run(patch: Record<string, unknown> = {}): Promise<ChainResult> {
  return runChain(WorldSchema.parse(deepMerge(defaultWorld(), patch)), { now: NOW, keys });
}

function fic(over: Record<string, unknown> = {}) {
  return { identity: { federatedCredentials: [{ ...defaultWorld().identity.federatedCredentials[0], ...over }] } };
}

describe('Entra ID message texts (reference D3, error catalogue)', () => {
  it('AADSTS7002138 prints the wording Entra ID returns (Azure/login #515), not the AADSTS700211 "Please check" tail', async () => {
    const r = await run(fic({ subject: 'system:serviceaccount:dev:My-App-SA' }));
    const s = r.stages.find((x) => x.id === 'federation-match')!;
    expect(s.message).toBe(
      `AADSTS7002138: No matching federated identity record found for presented assertion subject '${SUBJECT}'. ` +
        'The subject matches with case-insensitive comparison, but not with case-sensitive comparison. ' +
        'Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ' +
        'See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. ' +
        'See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.',
    );
  });
});

describe('write-time refusals of federated credentials (reference C3; real-world case C15)', () => {
  const base = () => defaultWorld().identity.federatedCredentials[0]!;

  it('a bad name prints exactly the ARM text, nothing appended', async () => {
    const r = await run(fic({ name: '-bad' }));
    expect(r.configErrors).toEqual([{ code: 'BadRequest', message: "Federated Identity Credential name '-bad' is invalid.", path: 'identity.federatedCredentials[0].name', rule: expect.stringContaining('3 to 120 characters') }]);
  });

  it('a duplicate issuer + subject prints exactly the ARM text, nothing appended', async () => {
    const r = await run({ identity: { federatedCredentials: [base(), { ...base(), name: 'again' }] } });
    expect(r.configErrors).toEqual([
      { code: 'BadRequest', message: 'Issuer and subject combination already exists for this Managed Identity.', path: 'identity.federatedCredentials[1]' },
    ]);
  });

  it('the 21st credential is a 400 BadRequest whose exact code and text are marked uncertain, not an invented code', async () => {
    const fics = Array.from({ length: 21 }, (_, i) => ({ ...base(), name: `fic-${i}`, subject: `system:serviceaccount:ns${i}:sa` }));
    const r = await run({ identity: { federatedCredentials: fics } });
    expect(r.configErrors).toHaveLength(1);
    expect(r.configErrors[0]!.code).toBe('BadRequest');
    expect(r.configErrors[0]!.uncertain).toMatch(/not captured/);
  });

  it('for an app registration, the texts recorded for a managed identity are marked uncertain', async () => {
    const r = await run({ identity: { kind: 'app-registration', federatedCredentials: [base(), { ...base(), name: 'again' }] } });
    expect(r.configErrors[0]!.uncertain).toMatch(/app registration/);
  });

  it('a role assignment scope that is not a resource ID is refused with an uncertain code and text', async () => {
    const r = await run({ roleAssignments: [{ ...defaultWorld().roleAssignments[0]!, scope: 'kv-demo' }] });
    expect(r.configErrors.map((e) => [e.code, !!e.uncertain])).toEqual([['InvalidScope', true]]);
  });
});

describe('error catalogue uncertainty (reference D3)', () => {
  it('AADSTS70023: the error field seen in reports varies and the HTTP status was not captured, and the entry says so', async () => {
    const { ERROR_CATALOGUE } = await import('../../../src/engine/errors.ts');
    const u = ERROR_CATALOGUE.AADSTS70023!.uncertain ?? '';
    expect(u).toMatch(/invalid_client/);
    expect(u).toMatch(/HTTP status was not captured/);
    // ...and a failing stage carries that note to the UI.
    const r = await run({ token: { claims: { iat: null } } });
    expect(r.stages.find((s) => s.id === 'client-lookup')!.uncertain).toBe(u);
  });
});

describe('error catalogue uncertainty (reference D3), AADSTS700016', () => {
  it('says that the error field is reported as unauthorized_client or invalid_client', async () => {
    const { ERROR_CATALOGUE } = await import('../../../src/engine/errors.ts');
    expect(ERROR_CATALOGUE.AADSTS700016!.uncertain).toMatch(/unauthorized_client.*invalid_client/);
  });
});

describe('what the SDK prints when the webhook skipped the pod (reference B4, G; azure-sdk-for-go workload_identity.go)', () => {
  const GO_NO_CLIENT = 'no client ID specified. Check pod configuration or set ClientID in the options';
  it('no use label: the Go SDK construction error for the missing client ID, not an invented sentence', async () => {
    const r = await run({ pod: { labels: { 'azure.workload.identity/use': null } } });
    expect(r.stages[0]!.message).toBe(GO_NO_CLIENT);
  });
  it('pod created before the label, and app container listed in skip-containers: the same real text', async () => {
    const before = await run({ pod: { createdBeforeWebhookLabel: true } });
    expect(before.stages[0]!.message).toBe(GO_NO_CLIENT);
    const skipped = await run({ pod: { annotations: { 'azure.workload.identity/skip-containers': 'app' } } });
    expect(skipped.stages[0]!.message).toBe(GO_NO_CLIENT);
  });
  it('when the app passes its client ID itself, the next missing setting is the token file', async () => {
    const r = await run({ pod: { labels: { 'azure.workload.identity/use': null } }, request: { clientId: defaultWorld().identity.clientId } });
    expect(r.stages[0]!.message).toBe('no token file specified. Check pod configuration or set TokenFilePath in the options');
  });
});

describe('an in-cluster issuer (reference D2 step 3: matching before discovery, azure-workload-identity #616)', () => {
  it('gives AADSTS700211 unless a credential names that issuer, and only then AADSTS50166; the catalogue says the same', async () => {
    const inCluster = defaultWorld().cluster.defaultIssuer;
    const plain = await run({ cluster: { oidcIssuer: { enabled: false } } });
    expect(plain.code).toBe('AADSTS700211');
    const named = await run({ cluster: { oidcIssuer: { enabled: false } }, ...fic({ issuer: inCluster }) });
    expect(named.code).toBe('AADSTS50166');
    const { ERROR_CATALOGUE } = await import('../../../src/engine/errors.ts');
    const cause = ERROR_CATALOGUE.AADSTS50166!.causes.find((c) => c.includes('in-cluster'))!;
    expect(cause).toMatch(/credential names an in-cluster issuer/);
    expect(cause).toContain('AADSTS700211');
  });
});

describe('when later Entra ID checks would fail too, the undocumented order is flagged (reference D2)', () => {
  it('the default API token: AADSTS70023 first in the simulator, and its audience would also fail the match (AADSTS700212)', async () => {
    const r = await run({ token: { audience: 'https://kubernetes.default.svc.cluster.local', expirationSeconds: 3607, claims: { exp: 1800007200 } } });
    expect(r.code).toBe('AADSTS70023');
    const u = r.stages.find((s) => s.id === 'client-lookup')!.uncertain!;
    expect(u).toContain('AADSTS700212');
    expect(u).toMatch(/does not document the order/);
  });

  it('a token signed with a retired key that has also expired: AADSTS7000272, noting AADSTS700024', async () => {
    const r = await run({
      cluster: { signingKeys: [{ name: 'sa-key-1', published: false }, { name: 'sa-key-2', published: true }] },
      token: { issuedSecondsAgo: 7200 },
    });
    expect(r.code).toBe('AADSTS7000272');
    expect(r.stages.find((s) => s.id === 'signature')!.uncertain).toContain('AADSTS700024');
  });

  it('no note when nothing later would fail', async () => {
    const r = await run(fic({ subject: 'system:serviceaccount:prod:my-app-sa' }));
    expect(r.code).toBe('AADSTS700213');
    expect(r.stages.find((s) => s.id === 'federation-match')!.uncertain ?? '').not.toMatch(/would also fail/);
  });
});
