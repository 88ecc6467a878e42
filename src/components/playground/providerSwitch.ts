/**
 * What the playground keeps when the user switches provider (issue 11 §3). Every Entra-side provider has
 * the same Entra side (src/engine/entraWorld.ts: identity with its federated identity credentials, other
 * identities, the token request, the resource, the role assignments), and the cluster providers also share
 * the ServiceAccount, the Pod and the token request form. A shared part the user EDITED is kept; a part
 * still at the old provider's default becomes the new provider's default (GitHub's default credential
 * trusts GitHub's issuer, AKS's trusts the AKS issuer: carrying an untouched default across would make a
 * healthy world fail for no reason the user made). The platform part (the cluster with its issuer, or the
 * GitHub job) always starts from the new provider's default.
 *
 * The result is validated with the new provider's schema; a kept part the new schema refuses is reset
 * and reported. Pure; no DOM.
 */
import { jsonEqual } from '../../lib/share.ts';
import type { ProviderKit } from './providerKits.ts';

/** One part of a world that a switch keeps or resets, with its name for the status message. */
interface Part {
  key: string;
  label: string;
  get(w: Record<string, unknown>): unknown;
  put(w: Record<string, unknown>, v: unknown): void;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

const top = (key: string, label: string): Part => ({
  key,
  label,
  get: (w) => w[key],
  put: (w, v) => {
    if (v === undefined) delete w[key];
    else w[key] = clone(v);
  },
});

/** The Entra side, which every provider shares. */
const ENTRA_PARTS: Part[] = [
  {
    key: 'identity',
    label: 'the identity',
    get: (w) => (isObj(w.identity) ? { ...w.identity, federatedCredentials: undefined } : w.identity),
    put: (w, v) => {
      const fics = isObj(w.identity) ? w.identity.federatedCredentials : undefined;
      w.identity = { ...(clone(v) as Obj), federatedCredentials: fics };
    },
  },
  {
    key: 'federatedCredentials',
    label: 'its federated identity credentials',
    get: (w) => (isObj(w.identity) ? w.identity.federatedCredentials : undefined),
    put: (w, v) => {
      if (isObj(w.identity)) w.identity.federatedCredentials = clone(v);
    },
  },
  top('roleAssignments', 'the role assignments'),
  top('request', 'the token request'),
  top('resource', 'the resource'),
  top('otherIdentities', 'the other identities'),
];

/** What the cluster providers share besides the Entra side. */
const CLUSTER_PARTS: Part[] = [top('serviceAccount', 'the ServiceAccount'), top('pod', 'the Pod'), top('token', 'the token request form')];

/** The platform part of each shape, named for the message. */
const PLATFORM_LABEL: Record<ProviderKit['shape'], string> = { cluster: 'the cluster settings (issuer and keys)', github: 'the workflow job and repository settings' };

/** What {@link switchWorld} did. */
export interface SwitchOutcome {
  /** The new provider's complete, valid world. */
  world: Record<string, unknown>;
  /** Shared parts the user had edited, carried over unchanged. */
  kept: string[];
  /** Parts that start from the new provider's default (edited ones the new provider has no place for first). */
  reset: string[];
  /** One or two sentences for the status message (plain text). */
  message: string;
}

/**
 * The world to show after switching from `from` (its provider kit and the current world) to `to`.
 * `fromDefault` is the old provider's default world as the editors show it (normalized), to tell which
 * shared parts were edited. Never throws: when no kept part survives the new schema, the new default.
 */
export function switchWorld(from: { kit: ProviderKit; world: object; defaults: object }, to: ProviderKit): SwitchOutcome {
  const cur = from.world as Obj;
  const oldDefault = from.defaults as Obj;
  const parts = from.kit.shape === 'cluster' && to.shape === 'cluster' ? [...ENTRA_PARTS, ...CLUSTER_PARTS] : ENTRA_PARTS;
  const edited = parts.filter((p) => !jsonEqual(p.get(cur), p.get(oldDefault)));
  const base = to.defaultWorld() as unknown as Obj;

  let kept = [...edited];
  let world = base;
  // Try the edited parts together; drop the ones the new schema refuses, one at a time.
  for (let attempt = 0; attempt <= edited.length; attempt++) {
    const w = clone(base);
    for (const p of kept) p.put(w, p.get(cur));
    const r = to.schema.safeParse(w);
    if (r.success) {
      world = r.data as Obj;
      break;
    }
    const bad = kept.find((p) => {
      const one = clone(base);
      p.put(one, p.get(cur));
      return !to.schema.safeParse(one).success;
    });
    kept = bad ? kept.filter((p) => p !== bad) : [];
  }
  const keptLabels = kept.map((p) => p.label);
  const dropped = edited.filter((p) => !kept.includes(p)).map((p) => `${p.label} (${to.short} has no place for your version)`);
  const platformEdited = from.kit.shape !== to.shape || !jsonEqual(cur.cluster ?? cur.github, oldDefault.cluster ?? oldDefault.github);
  const lost: string[] = [];
  if (from.kit.shape === 'cluster' && to.shape === 'github') lost.push('the ServiceAccount, the Pod and the token request form (a GitHub job has none)');
  if (platformEdited || from.kit.id !== to.id) lost.push(PLATFORM_LABEL[from.kit.shape === to.shape ? to.shape : from.kit.shape]);
  const reset = [...lost, ...dropped];
  const untouched = parts.filter((p) => !edited.includes(p)).map((p) => p.label);
  const sentences = [`Switched to ${to.title}.`];
  sentences.push(keptLabels.length ? `Kept your ${list(keptLabels.map((l) => l.replace(/^(the|its) /, '')))}.` : 'Nothing was edited on the shared Entra side, so nothing was carried over.');
  if (reset.length) sentences.push(`Reset: ${list(reset)}.`);
  if (untouched.length) sentences.push(`From the ${to.short} defaults: ${list(untouched)}.`);
  return { world, kept: keptLabels, reset, message: sentences.join(' ') };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
