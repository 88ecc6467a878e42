/**
 * The provider registry and the engine's shape rules (issue 11): every registered provider fills the
 * nine contract slots with a titled stage, its default world is valid and granted, ids are unique; no
 * engine file is over 400 lines. (Layer rules and cycles: `npm run test:deps`, dependency-cruiser.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, PROVIDER_IDS, DEFAULT_PROVIDER_ID, providerById } from '../../../src/engine/providers/registry.ts';
import { STAGE_IDS } from '../../../src/engine/schema.ts';
import { runProvider } from '../../../src/engine/chain.ts';
import { fixedKeyStore } from '../../goldens/fixed-keys.ts';
import { PROVIDER_LABELS } from '../../../src/engine/providers/labels.ts';

const ENGINE = fileURLToPath(new URL('../../../src/engine/', import.meta.url));
const NOW = new Date('2026-06-01T12:00:00Z');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('provider registry', () => {
  it('has unique ids and the default first', () => {
    expect(new Set(PROVIDER_IDS).size).toBe(PROVIDER_IDS.length);
    expect(PROVIDER_IDS[0]).toBe(DEFAULT_PROVIDER_ID);
    expect(providerById('no-such-provider')).toBeUndefined();
  });

  it('has display labels for exactly the registered providers, in order, with the same titles', () => {
    expect(PROVIDER_LABELS.map((l) => l.id)).toEqual(PROVIDER_IDS);
    expect(PROVIDER_LABELS.map((l) => l.title)).toEqual(PROVIDERS.map((p) => p.title));
  });

  for (const p of PROVIDERS) {
    describe(p.id, () => {
      it('fills every contract slot with a titled stage', () => {
        expect(Object.keys(p.stages).sort()).toEqual([...STAGE_IDS].sort());
        expect(Object.keys(p.stageTitles).sort()).toEqual([...STAGE_IDS].sort());
        for (const id of STAGE_IDS) {
          expect(typeof p.stages[id]).toBe('function');
          expect(p.stageTitles[id].length).toBeGreaterThan(3);
        }
      });

      it('has a valid default world that is granted, with the provider named in the result', async () => {
        const world = p.defaultWorld();
        expect(p.worldSchema.safeParse(world).success).toBe(true);
        expect(p.defaultWorld()).not.toBe(world);
        const r = await runProvider(p, world, { now: NOW, keys: fixedKeyStore() });
        expect(r.outcome, r.stages.find((s) => s.status === 'fail')?.summary).toBe('granted');
        expect(r.stages.map((s) => s.id)).toEqual([...STAGE_IDS]);
        expect(r.configErrors).toEqual([]);
        expect(r.provider).toBe(p.id);
      });
    });
  }
});

describe('engine files', () => {
  it('are at most 400 lines each', () => {
    const long = filesUnder(ENGINE)
      .map((f) => ({ f: path.relative(ENGINE, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 401);
    expect(long).toEqual([]);
  });
});
