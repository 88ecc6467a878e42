/**
 * gke-entra: the GKE issuer form, location kinds, the healthy default, discovery at
 * `{iss}/.well-known/openid-configuration` → `{iss}/jwks` with the "not available" toggle, admission,
 * and the location near-miss hint. Rules: other-providers.md §2.1, §2.3; workload-identity.md F2. Clock frozen.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultGkeWorld,
  GKE_DEFAULT_ISSUER,
  GKE_DOCUMENT_UNCERTAIN,
  GKE_GSA_ANNOTATION,
  gkeAdmission,
  gkeDiscovery,
  gkeDiscoveryDocument,
  GkeEntraWorldSchema,
  gkeFicHints,
  gkeIssuer,
  gkeLocationKind,
  parseGkeIssuer,
} from '../../../../src/engine/providers/gke-entra/index.ts';
import { atTwoInstants, freezeClock } from './helpers.ts';

freezeClock();

describe('gkeIssuer', () => {
  it('is https://container.googleapis.com/v1/projects/<p>/locations/<l>/clusters/<c>, no trailing slash (k8s-prow example)', () => {
    const r = gkeIssuer({ kind: 'gke', project: 'k8s-prow', location: 'us-central1-f', cluster: 'prow', discoveryAvailable: true });
    expect(r.issuer).toBe('https://container.googleapis.com/v1/projects/k8s-prow/locations/us-central1-f/clusters/prow');
    expect(r.locationKind).toBe('zone');
    expect(r.checks.every((c) => c.ok)).toBe(true);
  });
  it('location kinds: region, zone, unknown', () => {
    expect(gkeLocationKind('us-central1')).toBe('region');
    expect(gkeLocationKind('europe-west4-b')).toBe('zone');
    expect(gkeLocationKind('US-Central1')).toBe('unknown');
    expect(gkeIssuer({ kind: 'gke', project: 'p', location: 'nowhere', cluster: 'c', discoveryAvailable: true }).checks.find((c) => c.name === 'location')?.ok).toBe(false);
  });
  it('path segments with "/" or spaces fail their check', () => {
    expect(gkeIssuer({ kind: 'gke', project: 'a/b', location: 'us-central1', cluster: 'c', discoveryAvailable: true }).checks.find((c) => c.name.startsWith('project'))?.ok).toBe(false);
    expect(gkeIssuer({ kind: 'gke', project: 'p', location: 'us-central1', cluster: 'my cluster', discoveryAvailable: true }).checks.find((c) => c.name.startsWith('project'))?.ok).toBe(false);
  });
  it('parseGkeIssuer reads the three parts back, and nothing from other URLs', () => {
    expect(parseGkeIssuer(GKE_DEFAULT_ISSUER)).toEqual({ project: 'demo-project-123', location: 'us-central1-f', cluster: 'demo-cluster' });
    expect(parseGkeIssuer('https://oidc.eks.us-east-1.amazonaws.com/id/AB')).toBeUndefined();
  });
});

describe('defaultGkeWorld', () => {
  it('is valid and the credential names the issuer byte for byte', () => {
    const w = defaultGkeWorld();
    expect(GkeEntraWorldSchema.safeParse(w).success).toBe(true);
    expect(w.identity.federatedCredentials[0]!.issuer).toBe(GKE_DEFAULT_ISSUER);
    expect(w.cluster.oidcIssuer.url).toBe(GKE_DEFAULT_ISSUER);
  });
  it('discoveryAvailable defaults to true in the schema', () => {
    const w = defaultGkeWorld() as unknown as { cluster: { platform: Record<string, unknown> } };
    delete w.cluster.platform.discoveryAvailable;
    const p = GkeEntraWorldSchema.parse(w);
    expect(p.cluster.platform.discoveryAvailable).toBe(true);
  });
});

describe('gkeDiscovery', () => {
  it('passes by default; jwks_uri is {iss}/jwks (GKE REST getJwks); uncertain note always present', () => {
    const o = gkeDiscovery(defaultGkeWorld(), GKE_DEFAULT_ISSUER);
    expect(o.stage.status).toBe('pass');
    expect(o.discoveryUrl).toBe(`${GKE_DEFAULT_ISSUER}/.well-known/openid-configuration`);
    expect(o.jwksUri).toBe(`${GKE_DEFAULT_ISSUER}/jwks`);
    expect(gkeDiscoveryDocument(GKE_DEFAULT_ISSUER).jwks_uri).toBe(`${GKE_DEFAULT_ISSUER}/jwks`);
    expect(o.stage.uncertain).toContain('kubernetes/k8s.io #3807');
    // GKE's own field set (Google's GetOpenIDConfigResponse schema), not the API server's A6 document.
    expect(Object.keys(o.document!)).toEqual(['issuer', 'jwks_uri', 'response_types_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported', 'claims_supported', 'grant_types']);
    expect(o.document!.claims_supported).toEqual(['iss', 'sub', 'kubernetes.io']);
    expect(o.stage.uncertain).toContain(GKE_DOCUMENT_UNCERTAIN);
  });
  it('"discovery not available for this cluster" → AADSTS50166 with the curl fix', () => {
    const w = defaultGkeWorld();
    w.cluster.platform.discoveryAvailable = false;
    const o = gkeDiscovery(w, GKE_DEFAULT_ISSUER);
    expect(o.stage.status).toBe('fail');
    expect(o.stage.code).toBe('AADSTS50166');
    expect(o.stage.message).toBe('AADSTS50166: Request to External OIDC endpoint failed.');
    expect(o.stage.fix).toContain('curl https://container.googleapis.com/v1/projects/');
  });
  it('an iss other than the cluster\'s → AADSTS50166', () => {
    expect(gkeDiscovery(defaultGkeWorld(), GKE_DEFAULT_ISSUER.replace('us-central1-f', 'us-central1')).stage.code).toBe('AADSTS50166');
  });
  it('does not read the clock', () => {
    const [a, b] = atTwoInstants(() => gkeDiscovery(defaultGkeWorld(), GKE_DEFAULT_ISSUER));
    expect(a).toEqual(b);
  });
});

describe('gkeAdmission', () => {
  it('webhook installed: defers to aks-entra; the GSA annotation is noted, not used', () => {
    const w = defaultGkeWorld();
    expect(gkeAdmission(w).checks.some((c) => c.name.includes(GKE_GSA_ANNOTATION))).toBe(false);
    w.serviceAccount.annotations[GKE_GSA_ANNOTATION] = 'app@demo-project-123.iam.gserviceaccount.com';
    const r = gkeAdmission(w);
    expect(r.state).toBe('webhook');
    const c = r.checks.find((x) => x.name.includes(GKE_GSA_ANNOTATION));
    expect(c?.ok).toBe(true);
    expect(c?.note).toContain('Google credentials only');
  });
  it('no webhook: GKE\'s metadata server injects no Azure token → no mutation, fail', () => {
    const w = defaultGkeWorld();
    w.cluster.workloadIdentityWebhook.installed = false;
    w.serviceAccount.annotations[GKE_GSA_ANNOTATION] = 'app@demo-project-123.iam.gserviceaccount.com';
    const r = gkeAdmission(w);
    expect(r.state).toBe('not-installed');
    expect(r.stage?.summary).toContain('GKE runs no Azure Workload Identity webhook');
  });
});

describe('gkeFicHints', () => {
  const f = (name: string, issuer: string) => ({ name, issuer });
  it('explains a credential naming the region of a zonal cluster', () => {
    const h = gkeFicHints(GKE_DEFAULT_ISSUER, [f('regional', GKE_DEFAULT_ISSUER.replace('us-central1-f', 'us-central1'))]);
    expect(h).toHaveLength(1);
    expect(h[0]!.ok).toBe(false);
    expect(h[0]!.expected).toBe('"us-central1-f"');
    expect(h[0]!.actual).toBe('"us-central1"');
    expect(h[0]!.note).toContain('(zone)');
  });
  it('nothing when a credential matches, or when project/cluster differ, or the iss is not GKE', () => {
    expect(gkeFicHints(GKE_DEFAULT_ISSUER, [f('ok', GKE_DEFAULT_ISSUER), f('r', GKE_DEFAULT_ISSUER.replace('us-central1-f', 'us-central1'))])).toEqual([]);
    expect(gkeFicHints(GKE_DEFAULT_ISSUER, [f('other', GKE_DEFAULT_ISSUER.replace('demo-cluster', 'x').replace('us-central1-f', 'us-central1'))])).toEqual([]);
    expect(gkeFicHints('https://x.example', [f('a', GKE_DEFAULT_ISSUER)])).toEqual([]);
  });
});
