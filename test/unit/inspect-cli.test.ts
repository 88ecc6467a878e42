/**
 * The token inspector CLI (bin/inspect.mjs → src/cli/inspect.ts), driven as a user would: a real token
 * minted by the engine's simulated issuer, real files, a child process on the project's Node, real exit
 * codes. Nothing is mocked: the FIC match, the signature verification and the error lookup all run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore, simulate, DEFAULT_ISSUER } from '../../src/engine/index.ts';
import { compareCredentials } from '../../src/engine/inspect.ts';
import { comparisonLines } from '../../src/cli/inspect.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node')) ? path.join(ROOT, 'node_modules/.bin/node') : process.execPath;
const BIN = path.join(ROOT, 'bin/inspect.mjs');
/** Spawning Node + tsx takes a few seconds on a small machine. */
const SLOW = 60_000;

/** When the token was minted, and the clock the CLI judges it by (five minutes later). */
const MINTED = '2026-01-15T10:00:00Z';
const NOW = '2026-01-15T10:05:00Z';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in the project root, optionally feeding `stdin`. */
function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

let tmp: string;
let jwt: string;
let iss: string;
const files: Record<string, string> = {};

/** Writes a temporary file and returns its path. */
async function temp(name: string, text: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, text, 'utf8');
  files[name] = file;
  return file;
}

/** A federated credential list as `az identity federated-credential list` prints it. */
function ficList(issuer: string, subject = 'system:serviceaccount:dev:my-app-sa'): string {
  return JSON.stringify(
    [{ name: 'aks-dev-my-app', issuer, subject, audiences: ['api://AzureADTokenExchange'], type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials' }],
    null,
    2,
  );
}

/** Replaces the payload of a compact JWS, keeping header and signature (what a tamperer would do). */
function tamper(token: string, change: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wil-inspect-'));
  const result = await simulate({ schema: 1, title: 'default' }, { now: new Date(MINTED), keys: createKeyStore() });
  expect(result.outcome).toBe('granted');
  jwt = result.artifacts.token!.jwt;
  iss = result.artifacts.token!.payload.iss as string;
  expect(iss).toBe(DEFAULT_ISSUER);
  expect(iss.endsWith('/')).toBe(true);
  await temp('token.jwt', `${jwt}\n`);
  await temp('jwks.json', JSON.stringify(result.artifacts.jwks, null, 2));
  await temp('discovery.json', JSON.stringify(result.artifacts.discovery, null, 2));
  await temp('fics.json', ficList(iss));
  await temp('fics-no-slash.json', ficList(iss.replace(/\/$/, '')));
  await temp('tampered.jwt', tamper(jwt, (p) => void (p.exp = (p.exp as number) + 12 * 3600)));
  await temp('garbage.jwt', 'eyJhbGciOiJSUzI1NiJ9.this*is%not!base64url.');
  await temp('error.txt', "WorkloadIdentityCredential: AADSTS700211: No matching federated identity record found for presented assertion issuer 'x'.");
}, SLOW);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('inspect a minted token', () => {
  it('a matching FIC, the JWKS and the discovery document: every check passes, exit 0', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['token.jwt']!, '--fics', files['fics.json']!, '--jwks', files['jwks.json']!, '--discovery', files['discovery.json']!, '--now', NOW]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pass  match as Entra ID does it');
    expect(r.stdout).toMatch(/^ {4}issuer {4}pass {2}"https:\/\/eastus\.oic\.prod-aks\.azure\.com\/.*\/"$/m);
    expect(r.stdout).toContain('pass  signature against the JWKS');
    expect(r.stdout).toContain('pass  discovery issuer = token iss');
    // Decoded header and payload are shown, and the time window is judged at --now.
    expect(r.stdout).toContain('"alg": "RS256"');
    expect(r.stdout).toContain('"sub": "system:serviceaccount:dev:my-app-sa"');
    expect(r.stdout).toContain(`Clock: ${NOW} (from --now)`);
    expect(r.stdout).toContain('exp: 2026-01-15T11:00:00Z (in 55 min)');
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n/);
    expect(r.stdout).not.toMatch(/^\s*FAIL/m);
  });

  it('a FIC without the trailing slash: exit 1, AADSTS700211, the slash explained and pointed at', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['token.jwt']!, '--fics', files['fics-no-slash.json']!, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('AADSTS700211');
    expect(r.stdout).toContain('The credential lacks the trailing "/" that the token has.');
    expect(r.stdout).toContain('only in the token: "/"');
    expect(r.stdout).toContain('FAIL  federated credentials: a credential matches issuer, subject and audience');
    // The caret sits exactly under the token's final "/" (its first differing character).
    const lines = r.stdout.split('\n');
    const tokenLine = lines.find((l) => l.trimStart().startsWith('token:') && l.includes(iss))!;
    const caretAt = lines.indexOf(tokenLine) + 2;
    const caretLine = lines[caretAt]!;
    expect(lines[caretAt - 1]).toContain(`credential: "${iss.slice(0, -1)}"`);
    expect(caretLine.trim()).toMatch(new RegExp(`^\\^ first difference: character ${iss.length} of the token's value$`));
    expect(caretLine.indexOf('^')).toBe(tokenLine.indexOf(iss) + iss.length - 1);
    expect(tokenLine[caretLine.indexOf('^')]).toBe('/');
  });

  it('a payload changed after signing: the signature check fails, exit 1', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['tampered.jwt']!, '--jwks', files['jwks.json']!, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  signature against the JWKS');
    expect(r.stdout).toContain('FAIL  RS256 signature: does not verify');
    expect(r.stdout).toContain('FAIL  signature: kid in the JWKS and RS256 signature verifies');
    // The untampered token verifies with the same JWKS.
    const ok = await cli(['--token', files['token.jwt']!, '--jwks', files['jwks.json']!, '--now', NOW]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('pass  signature against the JWKS');
  });

  it('garbage: decoded as far as it goes, problems named, exit 1, no stack trace', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['garbage.jwt']!, '--fics', files['fics.json']!, '--jwks', files['jwks.json']!, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    // The header is readable and shown; the payload is not, and the report says which character is wrong.
    expect(r.stdout).toContain('header: ok');
    expect(r.stdout).toContain('"alg": "RS256"');
    expect(r.stdout).toContain('payload: NOT READABLE — character 5 ("*") is not base64url');
    expect(r.stdout).toContain('the signature is empty');
    expect(r.stdout).toContain('FAIL  token: decodes as a signed JWT');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|internal error|TypeError|SyntaxError/);
  });

  it('--json prints the inspect result as JSON', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['token.jwt']!, '--fics', files['fics-no-slash.json']!, '--jwks', files['jwks.json']!, '--json', '--now', NOW]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.now).toBe(Date.parse(NOW) / 1000);
    expect(result.token.format).toBe('jws');
    expect(result.token.payload.iss).toBe(iss);
    expect(result.federation.status).toBe('fail');
    expect(result.federation.code).toBe('AADSTS700211');
    expect(result.signature.status).toBe('pass');
    const issuerField = result.comparisons[0].fields.find((f: { field: string }) => f.field === 'issuer');
    expect(issuerField.firstDifference).toBe(iss.length - 1);
  });

  it('reads the token from standard input with "-" and explains codes from --error', { timeout: SLOW }, async () => {
    const r = await cli(['--token', '-', '--error', files['error.txt']!, '--now', NOW], `Bearer ${jwt}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AADSTS700211 (Microsoft Entra ID, stage federation-match, HTTP 401 invalid_client)');
    expect(r.stdout).toMatch(/Scenarios: .*fic-issuer-missing-trailing-slash/);
    expect(r.stdout).toContain('/errors/aadsts700211/');
  });

  it('judges the time window at --now: an hour and a half later the token has expired', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['token.jwt']!, '--now', '2026-01-15T11:30:00Z']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('AADSTS700024');
    expect(r.stdout).toContain('exp: 2026-01-15T11:00:00Z (30 min ago)');
  });
});

describe('the same verdicts as the page', () => {
  it('an empty credential list ([]) is read, and the match fails with AADSTS700211: exit 1', { timeout: SLOW }, async () => {
    const empty = await temp('fics-empty.json', '[]\n');
    const r = await cli(['--token', files['token.jwt']!, '--fics', empty, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the file is an empty list: this identity has no federated credentials, so none can match');
    expect(r.stdout).toMatch(/FAIL {2}match as Entra ID does it .* — AADSTS700211/);
    expect(r.stdout).toContain('Not confirmed: Microsoft does not document the code for an identity that holds no federated credential at all');
    expect(r.stdout).toContain('FAIL  federated credentials: a credential matches issuer, subject and audience');
    expect(r.stdout).not.toContain('FAIL  federated credentials: file');
  });

  it('notes on how the token compares with an AKS token are printed, never counted as failures', { timeout: SLOW }, async () => {
    const r = await cli(['--token', files['token.jwt']!, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Compared with an AKS token (information only; Entra ID does not check these):');
    expect(r.stdout).toMatch(/as on AKS {2}header kid: "[\w-]{43}"/);
  });

  it('a two-part token: the checks that read the claims say they were not run, and why', { timeout: SLOW }, async () => {
    const two = await temp('two.jwt', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0');
    const r = await cli(['--token', two, '--fics', files['fics.json']!, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('AADSTS700211');
    expect(r.stdout).not.toContain('AADSTS70023');
    expect(r.stdout).toContain('(not checked: the token cannot be read as a signed JWT');
  });
});

describe('unusable input exits 2', () => {
  it('missing --token', { timeout: SLOW }, async () => {
    const r = await cli(['--fics', 'whatever.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing --token FILE');
    expect(r.stderr).toContain('Usage: wil-inspect');
  });

  it('an unreadable file, two options reading stdin, a bad --now', { timeout: SLOW }, async () => {
    const missing = await cli(['--token', path.join(tmp, 'nope.jwt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the file: no such file');
    const twice = await cli(['--token', '-', '--fics', '-']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('only one option can read standard input');
    const badNow = await cli(['--token', files['token.jwt']!, '--now', 'soon']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now expects an ISO 8601 date-time');
  });
});

describe('comparison lines', () => {
  it('point at a trailing space in the credential subject and say it is whitespace', () => {
    const payload = { iss, sub: 'system:serviceaccount:dev:my-app-sa', aud: ['api://AzureADTokenExchange'] };
    const [cmp] = compareCredentials(payload, [{ name: 'x', issuer: iss, subject: 'system:serviceaccount:dev:my-app-sa ', audiences: ['api://AzureADTokenExchange'] }]);
    const subject = cmp!.fields.find((f) => f.field === 'subject')!;
    const lines = comparisonLines(subject);
    expect(lines[0]).toMatch(/^subject +FAIL$/);
    const credLine = lines[2]!;
    const caret = lines[3]!.indexOf('^');
    // Under the space that only the credential has (inside the quotes, just before the closing quote).
    expect(credLine[caret]).toBe(' ');
    expect(credLine[caret + 1]).toBe('"');
    expect(lines).toContain('    only in the credential: " "');
    expect(lines.join('\n')).toContain('whitespace');
  });

  it('an equal field is one pass line', () => {
    const [cmp] = compareCredentials({ iss, sub: 's', aud: ['a'] }, [{ name: 'x', issuer: iss, subject: 's', audiences: ['a'] }]);
    expect(comparisonLines(cmp!.fields[0]!)).toEqual([`issuer    pass  ${JSON.stringify(iss)}`]);
  });
});
