/**
 * Pure helpers of the /inspect/ page (src/components/inspect/model.ts, example.ts): what the page says
 * about an engine InspectResult, the aligned diff layout, whitespace made visible, the size refusal and
 * the in-browser example. The results come from the real engine on tokens it minted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createKeyStore, simulate } from '../../src/engine/index.ts';
import { compareCredentials, inspect, MAX_INPUT_CHARS, type FieldComparison, type InspectResult } from '../../src/engine/inspect.ts';
import { DEFAULT_ISSUER } from '../../src/engine/defaults.ts';
import { azCliFicList, buildExample, exampleScenario, sdkErrorText } from '../../src/components/inspect/example.ts';
import {
  badCharIndex,
  caretLabel,
  describeFirstDifference,
  diffLines,
  EMPTY_INPUTS,
  engineInput,
  hasInvisible,
  headline,
  sectionLines,
  SECTION_ORDER,
  sizeRefusal,
  visibleText,
  type DiffLine,
  type Inputs,
} from '../../src/components/inspect/model.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const SUB = 'system:serviceaccount:dev:my-app-sa';
const AUD = 'api://AzureADTokenExchange';

let token = '';
let jwks = '';
let discovery = '';

beforeAll(async () => {
  const r = await simulate({ schema: 1, title: 'x' }, { now: NOW, keys: createKeyStore() });
  token = r.artifacts.token!.jwt;
  jwks = JSON.stringify(r.artifacts.jwks);
  discovery = JSON.stringify(r.artifacts.discovery);
});

function fics(issuer: string, subject = SUB): string {
  return JSON.stringify([{ name: 'cred-1', issuer, subject, audiences: [AUD] }]);
}

async function run(given: Partial<Inputs>, now = NOW): Promise<{ r: InspectResult; given: Inputs }> {
  const all = { ...EMPTY_INPUTS, ...given };
  return { r: await inspect(engineInput(all), { now }), given: all };
}

function field(token: string, credential: string): FieldComparison {
  return compareCredentials({ iss: token, sub: SUB, aud: [AUD] }, [{ name: 'c', issuer: credential, subject: SUB, audiences: [AUD] }])[0]!.fields[0]!;
}

/** The text a row shows, gaps included (they take the other row's characters' width). */
function rowText(l: DiffLine, row: 'token' | 'credential'): string {
  return l[row].map((p) => p.text).join('');
}

describe('sizeRefusal', () => {
  it('accepts up to MAX_INPUT_CHARS and refuses one more, naming the field and both numbers', () => {
    expect(sizeRefusal(MAX_INPUT_CHARS, 'token')).toBeUndefined();
    const msg = sizeRefusal(MAX_INPUT_CHARS + 1, 'token');
    expect(msg).toMatch(/^That token is 200,001 characters long; at most 200,000 are accepted/);
  });
});

describe('visibleText', () => {
  it('replaces whitespace and invisible characters one for one', () => {
    expect(visibleText('a b\tc\nd\u00a0e\u200bf')).toBe('a␣b⇥c↵d⍽e◌f');
    expect(visibleText('a b\tc\nd\u00a0e\u200bf')).toHaveLength('a b\tc\nd\u00a0e\u200bf'.length);
    expect(visibleText('https://x/')).toBe('https://x/');
    expect(hasInvisible('x ')).toBe(true);
    expect(hasInvisible('x')).toBe(false);
  });
});

describe('describeFirstDifference', () => {
  it('says where the missing trailing slash is', () => {
    const f = field(DEFAULT_ISSUER, DEFAULT_ISSUER.slice(0, -1));
    expect(describeFirstDifference(f)).toBe(`At character ${DEFAULT_ISSUER.length} the token’s value has “/”; the credential’s value ends there.`);
  });
  it('names a trailing space in the credential', () => {
    expect(describeFirstDifference(field('abc', 'abc '))).toBe('At character 4 the token’s value ends; the credential’s value goes on with “␣” (space).');
  });
  it('shows a replacement with both sides', () => {
    expect(describeFirstDifference(field('https://a/dev/', 'https://a/qa/'))).toBe('At character 11 the token’s value has “dev” where the credential’s has “qa”.');
  });
  it('shows a whole differing part as one run, not a character diff that happens to share letters', () => {
    // "dev" vs "prd" share a "d"; a character diff would say the credential has "pr" the token lacks.
    expect(describeFirstDifference(field('https://a/dev/', 'https://a/prd/'))).toBe('At character 11 the token’s value has “dev” where the credential’s has “prd”.');
    expect(describeFirstDifference(field('https://eastus.oic.prod-aks.azure.com/t/c/', 'https://westeurope.oic.prod-aks.azure.com/t/c/'))).toBe(
      'At character 9 the token’s value has “eastus” where the credential’s has “westeurope”.',
    );
  });
  it('names look-alike letters by code point instead of printing two identical glyphs', () => {
    const sentence = describeFirstDifference(field('system:serviceaccount:payments:api-sa', 'system:serviceaccount:p\u0430yments:api-sa'))!;
    expect(sentence).toBe('At character 24 the token’s value has “a” (U+0061 LATIN SMALL LETTER A) where the credential’s has “а” (U+0430 CYRILLIC SMALL LETTER A).');
  });
  it('names an invisible character (zero-width space) by code point', () => {
    const sentence = describeFirstDifference(field('system:serviceaccount:payments:api-sa', 'system:serviceaccount:payments:api\u200b-sa'))!;
    expect(sentence).toBe('At character 35 the credential’s value has “◌” (U+200B ZERO WIDTH SPACE, invisible), which the token’s value lacks.');
  });
  it('is undefined for equal values', () => {
    expect(describeFirstDifference(field('a', 'a'))).toBeUndefined();
  });
});

describe('diffLines', () => {
  const f = field(DEFAULT_ISSUER, DEFAULT_ISSUER.slice(0, -1));

  it('keeps both rows the same width on every line and wraps at the given column', () => {
    for (const width of [7, 20, 33, 64, 500]) {
      const lines = diffLines(f, width);
      expect(lines.length).toBe(Math.ceil(DEFAULT_ISSUER.length / width));
      for (const l of lines) {
        expect(rowText(l, 'token').length).toBe(rowText(l, 'credential').length);
        expect(rowText(l, 'token').length).toBeLessThanOrEqual(width);
      }
      // Without gaps, each row spells its own value.
      expect(lines.flatMap((l) => l.token.filter((p) => p.role !== 'gap')).map((p) => p.text).join('')).toBe(DEFAULT_ISSUER);
      expect(lines.flatMap((l) => l.credential.filter((p) => p.role !== 'gap')).map((p) => p.text).join('')).toBe(DEFAULT_ISSUER.slice(0, -1));
    }
  });

  it('marks the slash as token-only, a gap under it, and puts the caret on it', () => {
    const lines = diffLines(f, 40);
    const last = lines[lines.length - 1]!;
    const onlyInToken = lines.flatMap((l) => l.token).filter((p) => p.role === 'token-only');
    expect(onlyInToken).toEqual([{ text: '/', role: 'token-only', first: true }]);
    expect(last.credential[last.credential.length - 1]).toEqual({ text: '/', role: 'gap', first: true });
    expect(lines.filter((l) => l.caret !== undefined)).toHaveLength(1);
    expect(last.caret).toBe((DEFAULT_ISSUER.length - 1) % 40);
  });

  it('puts the caret on the last line when the difference ends a full line', () => {
    const g = field('abcd', 'abc');
    const lines = diffLines(g, 3);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.caret).toBe(0);
    const h = field('abc', 'abcd'); // credential goes on after a full line of the token
    const hl = diffLines(h, 3);
    expect(hl[1]!.caret).toBe(0);
    expect(hl[1]!.credential).toEqual([{ text: 'd', role: 'credential-only', first: true }]);
    expect(hl[1]!.token).toEqual([{ text: 'd', role: 'gap', first: true }]);
  });

  it('gives nothing for equal values', () => {
    expect(diffLines(field('a', 'a'), 10)).toEqual([]);
  });
});

describe('caretLabel', () => {
  it('puts the words right of the arrow when they fit, else left, else only the arrow', () => {
    expect(caretLabel(2, 80, 3)).toEqual({ pad: 2, text: '↑ first difference (character 3)' });
    const left = caretLabel(70, 80, 71);
    expect(left.text).toBe('first difference (character 71) ↑');
    expect(left.pad + left.text.length - 1).toBe(70);
    expect(caretLabel(12, 27, 112)).toEqual({ pad: 12, text: '↑ character 112' });
    expect(caretLabel(14, 20, 112)).toEqual({ pad: 0, text: 'character 112 ↑' });
    expect(caretLabel(13, 20, 112)).toEqual({ pad: 13, text: '↑' });
    expect(caretLabel(3, 6, 112)).toEqual({ pad: 3, text: '↑' });
  });
});

describe('badCharIndex', () => {
  it('points at the character the decoding error names', async () => {
    const { r } = await run({ token: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3Mi*OiJ4In0.abc' });
    const payload = r.token.parts[1]!;
    expect(payload.ok).toBe(false);
    expect(badCharIndex(payload)).toBe(8);
    expect(payload.raw[badCharIndex(payload)!]).toBe('*');
    expect(badCharIndex(r.token.parts[0]!)).toBeUndefined();
  });
});

describe('headline and section lines', () => {
  it('a token and a credential that differ only by the trailing slash: AADSTS700211 first', async () => {
    const { r, given } = await run({ token, fics: fics(DEFAULT_ISSUER.slice(0, -1)), jwks });
    const h = headline(r, given);
    expect(h).toMatchObject({ tone: 'fail', title: 'Entra ID would refuse this token: AADSTS700211', code: 'AADSTS700211' });
    const lines = sectionLines(r, given);
    expect(lines.find((l) => l.id === 'inspect-federation')).toMatchObject({ status: 'fail', code: 'AADSTS700211' });
    expect(lines.find((l) => l.id === 'inspect-signature')).toMatchObject({ status: 'pass' });
    expect(lines.find((l) => l.id === 'inspect-token')).toMatchObject({ status: 'pass' });
    expect(lines.find((l) => l.id === 'inspect-discovery')).toMatchObject({ status: 'none' });
  });

  it('an unsigned token (alg "none", empty signature): says unsigned, not unreadable', async () => {
    const [, payload] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const { r, given } = await run({ token: `${header}.${payload}.`, fics: fics(DEFAULT_ISSUER) });
    const h = headline(r, given);
    expect(h).toMatchObject({ tone: 'fail', title: 'This token is unsigned: Entra ID would refuse it' });
    expect(h.detail).toContain('header alg "none"');
    expect(h.detail).toContain('not documented');
    // A token whose signature is merely garbled is still "cannot be read".
    const garbled = await run({ token: `${token.slice(0, token.lastIndexOf('.') + 1)}*` });
    expect(headline(garbled.r, garbled.given).title).toBe('The token cannot be read');
  });

  it('everything matching: every offline check passed', async () => {
    const { r, given } = await run({ token, fics: fics(DEFAULT_ISSUER), jwks, discovery });
    expect(headline(r, given)).toMatchObject({ tone: 'pass', title: 'Every offline check passed' });
    expect(sectionLines(r, given).map((l) => l.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('only a token: the checks that ran passed, and it asks for the rest', async () => {
    const { r, given } = await run({ token });
    const h = headline(r, given);
    expect(h).toMatchObject({ tone: 'pass', title: 'The checks that could run passed' });
    expect(h.detail).toContain('the federated credential list and the JWKS');
  });

  it('an expired token: AADSTS700024 at this clock', async () => {
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    const { r, given } = await run({ token, fics: fics(DEFAULT_ISSUER) }, later);
    expect(headline(r, given)).toMatchObject({ tone: 'fail', code: 'AADSTS700024' });
    expect(sectionLines(r, given).find((l) => l.id === 'inspect-lifetime')).toMatchObject({ status: 'fail', code: 'AADSTS700024' });
  });

  it('several failures: the first in Entra ID\'s order leads, the others are named', async () => {
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    const { r, given } = await run({ token, fics: fics(DEFAULT_ISSUER.slice(0, -1)) }, later);
    const h = headline(r, given);
    expect(h.code).toBe('AADSTS700211');
    expect(h.detail).toMatch(/ Also failing: the time window \(AADSTS700024\)\.$/);
  });

  it('a garbage token: cannot be read, with the reason', async () => {
    const { r, given } = await run({ token: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3Mi*OiJ4In0.abc' });
    const h = headline(r, given);
    expect(h.tone).toBe('fail');
    expect(h.title).toBe('The token cannot be read');
    expect(h.detail).toBe('Payload: character 9 ("*") is not base64url.');
  });

  it('nothing pasted, and only an error message', async () => {
    const empty = await run({});
    expect(headline(empty.r, empty.given)).toMatchObject({ tone: 'info', title: 'Nothing pasted yet' });
    const err = await run({ errorText: 'AADSTS700213: No matching federated identity record found' });
    expect(headline(err.r, err.given)).toMatchObject({ tone: 'info', title: 'No token pasted' });
    const lines = sectionLines(err.r, err.given);
    expect(lines[0]).toMatchObject({ id: 'inspect-errors', status: 'info', detail: 'Recognised AADSTS700213.' });
  });

  it('calls recognised only the codes the catalogue explains, and names the others apart', async () => {
    const mixed = await run({ errorText: 'AADSTS700211: No matching federated identity record found. Then AADSTS99999: something else.' });
    expect(mixed.r.errors.map((e) => [e.code, !!e.info])).toEqual([
      ['AADSTS700211', true],
      ['AADSTS99999', false],
    ]);
    expect(sectionLines(mixed.r, mixed.given)[0]).toMatchObject({
      status: 'info',
      detail: 'Recognised AADSTS700211. AADSTS99999 is not in the catalogue.',
    });
    const unknownOnly = await run({ errorText: 'AADSTS99999: something else. AADSTS99998 too.' });
    const line = sectionLines(unknownOnly.r, unknownOnly.given)[0]!;
    expect(line.detail).toBe('AADSTS99999, AADSTS99998 are not in the catalogue.');
    expect(line.status).toBe('none');
    expect(headline(unknownOnly.r, unknownOnly.given).detail).not.toMatch(/explained below/);
  });

  it('lists sections in page order', async () => {
    const { r, given } = await run({ token, fics: fics(DEFAULT_ISSUER), errorText: 'AADSTS700211' });
    expect(sectionLines(r, given).map((l) => l.id)).toEqual([...SECTION_ORDER]);
  });
});

describe('the example', () => {
  it('is the default world with the credential issuer lacking its trailing slash', () => {
    const s = exampleScenario() as { world: { identity: { federatedCredentials: { issuer: string }[] } } };
    expect(s.world.identity.federatedCredentials[0]!.issuer).toBe(DEFAULT_ISSUER.slice(0, -1));
  });

  it('mints a token the engine refuses with AADSTS700211 only, verifies the signature, and explains its error text', async () => {
    const ex = await buildExample(NOW);
    expect(JSON.parse(ex.fics)[0]).toMatchObject({ name: 'aks-dev-my-app', issuer: DEFAULT_ISSUER.slice(0, -1), subject: SUB, audiences: [AUD] });
    expect(ex.errorText).toContain('AADSTS700211: No matching federated identity record found');
    const { r, given } = await run(ex);
    expect(headline(r, given).code).toBe('AADSTS700211');
    expect(r.signature?.status).toBe('pass');
    expect(r.timeWindow?.status).toBe('pass');
    expect(r.discoveryChecks.every((c) => c.ok)).toBe(true);
    expect(r.errors.map((e) => e.code)).toEqual(['AADSTS700211']);
    const issuer = r.comparisons[0]!.fields.find((f) => f.field === 'issuer')!;
    expect(issuer.explanation).toBe('The credential lacks the trailing "/" that the token has.');
  });

  it('formats the credentials like az identity federated-credential list, and the SDK error with the stage message', async () => {
    const res = await simulate(exampleScenario(), { now: NOW, keys: createKeyStore() });
    const list = JSON.parse(azCliFicList(res));
    expect(list[0].type).toBe('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials');
    expect(list[0].id).toMatch(/\/userAssignedIdentities\/my-app-mi\/federatedIdentityCredentials\/aks-dev-my-app$/);
    const text = sdkErrorText(res);
    expect(text).toContain('RESPONSE 401');
    expect(text).toContain('"error_codes": [\n    700211\n  ]');
  });
});

describe('what the newcomer found (session 3 review)', () => {
  it('an empty credential list ([], as az prints for an identity without credentials) is input: a red verdict, AADSTS700211, not "Not checked"', async () => {
    for (const fics of ['[]', '{ "value": [] }']) {
      const { r, given } = await run({ token, fics, errorText: 'AADSTS70021: No matching federated identity record found for presented assertion.' });
      const h = headline(r, given);
      expect(h).toMatchObject({ tone: 'fail', code: 'AADSTS700211' });
      expect(h.detail).toContain('No federated identity credential exists on this identity at all');
      const line = sectionLines(r, given).find((l) => l.id === 'inspect-federation')!;
      expect(line).toMatchObject({ status: 'fail', code: 'AADSTS700211' });
      // The reference does not say which code an identity with no credential gets: the result says so.
      expect(r.federation?.uncertain).toMatch(/does not document.*AADSTS70021/);
    }
  });

  it('a correctly signed non-AKS token (EKS-style kid): the kid shape is a note, the headline stays green', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = '8a3f0c1b2d';
    const iss = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
    const sub = 'system:serviceaccount:payments:api-sa';
    const now = Math.floor(NOW.getTime() / 1000);
    const jwt = await new SignJWT({ 'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'api-sa', uid: 'u' } } })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(iss)
      .setSubject(sub)
      .setAudience([AUD])
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + 3000)
      .sign(privateKey);
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const { r, given } = await run({ token: jwt, fics: JSON.stringify([{ name: 'eks', issuer: iss, subject: sub, audiences: [AUD] }]), jwks: JSON.stringify({ keys: [jwk] }) });
    expect(r.signature?.status).toBe('pass');
    expect(r.claimChecks.every((c) => c.ok)).toBe(true);
    expect(r.claimNotes.find((c) => c.name === 'header kid')).toMatchObject({ ok: false, actual: '"8a3f0c1b2d"' });
    expect(headline(r, given)).toMatchObject({ tone: 'pass', title: 'Every offline check passed' });
    const claims = sectionLines(r, given).find((l) => l.id === 'inspect-claims')!;
    expect(claims.status).toBe('pass');
    expect(claims.detail).toContain('1 note on how it differs from an AKS token (informational): header kid.');
  });

  it('"hello world 🤷": the headline names the real failure, the emoji is shown whole, the whitespace is only a note', async () => {
    const { r, given } = await run({ token: 'hello world 🤷' });
    const h = headline(r, given);
    expect(h.title).toBe('The token cannot be read');
    expect(h.detail).toMatch(/^The token has 1 part separated by "\."/);
    expect(h.detail).toContain('character 11 ("🤷" U+1F937: a symbol, category So) is not base64url');
    expect(h.detail).not.toContain('\\ud83e');
    expect(h.detail).not.toContain('whitespace');
    expect(r.token.notes).toEqual(['The token contained whitespace or line breaks; they were removed.']);
    expect(sectionLines(r, given).find((l) => l.id === 'inspect-token')!.detail).toMatch(/^The token has 1 part/);
    // The marked character in the raw part is the whole emoji.
    const part = r.token.parts[0]!;
    const at = badCharIndex(part)!;
    expect(String.fromCodePoint(part.raw.codePointAt(at)!)).toBe('🤷');
  });

  it('a two-part token: everything that reads its claims says "Not checked" and why', async () => {
    const fics = JSON.stringify([{ name: 'f', issuer: 'https://x/', subject: 'x', audiences: [AUD] }]);
    const { r, given } = await run({ token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0', fics, jwks });
    expect(headline(r, given).title).toBe('The token cannot be read');
    expect(r.federation).toBeUndefined();
    expect(r.lifetime).toBeUndefined();
    expect(r.assertion).toBeUndefined();
    const lines = sectionLines(r, given);
    for (const id of ['inspect-federation', 'inspect-lifetime', 'inspect-signature', 'inspect-claims']) {
      const line = lines.find((l) => l.id === id)!;
      expect(line.status, id).toBe('none');
      expect(line.detail, id).toMatch(/^Not checked: the token cannot be read as a signed JWT/);
      expect(line.code, id).toBeUndefined();
    }
  });

  it('az … -o table output in the credentials field: says so and asks for -o json', async () => {
    const table = [
      'Issuer                                                     Name            ResourceGroup    Subject',
      '---------------------------------------------------------  --------------  ---------------  -----------------------------------',
      `${DEFAULT_ISSUER}  aks-dev-my-app  rg-demo          ${SUB}`,
    ].join('\n');
    const { r, given } = await run({ token, fics: table });
    expect(r.ficProblems).toHaveLength(1);
    expect(r.ficProblems[0]).toMatch(/looks like the az CLI's "-o table" output.*"-o json"/);
    expect(r.ficProblems[0]).not.toMatch(/Unexpected token/);
    expect(headline(r, given)).toMatchObject({ tone: 'fail', title: 'The credential list cannot be used' });
  });
});
