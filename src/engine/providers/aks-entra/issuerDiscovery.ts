/**
 * aks-entra stage 5, `issuer-discovery`: what the AKS OIDC issuer serves (reference B2: a public
 * storage-backed endpoint per cluster, provisioned when the issuer is enabled), judged by Entra ID's
 * shared discovery rules (entra/issuerDiscovery.ts).
 */
import type { Stage } from '../../stage.ts';
import { discoveryDocument } from '../../issuer.ts';
import { discoverIssuer } from '../../entra/issuerDiscovery.ts';
import { publishedKeys } from '../../kubernetes/signingKeys.ts';
import type { ClusterContext } from '../../kubernetes/context.ts';

export function issuerDiscovery(ctx: ClusterContext): Promise<Stage> {
  const { world } = ctx;
  const { oidcIssuer } = world.cluster;
  const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
  const isClusterIssuer = oidcIssuer.enabled && iss === oidcIssuer.url;
  return discoverIssuer(
    ctx,
    {
      known: isClusterIssuer,
      reachable: oidcIssuer.reachable,
      served: oidcIssuer.provisioned,
      discoveryIssuer: oidcIssuer.discoveryIssuer ?? oidcIssuer.url,
      document: (issuer) => discoveryDocument(issuer),
      keys: () => publishedKeys(world, ctx.keys),
    },
    {
      unreachable: 'Make the discovery document and JWKS publicly readable (only public keys live there), e.g. remove the storage firewall or private endpoint.',
      unknownIssuer: 'Tokens must carry a public HTTPS issuer: enable the cluster OIDC issuer and use its URL.',
      notServed: 'Reconcile the cluster (az aks update -g <rg> -n <cluster>) so AKS redeploys the issuer documents, or contact support.',
    },
  );
}
