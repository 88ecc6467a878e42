/**
 * Entra ID's write-time rules for federated identity credentials, replayed in document order: what is
 * stored, refused or overwritten (design.md, "Chain result", `configErrors`). Shared by every Entra-side
 * provider. Sources: entra-docs `federated-credential-configuration-considerations.md` (20 credentials,
 * unique issuer+subject, exactly one audience, name rule); azure-cli `_create.py` (name pattern);
 * reference C1–C3.
 */
import { FIC_NAME_PATTERN } from '../schema.ts';
import type { ConfigError } from '../types.ts';
import type { EntraWorld } from '../entraWorld.ts';

/** Maximum federated identity credentials on one app registration or user-assigned identity. */
export const MAX_FICS_PER_IDENTITY = 20;

/** The 21st credential: the limit is documented, the refusal's code and text are not (real-world case C15). */
const LIMIT_UNCERTAIN =
  'The limit of 20 is documented, but the exact code and text of the refusal were not captured in public reports (HTTP 400 is reported); the message here is the simulator\'s own.';
/** The recorded refusal texts come from the managed identity (ARM) API (reference C3). */
const GRAPH_TEXT_UNCERTAIN =
  'This text was recorded for a user-assigned managed identity; Microsoft Graph may word the refusal differently for an app registration.';

/** What happened when one federated credential of the world was written to Entra ID. */
export interface CredentialWrite {
  /** Index in the identity's `federatedCredentials` (`world.identity`, or `world.otherIdentities[i]`). */
  index: number;
  /**
   * True when this credential is in what Entra ID ends up storing: accepted, and not overwritten by a
   * later write of the same name (see `replacedBy`).
   */
  stored: boolean;
  /** Why it was refused (empty when accepted): the error(s) the write returned. */
  refusedBecause: ConfigError[];
  /** Index of the later write with the same name that overwrote this accepted credential, if any. */
  replacedBy?: number;
  /** Index of the earlier, stored credential of the same name this write overwrote, if any. */
  replaces?: number;
  /** What was accepted but is worth saying: the overwrite, an issuer that is not https (kind `replaced` / `warning`). */
  notes: ConfigError[];
}

/** Overwrite by name through Microsoft Graph: the reference records an upsert by name, not what a plain create does. */
const GRAPH_REPLACE_UNCERTAIN =
  'Microsoft Graph has an upsert by name (the name is the alternate key) that replaces the credential like this; whether a plain create (POST) with a name already in use replaces it or is refused is not recorded in our sources.';
/** An http:// issuer: no source records a write-time refusal; discovery is where it is known to matter. */
const HTTP_ISSUER_UNCERTAIN =
  'Our sources record no refusal of an http:// issuer when the credential is written, so the simulator stores it. That Entra ID fetches the discovery document and the JWKS only from a public https issuer is our reading of how the exchange works, not a documented rule.';

/**
 * Replays the writes of the world's federated credentials in document order, as `az identity
 * federated-credential create` calls (ARM PUTs addressed by the credential's name) would:
 * - a write is refused for a bad name or not exactly one audience (reported together);
 * - a write whose name is already stored UPDATES that credential: the later one replaces the earlier
 *   (a note of kind `replaced`; the earlier write gets `replacedBy`), and it takes no new slot;
 * - otherwise it is refused when another stored credential has the same issuer and subject, or when
 *   {@link MAX_FICS_PER_IDENTITY} credentials are already stored.
 * Refused writes store nothing, so they neither count towards the limit nor block a later duplicate.
 * An accepted credential whose issuer is not https gets a `warning` note (marked uncertain).
 * Names are compared exactly. Sources: entra-docs `federated-credential-configuration-considerations.md`;
 * reference C1 (the PUT path ends in the name), C2 (Graph upsert by name), C3.
 * With `otherIndex`, replays the credentials of `world.otherIdentities[otherIndex]` instead (an empty list
 * when there is no such entry).
 */
export function credentialWrites(world: EntraWorld, otherIndex?: number): CredentialWrite[] {
  const other = otherIndex === undefined ? undefined : world.otherIdentities?.[otherIndex];
  if (otherIndex !== undefined && !other) return [];
  const owner = other ?? world.identity;
  const base = other ? `otherIdentities[${otherIndex}].federatedCredentials` : 'identity.federatedCredentials';
  const fics = owner.federatedCredentials;
  const viaGraph = owner.kind === 'app-registration';
  const graphText = viaGraph ? { uncertain: GRAPH_TEXT_UNCERTAIN } : {};
  /** Name → index of the credential currently stored under it. */
  const byName = new Map<string, number>();
  const writes: CredentialWrite[] = fics.map((f, i) => {
    const refusedBecause: ConfigError[] = [];
    const notes: ConfigError[] = [];
    if (!FIC_NAME_PATTERN.test(f.name)) {
      refusedBecause.push({
        code: 'BadRequest',
        // Exact ARM text (reference C3); the rule itself is in the field's schema description and lesson 4.
        message: `Federated Identity Credential name '${f.name}' is invalid.`,
        path: `${base}[${i}].name`,
        // The rule as the reference gives it (C3, from entra-docs federated-credential-configuration-considerations.md).
        rule: 'A federated identity credential name has 3 to 120 characters: letters, digits, hyphens (-) and underscores (_), and starts with a letter or a digit.',
        ...graphText,
      });
    }
    if (f.audiences.length !== 1) {
      refusedBecause.push({ code: 'BadRequest', message: 'Federated identity credentials must have exactly one audience.', path: `${base}[${i}].audiences` });
    }
    const replaces = refusedBecause.length ? undefined : byName.get(f.name);
    if (!refusedBecause.length) {
      // Issuer + subject must be unique among the OTHER stored credentials (the one being replaced does not count).
      const clash = [...byName.values()].some((j) => j !== replaces && fics[j]!.issuer === f.issuer && fics[j]!.subject === f.subject);
      if (clash) {
        refusedBecause.push({
          code: 'BadRequest',
          message: 'Issuer and subject combination already exists for this Managed Identity.',
          path: `${base}[${i}]`,
          ...graphText,
        });
      }
    }
    if (!refusedBecause.length && replaces === undefined && byName.size >= MAX_FICS_PER_IDENTITY) {
      refusedBecause.push({
        code: 'BadRequest',
        message: `An identity can hold at most ${MAX_FICS_PER_IDENTITY} federated identity credentials; ${MAX_FICS_PER_IDENTITY} are already stored, so this write is refused.`,
        path: `${base}[${i}]`,
        uncertain: LIMIT_UNCERTAIN,
      });
    }
    if (!refusedBecause.length) {
      if (replaces !== undefined) {
        notes.push({
          code: 'Overwritten',
          kind: 'replaced',
          message: `A credential named '${f.name}' was already stored (${base}[${replaces}]). The name addresses the credential, so this write updated it in place: only this later entry is stored, and the earlier one no longer exists.`,
          path: `${base}[${i}]`,
          ...(viaGraph ? { uncertain: GRAPH_REPLACE_UNCERTAIN } : {}),
        });
      }
      if (/^http:\/\//i.test(f.issuer)) {
        notes.push({
          code: 'InsecureIssuer',
          kind: 'warning',
          message: `The issuer '${f.issuer}' is http, not https. The write is accepted, but Entra ID needs a publicly reachable https issuer to fetch the discovery document and the JWKS, so an exchange with it is expected to fail.`,
          path: `${base}[${i}].issuer`,
          uncertain: HTTP_ISSUER_UNCERTAIN,
        });
      }
      byName.set(f.name, i);
    }
    return { index: i, stored: false, refusedBecause, notes, ...(replaces !== undefined ? { replaces } : {}) };
  });
  for (const i of byName.values()) writes[i]!.stored = true;
  for (const w of writes) if (w.replaces !== undefined) writes[w.replaces]!.replacedBy = w.index;
  return writes;
}

/**
 * The federated credentials Entra ID would actually have stored ({@link credentialWrites}): the chain
 * matches against this list.
 */
export function storedCredentials(world: EntraWorld): EntraWorld['identity']['federatedCredentials'] {
  const fics = world.identity.federatedCredentials;
  return credentialWrites(world)
    .filter((w) => w.stored)
    .map((w) => fics[w.index]!);
}

/** The refusals and notes of every federated credential write, of `world.identity` then each other identity. */
export function credentialWriteErrors(world: EntraWorld): ConfigError[] {
  const out: ConfigError[] = credentialWrites(world).flatMap((w) => [...w.refusedBecause, ...w.notes]);
  (world.otherIdentities ?? []).forEach((_o, i) => out.push(...credentialWrites(world, i).flatMap((w) => [...w.refusedBecause, ...w.notes])));
  return out;
}
