/**
 * The engine's reading of templates: the reference forms CloudFormation uses, what a missing value and an
 * unresolvable intrinsic mean, applicability (`when`), the evaluation's shape, and a rule that throws becoming a
 * visible `error` evaluation instead of a crash.
 */

import { describe, expect, it } from 'vitest';
import { evaluateApp } from '../../src/core/controls/evaluate.js';
import type { CfnResource } from '../../src/core/template.js';
import { inlineRule, realRule, stack } from './helpers.js';

const flowLogged = inlineRule({
  id: 'test-flow-logs',
  resourceTypes: ['AWS::EC2::VPC'],
  condition: { referencedBy: { type: 'AWS::EC2::FlowLog', path: 'ResourceId' } },
});

function vpcWithFlowLog(resourceId: unknown): Record<string, CfnResource> {
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: resourceId, ResourceType: 'VPC' } },
  };
}

describe('references between resources', () => {
  it.each([
    ['Ref', { Ref: 'Vpc' }],
    ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Vpc', 'VpcId'] }],
    ['Fn::GetAtt as a dotted string', { 'Fn::GetAtt': 'Vpc.VpcId' }],
    ['Fn::Sub', { 'Fn::Sub': 'prefix-${Vpc}' }],
    ['Fn::Join', { 'Fn::Join': ['', [{ Ref: 'Vpc' }]] }],
  ])('follows %s', (_form, resourceId) => {
    const [evaluation] = evaluateApp([flowLogged], [stack('Network', vpcWithFlowLog(resourceId))]);
    expect(evaluation).toMatchObject({ resource: 'Vpc', status: 'pass', evidence: ['Vpc', 'FlowLog'] });
  });

  it('does not count a reference to something outside the template', () => {
    const [evaluation] = evaluateApp([flowLogged], [stack('Network', vpcWithFlowLog({ 'Fn::ImportValue': 'SharedVpcId' }))]);
    expect(evaluation).toMatchObject({ status: 'fail', message: 'no AWS::EC2::FlowLog referring to it through ResourceId', evidence: ['Vpc'] });
  });

  it('does not let a Fn::Sub variable named like a resource count when it is a local variable', () => {
    const resourceId = { 'Fn::Sub': ['${Vpc}', { Vpc: 'vpc-123' }] };
    const [evaluation] = evaluateApp([flowLogged], [stack('Network', vpcWithFlowLog(resourceId))]);
    expect(evaluation?.status).toBe('fail');
  });

  it('keeps resources of different stacks apart', () => {
    const evaluations = evaluateApp([flowLogged], [
      stack('Network', { Vpc: { Type: 'AWS::EC2::VPC' } }),
      stack('Logs', { FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' } } } }),
    ]);
    expect(evaluations).toEqual([expect.objectContaining({ stackName: 'Network', resource: 'Vpc', status: 'fail' })]);
  });
});

describe('missing and unresolvable values', () => {
  const encrypted = realRule('rds-instance-encrypted');
  const judge = (properties: Record<string, unknown>) =>
    evaluateApp([encrypted], [stack('Data', { Db: { Type: 'AWS::RDS::DBInstance', Properties: properties } })])[0];

  it('applies the rule’s meaning for a missing property', () => {
    expect(judge({ Engine: 'postgres' })).toMatchObject({ status: 'fail', message: 'StorageEncrypted is not set (fails when missing)' });
  });

  it('reads {Ref: AWS::NoValue} as missing', () => {
    expect(judge({ StorageEncrypted: { Ref: 'AWS::NoValue' } })?.status).toBe('fail');
  });

  it('coerces the strings templates use for booleans', () => {
    expect(judge({ StorageEncrypted: 'true' })?.status).toBe('pass');
    expect(judge({ StorageEncrypted: 'false' })?.status).toBe('fail');
  });

  it('does not judge a value behind Fn::If or a parameter', () => {
    expect(judge({ StorageEncrypted: { 'Fn::If': ['IsProd', true, false] } })).toMatchObject({ status: 'unknown' });
    expect(judge({ StorageEncrypted: { Ref: 'Encrypt' } })?.message).toBe('StorageEncrypted is {"Ref":"Encrypt"}, which stackguard cannot resolve statically');
  });

  it('does not judge a resource its `when` excludes, and says so when `when` cannot be resolved', () => {
    expect(judge({ DBClusterIdentifier: { Ref: 'Cluster' } })).toBeUndefined();
    const rule = inlineRule({
      resourceTypes: ['AWS::RDS::DBInstance'],
      when: { path: 'Engine', equals: 'postgres', missing: 'fail' },
      condition: { path: 'StorageEncrypted', equals: true, missing: 'fail' },
    });
    const [evaluation] = evaluateApp([rule], [stack('Data', { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: { Ref: 'EngineParam' } } } })]);
    expect(evaluation?.status).toBe('unknown');
    expect(evaluation?.message).toMatch(/^cannot tell whether the rule applies: Engine is/);
  });
});

describe('evaluations', () => {
  it('carry the control id, title, severity and SOC 2 criteria of the rule', () => {
    const [evaluation] = evaluateApp([realRule('s3-ssl-only')], [stack('Site', { Bucket: { Type: 'AWS::S3::Bucket' } })]);
    expect(evaluation).toMatchObject({
      ruleId: 's3-ssl-only',
      controlId: 'S3.5',
      severity: 'MEDIUM',
      soc2: ['CC6.7'],
      scope: 'resource',
      stackName: 'Site',
      resource: 'Bucket',
      resourceType: 'AWS::S3::Bucket',
      status: 'fail',
    });
  });

  it('use the rule id as the control id when Security Hub has no such control', () => {
    const [evaluation] = evaluateApp([realRule('sqs-dead-letter-queue')], [stack('Jobs', { Queue: { Type: 'AWS::SQS::Queue' } })]);
    expect(evaluation?.controlId).toBe('sqs-dead-letter-queue');
  });

  it('turn a rule that throws into an error evaluation and keep evaluating the others', () => {
    const broken = inlineRule({ id: 'broken', resourceTypes: ['AWS::S3::Bucket'], check: { name: 'noSuchCheck', params: {} } });
    const noOperator = inlineRule({ id: 'no-operator', resourceTypes: ['AWS::S3::Bucket'], condition: { path: 'BucketName', missing: 'fail' } });
    const site = stack('Site', { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'site' } } });
    const evaluations = evaluateApp([broken, noOperator, realRule('s3-versioning')], [site]);
    expect(evaluations.map((e) => [e.ruleId, e.status, e.message])).toEqual([
      ['broken', 'error', 'rule broken failed while evaluating: unknown check noSuchCheck'],
      ['no-operator', 'error', 'rule no-operator failed while evaluating: value test on BucketName has no operator'],
      ['s3-versioning', 'fail', 'VersioningConfiguration.Status is not set (fails when missing)'],
    ]);
  });

  it('survive a malformed template', () => {
    const evaluations = evaluateApp([realRule('s3-versioning')], [{ stackName: 'Odd', template: { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: 'oops' as never } } } }]);
    expect(evaluations[0]?.status).toBe('fail');
  });
});
