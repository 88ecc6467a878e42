/**
 * The scenario CLI (bin/simulate.mjs → src/cli/simulate.ts), driven as a user would: a child process
 * on the project's Node, real files, real exit codes. Contract: ../shared/design.md, "CLI".
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_IDS } from '../../src/engine/schema.ts';
import { compareExpect, describeResult, parseNow } from '../../src/cli/simulate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node')) ? path.join(ROOT, 'node_modules/.bin/node') : process.execPath;
const BIN = path.join(ROOT, 'bin/simulate.mjs');
const SCENARIOS = path.join(ROOT, 'content/scenarios');
/** Spawning Node + tsx + RSA key generation takes a few seconds on a small machine. */
const SLOW = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in the project root. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(NODE, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let tmp: string;
/** Writes a temporary scenario file and returns its path. */
async function tempFile(name: string, text: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, text, 'utf8');
  return file;
}

const HEALTHY = path.join('content', 'scenarios', 'healthy-default.yaml');

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wil-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('simulate FILE', () => {
  it('prints the chain result as 2-space JSON with all nine stages, exit 0', { timeout: SLOW }, async () => {
    const r = await cli(HEALTHY);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"outcome": /);
    const result = JSON.parse(r.stdout);
    expect(result.stages.map((s: { id: string }) => s.id)).toEqual([...STAGE_IDS]);
    expect(result.outcome).toBe('granted');
    // The scenario's own `now` (2026-01-15T10:00:00Z) is the clock.
    expect(result.now).toBe(Date.parse('2026-01-15T10:00:00Z') / 1000);
  });

  it('exits 0 for a denied outcome too', { timeout: SLOW }, async () => {
    const r = await cli(path.join('content', 'scenarios', 'fic-issuer-missing-trailing-slash.yaml'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.outcome).toBe('denied');
    expect(result.failedStage).toBe('federation-match');
  });

  it('--now overrides the scenario clock', { timeout: SLOW }, async () => {
    const r = await cli('--now', '2027-03-01T08:30:00Z', HEALTHY);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).now).toBe(Date.parse('2027-03-01T08:30:00Z') / 1000);
  });

  it('reads JSON scenario files', { timeout: SLOW }, async () => {
    const file = await tempFile(
      'json-scenario.json',
      JSON.stringify({ schema: 1, title: 'no role', now: '2026-01-15T10:00:00Z', world: { roleAssignments: [] } }, null, 2),
    );
    const r = await cli(file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).failedStage).toBe('authorization');
  });

  it('exits 2 and names the field path for a wrongly typed field', { timeout: SLOW }, async () => {
    const file = await tempFile(
      'bad-type.yaml',
      'schema: 1\ntitle: bad type\nworld:\n  identity:\n    federatedCredentials:\n      - name: x-fic\n        issuer: 5\n        subject: s\n        audiences: [api://AzureADTokenExchange]\n',
    );
    const r = await cli(file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:7:17`);
    expect(r.stderr).toContain('world.identity.federatedCredentials[0].issuer: expected string, received number');
  });

  it('exits 2 and names a misspelt field', { timeout: SLOW }, async () => {
    const file = await tempFile('misspelt.yaml', 'schema: 1\ntitle: misspelt\nworld:\n  serviceAcount:\n    name: other\n');
    const r = await cli(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:3`);
    expect(r.stderr).toMatch(/world: unknown field "serviceAcount"/);
  });

  it('exits 2 with the line number of a YAML syntax error', { timeout: SLOW }, async () => {
    const file = await tempFile('syntax.yaml', 'schema: 1\ntitle: broken\nworld:\n  pod: {labels: [\n');
    const r = await cli(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid YAML/JSON');
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[45]:\\d+  invalid YAML`));
  });

  it('exits 2 for a file that does not exist', { timeout: SLOW }, async () => {
    const r = await cli(path.join(tmp, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml');
    expect(r.stderr).toContain('no such file');
  });
});

describe('simulate --check', () => {
  it('passes every scenario in content/scenarios', { timeout: 5 * SLOW }, async () => {
    const files = (await readdir(SCENARIOS)).filter((f) => f.endsWith('.yaml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    const r = await cli('--check', ...files.map((f) => path.join('content', 'scenarios', f)));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${files.length} passed, 0 failed`);
    for (const f of files) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^PASS content/scenarios/${f.replace('.', '\\.')}  `)));
    expect(r.code).toBe(0);
  });

  it('reports a wrong expect and exits 1', { timeout: SLOW }, async () => {
    const wrong = await tempFile(
      'wrong-expect.yaml',
      [
        'schema: 1',
        'title: subject in the wrong namespace, but expect claims an issuer mismatch',
        'now: 2026-01-15T10:00:00Z',
        'world:',
        '  serviceAccount: { namespace: prod }',
        'expect: { outcome: denied, stage: federation-match, code: AADSTS700211 }',
        '',
      ].join('\n'),
    );
    const r = await cli('--check', HEALTHY, wrong);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`PASS ${HEALTHY}  granted`);
    expect(lines[1]).toMatch(new RegExp(`^FAIL ${wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  expected code AADSTS700211, got AADSTS700213`));
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
  });

  it('counts a file without expect as failed', { timeout: SLOW }, async () => {
    const none = await tempFile('no-expect.yaml', 'schema: 1\ntitle: no expect\nnow: 2026-01-15T10:00:00Z\n');
    const r = await cli('--check', none);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL .*no-expect\.yaml {2}has no expect/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('exits 2 on an invalid file but still reports the others', { timeout: SLOW }, async () => {
    const bad = await tempFile('check-bad.yaml', 'schema: 1\ntitle: bad\nexpect: { outcome: maybe }\n');
    const r = await cli('--check', bad, HEALTHY);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^FAIL .*check-bad\.yaml {2}invalid: expect\.outcome: expected one of "granted", "denied"/m);
    expect(r.stdout).toContain(`PASS ${HEALTHY}  granted`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    expect(r.stderr).toContain('check-bad.yaml:3:');
  });
});

describe('simulate --validate, --help and bad arguments', () => {
  it('--validate checks syntax and schema only', { timeout: SLOW }, async () => {
    const bad = await tempFile('validate-bad.yaml', 'schema: 2\ntitle: future\n');
    const ok = await cli('--validate', HEALTHY);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('1 valid, 0 invalid');
    const r = await cli('--validate', HEALTHY, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/validate-bad\.yaml:1:9 {2}schema: /);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 valid, 1 invalid');
  });

  it('--help prints usage and exits 0', { timeout: SLOW }, async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wil-simulate/);
    expect(r.stdout).toContain('--check FILE...');
  });

  it('rejects unknown options, a bad --now and a missing FILE with exit 2', { timeout: SLOW }, async () => {
    const unknown = await cli('--chek', HEALTHY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--chek'");
    const badNow = await cli('--now', 'yesterday', HEALTHY);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now expects an ISO 8601 date-time');
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('missing FILE');
  });
});

describe('CLI helpers', () => {
  it('compareExpect checks only the fields expect gives', () => {
    const denied = { outcome: 'denied' as const, failedStage: 'federation-match' as const, code: 'AADSTS700213' };
    expect(compareExpect({ outcome: 'denied' }, denied)).toEqual([]);
    expect(compareExpect({ stage: 'federation-match', code: 'AADSTS700211' }, denied)).toEqual([
      'expected code AADSTS700211, got AADSTS700213',
    ]);
    expect(compareExpect({ outcome: 'denied', stage: 'admission' }, { outcome: 'granted' })).toEqual([
      'expected outcome denied, got granted',
      'expected stage admission, got none',
    ]);
  });

  it('describeResult names stage and code', () => {
    expect(describeResult({ outcome: 'granted' })).toBe('granted');
    expect(describeResult({ outcome: 'denied', failedStage: 'admission' })).toBe('denied at admission');
    expect(describeResult({ outcome: 'denied', failedStage: 'signature', code: 'AADSTS7000272' })).toBe(
      'denied at signature (AADSTS7000272)',
    );
  });

  it('parseNow accepts ISO date-times only', () => {
    expect(parseNow('2026-01-15T10:00:00Z')?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(parseNow('2026-01-15T11:00:00+01:00')?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(parseNow('tomorrow')).toBeUndefined();
    expect(parseNow('2026-13-45T10:00:00Z')).toBeUndefined();
  });
});
