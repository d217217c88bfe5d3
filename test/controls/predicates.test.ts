/**
 * Named predicates over policy documents and metric filter patterns: the pieces of real logic the condition
 * language delegates to code.
 */

import { describe, expect, it } from 'vitest';
import { PREDICATES } from '../../src/core/controls/predicates/index.js';

const verdict = (name: string, value: unknown, params: Record<string, unknown> = {}) => PREDICATES[name]!(value, params).verdict;
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('allowsPublicAccess', () => {
  it('holds for an unconditional Allow to * or {AWS: *}', () => {
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }))).toBe('pass');
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::1:root', '*'] }, Action: 'kms:*' }))).toBe('pass');
  });

  it('does not hold with a Condition, for a Deny, or for an account principal built with Fn::Join', () => {
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }))).toBe('fail');
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Deny', Principal: '*', Action: 's3:*' }))).toBe('fail');
    const joined = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::1:root']] } };
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Allow', Principal: joined, Action: 'kms:*' }))).toBe('fail');
  });

  it('is unknown for a principal from a parameter or statements behind Fn::If', () => {
    expect(verdict('allowsPublicAccess', policy({ Effect: 'Allow', Principal: { AWS: { Ref: 'Who' } }, Action: 's3:*' }))).toBe('unknown');
    expect(verdict('allowsPublicAccess', { Statement: { 'Fn::If': ['C', [], []] } })).toBe('unknown');
  });

  it('reads a policy document given as a JSON string', () => {
    expect(verdict('allowsPublicAccess', JSON.stringify(policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage' })))).toBe('pass');
  });
});

describe('deniesInsecureTransport', () => {
  it('holds for the statement enforceSSL writes, with Bool or BoolIfExists and a string or boolean false', () => {
    const deny = (condition: unknown) => policy({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: condition });
    expect(verdict('deniesInsecureTransport', deny({ Bool: { 'aws:SecureTransport': 'false' } }))).toBe('pass');
    expect(verdict('deniesInsecureTransport', deny({ BoolIfExists: { 'aws:SecureTransport': false } }))).toBe('pass');
    expect(verdict('deniesInsecureTransport', deny({ Bool: { 'aws:SecureTransport': 'true' } }))).toBe('fail');
  });

  it('does not hold for a deny that applies to one principal only', () => {
    const onlyOne = policy({ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::1:role/x' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(verdict('deniesInsecureTransport', onlyOne)).toBe('fail');
  });
});

describe('grantsFullAdmin', () => {
  it('holds for Action * or *:* on Resource *, not for scoped statements', () => {
    expect(verdict('grantsFullAdmin', policy({ Effect: 'Allow', Action: '*', Resource: '*' }))).toBe('pass');
    expect(verdict('grantsFullAdmin', policy({ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }))).toBe('pass');
    expect(verdict('grantsFullAdmin', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))).toBe('fail');
    expect(verdict('grantsFullAdmin', policy({ Effect: 'Allow', Action: '*', Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }))).toBe('fail');
  });
});

describe('filterPatternHasTerms', () => {
  const terms = { terms: ['$.eventName=CreateRoute', '$.eventName=DeleteRoute'] };

  it('ignores spacing, quotes and order', () => {
    expect(verdict('filterPatternHasTerms', '{ ($.eventName = "DeleteRoute") || ($.eventName = "CreateRoute") }', terms)).toBe('pass');
  });

  it('matches whole terms only: CreateRouteTable is not CreateRoute', () => {
    const result = PREDICATES['filterPatternHasTerms']!('{ ($.eventName = CreateRouteTable) || ($.eventName = DeleteRoute) }', terms);
    expect(result).toEqual({ verdict: 'fail', reason: 'the filter pattern lacks $.eventName=CreateRoute' });
  });
});
