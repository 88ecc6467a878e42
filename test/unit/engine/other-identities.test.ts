/**
 * `world.otherIdentities`: identities that exist in the directory besides `world.identity`. When the
 * pod presents one of THEIR client IDs (stale AZURE_CLIENT_ID, wrong annotation, app option), Entra ID
 * finds that identity (no AADSTS700016) and matches the token against its federated credentials; if one
 * matches, the access token and the authorization are that identity's. Clock frozen.
 * Rules: shared/reference/workload-identity.md D2 (steps 1 and 3), C3; real case hmcts/sds-flux-config#3646.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  DEFAULT_CLIENT_ID,
  DEFAULT_ISSUER,
  DEFAULT_PRINCIPAL_ID,
  DEFAULT_TENANT_ID,
  DEFAULT_VAULT_ID,
  defaultWorld,
  parseScenario,
  runChain,
  simulate,
  type ChainResult,
  type KeyStore,
  type StageId,
  type StageResult,
  type World,
} from '../../../src/engine/index.ts';
import { deepMerge } from '../../../src/engine/merge.ts';
import { WorldSchema } from '../../../src/engine/schema.ts';
import { configErrors, credentialWrites } from '../../../src/engine/config.ts';
import { directoryIdentities, findClient, NO_CREDENTIALS_UNCERTAIN } from '../../../src/engine/chain.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const SUBJECT = 'system:serviceaccount:dev:my-app-sa';
const AUD = 'api://AzureADTokenExchange';
const CLIENT = 'azure.workload.identity/client-id';
const OLD_CLIENT = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
const OLD_PRINCIPAL = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';

let keys: KeyStore;
beforeAll(() => {
  keys = createKeyStore();
});

function world(patch: Record<string, unknown> = {}): World {
  return WorldSchema.parse(deepMerge(defaultWorld(), patch));
}

async function run(patch: Record<string, unknown> = {}): Promise<ChainResult> {
  return runChain(world(patch), { now: NOW, keys });
}

function stage(r: ChainResult, id: StageId): StageResult {
  const s = r.stages.find((x) => x.id === id);
  if (!s) throw new Error(`no stage ${id}`);
  return s;
}

/** A second identity; `fics` are its federated credentials (default: none). */
function other(fics: Record<string, unknown>[] | undefined = undefined, over: Record<string, unknown> = {}) {
  return { name: 'my-app-podid-mi', clientId: OLD_CLIENT, principalId: OLD_PRINCIPAL, ...(fics ? { federatedCredentials: fics } : {}), ...over };
}
const ficFor = (subject: string, issuer = DEFAULT_ISSUER, name = 'fic-other') => ({ name, issuer, subject, audiences: [AUD] });
/** The pod presents OLD_CLIENT through a pre-set AZURE_CLIENT_ID in the container spec. */
const envPreset = { pod: { containers: [{ name: 'app', env: { AZURE_CLIENT_ID: OLD_CLIENT } }] } };

describe('schema', () => {
  it('accepts otherIdentities with defaults (kind user-assigned, no credentials) and keeps it optional', () => {
    const w = world({ otherIdentities: [{ name: 'x-mi', clientId: OLD_CLIENT }] });
    expect(w.otherIdentities).toEqual([{ kind: 'user-assigned', name: 'x-mi', clientId: OLD_CLIENT, federatedCredentials: [] }]);
    expect(world().otherIdentities).toBeUndefined();
  });

  it('rejects an unknown key inside an other identity (strict, like every world object)', () => {
    expect(() => world({ otherIdentities: [{ name: 'x-mi', clientId: OLD_CLIENT, clientID: 'typo' }] })).toThrow();
  });

  it('a scenario file can state otherIdentities in its partial world', () => {
    const s = parseScenario({ schema: 1, title: 't', world: { otherIdentities: [other()] } });
    expect(s.ok).toBe(true);
    if (s.ok) expect(s.world.otherIdentities?.map((o) => o.name)).toEqual(['my-app-podid-mi']);
  });

  it('directoryIdentities fills tenant (identity\'s) and a stable derived principal ID', () => {
    const w = world({ otherIdentities: [{ name: 'x-mi', clientId: OLD_CLIENT }] });
    const [main, x] = directoryIdentities(w);
    expect(main!.otherIndex).toBeUndefined();
    expect(x!.tenantId).toBe(DEFAULT_TENANT_ID);
    expect(x!.principalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(x!.principalId).not.toBe(DEFAULT_PRINCIPAL_ID);
    expect(directoryIdentities(w)[1]!.principalId).toBe(x!.principalId);
  });
});

describe('client lookup finds the identity the client ID names', () => {
  it('without otherIdentities an unknown client ID is AADSTS700016 (unchanged)', async () => {
    const r = await run(envPreset);
    expect([r.failedStage, r.code]).toEqual(['client-lookup', 'AADSTS700016']);
  });

  it('a client ID not among otherIdentities is still AADSTS700016', async () => {
    const r = await run({ ...envPreset, otherIdentities: [other(undefined, { clientId: '11111111-2222-4333-8444-555555555555' })] });
    expect([r.failedStage, r.code]).toEqual(['client-lookup', 'AADSTS700016']);
  });

  it('an existing other identity is found: client-lookup warns (not fails) and names it', async () => {
    const r = await run({ ...envPreset, otherIdentities: [other()] });
    const s = stage(r, 'client-lookup');
    expect(s.status).toBe('warn');
    expect(s.code).toBeUndefined();
    expect(s.summary).toContain('my-app-podid-mi');
    const c = s.checks.find((x) => x.name === 'client_id')!;
    expect(c.ok).toBe(false);
    expect(c.actual).toContain('my-app-podid-mi');
  });

  it('client IDs are GUIDs compared without regard to case', async () => {
    const r = await run({ pod: { containers: [{ name: 'app', env: { AZURE_CLIENT_ID: OLD_CLIENT.toUpperCase() } }] }, otherIdentities: [other()] });
    expect(r.failedStage).toBe('federation-match');
  });

  it('an other identity in another tenant is not found in the identity\'s tenant (AADSTS700016)', async () => {
    const r = await run({ ...envPreset, otherIdentities: [other(undefined, { tenantId: '99999999-8888-4777-8666-555555555555' })] });
    expect([r.failedStage, r.code]).toEqual(['client-lookup', 'AADSTS700016']);
    expect(findClient(world({ otherIdentities: [other()] }), OLD_CLIENT, DEFAULT_TENANT_ID)?.name).toBe('my-app-podid-mi');
  });
});

describe('federation match against the other identity\'s credentials', () => {
  it('no credentials at all: AADSTS700211, marked uncertain, fix points at the client ID (container env)', async () => {
    const r = await run({ ...envPreset, otherIdentities: [other()] });
    expect([r.outcome, r.failedStage, r.code]).toEqual(['denied', 'federation-match', 'AADSTS700211']);
    const s = stage(r, 'federation-match');
    expect(s.uncertain).toBe(NO_CREDENTIALS_UNCERTAIN);
    expect(s.checks[0]).toMatchObject({ name: 'identity whose credentials Entra ID searched', ok: false });
    expect(s.summary).toContain('no federated credentials at all');
    expect(s.fix).toContain('container spec sets AZURE_CLIENT_ID');
    expect(s.fix).toContain(DEFAULT_CLIENT_ID);
    expect(s.fix).toContain('my-app-mi has a credential that matches');
    expect(s.fix).not.toMatch(/Set the federated credential's issuer/);
  });

  it('a credential for another cluster\'s issuer: AADSTS700211 (not uncertain about "no credentials")', async () => {
    const r = await run({ ...envPreset, otherIdentities: [other([ficFor(SUBJECT, 'https://westeurope.oic.prod-aks.azure.com/x/y/')])] });
    expect(r.code).toBe('AADSTS700211');
    expect(stage(r, 'federation-match').uncertain).toBeUndefined();
  });

  it('a credential for another namespace (annotation copied): AADSTS700213, fix names the annotation', async () => {
    const r = await run({ serviceAccount: { annotations: { [CLIENT]: OLD_CLIENT } }, otherIdentities: [other([ficFor('system:serviceaccount:test:my-app-sa')])] });
    expect([r.failedStage, r.code]).toEqual(['federation-match', 'AADSTS700213']);
    const s = stage(r, 'federation-match');
    expect(s.fix).toContain(`ServiceAccount annotation ${CLIENT}`);
    expect(s.message).toContain(`subject '${SUBJECT}'`);
  });

  it('client ID passed as an app option: the fix says so', async () => {
    const r = await run({ request: { clientId: OLD_CLIENT }, otherIdentities: [other()] });
    expect(stage(r, 'federation-match').fix).toContain('own options');
  });

  it('when the intended identity would not match either, the fix says which code it would give', async () => {
    const r = await run({ ...envPreset, identity: { federatedCredentials: [ficFor('system:serviceaccount:prod:my-app-sa', DEFAULT_ISSUER, 'fic-prod')] }, otherIdentities: [other()] });
    const s = stage(r, 'federation-match');
    expect(s.code).toBe('AADSTS700211');
    expect(s.fix).toContain("my-app-mi's own credentials would not match either (AADSTS700213)");
  });

  it('refused writes of the other identity\'s credentials are config errors with their path, and never match', async () => {
    const dup = [ficFor(SUBJECT, DEFAULT_ISSUER, 'first'), ficFor(SUBJECT, DEFAULT_ISSUER, 'second'), { ...ficFor(SUBJECT, DEFAULT_ISSUER, 'two-audiences'), audiences: [AUD, 'api://other'] }];
    const w = world({ otherIdentities: [other(), other(dup)] });
    const errs = configErrors(w);
    expect(errs.map((e) => e.path)).toEqual(['otherIdentities[1].federatedCredentials[1]', 'otherIdentities[1].federatedCredentials[2].audiences']);
    expect(credentialWrites(w, 1).map((x) => x.stored)).toEqual([true, false, false]);
    expect(credentialWrites(w, 5)).toEqual([]);
    expect(credentialWrites(w).map((x) => x.stored)).toEqual([true]);
  });
});

describe('a matching credential on the other identity: the pod acts as that identity', () => {
  const reports = { name: 'my-app-reports-mi', clientId: OLD_CLIENT, principalId: OLD_PRINCIPAL, federatedCredentials: [ficFor(SUBJECT)] };

  it('the access token is the other identity\'s, and Key Vault finds no role for it (ForbiddenByRbac)', async () => {
    const r = await run({ serviceAccount: { annotations: { [CLIENT]: OLD_CLIENT } }, otherIdentities: [reports] });
    expect([r.failedStage, r.code]).toEqual(['authorization', 'ForbiddenByRbac']);
    expect(stage(r, 'federation-match').status).toBe('warn');
    expect(stage(r, 'access-token').status).toBe('warn');
    expect(r.artifacts.accessToken).toMatchObject({ appid: OLD_CLIENT, oid: OLD_PRINCIPAL, sub: OLD_PRINCIPAL });
    const a = stage(r, 'authorization');
    expect(a.message).toContain(`appid=${OLD_CLIENT};oid=${OLD_PRINCIPAL}`);
    expect(a.fix).toContain(`ServiceAccount annotation ${CLIENT}`);
    expect(a.fix).not.toContain('az role assignment create');
  });

  it('granted when the other identity holds the role itself (the chain uses its principal ID)', async () => {
    const r = await run({
      serviceAccount: { annotations: { [CLIENT]: OLD_CLIENT } },
      otherIdentities: [reports],
      roleAssignments: [{ principalId: OLD_PRINCIPAL, role: 'Key Vault Secrets User', scope: DEFAULT_VAULT_ID }],
    });
    expect(r.outcome).toBe('granted');
    expect(stage(r, 'access-token').summary).toContain('from here on the pod acts as my-app-reports-mi');
  });

  it('the intended identity keeps working when the client ID is its own, whatever otherIdentities hold', async () => {
    const r = await run({ otherIdentities: [reports] });
    expect(r.outcome).toBe('granted');
    expect(r.stages.every((s) => s.status === 'pass')).toBe(true);
    expect(r.artifacts.accessToken).toMatchObject({ appid: DEFAULT_CLIENT_ID, oid: DEFAULT_PRINCIPAL_ID });
  });
});

describe('later Entra checks use the identity the client ID names', () => {
  it('a 26-hour token with another identity\'s client ID: AADSTS70023, and the uncertain note names that identity\'s match code', async () => {
    const r = await run({ ...envPreset, token: { expirationSeconds: 26 * 3600 }, otherIdentities: [other([ficFor('system:serviceaccount:test:my-app-sa')])] });
    expect(r.code).toBe('AADSTS70023');
    expect(stage(r, 'client-lookup').uncertain).toContain('AADSTS700213');
  });
});

describe('the named scenarios', () => {
  it('client-id-env-names-existing-identity and client-id-env-preset-in-manifest differ only by the old identity existing', async () => {
    const env = { containers: [{ name: 'app', env: { AZURE_CLIENT_ID: OLD_CLIENT } }] };
    const deleted = await simulate({ schema: 1, title: 'deleted', now: NOW.toISOString(), world: { pod: env } }, { keys });
    const exists = await simulate({ schema: 1, title: 'exists', now: NOW.toISOString(), world: { pod: env, otherIdentities: [other()] } }, { keys });
    expect(deleted.code).toBe('AADSTS700016');
    expect(exists.code).toBe('AADSTS700211');
  });
});
