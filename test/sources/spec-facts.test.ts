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

  it('does not know custom resources', () => {
    expect(facts.isKnownType('Custom::Seeder')).toBe(false);
    expect(facts.isKnownType('AWS::SQS::Queue')).toBe(true);
  });
});
