/**
 * The providers the playground can simulate, loaded on demand. aks-entra is always there (it is the
 * default and the page's first paint); the other providers' code is fetched with a dynamic `import()` only
 * when the user switches to one, or a link or `?provider=` asks for it, and is then registered in
 * src/engine/providers/known.ts so the chain runner and the scenario loader know it. This keeps the
 * playground's bytes before interaction within its budget (test/e2e/budgets.test.ts).
 *
 * A kit is what the store needs of a provider besides its stages: its complete default world as the
 * editors show it, its world schema, and (GitHub only) the workflow text round trip of
 * src/engine/providers/github-entra/workflow.ts.
 */
import type { z } from '../../engine/zod.ts';
import type { Provider } from '../../engine/provider.ts';
import type { World } from '../../engine/schema.ts';
import { WorldSchema } from '../../engine/schema.ts';
import { defaultWorld } from '../../engine/defaults.ts';
import { knownProvider, registerProviders } from '../../engine/providers/known.ts';
import { PROVIDER_LABELS, providerLabels } from '../../engine/providers/labels.ts';
import type { GithubWorld } from '../../engine/providers/github-entra/schema.ts';
import type { WorkflowParse } from '../../engine/providers/github-entra/workflow.ts';

/** The default provider: a link or scenario without `provider` is aks-entra (design.md, "Scenario file"). */
export const DEFAULT_PROVIDER = 'aks-entra';

/**
 * Provider ids the playground offers, in registry order (providers/labels.ts mirrors registry.ts); a
 * provider whose labels say `playground: false` (eks-irsa: its editors are not built yet) is left out.
 */
export const PLAYGROUND_PROVIDERS: readonly string[] = PROVIDER_LABELS.filter((l) => l.playground !== false).map((l) => l.id);

/** The world's shape: `cluster` providers have a ServiceAccount and a Pod; `github` has a workflow job. */
export type ProviderShape = 'cluster' | 'github';

/** Everything the playground store needs of one provider. */
export interface ProviderKit {
  id: string;
  /** Human name, e.g. "GitHub Actions → Microsoft Entra ID" (providers/<id>/labels.ts). */
  title: string;
  /** Issuer side, e.g. "GitHub Actions". */
  short: string;
  shape: ProviderShape;
  /** A fresh copy of the provider's healthy default world. */
  defaultWorld(): World;
  /** Validates a complete world of this provider. */
  schema: z.ZodType<unknown>;
  /**
   * One sentence (with its source) explaining a header parameter or claim of this provider's token, or
   * undefined when the provider has none for it (the token panel then uses the Kubernetes explanation).
   */
  explain?: (part: 'header' | 'payload', name: string) => string | undefined;
  /** Where the token panel's explanations come from: a page to read (a link, never fetched). */
  claimsSource?: { label: string; href: string };
  /** GitHub only: the workflow job as YAML, and back (github-entra/workflow.ts). */
  workflow?: { render(g: GithubWorld): string; parse(text: string, base: GithubWorld): WorkflowParse };
}

function kitOf(p: Provider<any, any>, extra: Partial<ProviderKit> = {}): ProviderKit { // eslint-disable-line @typescript-eslint/no-explicit-any
  const l = providerLabels(p.id);
  return {
    id: p.id,
    title: l.title,
    short: l.short,
    shape: 'cluster',
    defaultWorld: () => p.defaultWorld() as World,
    schema: p.id === DEFAULT_PROVIDER ? WorldSchema : (p.worldSchema as z.ZodType<unknown>),
    ...extra,
  };
}

const AKS_KIT: ProviderKit = { ...kitOf(knownProvider(DEFAULT_PROVIDER)!), defaultWorld: () => defaultWorld() };

const kits = new Map<string, ProviderKit>([[DEFAULT_PROVIDER, AKS_KIT]]);
const pending = new Map<string, Promise<ProviderKit>>();

/**
 * Each provider's module, fetched only when asked for (a chunk per provider). Loading registers the
 * provider's stages in providers/known.ts, so runChain and parseScenario find it.
 */
const LOADERS: Record<string, () => Promise<ProviderKit>> = {
  'github-entra': async () => {
    const [{ githubEntra }, wf, claims] = await Promise.all([
      import('../../engine/providers/github-entra/provider.ts'),
      import('../../engine/providers/github-entra/workflow.ts'),
      import('../../engine/providers/github-entra/claims.ts'),
    ]);
    registerProviders([githubEntra]);
    return kitOf(githubEntra, {
      shape: 'github',
      workflow: { render: wf.renderWorkflow, parse: wf.parseWorkflow },
      explain: claims.explainGithubField,
      // other-providers.md §1.1: the GitHub OIDC reference.
      claimsSource: { label: 'GitHub OIDC reference', href: 'https://docs.github.com/en/actions/reference/security/oidc' },
    });
  },
  'eks-entra': async () => registered((await import('../../engine/providers/eks-entra/index.ts')).eksEntra),
  'gke-entra': async () => registered((await import('../../engine/providers/gke-entra/index.ts')).gkeEntra),
  'selfmanaged-entra': async () => registered((await import('../../engine/providers/selfmanaged-entra/index.ts')).selfManagedEntra),
};

/**
 * The issuer form of each non-AKS cluster, for the token panel's `iss` row (other-providers.md §2.2–§2.4).
 * The key ID format of these issuers is not in the reference, so the `kid` row says only what it is for.
 */
const CLUSTER_ISS: Record<string, string> = {
  'eks-entra':
    'Issuer: https://oidc.eks.<region>.amazonaws.com/id/<ID>, no trailing slash, <ID> in upper-case hex as EKS generates it; the credential\'s issuer must copy it byte for byte, since Entra ID compares exactly and case-sensitively (other-providers.md §2.2).',
  'gke-entra':
    'Issuer: https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>, no trailing slash; <location> is the cluster\'s region or zone, e.g. us-central1-f (GKE REST reference, projects.locations.clusters.well-known; other-providers.md §2.3).',
  'selfmanaged-entra':
    'Issuer: the API server\'s --service-account-issuer value, which must be a public https URL serving the discovery document and JWKS; the credential must name the same string, trailing slash included or not (azure-workload-identity self-managed-clusters docs; other-providers.md §2.4).',
};
const CLUSTER_KID =
  'Key ID: which key of the JWKS (found through jwks_uri in the issuer\'s discovery document) signed the token. The exact form this platform gives key IDs is not in the simulator\'s reference (uncertain); the simulator uses its own key names (other-providers.md §2.1).';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function registered(p: Provider<any, any>): ProviderKit {
  registerProviders([p]);
  const iss = CLUSTER_ISS[p.id];
  return kitOf(p, {
    explain: (part, name) => (part === 'payload' && name === 'iss' ? iss : part === 'header' && name === 'kid' ? CLUSTER_KID : undefined),
  });
}

/** True when the playground can simulate provider `id` (loaded or loadable). */
export function isPlaygroundProvider(id: unknown): id is string {
  return typeof id === 'string' && (kits.has(id) || Object.prototype.hasOwnProperty.call(LOADERS, id));
}

/** The kit of a provider already loaded, or undefined. Synchronous (the store calls it). */
export function loadedKit(id: string): ProviderKit | undefined {
  return kits.get(id);
}

/**
 * Loads provider `id` (once; later calls share the same promise), registers it with the engine
 * (providers/known.ts) and returns its kit. Rejects for an id the playground does not offer, or when the
 * chunk cannot be fetched (offline before it was cached).
 */
export function loadKit(id: string): Promise<ProviderKit> {
  const have = kits.get(id);
  if (have) return Promise.resolve(have);
  const loader = isPlaygroundProvider(id) ? LOADERS[id] : undefined;
  if (!loader) return Promise.reject(new Error(`The playground has no provider "${id}".`));
  let p = pending.get(id);
  if (!p) {
    p = loader().then(
      (kit) => {
        kits.set(id, kit);
        return kit;
      },
      (e: unknown) => {
        pending.delete(id);
        throw e;
      },
    );
    pending.set(id, p);
  }
  return p;
}
