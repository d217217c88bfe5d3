import { describe, expect, it } from 'vitest';
import { changeOf, resource, reviewPair, template } from './builders.js';

describe('renames by structure', () => {
  it('pairs a resource whose only differences are references to renamed siblings, repeating until nothing changes', () => {
    // GIVEN a queue → its dead-letter queue → a key, all renamed together (a construct moved into a new parent)
    const base = template({
      KeyA: resource('AWS::KMS::Key', { Description: 'orders' }),
      DlqA: resource('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::Sub': '${KeyA.Arn}' } }),
      QueueA: resource('AWS::SQS::Queue', {
        KmsMasterKeyId: { Ref: 'KeyA' },
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DlqA', 'Arn'] }, maxReceiveCount: 3 },
      }, { DependsOn: ['DlqA'] }),
    });
    const head = template({
      KeyB: resource('AWS::KMS::Key', { Description: 'orders' }),
      DlqB: resource('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::Sub': '${KeyB.Arn}' } }),
      QueueB: resource('AWS::SQS::Queue', {
        KmsMasterKeyId: { Ref: 'KeyB' },
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DlqB', 'Arn'] }, maxReceiveCount: 3 },
      }, { DependsOn: ['DlqB'] }),
    });
    // WHEN reviewed THEN every resource is paired with its old self
    const report = reviewPair(base, head);
    expect(changeOf(report, 'KeyB').renamedFrom).toBe('KeyA');
    expect(changeOf(report, 'DlqB').renamedFrom).toBe('DlqA');
    expect(changeOf(report, 'QueueB').renamedFrom).toBe('QueueA');
    expect(changeOf(report, 'QueueA')).toMatchObject({ renamedTo: 'QueueB', blocking: true });
  });

  it('a reference to a resource that is not renamed must stay the same', () => {
    const base = template({ Other1: resource('AWS::KMS::Key'), Other2: resource('AWS::KMS::Key'), QA: resource('AWS::SQS::Queue', { KmsMasterKeyId: { Ref: 'Other1' } }) });
    const head = template({ Other1: resource('AWS::KMS::Key'), Other2: resource('AWS::KMS::Key'), QB: resource('AWS::SQS::Queue', { KmsMasterKeyId: { Ref: 'Other2' } }) });
    expect(changeOf(reviewPair(base, head), 'QB').renamedFrom).toBeNull();
  });

  it('pairs a small child whose own text changed through the renamed parent that refers to it at the same place', () => {
    const base = template({
      GroupA: resource('AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: 'Subnet group for A', SubnetIds: ['s-1'] }),
      DbA: resource('AWS::RDS::DBInstance', { DBSubnetGroupName: { Ref: 'GroupA' }, Engine: 'postgres', DBInstanceClass: 'db.t4g.small', AllocatedStorage: '20' }),
    });
    const head = template({
      GroupB: resource('AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: 'Subnet group for B', SubnetIds: ['s-1'] }),
      DbB: resource('AWS::RDS::DBInstance', { DBSubnetGroupName: { Ref: 'GroupB' }, Engine: 'postgres', DBInstanceClass: 'db.t4g.small', AllocatedStorage: '20' }),
    });
    const report = reviewPair(base, head);
    expect(changeOf(report, 'DbB').renamedFrom).toBe('DbA');
    expect(changeOf(report, 'GroupB').renamedFrom).toBe('GroupA');
    expect(changeOf(report, 'GroupB').reasons.join()).toMatch(/referred to from the same place by a renamed resource: DBSubnetGroupName of DbA → DbB/);
  });

  it('never pairs resources of different types, or an added resource with nothing removed', () => {
    const base = template({ A: resource('AWS::SQS::Queue', { DelaySeconds: 1 }) });
    const head = template({ B: resource('AWS::SNS::Topic', { DelaySeconds: 1 }) });
    const report = reviewPair(base, head);
    expect(changeOf(report, 'B').renamedFrom).toBeNull();
    expect(changeOf(report, 'A').renamedTo).toBeNull();
  });

  it('a renamed stateful resource kept by DeletionPolicy Retain is a blocking replacement, not a quiet orphan', () => {
    const attrs = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
    const base = template({ TableA: resource('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }, attrs) });
    const head = template({ TableB: resource('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }, attrs) });
    const old = changeOf(reviewPair(base, head), 'TableA');
    expect(old).toMatchObject({ action: 'orphan', downtime: 'replacement', blocking: true, renamedTo: 'TableB' });
    expect(old.blockedBy.map((b) => b.policy)).toEqual(['stateful-replacement']);
    const lenient = changeOf(reviewPair(base, head, { policy: { blockStatefulReplacement: false } }), 'TableA');
    expect(lenient.blocking).toBe(false);
    expect(lenient.warnings.join()).toMatch(/Renamed away/);
    const orphansBlock = changeOf(reviewPair(base, head, { policy: { blockStatefulReplacement: false, blockOrphan: true } }), 'TableA');
    expect(orphansBlock.blockedBy.map((b) => b.policy)).toEqual(['orphan']);
  });

  it('a renamed resource that keeps its physical name fails to deploy: the name is still taken when the new one is created', () => {
    const base = template({ TableA: resource('AWS::DynamoDB::Table', { TableName: 'orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }) });
    const head = template({ TableB: resource('AWS::DynamoDB::Table', { TableName: 'orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }) });
    const created = changeOf(reviewPair(base, head), 'TableB');
    expect(created).toMatchObject({ renamedFrom: 'TableA', failsToDeploy: true, blocking: true });
    expect(created.blockedBy.map((b) => b.policy)).toEqual(['fails-to-deploy']);
    expect(created.reasons.join()).toMatch(/TableName is the same as TableA's/);
  });
});
