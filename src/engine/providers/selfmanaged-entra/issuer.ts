/**
 * The issuer a self-managed cluster puts in `iss`: the FIRST `--service-account-issuer` value; every
 * value is accepted by the API server, but only that one lands in new tokens (other-providers.md §2.4;
 * workload-identity.md A2). Left at its default (`https://kubernetes.default.svc.cluster.local` or
 * `https://kubernetes.default.svc`) it names a host Entra ID can never reach (Azure/azure-workload-identity
 * #616). The blob `$web` sample issuer ends with "/", and the flag must then carry it too
 * (azure-workload-identity `…/oidc-issuer/discovery-document.md`).
 */
import type { Check } from '../../types.ts';
import { IN_CLUSTER_ISSUERS, isInClusterOrPrivate, issuerUrlChecks } from '../cluster-common/issuer.ts';
import { quote } from '../cluster-common/stage.ts';
import type { SelfManagedPlatform } from './schema.ts';

/** Result of {@link selfManagedIssuer}. */
export interface SelfManagedIssuer {
  /** The `iss` of new tokens (first flag value). */
  issuer: string;
  /** Every value the API server accepts (informational: Entra ID only sees `issuer`). */
  accepted: string[];
  checks: Check[];
}

/** The issuer of new tokens and its shape checks. Never throws. */
export function selfManagedIssuer(p: SelfManagedPlatform): SelfManagedIssuer {
  const accepted = Array.isArray(p.serviceAccountIssuers) ? p.serviceAccountIssuers.map(String) : [];
  const issuer = accepted[0] ?? '';
  const checks: Check[] = [...issuerUrlChecks(issuer)];
  const internal = (IN_CLUSTER_ISSUERS as readonly string[]).includes(issuer.replace(/\/+$/, '')) || isInClusterOrPrivate(issuer);
  checks.push({
    name: '--service-account-issuer is public',
    expected: 'a public https URL that serves discovery',
    actual: internal ? `${quote(issuer)} (in-cluster or private host)` : quote(issuer),
    ok: !internal,
    note: 'The default in-cluster issuer is not reachable from Entra ID; set the flag to the public URL where discovery and JWKS are hosted (other-providers.md §2.4).',
  });
  if (accepted.length > 1) {
    checks.push({
      name: '--service-account-issuer given several times',
      expected: `new tokens carry the first: ${quote(issuer)}`,
      actual: accepted.map((a) => quote(a)).join(', '),
      ok: true,
      note: 'The first value signs new tokens; the others are only accepted by the API server. A federated credential must name the first (other-providers.md §2.4).',
    });
  }
  if (p.hosting?.kind === 'blob-web') {
    checks.push({
      name: 'issuer and the $web sample',
      expected: 'https://<account>.blob.core.windows.net/$web/ (the sample ends with "/")',
      actual: quote(issuer),
      ok: true,
      note: 'Whatever form is chosen, the flag, the discovery document\'s issuer and the federated credential must be the same string, slash included.',
    });
  }
  return { issuer, accepted, checks };
}

/** How a self-managed token's `iss` differs from an AKS one, for the claim explanation panel. */
export const SELFMANAGED_ISS_EXPLANATION =
  'Issuer: the first --service-account-issuer value of the API server, byte for byte (a trailing slash only if the flag has one); a federated identity credential must name it exactly. The other claims are built by Kubernetes as on AKS.';

/** Result of {@link issuerFlagHint}. */
export interface IssuerFlagHint {
  /** Where the distribution takes the kube-apiserver flag. */
  text: string;
  uncertain?: string;
}

/**
 * Where each distribution passes `--service-account-issuer` (for fix texts). They are plain kube-apiserver
 * flags; kind takes them through kubeadm `apiServer.extraArgs`, k3s through
 * `--kube-apiserver-arg=service-account-issuer=…` — **[uncertain]**: the exact config keys were not
 * re-verified (other-providers.md §2.4).
 */
export function issuerFlagHint(distribution: SelfManagedPlatform['distribution'] | undefined): IssuerFlagHint {
  const unverified = 'The exact configuration key for this distribution was not re-verified; it is the plain kube-apiserver flag (other-providers.md §2.4).';
  switch (distribution) {
    case 'k3s':
      return { text: 'k3s: start the server with --kube-apiserver-arg=service-account-issuer=<issuer>', uncertain: unverified };
    case 'kind':
      return { text: 'kind: set service-account-issuer under the kubeadm ClusterConfiguration apiServer.extraArgs of the cluster config', uncertain: unverified };
    case 'kubeadm':
    case undefined:
      return { text: 'kubeadm: set service-account-issuer under apiServer.extraArgs (or in /etc/kubernetes/manifests/kube-apiserver.yaml)', uncertain: unverified };
    default:
      return { text: 'set the kube-apiserver flag --service-account-issuer=<issuer> in the distribution\'s API-server configuration' };
  }
}
