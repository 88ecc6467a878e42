/**
 * Where a failing chain breaks, as lines of configuration: turns the engine's chain result (the failed
 * stage and its failed checks) into findings that each exporter attaches, as a comment and a commented
 * fixed line, to the line it writes. A finding no exporter can place (a timing rule, a cluster flag the
 * file does not write) is listed in the file's header instead, so the reason is never lost.
 *
 * The exporters never re-decide a check: every finding comes from a failed check of the chain result;
 * the token's claims (artifacts.token) supply the value the fixed line uses.
 */
import type { ChainResult, Check } from '../engine/types.ts';
import { ENTRA_AUDIENCE, tokenClaims } from './model.ts';

/**
 * What a finding points at. `fic.*` carry the federated credential's index in
 * `world.identity.federatedCredentials`.
 */
export type Target =
  | { kind: 'fic.issuer' | 'fic.subject' | 'fic.audience'; index: number }
  | {
      kind:
        | 'aks.oidc-issuer'
        | 'webhook'
        | 'sa.client-id'
        | 'sa.tenant-id'
        | 'env.client-id'
        | 'pod.use-label'
        | 'pod.service-account'
        | 'token.audience'
        | 'expiration-annotation'
        | 'role-assignment'
        | 'gh.id-token'
        | 'gh.subscription-id'
        | 'gh.client-id'
        | 'gh.audience';
    };

/** One reason the chain breaks, tied to a configuration line. */
export interface Finding {
  target: Target;
  /** Why this line breaks the chain, from the failed check, e.g. "this subject will not match the token's sub: …". */
  why: string;
  /** The value that makes this line pass, when the export can say it (absent: the fix is elsewhere). */
  fixed?: string;
}

/** Findings of one chain result, and the header line that states the outcome. */
export interface Findings {
  /** e.g. `denied at Federated credential match (AADSTS700213)`, or `granted`. */
  verdict: string;
  /** The failed stage's summary (empty when granted). */
  summary: string;
  list: Finding[];
  /** Failed checks no configuration line in these files expresses (each a sentence). */
  elsewhere: string[];
}

function unquote(s: string): string {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

/** Findings for a failed check of the federation-match stage. */
function federation(result: ChainResult, c: Check, out: Finding[], elsewhere: string[]): boolean {
  const w = result.world;
  const tok = tokenClaims(result);
  const fics = w.identity.federatedCredentials;
  const env = (w.pod?.containers?.[0]?.env ?? {}) as Record<string, string>;
  if (c.name.startsWith("credential's issuer") && tok.iss !== undefined) {
    const iss = tok.iss;
    const clusterDefault = iss === w.cluster?.defaultIssuer;
    const aksOff = result.provider === 'aks-entra' && !w.cluster?.oidcIssuer?.enabled;
    fics.forEach((f, index) => {
      if (f.issuer === iss) return;
      if (aksOff || clusterDefault) {
        out.push({ target: { kind: 'fic.issuer', index }, why: `the token's iss is ${iss}, the cluster's in-cluster default issuer, which Entra ID cannot fetch; fix the cluster's issuer, not this line` });
      } else {
        out.push({ target: { kind: 'fic.issuer', index }, why: `this issuer will not match the token's iss: ${iss} (compared byte for byte)`, fixed: iss });
      }
    });
    if (aksOff) out.push({ target: { kind: 'aks.oidc-issuer' }, why: 'the OIDC issuer is not enabled, so tokens carry the in-cluster issuer', fixed: 'enable' });
    return true;
  }
  if (c.name.startsWith("credential's subject") && tok.sub !== undefined) {
    const sub = tok.sub;
    fics.forEach((f, index) => {
      if (f.subject !== sub) out.push({ target: { kind: 'fic.subject', index }, why: `this subject will not match the token's sub: ${sub} (case-sensitive)`, fixed: sub });
    });
    return true;
  }
  if (c.name.startsWith("credential's audience")) {
    const aud = tok.aud;
    fics.forEach((f, index) => {
      if (f.audiences.some((a) => aud.includes(a))) return;
      if (f.audiences.includes(ENTRA_AUDIENCE)) {
        const kind = result.provider === 'github-entra' ? 'gh.audience' : 'token.audience';
        if (!out.some((x) => x.target.kind === kind)) out.push({ target: { kind }, why: `the token's aud is ${JSON.stringify(aud)}; the credential expects ${ENTRA_AUDIENCE}`, fixed: ENTRA_AUDIENCE });
      } else {
        const fixed = aud.includes(ENTRA_AUDIENCE) ? ENTRA_AUDIENCE : aud[0];
        out.push({ target: { kind: 'fic.audience', index }, why: `this audience will not match the token's aud: ${JSON.stringify(aud)}`, ...(fixed ? { fixed } : {}) });
      }
    });
    return true;
  }
  if (c.name.startsWith('identity whose credentials')) {
    clientId(result, `the client ID names ${c.actual}, not ${c.expected}`, out);
    return true;
  }
  void env;
  void elsewhere;
  return false;
}

/** A wrong or missing client ID: on the container env when the manifest sets it, else the SA annotation / azure/login input. */
function clientId(result: ChainResult, why: string, out: Finding[]): void {
  const w = result.world;
  const env = (w.pod?.containers?.[0]?.env ?? {}) as Record<string, string>;
  const fixed = w.identity.clientId;
  if (result.provider === 'github-entra') out.push({ target: { kind: 'gh.client-id' }, why, fixed });
  else if (env.AZURE_CLIENT_ID) out.push({ target: { kind: 'env.client-id' }, why, fixed });
  else out.push({ target: { kind: 'sa.client-id' }, why, fixed });
}

/** Maps one failed check to findings; returns false when no configuration line expresses it. */
function place(result: ChainResult, c: Check, out: Finding[], elsewhere: string[]): boolean {
  const stage = result.failedStage;
  const w = result.world;
  if (stage === 'federation-match') return federation(result, c, out, elsewhere);
  if (stage === 'client-lookup' && c.name === 'client_id') {
    clientId(result, `client_id ${c.actual} is not ${c.expected}`, out);
    return true;
  }
  if (stage === 'client-lookup' && c.name.startsWith('tenant in the token URL') && w.serviceAccount.annotations['azure.workload.identity/tenant-id']) {
    out.push({ target: { kind: 'sa.tenant-id' }, why: `the token URL uses tenant ${c.actual}; the identity lives in ${c.expected}`, fixed: unquote(c.expected) });
    return true;
  }
  if (stage === 'admission') {
    if (c.name === 'pod label azure.workload.identity/use' && c.expected === '"true"') {
      out.push({ target: { kind: 'pod.use-label' }, why: `the webhook mutates only pods labelled azure.workload.identity/use: "true" (got ${c.actual})`, fixed: 'true' });
      return true;
    }
    if (c.name === 'ServiceAccount annotation azure.workload.identity/client-id') {
      out.push({ target: { kind: 'sa.client-id' }, why: `the webhook reads the client ID from this annotation (got ${c.actual})`, fixed: w.identity.clientId });
      return true;
    }
    if (c.name === 'workload identity webhook installed' || c.name.startsWith('Azure Workload Identity webhook')) {
      out.push({ target: { kind: 'webhook' }, why: 'the workload identity webhook is not installed, so nothing injects the token and the AZURE_* variables', fixed: 'install' });
      return true;
    }
    if (c.name === 'pod spec.serviceAccountName') {
      out.push({ target: { kind: 'pod.service-account' }, why: `this ServiceAccount does not exist: expected ${c.expected}, got ${c.actual}`, fixed: w.serviceAccount.name });
      return true;
    }
    if (c.name.endsWith('annotation azure.workload.identity/service-account-token-expiration')) {
      out.push({ target: { kind: 'expiration-annotation' }, why: `the webhook refuses ${c.actual}: it accepts ${c.expected}`, fixed: '3600' });
      return true;
    }
    if (c.name === 'job permissions id-token') {
      out.push({ target: { kind: 'gh.id-token' }, why: `without id-token: write the runner cannot request an OIDC token (got ${c.actual})`, fixed: 'write' });
      return true;
    }
    if (c.name.startsWith("azure/login input 'subscription-id'")) {
      out.push({ target: { kind: 'gh.subscription-id' }, why: 'azure/login needs subscription-id (or allow-no-subscriptions: true)', fixed: '<SUBSCRIPTION_ID>' });
      return true;
    }
  }
  if (stage === 'authorization' && c.name.startsWith('role assignment allowing')) {
    const role = c.expected.split(' / ')[0]?.trim();
    out.push({ target: { kind: 'role-assignment' }, why: `no role assignment grants ${c.name.replace('role assignment allowing ', '')}: expected ${c.expected}, got ${c.actual}`, ...(role ? { fixed: role } : {}) });
    return true;
  }
  return false;
}

/**
 * The findings of a chain result. Pure; never throws (an unexpected check lands in `elsewhere`).
 * @param result the engine's chain result (src/engine/types.ts, design.md "Chain result").
 */
export function findingsOf(result: ChainResult): Findings {
  const failed = result.stages.find((s) => s.id === result.failedStage && s.status === 'fail');
  const verdict = result.outcome === 'granted' ? 'granted' : `denied at ${failed?.title ?? result.failedStage ?? '?'}${result.code ? ` (${result.code})` : ''}`;
  const list: Finding[] = [];
  const elsewhere: string[] = [];
  if (failed) {
    for (const c of failed.checks.filter((x) => !x.ok)) {
      let placed = false;
      try {
        placed = place(result, c, list, elsewhere);
      } catch {
        placed = false;
      }
      if (!placed) elsewhere.push(`${c.name}: expected ${c.expected}, got ${c.actual}`);
    }
  }
  return { verdict, summary: failed?.summary ?? '', list, elsewhere };
}

/** The findings for one target kind (and FIC index). */
export function findingsFor(f: Findings, kind: Target['kind'], index?: number): Finding[] {
  return f.list.filter((x) => x.target.kind === kind && (index === undefined || !('index' in x.target) || x.target.index === index));
}

/** Header comment lines (without the comment marker) every format starts with. */
export function headerLines(result: ChainResult, f: Findings, placedKinds: readonly Target['kind'][]): string[] {
  const lines = [`Chain result in the lab: ${f.verdict}.`];
  if (f.summary) lines.push(f.summary);
  const here = f.list.filter((x) => placedKinds.includes(x.target.kind));
  const notHere = f.list.filter((x) => !placedKinds.includes(x.target.kind));
  if (here.length > 0) lines.push('The lines marked "✗ breaks the chain" below are why; the commented "fixed:" line beside each is the change.');
  for (const x of notHere) lines.push(`Not in this file (see the other formats): ${x.why}.`);
  for (const e of f.elsewhere) lines.push(`Not a line of configuration: ${e}.`);
  void result;
  return lines;
}
