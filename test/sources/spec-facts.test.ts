/**
 * serviceSpecFacts reads the service spec through cloudformation-diff's cached loader (a deep import): if an upgrade
 * moves that function, these facts stop resolving and this test says so before any review goes wrong.
 */

import { describe, expect, it } from 'vitest';
import { serviceSpecFacts } from '../../src/sources/spec-facts.js';

const facts = serviceSpecFacts();

describe('service spec facts', () => {
  it('knows which types hold data', () => {
    expect(facts.isStateful('AWS::RDS::DBInstance')).toBe(true);
    expect(facts.isStateful('AWS::S3::Bucket')).toBe(true);
    expect(facts.isStateful('AWS::Lambda::Function')).toBe(false);
  });

  it('knows create-only and conditional properties', () => {
    expect(facts.replacementOf('AWS::SQS::Queue', 'QueueName')).toBe('yes');
    expect(facts.replacementOf('AWS::RDS::DBInstance', 'MultiAZ')).toBe('maybe');
    expect(facts.replacementOf('AWS::SQS::Queue', 'DelaySeconds')).toBe('no');
  });

  it('knows the properties that name a physical resource, and not the parent names of child types', () => {
    expect(facts.physicalNameProperties('AWS::S3::Bucket')).toEqual(['BucketName']);
    expect(facts.physicalNameProperties('AWS::RDS::DBInstance')).toEqual(['DBInstanceIdentifier']);
    expect(facts.physicalNameProperties('AWS::SQS::Queue')).toEqual(['QueueName']);
    expect(facts.physicalNameProperties('AWS::ElastiCache::ReplicationGroup')).toEqual(['ReplicationGroupId']);
    expect(facts.physicalNameProperties('AWS::EC2::SecurityGroup')).toEqual(['GroupName']);
    // A permission's FunctionName and a route's RouteTableId name the parent: a replacement does not collide.
    expect(facts.physicalNameProperties('AWS::Lambda::Permission')).toEqual([]);
    expect(facts.physicalNameProperties('AWS::EC2::Route')).toEqual([]);
    // UserPoolName can change in place: it does not identify the pool.
    expect(facts.physicalNameProperties('AWS::Cognito::UserPool')).toEqual([]);
  });

  it('does not know custom resources', () => {
    expect(facts.isKnownType('Custom::Seeder')).toBe(false);
    expect(facts.isKnownType('AWS::SQS::Queue')).toBe(true);
  });
});
