/**
 * IAM policy evaluation of eks-irsa (src/engine/providers/eks-irsa/iam): the documented rules, each with
 * a case that fails if the rule broke.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, parseOperator } from '../../../../src/engine/providers/eks-irsa/iam/parse.ts';
import { evaluatePolicies, wildcardMatch, type IamRequest } from '../../../../src/engine/providers/eks-irsa/iam/evaluate.ts';

const K = 'oidc.eks.us-east-1.amazonaws.com/id/ABC';
const FED = `arn:aws:iam::111122223333:oidc-provider/${K}`;
const req = (sub: string, aud: string[] = ['sts.amazonaws.com']): IamRequest => ({
  action: 'sts:AssumeRoleWithWebIdentity',
  principal: { type: 'Federated', id: FED },
  context: { [`${K}:sub`]: [sub], [`${K}:aud`]: aud },
});
const trust = (condition: unknown, extra: Record<string, unknown> = {}) =>
  parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: FED }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition, ...extra }] }, 'p').statements;
const decide = (statements: ReturnType<typeof trust>, r: IamRequest) => evaluatePolicies(statements, r).decision;

describe('IAM evaluation', () => {
  it('StringEquals matches exactly and case-sensitively', () => {
    const s = trust({ StringEquals: { [`${K}:sub`]: 'system:serviceaccount:dev:app' } });
    expect(decide(s, req('system:serviceaccount:dev:app'))).toBe('allow');
    expect(decide(s, req('system:serviceaccount:Dev:app'))).toBe('implicit-deny');
  });
  it('StringEquals compares * literally; StringLike treats * and ? as wildcards', () => {
    expect(decide(trust({ StringEquals: { [`${K}:sub`]: 'system:serviceaccount:dev:*' } }), req('system:serviceaccount:dev:app'))).toBe('implicit-deny');
    expect(decide(trust({ StringEquals: { [`${K}:sub`]: 'system:serviceaccount:dev:*' } }), req('system:serviceaccount:dev:*'))).toBe('allow');
    expect(decide(trust({ StringLike: { [`${K}:sub`]: 'system:serviceaccount:dev:*' } }), req('system:serviceaccount:dev:app'))).toBe('allow');
    expect(decide(trust({ StringLike: { [`${K}:sub`]: 'system:serviceaccount:dev:ap?' } }), req('system:serviceaccount:dev:app'))).toBe('allow');
    expect(decide(trust({ StringLike: { [`${K}:sub`]: 'system:serviceaccount:dev:ap?' } }), req('system:serviceaccount:dev:apps'))).toBe('implicit-deny');
  });
  it('condition key names are case-insensitive, values are not', () => {
    expect(decide(trust({ StringEquals: { [`${K}:AUD`]: 'sts.amazonaws.com' } }), req('x'))).toBe('allow');
    expect(decide(trust({ StringEquals: { [`${K}:aud`]: 'STS.amazonaws.com' } }), req('x'))).toBe('implicit-deny');
    expect(decide(trust({ StringEqualsIgnoreCase: { [`${K}:aud`]: 'STS.amazonaws.com' } }), req('x'))).toBe('allow');
  });
  it('values of one key are ORed; keys and operators are ANDed', () => {
    expect(decide(trust({ StringEquals: { [`${K}:sub`]: ['a', 'b'] } }), req('b'))).toBe('allow');
    expect(decide(trust({ StringEquals: { [`${K}:sub`]: 'b', [`${K}:aud`]: 'other' } }), req('b'))).toBe('implicit-deny');
    expect(decide(trust({ StringEquals: { [`${K}:sub`]: 'b' }, StringLike: { [`${K}:aud`]: 'sts.*' } }), req('b'))).toBe('allow');
  });
  it('a missing key: false for positive operators, true for negated ones, IfExists and ForAllValues; Null tests presence', () => {
    const noAud: IamRequest = { ...req('b'), context: { [`${K}:sub`]: ['b'] } };
    expect(decide(trust({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' } }), noAud)).toBe('implicit-deny');
    expect(decide(trust({ StringNotEquals: { [`${K}:aud`]: 'x' } }), noAud)).toBe('allow');
    expect(decide(trust({ StringEqualsIfExists: { [`${K}:aud`]: 'x' } }), noAud)).toBe('allow');
    expect(decide(trust({ 'ForAllValues:StringEquals': { [`${K}:aud`]: 'x' } }), noAud)).toBe('allow');
    expect(decide(trust({ 'ForAnyValue:StringEquals': { [`${K}:aud`]: 'x' } }), noAud)).toBe('implicit-deny');
    expect(decide(trust({ Null: { [`${K}:aud`]: 'true' } }), noAud)).toBe('allow');
    expect(decide(trust({ Null: { [`${K}:aud`]: 'false' } }), noAud)).toBe('implicit-deny');
  });
  it('a negated operator NORs its values', () => {
    expect(decide(trust({ StringNotEquals: { [`${K}:sub`]: ['a', 'b'] } }), req('b'))).toBe('implicit-deny');
    expect(decide(trust({ StringNotEquals: { [`${K}:sub`]: ['a', 'b'] } }), req('c'))).toBe('allow');
  });
  it('an explicit Deny wins over an Allow; no statement means an implicit deny', () => {
    const st = parsePolicy(
      { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
      'p',
    ).statements;
    const r: IamRequest = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: {} };
    const ev = evaluatePolicies(st, r);
    expect(ev.decision).toBe('explicit-deny');
    expect(ev.decisive?.index).toBe(1);
    expect(evaluatePolicies(st, { ...r, resource: 'arn:aws:s3:::c/k' }).decision).toBe('allow');
    expect(evaluatePolicies([], r).decision).toBe('implicit-deny');
  });
  it('actions match case-insensitively with wildcards; resources case-sensitively', () => {
    const st = parsePolicy({ Statement: { Effect: 'Allow', Action: 'S3:get*', Resource: 'arn:aws:s3:::Bucket/*' } }, 'p').statements;
    expect(evaluatePolicies(st, { action: 's3:GetObject', resource: 'arn:aws:s3:::Bucket/x', context: {} }).decision).toBe('allow');
    expect(evaluatePolicies(st, { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/x', context: {} }).decision).toBe('implicit-deny');
  });
  it('the Federated principal must name the provider; NotAction excludes', () => {
    const other = trust({}, { Principal: { Federated: `${FED}X` } });
    expect(decide(other, req('b'))).toBe('implicit-deny');
    const na = parsePolicy({ Statement: { Effect: 'Allow', Principal: { Federated: FED }, NotAction: 'sts:AssumeRoleWithWebIdentity' } }, 'p').statements;
    expect(decide(na, req('b'))).toBe('implicit-deny');
  });
  it('reports operators it does not simulate instead of guessing', () => {
    const ev = evaluatePolicies(trust({ NumericLessThan: { [`${K}:sub`]: '5' } }), req('3'));
    expect(ev.decision).toBe('implicit-deny');
    expect(ev.unsupported.join(' ')).toMatch(/NumericLessThan/);
  });
  it('wildcardMatch escapes regex characters', () => {
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('a(b)*', 'a(b)cd')).toBe(true);
  });
});

describe('IAM policy grammar (located messages)', () => {
  it('knows the operators and their qualifiers', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({ set: 'ForAnyValue', base: 'StringLike', ifExists: true });
    expect(parseOperator('StringEqual')).toBeUndefined();
    expect(parseOperator('stringequals')).toBeUndefined();
    expect(parseOperator('NullIfExists')).toBeUndefined();
  });
  it('locates an unknown operator, a bad Effect and a misspelt element', () => {
    const p = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 'x', Conditon: {} }, { Effect: 'Allow', Action: 'x', Condition: { StringEqual: { a: 'b' } } }] }, 'role.trustPolicy');
    const paths = p.issues.map((i) => i.path);
    expect(paths).toContain('role.trustPolicy.Statement[0].Effect');
    expect(paths).toContain('role.trustPolicy.Statement[0].Conditon');
    expect(paths).toContain('role.trustPolicy.Statement[1].Condition.StringEqual');
    expect(p.issues.find((i) => i.path.endsWith('StringEqual'))!.message).toMatch(/unknown condition operator/);
  });
  it('refuses non-objects and oversized policies with a message, never throws', () => {
    expect(parsePolicy('nope', 'x').issues[0]!.path).toBe('x');
    expect(parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'a'.repeat(20_000) }] }, 'x').issues[0]!.message).toMatch(/at most/);
    expect(parsePolicy({}, 'x').issues[0]!.message).toMatch(/Statement/);
  });
});
