/**
 * `simulate --export FORMAT FILE` (issue 14), driven as a user would: a child process on the project's
 * Node, real scenario files, real exit codes. The exported text is the exporter's (src/export), which
 * test/unit/export.test.ts checks with real parsers; here: the flag's wiring, messages and exit codes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node')) ? path.join(ROOT, 'node_modules/.bin/node') : process.execPath;
const BIN = path.join(ROOT, 'bin/simulate.mjs');
const SLOW = 60_000;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(NODE, [BIN, ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('simulate --export', () => {
  it('prints the az script of a failing scenario with the failing line marked, exit 0', { timeout: SLOW }, async () => {
    const r = await cli('--export', 'az', 'content/scenarios/fic-subject-wrong-namespace.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(r.stdout).toContain("# ✗ breaks the chain: this subject will not match the token's sub: system:serviceaccount:dev:my-app-sa");
    expect(r.stdout).toContain("# fixed: --subject 'system:serviceaccount:dev:my-app-sa'");
  });

  it('prints the GitHub workflow of a github-entra scenario as YAML', { timeout: SLOW }, async () => {
    const r = await cli('--export', 'github-workflow', 'content/scenarios/github-healthy-default.yaml');
    expect(r.code).toBe(0);
    const doc = parseYaml(r.stdout) as { jobs: { deploy: { permissions: Record<string, string> } } };
    expect(doc.jobs.deploy.permissions['id-token']).toBe('write');
  });

  it('exits 2 with a clear message for a format that does not apply to the provider', { timeout: SLOW }, async () => {
    const r = await cli('--export', 'kubernetes', 'content/scenarios/github-healthy-default.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--export kubernetes does not apply to provider github-entra (formats for it: github-workflow, az, terraform, bicep)');
  });

  it('exits 2 for an unknown format, for --export with --check, and for two files', { timeout: SLOW }, async () => {
    const unknown = await cli('--export', 'pulumi', 'content/scenarios/healthy-default.yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown --export format "pulumi" (formats: az, terraform, bicep, kubernetes, github-workflow)');
    const both = await cli('--export', 'az', '--check', 'content/scenarios/healthy-default.yaml');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--export cannot be combined with --check or --validate');
    const two = await cli('--export', 'az', 'content/scenarios/healthy-default.yaml', 'content/scenarios/no-role-assignment.yaml');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--export needs exactly one FILE (got 2)');
  });

  it('exits 2 for an invalid scenario file, naming it', { timeout: SLOW }, async () => {
    const r = await cli('--export', 'az', 'package.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json');
  });
});
