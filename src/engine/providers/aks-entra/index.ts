/**
 * `aks-entra`: an AKS cluster's projected service account token, exchanged at Microsoft Entra ID for a
 * managed identity's (or app registration's) access token through a federated identity credential,
 * then used at an Azure resource. Reference: ../shared/reference/workload-identity.md.
 *
 * Own stages: admission (Azure Workload Identity webhook), projected-token (TokenRequest),
 * issuer-discovery (the AKS OIDC issuer's documents), signature (shared check + AKS key rotation).
 * Shared: client-lookup, federation-match, lifetime, access-token (entra/), authorization (azure/).
 */
import type { Provider } from '../../provider.ts';
import { WorldSchema, type World } from '../../schema.ts';
import { defaultWorld } from '../../defaults.ts';
import { discoveryDocument } from '../../issuer.ts';
import { clientLookup } from '../../entra/clientLookup.ts';
import { federationMatch } from '../../entra/federationMatch.ts';
import { lifetime } from '../../entra/lifetime.ts';
import { accessToken } from '../../entra/accessToken.ts';
import { authorization } from '../../azure/authorization.ts';
import { admission } from '../../kubernetes/admission.ts';
import { projectedToken } from '../../kubernetes/projectedToken.ts';
import { issuerDiscovery } from './issuerDiscovery.ts';
import { publishedKeys } from '../../kubernetes/signingKeys.ts';
import { signature } from './signature.ts';
import { configErrors } from '../../kubernetes/configErrors.ts';
import { AKS_HINTS } from './hints.ts';
import { CLUSTER_STAGE_TITLES } from '../../kubernetes/titles.ts';
import type { ClusterContext } from '../../kubernetes/context.ts';

export const aksEntra: Provider<World, ClusterContext> = {
  id: 'aks-entra',
  title: 'AKS → Microsoft Entra ID',
  stageTitles: CLUSTER_STAGE_TITLES,
  stages: {
    admission,
    'projected-token': projectedToken,
    'client-lookup': clientLookup,
    'federation-match': federationMatch,
    'issuer-discovery': issuerDiscovery,
    signature,
    lifetime,
    'access-token': accessToken,
    authorization,
  },
  hints: AKS_HINTS,
  worldSchema: WorldSchema,
  defaultWorld,
  context({ world, now, keys }) {
    const issuer = world.cluster.oidcIssuer.enabled ? world.cluster.oidcIssuer.url : world.cluster.defaultIssuer;
    return {
      world,
      now,
      keys,
      artifacts: { issuer, discovery: discoveryDocument(issuer), jwks: { keys: [] }, env: {} },
      env: {},
      authorityHost: world.cluster.workloadIdentityWebhook.authorityHost,
      hints: AKS_HINTS,
      expirationSeconds: world.token.expirationSeconds,
      issuerInUse: issuer,
    };
  },
  publishedKeys,
  configErrors,
};
