/**
 * The Entra side of a world, which every Entra-side provider has.
 */
import type { World } from './schema.ts';

/**
 * The part of a world every Entra-side provider has: the identity (and other identities) in the
 * directory, the token request the app makes, the resource it reads and the role assignments.
 */
export type EntraWorld = Pick<World, 'identity' | 'otherIdentities' | 'request' | 'resource' | 'roleAssignments'>;
