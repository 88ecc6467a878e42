/**
 * Property tests (fast-check) of the chain's contract, over random partial worlds merged over the
 * default world: runChain never throws, always returns the nine stages in order, stops at the first
 * failure (everything after it skipped, nothing before it skipped), and its outcome / failedStage / code
 * agree with the stages. And simulate() on arbitrary input either throws ScenarioError or returns a
 * well-formed result. Clock frozen; one key store for the file, with a small fixed set of key names.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyStore,
  DEFAULT_CLIENT_ID,
  DEFAULT_ISSUER,
  DEFAULT_PRINCIPAL_ID,
  DEFAULT_SUBSCRIPTION_ID,
  DEFAULT_TENANT_ID,
  DEFAULT_VAULT_ID,
  defaultWorld,
  runChain,
  ScenarioError,
  simulate,
  STAGE_IDS,
  STAGE_TITLES,
  type ChainResult,
  type KeyStore,
} from '../../../src/engine/index.ts';
import { deepMerge } from '../../../src/engine/merge.ts';
import { WorldSchema } from '../../../src/engine/schema.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const SUBJECT = 'system:serviceaccount:dev:my-app-sa';
const AUD = 'api://AzureADTokenExchange';
const RG = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-demo`;
const KEY_NAMES = ['sa-key-1', 'sa-key-2', 'sa-key-3'] as const;
const STATUSES = ['pass', 'fail', 'skipped', 'warn'];

let keys: KeyStore;
beforeAll(async () => {
  keys = createKeyStore();
  for (const k of KEY_NAMES) await keys.get(k); // generate the RSA keys once, outside the timed runs
});

// ---------------------------------------------------------------------------------------------------
// Arbitraries: only the fields that matter, mixing realistic values, near misses and random strings.

/** A value, or null (which the merge turns into "remove this key"). */
const orNull = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
const someString = fc.string({ maxLength: 24 });
const seconds = fc.oneof(
  fc.integer({ min: -100_000, max: 200_000 }),
  fc.constantFrom(0, 59, 60, 599, 600, 3599, 3600, 3607, 86400, 90000, 2 ** 32, 2 ** 32 + 1),
  fc.maxSafeInteger(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
);
/** Ages ("created N seconds ago") are never negative: the schema rejects that. */
const ageSeconds = fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constantFrom(0, 59, 60, 599, 600, 86400, 90000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const expiryAnnotation = fc.oneof(fc.constantFrom('600', '3600', '7200', '86400', '86401', '', ' 3600', '1e4', '-1'), fc.integer().map(String), someString);

const issuerArb = fc.oneof(
  fc.constant(DEFAULT_ISSUER),
  fc.constant(DEFAULT_ISSUER.slice(0, -1)),
  fc.constant(DEFAULT_ISSUER.toUpperCase()),
  fc.constant(`${DEFAULT_ISSUER} `),
  fc.constant('https://kubernetes.default.svc.cluster.local'),
  someString,
);
const subjectArb = fc.oneof(
  fc.constant(SUBJECT),
  fc.constant(SUBJECT.toUpperCase()),
  fc.constant('system:serviceaccount:prod:my-app-sa'),
  someString,
);
const audienceArb = fc.oneof(fc.constant(AUD), fc.constant('api://AzureADTokenExchangeChina'), fc.constant('api://AzureADMyOrg'), someString);
const ficArb = fc.record({
  name: fc.oneof(fc.constantFrom('aks-dev-my-app', 'a', '-x', 'ok_name-1'), someString),
  issuer: issuerArb,
  subject: subjectArb,
  audiences: fc.array(audienceArb, { maxLength: 2 }),
  createdSecondsAgo: ageSeconds,
});
const claimName = fc.oneof(fc.constantFrom('iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'kubernetes.io'), someString);
const claimValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(null),
  seconds.map((s) => NOW_S + s),
  fc.constantFrom(DEFAULT_ISSUER, SUBJECT, [AUD], AUD),
);
const claimsArb = fc.dictionary(claimName, claimValue, { maxKeys: 4 });
const guid = fc.uuid();
const clientIdArb = fc.oneof(fc.constant(DEFAULT_CLIENT_ID), guid, fc.constant(''), fc.constant(defaultWorld().identity.resourceId!), someString);
const tenantIdArb = fc.oneof(fc.constant(DEFAULT_TENANT_ID), guid, someString);
const scopeArb = fc.oneof(
  fc.constantFrom(
    'https://vault.azure.net/.default',
    'https://management.azure.com/.default',
    'https://storage.azure.com/.default',
    'https://vault.azure.net',
    'https://vault.azure.net/user_impersonation',
  ),
  someString,
);
const scopeIdArb = fc.oneof(
  fc.constantFrom(DEFAULT_VAULT_ID, RG, `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`, `${DEFAULT_VAULT_ID}-2`, DEFAULT_VAULT_ID.toUpperCase(), '/', ''),
  someString,
);
const roleArb = fc.oneof(
  fc.constantFrom('Key Vault Secrets User', 'Key Vault Secrets Officer', 'Owner', 'Reader', 'Contributor', 'Storage Blob Data Reader'),
  someString,
);

const req = { requiredKeys: [] as never[] };

/**
 * Like fc.record with every key optional, but each key is present only about a quarter of the time, so
 * that most generated worlds differ from the healthy one in a few places and the chain gets deep.
 */
function sparse<T extends Record<string, fc.Arbitrary<unknown>>>(fields: T): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([k, a]) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a })] as const);
  return fc.record(Object.fromEntries(entries)).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

/** A random partial world, shaped like the `world:` block of a scenario file. */
const partialWorld = sparse(
  {
    cluster: sparse(
      {
        oidcIssuer: sparse(
          {
            enabled: fc.boolean(),
            url: issuerArb,
            reachable: fc.boolean(),
            provisioned: fc.boolean(),
            discoveryIssuer: orNull(issuerArb),
          },
        ),
        defaultIssuer: issuerArb,
        signingKeys: fc.array(fc.record({ name: fc.constantFrom(...KEY_NAMES), published: fc.boolean() }), { maxLength: 3 }),
        workloadIdentityWebhook: sparse({ installed: fc.boolean(), tenantId: orNull(tenantIdArb) }),
        kubernetesVersion: fc.oneof(fc.constantFrom('1.28', '1.29', '1.30', '1.31', '1.33', '2.0'), someString),
      },
    ),
    serviceAccount: sparse(
      {
        namespace: fc.constantFrom('dev', 'prod', 'Dev'),
        name: fc.constantFrom('my-app-sa', 'other'),
        annotations: sparse(
          {
            'azure.workload.identity/client-id': orNull(clientIdArb),
            'azure.workload.identity/client_id': clientIdArb,
            'azure.workload.identity/tenant-id': orNull(tenantIdArb),
            'azure.workload.identity/service-account-token-expiration': orNull(expiryAnnotation),
          },
        ),
      },
    ),
    pod: sparse(
      {
        namespace: orNull(fc.constantFrom('dev', 'prod')),
        serviceAccountName: orNull(fc.constantFrom('my-app-sa', 'other')),
        labels: sparse(
          {
            'azure.workload.identity/use': orNull(fc.oneof(fc.constantFrom('true', 'True', 'false', ''), someString)),
            'azure-workload-identity/use': fc.constant('true'),
          },
        ),
        annotations: sparse({ 'azure.workload.identity/service-account-token-expiration': orNull(expiryAnnotation) }),
        containers: fc.array(fc.record({ name: fc.constant('app'), env: sparse({ AZURE_CLIENT_ID: clientIdArb, AZURE_TENANT_ID: tenantIdArb }) }), { maxLength: 2 }),
        createdBeforeWebhookLabel: fc.boolean(),
      },
    ),
    token: sparse(
      {
        audience: audienceArb,
        expirationSeconds: seconds,
        issuedSecondsAgo: seconds,
        signingKey: fc.oneof(fc.constantFrom(...KEY_NAMES), someString),
        claims: claimsArb,
        tamperedAfterSigning: fc.boolean(),
        tamperedClaims: orNull(claimsArb),
      },
    ),
    identity: sparse(
      {
        kind: fc.constantFrom('user-assigned', 'app-registration', 'system-assigned'),
        clientId: clientIdArb,
        principalId: fc.oneof(fc.constant(DEFAULT_PRINCIPAL_ID), guid),
        tenantId: tenantIdArb,
        federatedCredentials: fc.array(ficArb, { maxLength: 3 }),
      },
    ),
    request: sparse({ scope: scopeArb, clientId: orNull(clientIdArb), tenantId: orNull(tenantIdArb) }),
    resource: sparse(
      {
        kind: fc.constantFrom('key-vault-secret', 'storage-blob', 'arm'),
        id: scopeIdArb,
        permissionModel: fc.constantFrom('rbac', 'access-policy'),
        accessPolicies: fc.array(
          fc.record({ objectId: fc.oneof(fc.constant(DEFAULT_PRINCIPAL_ID), guid), secretPermissions: fc.array(fc.constantFrom('get', 'Get', 'list', 'all', 'set'), { maxLength: 3 }) }),
          { maxLength: 2 },
        ),
      },
    ),
    roleAssignments: fc.array(
      fc.record({ principalId: fc.oneof(fc.constant(DEFAULT_PRINCIPAL_ID), guid), role: roleArb, scope: scopeIdArb, createdSecondsAgo: ageSeconds }),
      { maxLength: 3 },
    ),
  },
);

// ---------------------------------------------------------------------------------------------------

/** Every contract invariant of a chain result. Throws (via expect) on the first violation. */
function checkContract(r: ChainResult) {
  expect(r.stages.map((s) => s.id)).toEqual([...STAGE_IDS]);
  for (const s of r.stages) {
    expect(STATUSES).toContain(s.status);
    expect(s.title).toBe(STAGE_TITLES[s.id]);
    expect(typeof s.summary).toBe('string');
    expect(Array.isArray(s.checks)).toBe(true);
    // An internal error is reported as a failed stage; no valid world may trigger one.
    expect(s.summary).not.toMatch(/internal error/);
  }
  const failing = r.stages.map((s, i) => [s, i] as const).filter(([s]) => s.status === 'fail');
  expect(failing.length).toBeLessThanOrEqual(1);
  if (failing.length === 0) {
    expect(r.outcome).toBe('granted');
    expect(r.failedStage).toBeUndefined();
    expect(r.code).toBeUndefined();
    expect(r.stages.some((s) => s.status === 'skipped')).toBe(false);
  } else {
    const [f, i] = failing[0]!;
    expect(r.outcome).toBe('denied');
    expect(r.failedStage).toBe(f.id);
    expect(r.code).toBe(f.code);
    expect(f.fix?.length ?? 0).toBeGreaterThan(0);
    r.stages.forEach((s, j) => {
      if (j < i) expect(['pass', 'warn']).toContain(s.status);
      if (j > i) expect(s.status).toBe('skipped');
    });
  }
  expect(r.now).toBe(NOW_S);
  expect(Array.isArray(r.configErrors)).toBe(true);
  for (const e of r.configErrors) {
    expect(typeof e.code).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.path).toMatch(/^(identity|pod|serviceAccount|cluster|token|request|resource|roleAssignments)\b/);
  }
  // The result is plain data (what the CLI prints and share links carry).
  expect(() => JSON.stringify(r)).not.toThrow();
}

describe('runChain over random worlds', () => {
  it('never throws and always honours the chain contract', async () => {
    let granted = 0;
    const failedAt = new Set<string>();
    await fc.assert(
      fc.asyncProperty(partialWorld, async (patch) => {
        // runChain takes a valid world; the schema refuses a few generated ones (a claim named "__proto__").
        const parsed = WorldSchema.safeParse(deepMerge(defaultWorld(), patch));
        fc.pre(parsed.success);
        const r = await runChain(parsed.data!, { now: NOW, keys });
        checkContract(r);
        if (r.outcome === 'granted') granted++;
        else failedAt.add(r.failedStage!);
      }),
      { numRuns: 1000 },
    );
    // The generator reaches both outcomes and several stages (otherwise the property says little).
    expect(granted).toBeGreaterThan(0);
    expect(failedAt.size).toBeGreaterThanOrEqual(7);
  }, 30_000);

  it('small perturbations of the healthy world honour the contract too', async () => {
    // One field at a time, so that failures deep in the chain (signature, lifetime, authorization) are reached often.
    const oneField = fc.oneof(
      fc.record({ token: fc.record({ issuedSecondsAgo: seconds }) }),
      fc.record({ token: fc.record({ claims: claimsArb }) }),
      fc.record({ token: fc.record({ tamperedAfterSigning: fc.boolean(), tamperedClaims: claimsArb }) }),
      fc.record({ cluster: fc.record({ signingKeys: fc.array(fc.record({ name: fc.constantFrom(...KEY_NAMES), published: fc.boolean() }), { maxLength: 3 }) }) }),
      fc.record({ roleAssignments: fc.array(fc.record({ principalId: fc.constant(DEFAULT_PRINCIPAL_ID), role: roleArb, scope: scopeIdArb, createdSecondsAgo: ageSeconds }), { maxLength: 2 }) }),
      fc.record({ identity: fc.record({ federatedCredentials: fc.array(ficArb, { minLength: 1, maxLength: 2 }) }) }),
      fc.record({ request: fc.record({ scope: scopeArb }) }),
    );
    const failedAt = new Set<string>();
    await fc.assert(
      fc.asyncProperty(oneField, async (patch) => {
        const parsed = WorldSchema.safeParse(deepMerge(defaultWorld(), patch));
        fc.pre(parsed.success); // the schema refuses a claim named "__proto__"; runChain takes valid worlds
        const r = await runChain(parsed.data!, { now: NOW, keys });
        checkContract(r);
        if (r.failedStage) failedAt.add(r.failedStage);
      }),
      { numRuns: 500 },
    );
    expect(failedAt.size).toBeGreaterThanOrEqual(5);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------------

describe('simulate on arbitrary input', () => {
  /** simulate either rejects with ScenarioError or resolves to a contract-abiding result; nothing else. */
  async function throwsScenarioErrorOrWorks(input: unknown) {
    let r: ChainResult;
    try {
      r = await simulate(input, { now: NOW, keys });
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues.length).toBeGreaterThan(0);
      for (const i of (e as ScenarioError).issues) {
        expect(typeof i.path).toBe('string');
        expect(typeof i.message).toBe('string');
      }
      return 'invalid' as const;
    }
    const withNow = r.now;
    // A scenario may carry its own clock; check the rest of the contract against it.
    checkContract({ ...r, now: NOW_S });
    expect(Number.isInteger(withNow)).toBe(true);
    return 'valid' as const;
  }

  it('on garbage values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }), async (input) => {
        await throwsScenarioErrorOrWorks(input);
      }),
      { numRuns: 500 },
    );
  });

  it('on scenario-shaped garbage (right top-level keys, anything inside)', async () => {
    const anyValue = fc.anything({ maxDepth: 2, withNullPrototype: true });
    const garbageWorld = fc.oneof(
      { weight: 1, arbitrary: anyValue },
      {
        weight: 1,
        arbitrary: fc.record(
          { cluster: anyValue, serviceAccount: anyValue, pod: anyValue, token: anyValue, identity: anyValue, request: anyValue, resource: anyValue, roleAssignments: anyValue },
          req,
        ),
      },
      { weight: 3, arbitrary: partialWorld },
    );
    const scenario = fc.record(
      {
        schema: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(2, '1', 0) }),
        title: fc.oneof({ weight: 6, arbitrary: fc.constant('t') }, { weight: 1, arbitrary: fc.string() }),
        provider: fc.oneof({ weight: 6, arbitrary: fc.constant('aks-entra') }, { weight: 1, arbitrary: someString }),
        now: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('2026-01-15T10:00:00Z', '2026-01-15T10:00:00+02:00') },
          { weight: 2, arbitrary: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
          { weight: 1, arbitrary: fc.constantFrom('yesterday', '', '2026-13-40T99:00:00Z') },
        ),
        world: garbageWorld,
        expect: fc.oneof({ weight: 4, arbitrary: fc.constant({ outcome: 'granted' }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }),
        tags: fc.oneof({ weight: 4, arbitrary: fc.array(someString, { maxLength: 2 }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }),
      },
      { requiredKeys: ['schema', 'title'] },
    );
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        if ((await throwsScenarioErrorOrWorks(input)) === 'valid') valid++;
      }),
      { numRuns: 500 },
    );
    expect(valid).toBeGreaterThan(50);
  }, 30_000);
});
