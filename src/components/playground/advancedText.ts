/**
 * The playground's "advanced" editor: every part of the world the other inputs do not show, as one YAML
 * document with the field names of scenario files (design.md, "Scenario file"):
 *
 * | YAML section      | what it holds                                   | shown elsewhere                           |
 * |-------------------|-------------------------------------------------|-------------------------------------------|
 * | `cluster`         | OIDC issuer, signing keys, webhook, version     | —                                         |
 * | `identity`        | kind, name, client/principal/tenant IDs         | `federatedCredentials`: the FIC editor    |
 * | `request`         | scope, client_id / tenant overrides             | —                                         |
 * | `resource`        | kind, ARM ID, secret, Key Vault permission model | —                                        |
 * | `roleAssignments` | Azure RBAC assignments                          | —                                         |
 * | `token`           | signing key, claim overrides, tampering         | audience, expiration, issued-ago: the form |
 * | `pod`             | `createdBeforeWebhookLabel`                     | everything else: the Pod manifest         |
 * | `otherIdentities` | other identities in the directory (optional)    | —                                         |
 *
 * A section REPLACES its part of the world (it is not merged): deleting an optional field restores its
 * schema default, deleting a required one is an error. `otherIdentities` is an optional section
 * ({@link OPTIONAL_SECTIONS}): written only when the world has it, and removing it means "no other
 * identities" (the world without the key). The merged world is validated with the engine's
 * `WorldSchema` (the schema `parseWorld` applies), and every problem is located at its line and column.
 * Pure; no DOM.
 */
import { z } from '../../engine/zod.ts';
import { findStraySpace } from '../../engine/yamlSpaces.ts';
import { Document, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { WorldSchema, type World } from '../../engine/schema.ts';
import { toIssues } from '../../engine/scenario.ts';
import { jsonEqual } from '../../lib/share.ts';
import { locatePath, type TextError } from './jsonText.ts';

/** The top-level sections of the advanced editor, in the order they are written. */
export const ADVANCED_SECTIONS = ['cluster', 'identity', 'request', 'resource', 'roleAssignments', 'token', 'pod', 'otherIdentities'] as const;
export type AdvancedSection = (typeof ADVANCED_SECTIONS)[number];
/** Sections the text may leave out: the world's key is then absent (schema.ts `otherIdentities`: none). */
export const OPTIONAL_SECTIONS: readonly AdvancedSection[] = ['otherIdentities'];
/** The sections every text must hold. */
const REQUIRED_SECTIONS = ADVANCED_SECTIONS.filter((k) => !OPTIONAL_SECTIONS.includes(k));

/**
 * The page around the advanced editor: which of the other inputs it shows (the editor's comments and
 * messages name only those; a part no input on the page edits is called "not edited on this page"),
 * whether those inputs sit above the editor, and the label of the page's reset button.
 */
export interface AdvancedPage {
  shows: { fic: boolean; sa: boolean; pod: boolean; token: boolean };
  /** True when the other editors are above this one (the playground). */
  above: boolean;
  /** The button that restores the starting texts, e.g. "Reset to default". */
  resetLabel: string;
}

/** The playground: every input is on the page, above the advanced editor. The default everywhere. */
export const PLAYGROUND_PAGE: AdvancedPage = { shows: { fic: true, sa: true, pod: true, token: true }, above: true, resetLabel: 'Reset to default' };

const NOT_HERE = 'not edited on this page';

/** Fields of `identity` edited elsewhere, and where (for the error message), or undefined when not on the page. */
function identityElsewhere(page: AdvancedPage): Record<string, string | undefined> {
  return { federatedCredentials: page.shows.fic ? 'the Federated identity credentials editor' : undefined };
}
/** Fields of `token` edited in the token request form. */
function tokenElsewhere(page: AdvancedPage): Record<string, string | undefined> {
  const form = (field: string) => (page.shows.token ? `the token request form (${field})` : undefined);
  return { audience: form('Audience'), expirationSeconds: form('Expiration'), issuedSecondsAgo: form('Issued ago') };
}
/** The only `pod` field the Pod manifest cannot express. */
const POD_FIELDS_HERE = ['createdBeforeWebhookLabel'];

/** The comment above a section, naming only the inputs `page` shows. */
function sectionComments(page: AdvancedPage): Partial<Record<AdvancedSection, string>> {
  const above = page.above ? ' above' : '';
  return {
    identity: page.shows.fic ? ` The federated credentials are in their own editor${above}.` : ` The federated credentials are left out: ${NOT_HERE}.`,
    token: page.shows.token
      ? ' audience, expirationSeconds and issuedSecondsAgo are in the token request form.'
      : ` audience, expirationSeconds and issuedSecondsAgo are left out: ${NOT_HERE}.`,
    pod: page.shows.pod ? ` The rest of the Pod is in its manifest${above}.` : ` Only this field of the Pod is here; the rest is ${NOT_HERE}.`,
  };
}

const HEADER = ' The rest of the world, with the field names of scenario files.\n Removing an optional field restores its default.';
/** Written at the end when the world has no other identities, so the optional section can be found. */
const OTHER_IDENTITIES_HINT =
  ' Optional: otherIdentities, a list of other identities in the directory (name, clientId,\n' +
  ' federatedCredentials, ...), e.g. the one a stale AZURE_CLIENT_ID names. Absent: none.';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The advanced editor's part of `world`: the sections of {@link ADVANCED_SECTIONS}, without the fields
 * other inputs own. Plain data (a deep copy); `undefined` members are dropped (so `otherIdentities` is
 * absent when the world has none).
 */
export function advancedPart(world: World): Record<AdvancedSection, unknown> {
  const { federatedCredentials: _fics, ...identity } = world.identity;
  const { audience: _a, expirationSeconds: _e, issuedSecondsAgo: _i, ...token } = world.token;
  const part = {
    cluster: world.cluster,
    identity,
    request: world.request,
    resource: world.resource,
    roleAssignments: world.roleAssignments,
    token,
    pod: { createdBeforeWebhookLabel: world.pod.createdBeforeWebhookLabel },
    otherIdentities: world.otherIdentities,
  };
  return JSON.parse(JSON.stringify(part)) as Record<AdvancedSection, unknown>;
}

/**
 * The advanced editor's text for `world`: YAML with a short header and a comment where a field lives
 * elsewhere (naming only the inputs `page` shows).
 */
export function advancedYaml(world: World, page: AdvancedPage = PLAYGROUND_PAGE): string {
  const doc = new Document(advancedPart(world));
  doc.commentBefore = HEADER;
  const comments = sectionComments(page);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isPair(pair) && isScalar(pair.key)) {
        const note = comments[String(pair.key.value) as AdvancedSection];
        if (note) pair.key.commentBefore = note;
      }
    }
  }
  if (world.otherIdentities === undefined) doc.comment = OTHER_IDENTITIES_HINT;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/** The sections of the advanced editor in which `a` and `b` differ, in editor order (key order ignored). */
export function changedSections(a: World, b: World): AdvancedSection[] {
  const pa = advancedPart(a);
  const pb = advancedPart(b);
  return ADVANCED_SECTIONS.filter((k) => !jsonEqual(pa[k], pb[k]));
}

/** True when the advanced editor's part of `a` and `b` differ (e.g. a loaded link changed it). */
export function advancedDiffers(a: World, b: World): boolean {
  return changedSections(a, b).length > 0;
}

/** A problem found while reading the document, with the path (YAML segments) to point at. */
class AdvancedProblem extends Error {
  constructor(
    message: string,
    readonly segments: (string | number)[],
  ) {
    super(message);
  }
}

/**
 * Reads the advanced editor's text into a copy of `world`: YAML syntax first, then the sections (all
 * required, none unknown, no field that another input owns), then the engine's world schema on the merged
 * world. Returns the new (validated, defaults applied) world, or the first problem with its 1-based line
 * and column. Messages name only the inputs `page` shows. Never throws; `world` is not modified.
 */
export function applyAdvancedYaml(
  world: World,
  text: string,
  page: AdvancedPage = PLAYGROUND_PAGE,
  /** The provider's world schema (a cluster provider's, e.g. eks-entra with `cluster.platform`); default the AKS `WorldSchema`. */
  schema: z.ZodType<unknown> = WorldSchema,
): { ok: true; world: World } | { ok: false; error: TextError } {
  if (!text.trim() || text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) {
    return { ok: false, error: { message: `The editor is empty: it needs the sections ${REQUIRED_SECTIONS.join(', ')}.`, line: 1, column: 1 } };
  }
  const stray = findStraySpace(text);
  if (stray) return { ok: false, error: { message: stray.message, line: stray.line, column: stray.column } };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = /multiple documents/i.test(reason)
      ? 'This editor holds one YAML document; remove the extra "---".'
      : `YAML syntax error: ${reason}`;
    return { ok: false, error: { message, line: pos.line, column: pos.col } };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, error: { message: `YAML error: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1 } };
  }
  const at = (segments: (string | number)[]) => locatePath(text, segments) ?? { line: 1, column: 1 };
  if (!isObj(root)) {
    return {
      ok: false,
      error: { message: `Expected a YAML mapping with the sections ${REQUIRED_SECTIONS.join(', ')}.`, ...at([]) },
    };
  }

  try {
    const merged = merge(world, root, page);
    const r = schema.safeParse(merged);
    if (r.success) return { ok: true, world: r.data as World };
    // A misspelt field also makes the right one "missing": report the unknown field first.
    const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0]!;
    const [described] = toIssues(new z.ZodError([issue]));
    const segs = issue.path.map((s) => (typeof s === 'number' ? s : String(s)));
    if (issue.code === 'unrecognized_keys' && issue.keys[0]) segs.push(issue.keys[0]);
    const path = described?.path ?? '';
    let message = described?.message ?? issue.message;
    // YAML reads 1.31, true or 3600 as a number or boolean; a string field needs them quoted.
    if (issue.code === 'invalid_type' && issue.expected === 'string' && /received (number|boolean)$/.test(message)) {
      message += ' (in YAML, put the value in quotes)';
    }
    return { ok: false, error: { message: path ? `${path}: ${message}` : message, path, ...at(segs) } };
  } catch (e) {
    if (e instanceof AdvancedProblem) {
      return { ok: false, error: { message: e.message, path: formatSegments(e.segments), ...at(e.segments) } };
    }
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e), line: 1, column: 1 } };
  }
}

function formatSegments(segs: (string | number)[]): string {
  return segs.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
}

/** The world with the advanced sections of `root` in place of its own (not yet validated). */
function merge(world: World, root: Obj, page: AdvancedPage): Obj {
  const above = page.above ? ' above' : '';
  for (const key of Object.keys(root)) {
    if (!(ADVANCED_SECTIONS as readonly string[]).includes(key)) {
      const elsewhere =
        key === 'serviceAccount'
          ? page.shows.sa
            ? ` (the ServiceAccount is edited in its manifest${above})`
            : ` (the ServiceAccount is ${NOT_HERE})`
          : key === 'federatedCredentials'
            ? page.shows.fic
              ? ` (the credentials are edited in their own editor${above})`
              : ` (the credentials are ${NOT_HERE})`
            : '';
      throw new AdvancedProblem(`unknown section "${key}"${elsewhere}. This editor holds ${ADVANCED_SECTIONS.join(', ')}.`, [key]);
    }
  }
  for (const key of REQUIRED_SECTIONS) {
    if (!(key in root)) throw new AdvancedProblem(`the section "${key}" is missing: write it back (${page.resetLabel} restores it).`, []);
  }
  const owned = (section: string, value: unknown, elsewhere: Record<string, string | undefined>) => {
    if (!isObj(value)) return;
    for (const k of Object.keys(value)) {
      if (k in elsewhere) {
        const where = elsewhere[k];
        throw new AdvancedProblem(where ? `${section}.${k} is edited in ${where}; remove it here.` : `${section}.${k} is ${NOT_HERE}; remove it here.`, [section, k]);
      }
    }
  };
  owned('identity', root.identity, identityElsewhere(page));
  owned('token', root.token, tokenElsewhere(page));
  if (isObj(root.pod)) {
    for (const k of Object.keys(root.pod)) {
      if (!POD_FIELDS_HERE.includes(k)) {
        throw new AdvancedProblem(
          `pod.${k}: only ${POD_FIELDS_HERE.join(', ')} is set here; the rest of the Pod is ${page.shows.pod ? `edited in its manifest${above}` : NOT_HERE}.`,
          ['pod', k],
        );
      }
    }
  }

  const out: Obj = JSON.parse(JSON.stringify(world)) as Obj;
  out.cluster = root.cluster;
  out.request = root.request;
  out.resource = root.resource;
  out.roleAssignments = root.roleAssignments;
  // Optional section: left out (or null) means no other identities.
  if ('otherIdentities' in root && root.otherIdentities !== null) out.otherIdentities = root.otherIdentities;
  else delete out.otherIdentities;
  out.identity = isObj(root.identity) ? { ...root.identity, federatedCredentials: world.identity.federatedCredentials } : root.identity;
  out.token = isObj(root.token)
    ? {
        ...root.token,
        audience: world.token.audience,
        expirationSeconds: world.token.expirationSeconds,
        issuedSecondsAgo: world.token.issuedSecondsAgo,
      }
    : root.token;
  if (isObj(root.pod) || root.pod === null) {
    const pod = { ...world.pod } as Obj;
    delete pod.createdBeforeWebhookLabel; // absent: the schema default (false)
    if (isObj(root.pod) && 'createdBeforeWebhookLabel' in root.pod) pod.createdBeforeWebhookLabel = root.pod.createdBeforeWebhookLabel;
    out.pod = pod;
  } else {
    out.pod = root.pod;
  }
  return out;
}
