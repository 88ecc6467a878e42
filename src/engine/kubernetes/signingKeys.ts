/**
 * The cluster's signing keys as its issuer publishes them (reference A1, B2).
 */
import type { IssuerKey, KeyStore } from '../issuer.ts';
import type { World } from '../schema.ts';
import { keyIsPublished } from './constants.ts';

/** The cluster's keys in the JWKS now (published, not retired for 24 h), in `signingKeys` order. */
export async function publishedKeys(world: Pick<World, 'cluster'>, keys: KeyStore): Promise<IssuerKey[]> {
  const out: IssuerKey[] = [];
  for (const k of world.cluster.signingKeys) if (keyIsPublished(k)) out.push(await keys.get(k.name));
  return out;
}
