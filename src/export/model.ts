/**
 * Shared types and helpers of the exporters ("Set it up for real", issue 14 part 1): the formats, one
 * exported file, and the ARM-ID placeholders every format defines once at its top.
 *
 * Pure: no DOM, no network, no clock. Input is a chain result (src/engine/types.ts), whose `world` is the
 * merged world the chain ran on.
 */
import type { ChainResult, World } from '../engine/types.ts';

/** Export formats, as the CLI names them (`simulate --export <format>`). */
export const EXPORT_FORMATS = ['az', 'terraform', 'bicep', 'kubernetes', 'github-workflow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One exported file. */
export interface ExportFile {
  format: ExportFormat;
  /** Short human title, e.g. "Azure CLI". */
  title: string;
  /** Suggested file name for a download, e.g. `setup.sh`. */
  filename: string;
  /** Prism language id used to highlight it (bash, hcl, bicep, yaml). */
  language: 'bash' | 'hcl' | 'bicep' | 'yaml';
  /** MIME type for a download link. */
  mime: string;
  /** The file's text, ending with a newline. */
  text: string;
  /** One or two sentences: what running it needs (roles, tool versions). */
  note: string;
}

/** The placeholder texts; each format defines them once (shell variables, Terraform variables, Bicep params). */
export const PLACEHOLDERS = {
  subscriptionId: '<SUBSCRIPTION_ID>',
  resourceGroup: '<RESOURCE_GROUP>',
  location: '<LOCATION>',
  clusterName: '<CLUSTER_NAME>',
  clusterResourceGroup: '<CLUSTER_RESOURCE_GROUP>',
  image: '<IMAGE>',
} as const;

/** The subscription and resource group of an ARM ID (`/subscriptions/<s>/resourceGroups/<rg>/...`). */
export function armParts(id: string | undefined): { subscription?: string; resourceGroup?: string } {
  const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i.exec(id ?? '');
  if (!m) return {};
  return { ...(m[1] ? { subscription: m[1] } : {}), ...(m[2] ? { resourceGroup: m[2] } : {}) };
}

/**
 * The world's "home" subscription and resource group: those of the user-assigned identity's ARM ID,
 * else of the resource. Exports replace exactly these values by the placeholders; any other subscription
 * or group (a sibling scope, say) stays literal, so a wrong scope stays visibly wrong.
 */
export function homeOf(world: World): { subscription?: string; resourceGroup?: string } {
  const a = armParts(world.identity.resourceId);
  const b = armParts(world.resource.id);
  const subscription = a.subscription ?? b.subscription;
  const resourceGroup = a.resourceGroup ?? b.resourceGroup;
  return { ...(subscription ? { subscription } : {}), ...(resourceGroup ? { resourceGroup } : {}) };
}

/** A piece of an ARM ID: literal text, or a reference to the subscription / resource-group placeholder. */
export type ArmPiece = { lit: string } | { ref: 'subscription' | 'resourceGroup' };

/**
 * Splits an ARM ID into literal text and placeholder references: the home subscription and home resource
 * group segments become references (matched case-insensitively, as ARM compares IDs), the rest stays.
 */
export function armPieces(id: string, home: { subscription?: string; resourceGroup?: string }): ArmPiece[] {
  const m = /^(\/subscriptions\/)([^/]+)(\/resourceGroups\/)?([^/]+)?(.*)$/i.exec(id);
  if (!m) return [{ lit: id }];
  const out: ArmPiece[] = [{ lit: m[1]! }];
  out.push(home.subscription && m[2]!.toLowerCase() === home.subscription.toLowerCase() ? { ref: 'subscription' } : { lit: m[2]! });
  if (m[3]) {
    out.push({ lit: m[3] });
    if (m[4] !== undefined) {
      out.push(home.resourceGroup && m[4].toLowerCase() === home.resourceGroup.toLowerCase() ? { ref: 'resourceGroup' } : { lit: m[4] });
    }
    out.push({ lit: m[5] ?? '' });
  } else {
    out.push({ lit: `${m[4] ?? ''}${m[5] ?? ''}` });
  }
  return out.filter((p) => !('lit' in p) || p.lit !== '');
}

/** The token's `iss`, `sub` and `aud` (as a list), read from the minted token; empty when none was minted. */
export function tokenClaims(result: ChainResult): { iss?: string; sub?: string; aud: string[] } {
  const p = result.artifacts.token?.payload ?? {};
  const aud = Array.isArray(p.aud) ? p.aud.filter((a): a is string => typeof a === 'string') : typeof p.aud === 'string' ? [p.aud] : [];
  return {
    ...(typeof p.iss === 'string' ? { iss: p.iss } : {}),
    ...(typeof p.sub === 'string' ? { sub: p.sub } : {}),
    aud,
  };
}

/** The federation audience Entra ID recommends for public cloud (workload-identity.md; az docs default). */
export const ENTRA_AUDIENCE = 'api://AzureADTokenExchange';

/** An identifier usable in Terraform / Bicep from a free name: letters, digits, `_`; never starting with a digit. */
export function ident(name: string, prefix: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  return /^[A-Za-z]/.test(s) ? s : `${prefix}_${s}`;
}

/**
 * Text safe inside a one-line comment: line breaks (CR, LF, U+2028/9) shown as `\n`, so a hostile value
 * can never end the comment and become code.
 */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, '\\n');
}
