/**
 * Share links (src/lib/share.ts, design.md "Share links"): the v1 format round-trips any valid scenario,
 * a frozen v1 link keeps decoding, world diffs are exact under the engine's merge, and every kind of bad
 * input is answered with the right message instead of an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  extractPayload,
  fromBase64Url,
  MAX_ENCODED_LENGTH,
  MAX_INFLATED_BYTES,
  shareScenario,
  toBase64Url,
  worldDiff,
  type DecodeResult,
} from '../../src/lib/share.ts';
import { deepMerge, defaultWorld, parseWorld, ScenarioSchema, DEFAULT_ISSUER, type World } from '../../src/engine/index.ts';

const RUNS = 250;

// ------------------------------------------------------------------------------------------------
// Arbitraries: random valid worlds, built as random edits of the default world.

/** Keys for records; `__proto__` is excluded (the engine rejects or cannot merge it). */
const key = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((k) => k !== '__proto__');
const text = fc.string({ maxLength: 24, unit: 'binary' });
const nonEmpty = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });
const int = fc.integer({ min: -1_000_000, max: 1_000_000 });
const nat = fc.nat({ max: 10_000_000 });
const stringRecord = fc.dictionary(key, text, { maxKeys: 4 });
/** JSON values (with nulls) for claim overrides, normalised through JSON so -0 cannot appear. */
const claimRecord = fc
  .dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

const fic = fc.record(
  {
    name: text,
    issuer: fc.oneof(fc.constant(DEFAULT_ISSUER), fc.constant(DEFAULT_ISSUER.slice(0, -1)), text),
    subject: text,
    audiences: fc.array(text, { maxLength: 3 }),
    description: text,
    createdSecondsAgo: nat,
  },
  { requiredKeys: ['name', 'issuer', 'subject', 'audiences'] },
);

/** A partial world: any subset of these edits; `null` removes a default field. */
const worldPatch = fc.record(
  {
    cluster: fc.record(
      {
        oidcIssuer: fc.record(
          { enabled: fc.boolean(), url: text, reachable: fc.boolean(), provisioned: fc.boolean(), discoveryIssuer: text },
          { requiredKeys: [] },
        ),
        defaultIssuer: text,
        signingKeys: fc.array(
          fc.record({ name: nonEmpty, published: fc.boolean(), retiredSecondsAgo: nat }, { requiredKeys: ['name', 'published'] }),
          { maxLength: 3 },
        ),
        workloadIdentityWebhook: fc.record({ installed: fc.boolean(), tenantId: text, authorityHost: text }, { requiredKeys: [] }),
        kubernetesVersion: text,
      },
      { requiredKeys: [] },
    ),
    serviceAccount: fc.record({ namespace: nonEmpty, name: nonEmpty, annotations: stringRecord }, { requiredKeys: [] }),
    pod: fc.record(
      {
        name: nonEmpty,
        namespace: text,
        labels: stringRecord,
        annotations: stringRecord,
        containers: fc.array(fc.record({ name: nonEmpty, env: stringRecord }), { maxLength: 2 }),
        createdBeforeWebhookLabel: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    token: fc.record(
      {
        audience: text,
        expirationSeconds: int,
        issuedSecondsAgo: int,
        signingKey: text,
        claims: claimRecord,
        tamperedAfterSigning: fc.boolean(),
        tamperedClaims: claimRecord,
      },
      { requiredKeys: [] },
    ),
    identity: fc.record(
      {
        kind: fc.constantFrom('user-assigned', 'app-registration', 'system-assigned'),
        name: text,
        clientId: text,
        resourceId: fc.oneof(text, fc.constant(null)),
        federatedCredentials: fc.array(fic, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    request: fc.record({ scope: text, clientId: text, tenantId: text }, { requiredKeys: [] }),
    resource: fc.record(
      {
        kind: fc.constantFrom('key-vault-secret', 'storage-blob', 'arm'),
        secret: fc.oneof(text, fc.constant(null)),
        permissionModel: fc.constantFrom('rbac', 'access-policy'),
        accessPolicies: fc.array(fc.record({ objectId: text, secretPermissions: fc.array(text, { maxLength: 3 }) }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    roleAssignments: fc.array(fc.record({ principalId: text, role: text, scope: text, createdSecondsAgo: nat }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A complete, valid world (defaults filled in by the schema, exactly as the playground holds it). */
const validWorld: fc.Arbitrary<World> = worldPatch.map((patch) => {
  const r = parseWorld(deepMerge(defaultWorld(), patch));
  if (!r.ok) throw new Error(`generator produced an invalid world: ${JSON.stringify(r.issues)}`);
  return r.world;
});

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A whole scenario file object, including the optional descriptive fields. */
const scenarioObject = fc.record(
  {
    schema: fc.constant(1 as const),
    title: nonEmpty,
    now: isoDate,
    summary: text,
    fix: text,
    tags: fc.array(text, { maxLength: 3 }),
    source: fc.array(text, { maxLength: 2 }),
    world: worldPatch,
    expect: fc.record(
      { outcome: fc.constantFrom('granted', 'denied'), stage: fc.constantFrom('admission', 'signature', 'authorization'), code: text },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['schema', 'title'] },
);

function expectFailure(r: DecodeResult, reason: string, message: RegExp) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.reason).toBe(reason);
  expect(r.error).toMatch(message);
}

// ------------------------------------------------------------------------------------------------

describe('worldDiff', () => {
  it('is empty for the default world', () => {
    expect(worldDiff(defaultWorld(), defaultWorld())).toEqual({});
  });

  it('keeps only changed keys, replaces arrays, and marks removed keys with null', () => {
    const w = defaultWorld();
    w.serviceAccount.namespace = 'prod';
    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:prod:my-app-sa';
    delete w.identity.resourceId;
    expect(worldDiff(defaultWorld(), w)).toEqual({
      serviceAccount: { namespace: 'prod' },
      identity: {
        resourceId: null,
        federatedCredentials: [{ ...defaultWorld().identity.federatedCredentials[0], subject: 'system:serviceaccount:prod:my-app-sa' }],
      },
    });
  });

  it('keeps null claim overrides as values (they mean "remove this claim")', () => {
    const w = defaultWorld();
    w.token.claims = { iat: null, sub: 'x' };
    const d = worldDiff(defaultWorld(), w);
    expect(d).toEqual({ token: { claims: { iat: null, sub: 'x' } } });
    expect(deepMerge(defaultWorld(), d)).toEqual(w);
  });

  it('keeps token.appRereadSeconds: null (the app never re-reads its token file) through a link', () => {
    const w = defaultWorld();
    w.token.appRereadSeconds = null;
    const d = worldDiff(defaultWorld(), w);
    expect(d).toEqual({ token: { appRereadSeconds: null } });
    expect(deepMerge(defaultWorld(), JSON.parse(JSON.stringify(d)))).toEqual(w);
  });

  it('does not modify its inputs', () => {
    const base = defaultWorld();
    const w = defaultWorld();
    w.pod.labels = {};
    const before = JSON.stringify([base, w]);
    worldDiff(base, w);
    expect(JSON.stringify([base, w])).toBe(before);
  });

  it(`property: deepMerge(default, worldDiff(default, w)) equals w, for random valid worlds (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(validWorld, (w) => {
        const diff = worldDiff(defaultWorld(), w);
        expect(deepMerge(defaultWorld(), diff)).toEqual(w);
        // The diff survives JSON (it is what goes into the link).
        expect(deepMerge(defaultWorld(), JSON.parse(JSON.stringify(diff)))).toEqual(w);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('base64url', () => {
  it('property: round-trips any bytes and uses only the URL-safe alphabet without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const s = toBase64Url(bytes);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(s).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(s)).toEqual(bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('ab/c')).toBeNull();
    expect(fromBase64Url('abc=')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('encodeShare / decodeShare', () => {
  it('writes version 1 and base64url only', async () => {
    const s = await encodeShare({ schema: 1, title: 'x', world: {} });
    expect(s).toMatch(/^1\.[A-Za-z0-9_-]+$/);
  });

  it(`property: encode → decode gives back the same world, title and clock, for random valid worlds (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validWorld, nonEmpty, fc.option(isoDate, { nil: undefined }), async (w, title, now) => {
        const link = await encodeShare(shareScenario(defaultWorld(), w, { title, now }));
        const r = await decodeShare(`#s=${link}`);
        expect(r.ok, r.ok ? '' : r.error).toBe(true);
        if (!r.ok) return;
        expect(r.world).toEqual(w);
        expect(r.scenario.title).toBe(title);
        expect(r.scenario.now).toBe(now);
      }),
      { numRuns: RUNS },
    );
  });

  it(`property: encode → decode is the identity on random valid scenario objects (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioObject, async (input) => {
        const expected = ScenarioSchema.parse(input);
        const r = await decodeShare(await encodeShare(input));
        expect(r.ok, r.ok ? '' : r.error).toBe(true);
        if (!r.ok) return;
        expect(r.scenario).toEqual(expected);
        expect(r.world).toEqual((parseWorld(deepMerge(defaultWorld(), input.world ?? {})) as { world: World }).world);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts #s=…, s=…, 1.… and a whole URL', async () => {
    const link = await encodeShare({ schema: 1, title: 'forms', world: { serviceAccount: { name: 'api' } } });
    for (const form of [`#s=${link}`, `s=${link}`, link, `https://example.test/playground/#s=${link}`, `#x=1&s=${link}`]) {
      const r = await decodeShare(form);
      expect(r.ok, form).toBe(true);
      if (r.ok) expect(r.world.serviceAccount.name).toBe('api');
    }
    expect(extractPayload('#other=1')).toBeNull();
  });
});

/**
 * A v1 link generated once (2026-11-29) from the "FIC issuer is missing the trailing slash" scenario and
 * pasted here as a literal. It must keep decoding to the same state however the format and the schema
 * grow: do not regenerate it.
 */
const FROZEN_V1_LINK =
  '#s=1.JY_NboMwEIRfBe0ZAyaEH9-itJV6z6lVDou9BDdgkNckTSPevaKV5jA7Gmm_eQLrnkYEJWMINgwECt7ej5FlXshHlqPRMlt3iUJPUfBoh-3gAbmHGNx0BwV5lpcik0LuTzJT2aYPiOE--cGAeoI15IINj813ZMhjIHP09BfjwKA-n-Bw3J7jlYWhmxgfAucZYvgnAQV9CDOrNCXksHAyWZ3MfjICr5zgz-Ip0dOYVnmX6cJIsW93JAqsO9HoXIrSVFR3DWat1KneYUOyK0Rt8lYUVKJo97oSssuoMbWu2hIhBl7aL9IBFPCDA42Kyd-sJtR6WlxQhm7qn1Pw1sfFWHKatkGAs1VpetjADi-n6Uru9Vv36C4E5_W8rusv';

describe('frozen v1 link', () => {
  it('still decodes to the state it was made from', async () => {
    const r = await decodeShare(FROZEN_V1_LINK);
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.title).toBe('FIC issuer is missing the trailing slash');
    expect(r.scenario.now).toBe('2026-01-15T10:00:00Z');
    const expected = defaultWorld();
    expected.identity.federatedCredentials = [
      {
        name: 'aks-dev-my-app',
        issuer: DEFAULT_ISSUER.slice(0, -1), // the trailing slash is missing: that is the point of the scenario
        subject: 'system:serviceaccount:dev:my-app-sa',
        audiences: ['api://AzureADTokenExchange'],
        createdSecondsAgo: 3600,
      },
    ];
    expect(r.world).toEqual(expected);
  });
});

describe('bad links: a clear message, never an exception', () => {
  it('empty input', async () => {
    for (const input of ['', '#', '#s=', '   ']) expectFailure(await decodeShare(input), 'empty', /no scenario/);
  });

  it('not our format', async () => {
    expectFailure(await decodeShare('#hello'), 'format', /not a Workload Identity Lab share link/);
    // Says what it expects, and ends cleanly (no stray " ." after the example).
    expectFailure(await decodeShare('#s=abc'), 'format', /should start with a version number and a dot, as in s=1\.abc…$/);
    expectFailure(await decodeShare('https://example.test/page'), 'format', /not a Workload Identity Lab share link/);
  });

  it('a newer version', async () => {
    expectFailure(await decodeShare('#s=2.xxx'), 'version', /made by a newer version.*format 2/);
    expectFailure(await decodeShare('#s=0.xxx'), 'version', /Unknown link format 0/);
  });

  it('not base64url', async () => {
    expectFailure(await decodeShare('#s=1.abc$def'), 'base64', /not valid base64url/);
    expectFailure(await decodeShare('#s=1.ab+/cd=='), 'base64', /not valid base64url/);
  });

  it('not deflate data, or data cut off', async () => {
    expectFailure(await decodeShare('#s=1.'), 'deflate', /cut off/);
    expectFailure(await decodeShare(`#s=1.${toBase64Url(new TextEncoder().encode('just some text, not compressed'))}`), 'deflate', /could not be decompressed/);
    const whole = FROZEN_V1_LINK;
    // Cut at several places; each result is a failure with a base64 or deflate message.
    for (const cut of [12, 40, 100, whole.length - 24, whole.length - 4, whole.length - 1]) {
      const r = await decodeShare(whole.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(['deflate', 'base64'], `cut at ${cut}: ${r.error}`).toContain(r.reason);
    }
  });

  it('not JSON, or JSON that is not an object', async () => {
    const pack = async (s: string) => `#s=1.${toBase64Url(await deflate(new TextEncoder().encode(s)))}`;
    expectFailure(await decodeShare(await pack('{not json')), 'json', /not a JSON scenario/);
    expectFailure(await decodeShare(await pack('[1,2,3]')), 'json', /not a scenario object/);
    expectFailure(await decodeShare(`#s=1.${toBase64Url(await deflate(new Uint8Array([0xff, 0xfe, 0x7b])))}`), 'json', /not a JSON scenario/);
  });

  it('an invalid scenario names the field', async () => {
    const bad = await encodeShare({ schema: 1, title: 'x', world: { identity: { federatedCredentials: [{ name: 'a', issuer: 5 }] } } });
    expectFailure(await decodeShare(bad), 'invalid', /world\.identity\.federatedCredentials\[0\]\.issuer/);
    const noTitle = await encodeShare({ schema: 1, world: {} });
    expectFailure(await decodeShare(noTitle), 'invalid', /title/);
    const typo = await encodeShare({ schema: 1, title: 'x', world: { serviceAcount: {} } });
    expectFailure(await decodeShare(typo), 'invalid', /serviceAcount/);
  });

  it('oversized: a link longer than the cap is refused before decoding', async () => {
    expectFailure(await decodeShare(`#s=1.${'A'.repeat(MAX_ENCODED_LENGTH + 1)}`), 'too-large', /too long/);
    expectFailure(await decodeShare(`#s=1.${'$'.repeat(5_000_000)}`), 'too-large', /too long/);
  });

  it('oversized: a small link that inflates past the cap (zip bomb) is stopped', async () => {
    const bomb = await encodeShare({ schema: 1, title: 'x'.repeat(4 * MAX_INFLATED_BYTES), world: {} });
    expect(bomb.length).toBeLessThan(MAX_ENCODED_LENGTH); // small enough to get past the first cap
    expectFailure(await decodeShare(bomb), 'too-large', /too large/);
    // A bigger bomb (about 10 MB of zeros in a few KB) is stopped just as well.
    const zeros = `#s=1.${toBase64Url(await deflate(new Uint8Array(10_000_000)))}`;
    expect(zeros.length).toBeLessThan(MAX_ENCODED_LENGTH);
    expectFailure(await decodeShare(zeros), 'too-large', /too large/);
  });

  it('property: random strings never throw and never decode to a scenario by accident', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300 }).map((s) => `#s=1.${s}`)), async (s) => {
        const r = await decodeShare(s);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: RUNS },
    );
  });

  it('non-string input is refused, not thrown', async () => {
    expectFailure(await decodeShare(undefined as unknown as string), 'empty', /no scenario/);
    expectFailure(await decodeShare(42 as unknown as string), 'empty', /no scenario/);
  });
});

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
