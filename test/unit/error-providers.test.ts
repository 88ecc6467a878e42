/**
 * /errors/ by provider: which providers produce a code (scenarios that `expect` it, plus github-entra's
 * catalogue), and every code a scenario of any provider expects has its own error page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ERROR_CATALOGUE } from '../../src/engine/errors.ts';
import { GITHUB_CODE_CAUSES } from '../../src/engine/providers/github-entra/catalogue.ts';
import { codesByProvider, providersForCode, type ScenarioRef } from '../../src/lib/error-providers.ts';

const DIR = join(import.meta.dirname, '..', '..', 'content', 'scenarios');
const refs: ScenarioRef[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const d = parseYaml(readFileSync(join(DIR, f), 'utf8')) as { title: string; provider?: string; expect?: { code?: string } };
    return { slug: f.replace(/\.yaml$/, ''), title: d.title, provider: d.provider, expectCode: d.expect?.code };
  });

describe('error codes by provider', () => {
  it('every code a scenario expects (any provider) has an error page', () => {
    const missing = refs.filter((r) => r.expectCode && !ERROR_CATALOGUE[r.expectCode]).map((r) => `${r.slug}: ${r.expectCode}`);
    expect(missing).toEqual([]);
    expect(refs.filter((r) => r.provider && r.provider !== 'aks-entra' && r.expectCode).length).toBeGreaterThan(20);
  });

  it('every code in the GitHub catalogue has an error page', () => {
    for (const code of Object.keys(GITHUB_CODE_CAUSES)) expect(ERROR_CATALOGUE[code], code).toBeDefined();
  });

  it('AADSTS700211 is produced by all five providers, each with its own scenarios', () => {
    const ps = providersForCode('AADSTS700211', refs);
    expect(ps.map((p) => p.id)).toEqual(['aks-entra', 'github-entra', 'eks-entra', 'gke-entra', 'selfmanaged-entra']);
    expect(ps.find((p) => p.id === 'eks-entra')!.scenarios.map((s) => s.slug)).toContain('eks-fic-issuer-lowercase-id');
    expect(ps.find((p) => p.id === 'github-entra')!.causes.length).toBeGreaterThan(0);
    for (const p of ps) for (const s of p.scenarios) expect(refs.find((r) => r.slug === s.slug)!.expectCode).toBe('AADSTS700211');
  });

  it('a code no scenario and no catalogue names has no provider', () => {
    expect(providersForCode('AADSTS0000000', refs)).toEqual([]);
  });

  it('groups codes by provider for the index', () => {
    const groups = codesByProvider(Object.keys(ERROR_CATALOGUE), refs);
    const gh = groups.find((g) => g.id === 'github-entra')!;
    expect(gh.codes).toContain('AADSTS700213');
    expect(groups[0]!.id).toBe('aks-entra');
  });
});
