/**
 * IAM policy evaluation for the statements of ONE policy set (a role trust policy, or a role's
 * identity-based policies), following AWS's documented logic. Pure; never throws.
 *
 * Rules and their sources (IAM User Guide):
 * - Decision: an applicable explicit Deny wins; otherwise an applicable Allow allows; otherwise the request
 *   is implicitly denied. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * - A statement applies when its Principal/NotPrincipal, Action/NotAction, Resource/NotResource and every
 *   condition match. Several operators, and several keys under one operator, are ANDed; several values for
 *   one key are ORed (NORed for a negated operator).
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 * - Condition key NAMES are case-insensitive; VALUES are compared case-sensitively except by the
 *   ...IgnoreCase operators. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * - StringLike / StringNotLike / Arn*Like (and ArnEquals) honour `*` (any run) and `?` (one character);
 *   StringEquals compares `*` literally (crossplane/crossplane #5578, CircleCI-Public/server-terraform #291).
 * - A key missing from the request context makes a condition false, except negated operators (true),
 *   `...IfExists` (true) and `Null`; `ForAllValues` with a missing key is true.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - Action names are case-insensitive; resource ARNs are case-sensitive.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * Numeric, Date, IpAddress and Binary operators are read but not evaluated here (no IRSA request carries
 * such keys); a statement that would need one is reported in `unsupported`.
 */
import { parseOperator, type Statement } from './parse.ts';

/** What is being asked: the action, the resource ARN (identity policies), the principal (trust policies), the context keys. */
export interface IamRequest {
  action: string;
  resource?: string;
  principal?: { type: 'Federated' | 'AWS'; id: string };
  /** Context keys → values. Key names are matched case-insensitively. */
  context: Record<string, string[]>;
}

/** Why one statement applied or not, in words for the stage's checks. */
export interface StatementTrace {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  applies: boolean;
  reason: string;
}

export interface Evaluation {
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** The statement that decided (the Deny, or the first applicable Allow). */
  decisive?: StatementTrace;
  traces: StatementTrace[];
  /** Features met but not simulated (operator families, policy variables). */
  unsupported: string[];
}

/** `*` and `?` wildcard match of the whole string. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '').test(value);
}

/** ARN match: each of the first six colon-separated parts separately, each with wildcards (ArnEquals/ArnLike). */
function arnMatch(pattern: string, value: string): boolean {
  const split = (s: string) => {
    const p = s.split(':');
    return p.length > 6 ? [...p.slice(0, 5), p.slice(5).join(':')] : p;
  };
  const a = split(pattern);
  const b = split(value);
  return a.length === b.length && a.every((x, i) => wildcardMatch(x, b[i]!));
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress']);

/** Positive form of a base operator: does one context value match one policy value? undefined when not simulated. */
function positive(base: string, policyValue: string, v: string): boolean | undefined {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return policyValue === v;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return policyValue.toLowerCase() === v.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return wildcardMatch(policyValue, v);
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return arnMatch(policyValue, v);
    case 'Bool':
      return policyValue.toLowerCase() === v.toLowerCase();
    default:
      return undefined;
  }
}

/** One condition entry; `why` explains a false result. */
function conditionHolds(c: Statement['condition'][number], context: Record<string, string[]>, unsupported: Set<string>): { ok: boolean; why: string } {
  const op = parseOperator(c.operator)!;
  const entry = Object.entries(context).find(([k]) => k.toLowerCase() === c.key.toLowerCase());
  const values = entry?.[1];
  const present = !!values && values.length > 0;
  const shown = `${c.operator} ${JSON.stringify(c.key)}: ${JSON.stringify(c.values.length === 1 ? c.values[0] : c.values)}`;
  if (c.values.some((v) => v.includes('${'))) unsupported.add('policy variables such as ${aws:username} are compared literally here, not substituted');
  if (op.base === 'Null') {
    const wantAbsent = c.values.some((v) => v.toLowerCase() === 'true');
    return { ok: wantAbsent ? !present : present, why: `${shown}, but the key is ${present ? 'present' : 'absent'}` };
  }
  if (!present) {
    if (op.ifExists || op.set === 'ForAllValues' || NEGATED.has(op.base)) return { ok: true, why: '' };
    return { ok: false, why: `${shown}, but the request has no key ${JSON.stringify(c.key)}` };
  }
  const neg = NEGATED.has(op.base);
  let simulated = true;
  const matchesAny = (v: string) =>
    c.values.some((pv) => {
      const r = positive(op.base, pv, v);
      if (r === undefined) simulated = false;
      return r === true;
    });
  const sat = (v: string) => (neg ? !matchesAny(v) : matchesAny(v));
  let ok: boolean;
  if (op.set === 'ForAllValues') ok = values.every(sat);
  else if (op.set === 'ForAnyValue') ok = values.some(sat);
  else ok = neg ? values.every(sat) : values.some(sat);
  if (!simulated) {
    unsupported.add(`the ${op.base} operator is not simulated (treated as no match)`);
    ok = false;
  }
  return { ok, why: `${shown}, but the request has ${JSON.stringify(values.length === 1 ? values[0] : values)}` };
}

function principalMatches(p: '*' | Record<string, string[]>, req: IamRequest): boolean {
  if (p === '*') return true;
  if (!req.principal) return false;
  return (p[req.principal.type] ?? []).some((x) => x === '*' || x === req.principal!.id);
}

/** Whether one statement applies to the request, and why not. */
export function statementApplies(s: Statement, req: IamRequest, unsupported: Set<string>): { applies: boolean; reason: string } {
  if (s.principal && !principalMatches(s.principal, req)) return { applies: false, reason: `Principal does not name ${req.principal ? JSON.stringify(req.principal.id) : 'the caller'}` };
  if (s.notPrincipal && principalMatches(s.notPrincipal, req)) return { applies: false, reason: 'NotPrincipal excludes the caller' };
  if (s.action && !s.action.some((a) => wildcardMatch(a, req.action, true))) return { applies: false, reason: `Action ${JSON.stringify(s.action)} does not include ${req.action}` };
  if (s.notAction && s.notAction.some((a) => wildcardMatch(a, req.action, true))) return { applies: false, reason: `NotAction excludes ${req.action}` };
  if (req.resource !== undefined) {
    if (s.resource && !s.resource.some((r) => wildcardMatch(r, req.resource!))) return { applies: false, reason: `Resource ${JSON.stringify(s.resource)} does not cover ${req.resource}` };
    if (s.notResource && s.notResource.some((r) => wildcardMatch(r, req.resource!))) return { applies: false, reason: `NotResource excludes ${req.resource}` };
  }
  for (const c of s.condition) {
    const r = conditionHolds(c, req.context, unsupported);
    if (!r.ok) return { applies: false, reason: `condition ${r.why}` };
  }
  return { applies: true, reason: 'every element matches' };
}

/** Evaluates `statements` for `req`; see the module comment. */
export function evaluatePolicies(statements: Statement[], req: IamRequest): Evaluation {
  const unsupported = new Set<string>();
  const traces: StatementTrace[] = statements.map((s) => {
    const r = statementApplies(s, req, unsupported);
    return { index: s.index, ...(s.sid !== undefined ? { sid: s.sid } : {}), effect: s.effect, applies: r.applies, reason: r.reason };
  });
  const deny = traces.find((t) => t.applies && t.effect === 'Deny');
  const allow = traces.find((t) => t.applies && t.effect === 'Allow');
  const decision = deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny';
  const decisive = deny ?? allow;
  return { decision, ...(decisive ? { decisive } : {}), traces, unsupported: [...unsupported] };
}
