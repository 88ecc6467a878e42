/**
 * The directory as Entra ID sees it when it resolves a client_id: the world's identity and its other
 * identities (reference D2 step 1). Pure.
 */
import { derivedUuid } from '../issuer.ts';
import type { EntraWorld } from '../entraWorld.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An identity that exists in the directory, as Entra ID sees it when it resolves a client_id:
 * `world.identity` (no `otherIndex`), or `world.otherIdentities[otherIndex]` with its defaults filled in.
 */
export interface DirectoryIdentity {
  kind: EntraWorld['identity']['kind'];
  name: string;
  clientId: string;
  principalId: string;
  tenantId: string;
  resourceId?: string | undefined;
  federatedCredentials: EntraWorld['identity']['federatedCredentials'];
  /** Index in `world.otherIdentities`; undefined for `world.identity`. */
  otherIndex?: number;
}

/**
 * Every identity of the world that exists in the directory: `world.identity` first, then
 * `world.otherIdentities` (tenant absent = `identity.tenantId`; principal ID absent = a GUID derived
 * from the client ID).
 */
export function directoryIdentities(world: EntraWorld): DirectoryIdentity[] {
  const others = (world.otherIdentities ?? []).map((o, i): DirectoryIdentity => ({
    kind: o.kind,
    name: o.name,
    clientId: o.clientId,
    principalId: o.principalId ?? derivedUuid(`principal:${o.clientId}`),
    tenantId: o.tenantId ?? world.identity.tenantId,
    resourceId: o.resourceId,
    federatedCredentials: o.federatedCredentials,
    otherIndex: i,
  }));
  return [{ ...world.identity }, ...others];
}

/** Entra ID compares GUIDs (client IDs, tenant IDs) without regard to letter case; other strings exactly. */
export function sameId(a: string, b: string): boolean {
  return a === b || (GUID.test(a) && a.toLowerCase() === b.toLowerCase());
}

/**
 * The identity Entra ID finds for a client_id in a tenant (reference D2 step 1), or undefined when no
 * identity of the world has that client ID in that tenant (AADSTS700016).
 */
export function findClient(world: EntraWorld, clientId: string, tenantId: string): DirectoryIdentity | undefined {
  return directoryIdentities(world).find((c) => sameId(clientId, c.clientId) && sameId(tenantId, c.tenantId));
}
