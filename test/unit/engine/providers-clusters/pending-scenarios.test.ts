/**
 * The scenario drafts in content/pending/<provider>/ (not wired into the chain yet): each is a v1 scenario
 * file for its provider with `now`, `expect` and a source; its world merged over the provider's healthy
 * default is a valid world of that provider; and where this folder's modules alone decide the verdict
 * (admission without a webhook, issuer discovery, the uploaded JWKS, which issuer the credential names),
 * they agree with `expect`. The full `simulate --check` runs once the lead wires the providers.
 * Clock frozen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { deepMerge } from '../../../../src/engine/merge.ts';
import { ExpectSchema } from '../../../../src/engine/schema.ts';
import type { ClusterAdmission } from '../../../../src/engine/providers/cluster-common/admission.ts';
import type { DiscoveryOutcome } from '../../../../src/engine/providers/cluster-common/discovery.ts';
import * as eks from '../../../../src/engine/providers/eks-entra/index.ts';
import * as gke from '../../../../src/engine/providers/gke-entra/index.ts';
import * as sm from '../../../../src/engine/providers/selfmanaged-entra/index.ts';
import { freezeClock } from './helpers.ts';

freezeClock();

interface Provider {
  defaults: () => unknown;
  schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: unknown } };
  iss: (w: never) => string;
  admission: (w: never) => ClusterAdmission;
  discovery: (w: never, iss: string) => DiscoveryOutcome;
}

const PROVIDERS: Record<string, Provider> = {
  'eks-entra': { defaults: eks.defaultEksWorld, schema: eks.EksEntraWorldSchema, iss: (w: eks.EksEntraWorld) => eks.eksIssuer(w.cluster.platform).issuer, admission: eks.eksAdmission, discovery: eks.eksDiscovery } as unknown as Provider,
  'gke-entra': { defaults: gke.defaultGkeWorld, schema: gke.GkeEntraWorldSchema, iss: (w: gke.GkeEntraWorld) => gke.gkeIssuer(w.cluster.platform).issuer, admission: gke.gkeAdmission, discovery: gke.gkeDiscovery } as unknown as Provider,
  'selfmanaged-entra': { defaults: sm.defaultSelfManagedWorld, schema: sm.SelfManagedEntraWorldSchema, iss: (w: sm.SelfManagedEntraWorld) => sm.selfManagedIssuer(w.cluster.platform).issuer, admission: sm.selfManagedAdmission, discovery: sm.selfManagedDiscovery } as unknown as Provider,
};

const ROOT = join(process.cwd(), 'content', 'pending');
const TOP_KEYS = new Set(['schema', 'title', 'provider', 'now', 'summary', 'fix', 'tags', 'source', 'world', 'expect']);

for (const [id, p] of Object.entries(PROVIDERS)) {
  const dir = join(ROOT, id);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

  describe(`content/pending/${id}`, () => {
    it('holds at least 8 drafts', () => {
      expect(files.length).toBeGreaterThanOrEqual(8);
    });

    for (const f of files) {
      it(f, () => {
        const s = parseYaml(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
        for (const k of Object.keys(s)) expect(TOP_KEYS.has(k), `unknown key ${k}`).toBe(true);
        expect(s.schema).toBe(1);
        expect(s.provider).toBe(id);
        expect(typeof s.title).toBe('string');
        expect(new Date(String(s.now)).toISOString()).toBe('2026-01-15T10:00:00.000Z');
        expect((s.source as unknown[]).length).toBeGreaterThan(0);
        // Same rule as test/unit/scenarios.test.ts: sources are public https links (reference sections go in comments).
        for (const u of s.source as string[]) expect(u).toMatch(/^https:\/\/\S+$/);
        const ex = ExpectSchema.parse(s.expect);
        expect(ex.outcome).toBeDefined();
        if (ex.outcome === 'denied') expect(ex.stage).toBeDefined();

        const merged = p.schema.safeParse(deepMerge(p.defaults(), s.world ?? {}));
        expect(merged.success, JSON.stringify(merged.error)).toBe(true);
        const w = merged.data as never;
        const iss = p.iss(w);
        const fics = (w as { identity: { federatedCredentials: { issuer: string }[] } }).identity.federatedCredentials;
        const adm = p.admission(w);
        const disc = p.discovery(w, iss);

        if (ex.stage === 'admission' && adm.state !== 'webhook') expect(adm.stage?.status).toBe('fail');
        if (ex.stage !== 'admission') expect(adm.stage?.status ?? 'pass').not.toBe('fail');
        if (ex.stage === 'federation-match' && ex.code === 'AADSTS700211') expect(fics.some((c) => c.issuer === iss)).toBe(false);
        const reachesDiscovery = ex.outcome === 'granted' || ['issuer-discovery', 'signature', 'lifetime', 'access-token', 'authorization'].includes(ex.stage!);
        if (reachesDiscovery) expect(fics.some((c) => c.issuer === iss)).toBe(true);
        if (ex.stage === 'issuer-discovery') expect(disc.stage.code).toBe(ex.code);
        else if (reachesDiscovery) expect(disc.stage.status).not.toBe('fail');
        if (ex.stage === 'signature' && id === 'selfmanaged-entra') {
          expect(sm.selfManagedJwksKeyNames(w)).not.toContain((w as sm.SelfManagedEntraWorld).token.signingKey);
        }
      });
    }
  });
}
