/**
 * The inspector's engine (src/engine/inspect.ts) and the character naming it shares with the chain's
 * federated credential match (src/engine/chars.ts, chain.ts matchFederatedCredentials): empty credential
 * lists, look-alike and invisible characters, code points instead of UTF-16 units, notes kept apart from
 * problems, part-level diffs, and the AKS-only claim shape kept as information.
 */
import { describe, expect, it } from 'vitest';
import { AKS_HINTS, matchFederatedCredentials } from '../../../src/engine/chain.ts';
import { describeChar, lookAlikeDifference, skeleton } from '../../../src/engine/chars.ts';
import { claimShapeChecks, claimShapeNotes, compareStrings, decodeToken, explainDifference, inspect, parseFicList } from '../../../src/engine/inspect.ts';

const ISS = 'https://westeurope.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/';
const SUB = 'system:serviceaccount:payments:api-sa';
const AUD = 'api://AzureADTokenExchange';
const PAYLOAD = { iss: ISS, sub: SUB, aud: [AUD] };
const CYRILLIC_SUB = 'system:serviceaccount:p\u0430yments:api-sa';
const ZWSP_SUB = 'system:serviceaccount:payments:api\u200b-sa';

describe('chars: naming what people cannot see', () => {
  it('names look-alikes, invisibles and anything else by code point (never half a surrogate pair)', () => {
    expect(describeChar('\u0430')).toBe('U+0430 CYRILLIC SMALL LETTER A');
    expect(describeChar('a')).toBe('U+0061 LATIN SMALL LETTER A');
    expect(describeChar('\u200b')).toBe('U+200B ZERO WIDTH SPACE, invisible');
    expect(describeChar('\u03bf')).toBe('U+03BF GREEK SMALL LETTER OMICRON');
    expect(describeChar('\uff41')).toBe('U+FF41 FULLWIDTH LATIN SMALL LETTER A');
    expect(describeChar('🤷')).toBe('U+1F937: a symbol, category So');
    expect(describeChar('\u0434')).toBe('U+0434: a Cyrillic lowercase letter, category Ll');
    expect(skeleton(CYRILLIC_SUB)).toBe(SUB);
    expect(skeleton(ZWSP_SUB)).toBe(SUB);
  });

  it('says when two values only look the same', () => {
    expect(lookAlikeDifference(SUB, CYRILLIC_SUB, 'the token’s', 'the credential’s')).toBe(
      'They look the same but are different characters: at character 24 the token’s value has “a” (U+0061 LATIN SMALL LETTER A) where the credential’s has “а” (U+0430 CYRILLIC SMALL LETTER A).',
    );
    expect(lookAlikeDifference(SUB, ZWSP_SUB, 'the token’s', 'the credential’s')).toBe(
      'They look the same but are not: at character 35 the credential’s value has an invisible U+200B ZERO WIDTH SPACE, which the token’s lacks.',
    );
    expect(lookAlikeDifference('a b', 'a\u00a0b', 'the token’s', 'the credential’s')).toContain('where the credential’s has “\u00a0” (U+00A0 NO-BREAK SPACE, invisible)');
    expect(lookAlikeDifference(SUB, 'system:serviceaccount:default:api-sa', 'x', 'y')).toBeUndefined();
  });
});

describe('explainDifference and the inspector\'s match verdict name the characters', () => {
  it('a Cyrillic "а" in the namespace is named, not printed as two identical words', () => {
    const text = explainDifference(SUB, CYRILLIC_SUB)!;
    expect(text).toContain('U+0430 CYRILLIC SMALL LETTER A');
    expect(text).toContain('U+0061 LATIN SMALL LETTER A');
    expect(text).not.toContain('the token\'s is "payments", the credential\'s is "payments"');
  });

  it('a zero-width space is named', () => {
    expect(explainDifference(SUB, ZWSP_SUB)).toContain('U+200B ZERO WIDTH SPACE');
  });

  it('the inspector\'s match verdict says the subject or issuer only looks like the token\'s', async () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ ...PAYLOAD, iat: t, nbf: t, exp: t + 600 })}.c2ln`;
    const sub = await inspect({ token, fics: JSON.stringify([{ name: 'f', issuer: ISS, subject: CYRILLIC_SUB, audiences: [AUD] }]) }, { now });
    expect(sub.federation?.code).toBe('AADSTS700213');
    expect(sub.federation?.summary).toContain('U+0430 CYRILLIC SMALL LETTER A');
    const iss = await inspect({ token, fics: JSON.stringify([{ name: 'f', issuer: ISS.replace('oic', 'o\u0456c'), subject: SUB, audiences: [AUD] }]) }, { now });
    expect(iss.federation?.code).toBe('AADSTS700211');
    expect(iss.federation?.summary).toContain('U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I');
  });

  it('no credential at all: AADSTS700211, said plainly, with the code marked uncertain', () => {
    const stage = matchFederatedCredentials(PAYLOAD, [], 'my-app-mi', AKS_HINTS);
    expect(stage).toMatchObject({ status: 'fail', code: 'AADSTS700211' });
    expect(stage.summary).toBe(`No federated identity credential exists on my-app-mi at all, so none can match the token (issuer "${ISS}").`);
    expect(stage.uncertain).toContain('AADSTS70021');
  });
});

describe('compareStrings: whole parts, then characters', () => {
  it('a different namespace or region is one run; a one-letter difference stays a character diff', () => {
    expect(compareStrings(SUB, 'system:serviceaccount:default:api-sa').segments).toEqual([
      { kind: 'same', text: 'system:serviceaccount:' },
      { kind: 'token-only', text: 'payments' },
      { kind: 'credential-only', text: 'default' },
      { kind: 'same', text: ':api-sa' },
    ]);
    const region = compareStrings(ISS, ISS.replace('westeurope', 'eastus'));
    expect(region.segments[1]).toEqual({ kind: 'token-only', text: 'westeurope' });
    expect(region.segments[2]).toEqual({ kind: 'credential-only', text: 'eastus' });
    expect(region.firstDifference).toBe('https://'.length);
    const slash = compareStrings(ISS, ISS.slice(0, -1));
    expect(slash.segments).toEqual([{ kind: 'same', text: ISS.slice(0, -1) }, { kind: 'token-only', text: '/' }]);
    expect(slash.firstDifference).toBe(ISS.length - 1);
    expect(compareStrings(SUB, CYRILLIC_SUB).segments.filter((s) => s.kind !== 'same')).toEqual([
      { kind: 'token-only', text: 'a' },
      { kind: 'credential-only', text: '\u0430' },
    ]);
  });
});

describe('decodeToken: code points, and notes apart from problems', () => {
  it('an emoji is one character, shown whole, and removed whitespace is a note', () => {
    const t = decodeToken('hello world 🤷');
    expect(t.problems).toHaveLength(2);
    expect(t.problems[0]).toMatch(/^The token has 1 part/);
    expect(t.problems[1]).toBe('Header: character 11 ("🤷" U+1F937: a symbol, category So) is not base64url.');
    expect(t.notes).toEqual(['The token contained whitespace or line breaks; they were removed.']);
    expect(decodeToken('Bearer abc').notes).toEqual(['The "Bearer " prefix was removed.']);
    expect(decodeToken('"abc"').notes).toEqual(['Quotes around the token were removed.']);
  });

  it('text that is not a JWT at all says a JWT part starts with "eyJ", and what this one starts with', () => {
    const t = decodeToken('hello world');
    expect(t.problems[0]).toMatch(/^The token has 1 part/);
    expect(t.problems[1]).toBe('Header: decodes to binary data, not to JSON text (a JWT\'s header is base64url JSON and starts with "eyJ"; this starts with "hel").');
    // A part that does start like JSON but decodes to binary keeps the plain question.
    const j = decodeToken('eyJ_____.eyJ_____.c2ln');
    expect(j.problems.some((p) => p.endsWith('(is this really a JWT?).'))).toBe(true);
  });
});

describe('inspect', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = new Date('2026-01-15T10:00:00Z');
  const t = Math.floor(now.getTime() / 1000);
  const token = `${b64({ alg: 'RS256', kid: '8a3f0c1b2d' })}.${b64({ ...PAYLOAD, iat: t - 60, nbf: t - 60, exp: t + 3000 })}.c2ln`;

  it('an empty list runs the match (and fails it); an unreadable list does not', async () => {
    const r = await inspect({ token, fics: '[]' }, { now });
    expect(r.ficCount).toBe(0);
    expect(r.federation).toMatchObject({ status: 'fail', code: 'AADSTS700211' });
    expect(parseFicList('{"value": []}')).toMatchObject({ shape: 'graph', entries: 0, fics: [] });
    const bad = await inspect({ token, fics: '[{"name": "x"}]' }, { now });
    expect(bad.federation).toBeUndefined();
    expect(bad.ficProblems).toEqual(['"x" has no issuer string.']);
  });

  it('AKS shape is information: a short kid, a non-Kubernetes sub and no kubernetes.io claim fail no check', async () => {
    const p = { iss: 'https://issuer.example.com', sub: 'repo:o/r:ref:refs/heads/main', aud: AUD, iat: t, exp: t + 300 };
    expect(claimShapeChecks({ alg: 'RS256', kid: 'x' }, p).filter((c) => !c.ok)).toEqual([]);
    const notes = claimShapeNotes({ alg: 'RS256', kid: 'x' }, p).filter((c) => !c.ok).map((c) => c.name);
    expect(notes).toEqual(['header kid', 'sub', 'aud', 'kubernetes.io', 'nbf present']);
    // What Entra ID does enforce still fails.
    expect(claimShapeChecks(undefined, { ...p, iss: 'http://x', iat: undefined }).filter((c) => !c.ok).map((c) => c.name)).toEqual(['iss', 'iat']);
  });

  it('a token that cannot be read: no check reads its claims, and the result says why', async () => {
    const r = await inspect({ token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0', fics: JSON.stringify([{ name: 'f', issuer: ISS, subject: SUB, audiences: [AUD] }]), jwks: '{"keys":[]}' }, { now });
    expect(r.notCheckedBecause).toMatch(/^the token cannot be read as a signed JWT/);
    expect([r.assertion, r.lifetime, r.timeWindow, r.federation, r.signature]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(r.claimChecks).toEqual([]);
    expect(r.claimNotes).toEqual([]);
    const ok = await inspect({ token }, { now });
    expect(ok.notCheckedBecause).toBeUndefined();
    expect(ok.lifetime?.status).toBe('pass');
  });
});
