/**
 * aks-entra stage 5, `issuer-discovery`: what the AKS OIDC issuer serves (reference B2: a public
 * storage-backed endpoint per cluster, provisioned when the issuer is enabled), judged by Entra ID's
 * shared discovery rules (entra/issuerDiscovery.ts).
 */
import type { Stage } from '../../stage.ts';
import { discoveryDocument, type IssuerKey } from '../../issuer.ts';
import { discoverIssuer } from '../../entra/issuerDiscovery.ts';
import { keyIsPublished } from './constants.ts';
import type { AksContext } from './context.ts';

export function issuerDiscovery(ctx: AksContext): Promise<Stage> {
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

/** The cluster's keys in the JWKS now (published, not retired for 24 h), in `signingKeys` order. */
export async function publishedKeys(world: AksContext['world'], keys: AksContext['keys']): Promise<IssuerKey[]> {
  const out: IssuerKey[] = [];
  for (const k of world.cluster.signingKeys) if (keyIsPublished(k)) out.push(await keys.get(k.name));
  return out;
}
