/**
 * The issuer a GKE cluster puts in `iss`, and its shape checks.
 *
 * `iss` = `https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>`,
 * no trailing slash; `<location>` is a region or a zone such as `us-central1-f` (other-providers.md §2.3;
 * GKE REST reference projects.locations.clusters.well-known/getOpenid-configuration; the k8s-prow issuer
 * in kubernetes/k8s.io #3807).
 */
import type { Check } from '../../types.ts';
import { issuerUrlChecks } from '../cluster-common/issuer.ts';
import { quote } from '../cluster-common/stage.ts';
import type { GkePlatform } from './schema.ts';

/** The GKE API host that serves cluster issuers. */
export const GKE_ISSUER_HOST = 'https://container.googleapis.com/v1';

/** `region` (e.g. us-central1), `zone` (e.g. us-central1-f) or `unknown` (neither shape). */
export function gkeLocationKind(location: string): 'region' | 'zone' | 'unknown' {
  if (/^[a-z]+-[a-z]+\d+$/.test(location)) return 'region';
  if (/^[a-z]+-[a-z]+\d+-[a-z]$/.test(location)) return 'zone';
  return 'unknown';
}

/** Result of {@link gkeIssuer}. */
export interface GkeIssuer {
  issuer: string;
  locationKind: 'region' | 'zone' | 'unknown';
  checks: Check[];
}

/** The issuer of a GKE cluster from project, location and name, with shape checks. Never throws. */
export function gkeIssuer(p: GkePlatform): GkeIssuer {
  const project = String(p.project ?? '');
  const location = String(p.location ?? '');
  const cluster = String(p.cluster ?? '');
  const issuer = `${GKE_ISSUER_HOST}/projects/${project}/locations/${location}/clusters/${cluster}`;
  const kind = gkeLocationKind(location);
  const checks: Check[] = [...issuerUrlChecks(issuer)];
  checks.push({
    name: 'location',
    expected: 'a region ("us-central1") or a zone ("us-central1-f")',
    actual: `${quote(location)}${kind === 'unknown' ? '' : ` (${kind})`}`,
    ok: kind !== 'unknown',
    note: 'A zonal cluster\'s issuer names the zone, a regional one\'s the region; the federated credential must use the same (other-providers.md §2.3).',
  });
  const segOk = (s: string) => s.length > 0 && !/[/?#\s]/.test(s);
  checks.push({ name: 'project and cluster path segments', expected: 'non-empty, no "/", "?", "#" or spaces', actual: `${quote(project)}, ${quote(cluster)}`, ok: segOk(project) && segOk(cluster) });
  return { issuer, locationKind: kind, checks };
}

/** How a GKE token's `iss` differs from an AKS one, for the claim explanation panel. */
export const GKE_ISS_EXPLANATION =
  'Issuer: the GKE cluster\'s issuer, https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster> — no trailing slash, location as the cluster has it (zone or region); a federated identity credential must name it exactly. The other claims are built by Kubernetes as on AKS.';

/** The parts of a GKE issuer URL, or undefined when `url` is not one. */
export function parseGkeIssuer(url: string): { project: string; location: string; cluster: string } | undefined {
  const m = /^https:\/\/container\.googleapis\.com\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([^/]+)\/?$/.exec(url);
  return m ? { project: m[1]!, location: m[2]!, cluster: m[3]! } : undefined;
}

/**
 * Explains a federated credential that names the same GKE project and cluster as `iss` but another
 * location (e.g. the region "us-central1" for a zonal cluster in "us-central1-f"): the location is part of
 * the issuer, and Entra ID compares issuers exactly (other-providers.md §2.3; workload-identity.md C3).
 * One check per such credential; none when a credential matches exactly. Explanation only: the verdict is
 * the aks-entra credential match (AADSTS700211).
 */
export function gkeFicHints(iss: string, fics: { name: string; issuer: string }[]): Check[] {
  if (fics.some((f) => f.issuer === iss)) return [];
  const t = parseGkeIssuer(iss);
  if (!t) return [];
  const out: Check[] = [];
  for (const f of fics) {
    const c = parseGkeIssuer(f.issuer);
    if (c && c.project === t.project && c.cluster === t.cluster && c.location !== t.location) {
      out.push({
        name: `credential "${f.name}" issuer, location`,
        expected: quote(t.location),
        actual: quote(c.location),
        ok: false,
        note: `The cluster's issuer names the location ${t.location} (${gkeLocationKind(t.location)}); the credential names ${c.location}. Copy the issuer from the cluster, not from the project's region.`,
      });
    }
  }
  return out;
}
