/**
 * The course's exercises, run through the real engine: every exercise starts unsolved, its documented
 * solution solves it, and the typical wrong answers the hints warn about stay unsolved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, runChain, type ChainResult, type KeyStore, type World } from '../../src/engine/index.ts';
import { discoveryUrl } from '../../src/engine/issuer.ts';
import { applyPodYaml, podYaml } from '../../src/engine/manifests.ts';
import {
  checkClock,
  checkExchange,
  checkFicMatch,
  checkForgery,
  checkIssuerAnswers,
  checkNoToken,
  checkPersonas,
  checkRbac,
  CLOCK_TOKEN_TTL,
  clockWorld,
  EXERCISES,
  exchangeStart,
  exchangeWorld,
  failedOnlyAt,
  ficExerciseWorld,
  issuerWorld,
  kubeletRefreshAge,
  noLabelWorld,
  parsePayload,
  PERSONAS,
  personaWorld,
  rbacExerciseWorld,
  tamperedWorld,
  tokenAgeOnDisk,
  type Persona,
} from '../../src/components/learn/exercises.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
let keys: KeyStore;
const run = (w: World): Promise<ChainResult> => runChain(w, { now: NOW, keys });

beforeAll(() => {
  keys = createKeyStore();
});

describe('every exercise has text', () => {
  it('has a title, at least two hints, a solution and a note', () => {
    expect(Object.keys(EXERCISES)).toHaveLength(8);
    for (const e of Object.values(EXERCISES)) {
      expect(e.title.length, e.id).toBeGreaterThan(3);
      expect(e.hints.length, e.id).toBeGreaterThanOrEqual(2);
      expect(e.solution.trim(), e.id).not.toBe('');
      expect(e.solutionNote.trim(), e.id).not.toBe('');
    }
  });
});

describe('big-picture: personas', () => {
  it('the healthy world is granted, and each persona taken away alone is denied where expected', async () => {
    expect((await run(personaWorld(null))).outcome).toBe('granted');
    const where: Record<Persona, string> = {
      serviceAccount: 'admission',
      oidcIssuer: 'federation-match',
      federatedCredential: 'federation-match',
      managedIdentity: 'client-lookup',
    };
    for (const p of PERSONAS) {
      const r = await run(personaWorld(p));
      expect(r.outcome, p).toBe('denied');
      expect(r.failedStage, p).toBe(where[p]);
    }
  });

  it('is solved only when all four were seen denied', async () => {
    const seen: Partial<Record<Persona, ChainResult>> = {};
    for (const p of PERSONAS.slice(0, 3)) seen[p] = await run(personaWorld(p));
    expect(checkPersonas(seen).solved).toBe(false);
    expect(checkPersonas(seen).detail).toContain('Managed identity');
    seen.managedIdentity = await run(personaWorld(null)); // granted: does not count
    expect(checkPersonas(seen).solved).toBe(false);
    seen.managedIdentity = await run(personaWorld('managedIdentity'));
    expect(checkPersonas(seen).solved).toBe(true);
  });
});

describe('oidc-issuer: where Entra ID looks', () => {
  it('accepts the engine issuer URLs and the signing kid, and nothing else', async () => {
    const r = await run(issuerWorld());
    expect(r.outcome).toBe('granted');
    expect(r.artifacts.jwks.keys).toHaveLength(2);
    const iss = r.artifacts.issuer;
    expect(iss.endsWith('/')).toBe(true);
    const kid = String(r.artifacts.token!.header.kid);
    const right = { discoveryUrl: `${iss}.well-known/openid-configuration`, jwksUrl: `${iss}openid/v1/jwks`, kid };
    expect(checkIssuerAnswers(r, right, discoveryUrl).solved).toBe(true);

    const doubleSlash = checkIssuerAnswers(r, { ...right, discoveryUrl: `${iss}/.well-known/openid-configuration` }, discoveryUrl);
    expect(doubleSlash.solved).toBe(false);
    expect(doubleSlash.discovery).toBe(false);
    const otherKid = String(r.artifacts.jwks.keys.find((k) => k.kid !== kid)!.kid);
    const wrongKey = checkIssuerAnswers(r, { ...right, kid: otherKid }, discoveryUrl);
    expect(wrongKey.kid).toBe(false);
    expect(wrongKey.solved).toBe(false);
  });
});

describe('service-account-token: break only the signature', () => {
  it('an untouched token is granted and not solved', async () => {
    const base = personaWorld(null);
    const minted = await run(base);
    const w = tamperedWorld(base, minted.artifacts.token!.payload, structuredClone(minted.artifacts.token!.payload));
    expect(w.token.tamperedAfterSigning).toBe(false);
    expect(checkForgery(await run(w)).solved).toBe(false);
  });

  it('a longer exp fails only the signature; a changed sub is caught earlier', async () => {
    const base = personaWorld(null);
    const minted = await run(base);
    const payload = minted.artifacts.token!.payload;
    const longer = await run(tamperedWorld(base, payload, { ...payload, exp: (payload.exp as number) + 3600 }));
    expect(failedOnlyAt(longer, 'signature')).toBe(true);
    expect(checkForgery(longer).solved).toBe(true);

    const otherSub = await run(tamperedWorld(base, payload, { ...payload, sub: 'system:serviceaccount:prod:admin-sa' }));
    expect(otherSub.failedStage).toBe('federation-match');
    expect(checkForgery(otherSub).solved).toBe(false);

    const tooLong = await run(tamperedWorld(base, payload, { ...payload, exp: (payload.exp as number) + 2 * 86400 }));
    expect(tooLong.failedStage).toBe('client-lookup');
    expect(checkForgery(tooLong).solved).toBe(false);
  });

  it('a removed claim becomes null in tamperedClaims', () => {
    const base = personaWorld(null);
    const w = tamperedWorld(base, { a: 1, jti: 'x' }, { a: 1 });
    expect(w.token.tamperedClaims).toEqual({ jti: null });
  });

  it('parsePayload refuses non-objects and bad JSON', () => {
    expect(parsePayload('[1]').ok).toBe(false);
    expect(parsePayload('{').ok).toBe(false);
    expect(parsePayload('{"__proto__": 1}').ok).toBe(false);
    expect(parsePayload('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('federated-credential: make the credential match', () => {
  it('starts failing on the issuer; fixing only the slash leaves the case-only subject mismatch', async () => {
    const start = await run(ficExerciseWorld());
    expect(start.failedStage).toBe('federation-match');
    expect(start.code).toBe('AADSTS700211');
    expect(checkFicMatch(start).solved).toBe(false);

    const w = ficExerciseWorld();
    w.identity.federatedCredentials[0]!.issuer += '/';
    const half = await run(w);
    expect(half.code).toBe('AADSTS7002138');
    expect(checkFicMatch(half).solved).toBe(false);

    w.identity.federatedCredentials[0]!.subject = 'system:serviceaccount:dev:my-app-sa';
    const done = await run(w);
    expect(checkFicMatch(done).solved).toBe(true);
  });
});

describe('token-exchange: fix the token request', () => {
  it('the start is refused at the client lookup; the client ID and /.default solve it', async () => {
    const start = exchangeStart();
    const r0 = await run(exchangeWorld(start));
    expect(r0.failedStage).toBe('client-lookup');
    expect(r0.code).toBe('AADSTS700016');
    expect(checkExchange(r0).solved).toBe(false);

    const clientId = personaWorld(null).identity.clientId;
    const r1 = await run(exchangeWorld({ clientId, scope: start.scope }));
    expect(r1.code).toBe('AADSTS1002012');
    expect(checkExchange(r1).solved).toBe(false);

    const r2 = await run(exchangeWorld({ clientId, scope: 'https://vault.azure.net/.default' }));
    expect(checkExchange(r2).solved).toBe(true);
    expect(r2.artifacts.exchangeRequest?.form.client_id).toBe(clientId);
  });
});

describe('managed-identity: grant the right role', () => {
  it('Owner is refused; Key Vault Secrets User is allowed, but not before it propagated', async () => {
    const start = await run(rbacExerciseWorld());
    expect(start.failedStage).toBe('authorization');
    expect(checkRbac(start).solved).toBe(false);

    const w = rbacExerciseWorld();
    w.roleAssignments = [{ ...w.roleAssignments[0]!, role: 'Key Vault Secrets User', createdSecondsAgo: 0 }];
    expect(checkRbac(await run(w)).solved).toBe(false);
    w.roleAssignments[0]!.createdSecondsAgo = 86400;
    expect(checkRbac(await run(w)).solved).toBe(true);
  });
});

describe('why-it-matters: the clock', () => {
  it('models the kubelet refresh at 80 % of the lifetime, capped at 24 h', () => {
    expect(kubeletRefreshAge(3600)).toBe(2880);
    expect(kubeletRefreshAge(200000)).toBe(86400);
    expect(tokenAgeOnDisk(0)).toBe(0);
    expect(tokenAgeOnDisk(2879)).toBe(2879);
    expect(tokenAgeOnDisk(2880)).toBe(0);
    expect(tokenAgeOnDisk(3600)).toBe(720);
  });

  it('is solved at 60 minutes only', async () => {
    const at = async (min: number) =>
      checkClock(await run(clockWorld(min * 60)), await run(clockWorld((min - 5) * 60)), await run(clockWorld(tokenAgeOnDisk(min * 60))));
    expect((await at(55)).solved).toBe(false);
    expect((await at(60)).solved).toBe(true);
    expect((await at(65)).solved).toBe(false);
    expect(CLOCK_TOKEN_TTL).toBe(3600);
  });
});

describe('troubleshooting: the pod that gets no token', () => {
  it('fails at admission until the label is added to the Pod manifest', async () => {
    const w = noLabelWorld();
    const start = await run(w);
    expect(start.failedStage).toBe('admission');
    expect(start.artifacts.token).toBeUndefined();
    expect(checkNoToken(start).solved).toBe(false);

    const yaml = podYaml(w).replace('    app: my-app\n', '    app: my-app\n    azure.workload.identity/use: "true"\n');
    expect(yaml).toContain('azure.workload.identity/use');
    const applied = applyPodYaml(w, yaml);
    expect(applied.ok).toBe(true);
    const fixed = await run((applied as { world: World }).world);
    expect(checkNoToken(fixed).solved).toBe(true);

    const onSa = structuredClone(w);
    onSa.serviceAccount.annotations['azure.workload.identity/use'] = 'true';
    expect(checkNoToken(await run(onSa)).solved).toBe(false);
  });
});
