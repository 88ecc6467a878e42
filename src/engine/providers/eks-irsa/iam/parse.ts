/**
 * Reads an IAM policy document (JSON already parsed) into normalised statements, with a located message
 * for every problem IAM would refuse when the policy is written (MalformedPolicyDocument). Never throws.
 *
 * Grammar: IAM JSON policy reference, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * (Version, Statement as one object or a list; Effect "Allow" | "Deny"; Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal as a string or a list; Condition as operator → key → value or values).
 * Condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** One statement, every list normalised to an array. */
export interface Statement {
  /** Index in the document's Statement list (0 when Statement is a single object). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** `"*"` or `{Federated: [...], AWS: [...], Service: [...]}`. */
  principal?: '*' | Record<string, string[]>;
  notPrincipal?: '*' | Record<string, string[]>;
  /** Operator (as written) → key (as written) → values (as strings). */
  condition: { operator: string; key: string; values: string[] }[];
}

/** A located problem, `path` like `Statement[0].Condition.StringEquals`. */
export interface PolicyIssue {
  path: string;
  message: string;
}

/** Largest policy the simulator reads, in characters of JSON (IAM's role trust policy quota is 2,048 by default, up to 8,192; managed policies 6,144). */
export const MAX_POLICY_CHARS = 10_240;

const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; undefined for an operator IAM does not know. */
export function parseOperator(op: string): { set?: 'ForAnyValue' | 'ForAllValues'; base: string; ifExists: boolean } | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/.exec(op);
  if (!m) return undefined;
  const base = m[2]!;
  if (!BASE_OPERATORS.includes(base)) return undefined;
  if (base === 'Null' && (m[3] || m[1])) return undefined;
  return { ...(m[1] ? { set: m[1] as 'ForAnyValue' | 'ForAllValues' } : {}), base, ifExists: !!m[3] };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(v: unknown, path: string, issues: PolicyIssue[]): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  issues.push({ path, message: 'expected a string or a non-empty list of strings' });
  return undefined;
}

function principal(v: unknown, path: string, issues: PolicyIssue[]): '*' | Record<string, string[]> | undefined {
  if (v === '*') return '*';
  if (!isObj(v)) {
    issues.push({ path, message: 'expected "*" or an object such as {"Federated": "arn:aws:iam::<account>:oidc-provider/<host>/<path>"}' });
    return undefined;
  }
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!['AWS', 'Federated', 'Service', 'CanonicalUser'].includes(k)) {
      issues.push({ path: `${path}.${k}`, message: `unknown principal type "${k}" (IAM knows AWS, Federated, Service, CanonicalUser)` });
      continue;
    }
    const s = strings(val, `${path}.${k}`, issues);
    if (s) out[k] = s;
  }
  return out;
}

function conditionValues(v: unknown, path: string, issues: PolicyIssue[]): string[] | undefined {
  const one = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined);
  const list = Array.isArray(v) ? v.map(one) : [one(v)];
  if (list.length === 0 || list.some((x) => x === undefined)) {
    issues.push({ path, message: 'expected a string, number or boolean, or a non-empty list of them' });
    return undefined;
  }
  return list as string[];
}

function readStatement(s: unknown, index: number, path: string, issues: PolicyIssue[]): Statement | undefined {
  if (!isObj(s)) {
    issues.push({ path, message: 'expected a statement object' });
    return undefined;
  }
  const known = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];
  for (const k of Object.keys(s)) if (!known.includes(k)) issues.push({ path: `${path}.${k}`, message: `unknown statement element "${k}" (element names are case-sensitive: ${known.join(', ')})` });
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') issues.push({ path: `${path}.Effect`, message: 'expected "Allow" or "Deny" (case-sensitive)' });
  if (s.Action !== undefined && s.NotAction !== undefined) issues.push({ path, message: 'a statement has Action or NotAction, not both' });
  if (s.Action === undefined && s.NotAction === undefined) issues.push({ path, message: 'a statement needs Action or NotAction' });
  const st: Statement = { index, effect: s.Effect === 'Deny' ? 'Deny' : 'Allow', condition: [] };
  if (typeof s.Sid === 'string') st.sid = s.Sid;
  const put = <K extends 'action' | 'notAction' | 'resource' | 'notResource'>(key: K, name: string) => {
    if (s[name] === undefined) return;
    const v = strings(s[name], `${path}.${name}`, issues);
    if (v) st[key] = v;
  };
  put('action', 'Action');
  put('notAction', 'NotAction');
  put('resource', 'Resource');
  put('notResource', 'NotResource');
  if (s.Principal !== undefined) {
    const p = principal(s.Principal, `${path}.Principal`, issues);
    if (p) st.principal = p;
  }
  if (s.NotPrincipal !== undefined) {
    const p = principal(s.NotPrincipal, `${path}.NotPrincipal`, issues);
    if (p) st.notPrincipal = p;
  }
  if (s.Condition !== undefined) {
    if (!isObj(s.Condition)) issues.push({ path: `${path}.Condition`, message: 'expected an object: {"<operator>": {"<key>": "<value>"}}' });
    else
      for (const [op, block] of Object.entries(s.Condition)) {
        const at = `${path}.Condition.${op}`;
        if (!parseOperator(op)) {
          issues.push({ path: at, message: `unknown condition operator "${op}" (operators are case-sensitive, e.g. StringEquals, StringLike)` });
          continue;
        }
        if (!isObj(block)) {
          issues.push({ path: at, message: 'expected an object of condition keys and values' });
          continue;
        }
        for (const [key, v] of Object.entries(block)) {
          const values = conditionValues(v, `${at}.${key}`, issues);
          if (values) st.condition.push({ operator: op, key, values });
        }
      }
  }
  return st;
}

/** Result of {@link parsePolicy}. `statements` holds what could be read even when there are issues. */
export interface ParsedPolicy {
  statements: Statement[];
  issues: PolicyIssue[];
}

/** Reads a policy document; see the module comment. `prefix` starts every issue path (e.g. `role.trustPolicy`). */
export function parsePolicy(doc: unknown, prefix: string): ParsedPolicy {
  const issues: PolicyIssue[] = [];
  const at = (p: string) => (p ? `${prefix}.${p}` : prefix);
  let size = 0;
  try {
    size = JSON.stringify(doc ?? null).length;
  } catch {
    size = Infinity;
  }
  if (size > MAX_POLICY_CHARS) return { statements: [], issues: [{ path: prefix, message: `policy is ${size} characters; the simulator reads at most ${MAX_POLICY_CHARS}` }] };
  if (!isObj(doc)) return { statements: [], issues: [{ path: prefix, message: 'expected a policy document object {"Version": "2012-10-17", "Statement": [...]}' }] };
  for (const k of Object.keys(doc)) if (!['Version', 'Id', 'Statement'].includes(k)) issues.push({ path: at(k), message: `unknown policy element "${k}" (Version, Id, Statement)` });
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') issues.push({ path: at('Version'), message: 'expected "2012-10-17" (or the older "2008-10-17")' });
  const raw = doc.Statement;
  if (raw === undefined) return { statements: [], issues: [...issues, { path: prefix, message: 'a policy needs a Statement' }] };
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  list.forEach((s, i) => {
    const st = readStatement(s, i, at(Array.isArray(raw) ? `Statement[${i}]` : 'Statement'), issues);
    if (st) statements.push(st);
  });
  return { statements, issues };
}
