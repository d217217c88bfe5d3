import { describe, expect, it } from 'vitest';
import { changeSetDisagreements } from '../../src/core/change-set-notes.js';
import type { CfnTemplate, StackInput } from '../../src/core/template.js';

type ChangeSet = NonNullable<StackInput['changeSet']>;

function modify(logicalId: string, resourceType: string, replacement: 'True' | 'False' | 'Conditional', name: string, requires: 'Always' | 'Never' | 'Conditionally', extra: object = {}) {
  return {
    Type: 'Resource' as const,
    ResourceChange: {
      Action: 'Modify' as const,
      LogicalResourceId: logicalId,
      ResourceType: resourceType,
      Replacement: replacement,
      Scope: ['Properties' as const],
      Details: [{ Target: { Attribute: 'Properties' as const, Name: name, RequiresRecreation: requires }, Evaluation: 'Static' as const, ChangeSource: 'DirectModification' as const }],
      ...extra,
    },
  };
}

describe('where the change set disagrees with the template diff', () => {
  it('a change only CloudFormation sees: the template text is the same, a deploy-time value is not', () => {
    // GIVEN a function whose runtime comes from an SSM parameter that changed since the last deployment
    const template: CfnTemplate = {
      Parameters: { Runtime: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/shop/lambda/runtime' } },
      Resources: { Worker: { Type: 'AWS::Lambda::Function', Properties: { Runtime: { Ref: 'Runtime' } } } },
    };
    const changeSet: ChangeSet = { Changes: [modify('Worker', 'AWS::Lambda::Function', 'False', 'Runtime', 'Never')] };
    // THEN
    expect(changeSetDisagreements(template, template, changeSet)).toEqual([
      "Change set: Worker — the template diff predicts no change, CloudFormation's change set says an in-place update (Replacement: False) although its template text does not change: a value resolved at deploy time (a parameter, an SSM value, a dynamic reference) does.",
    ]);
  });

  it('a predicted replacement that CloudFormation does in place', () => {
    const base: CfnTemplate = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: 'orders' } } } };
    const head: CfnTemplate = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: 'Orders' } } } };
    const notes = changeSetDisagreements(base, head, { Changes: [modify('Db', 'AWS::RDS::DBInstance', 'False', 'DBInstanceIdentifier', 'Never')] });
    expect(notes).toEqual([
      "Change set: Db — the template diff predicts a replacement, CloudFormation's change set says an in-place update (Replacement: False).",
    ]);
  });

  it("a PolicyAction other than the templates' DeletionPolicy implies", () => {
    const base: CfnTemplate = { Resources: { Archive: { Type: 'AWS::S3::Bucket' } } };
    const head: CfnTemplate = { Resources: {} };
    const notes = changeSetDisagreements(base, head, {
      Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Remove', LogicalResourceId: 'Archive', ResourceType: 'AWS::S3::Bucket', PolicyAction: 'Retain' } }],
    });
    expect(notes).toEqual(["Change set: Archive — CloudFormation's PolicyAction is Retain where the templates' DeletionPolicy / UpdateReplacePolicy imply Delete."]);
  });

  it('a template change the change set does not list', () => {
    const base: CfnTemplate = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': 'Shop-Name' } } } } };
    const head: CfnTemplate = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Shop' } } } };
    expect(changeSetDisagreements(base, head, { Changes: [] })).toEqual([
      "Change set: Topic — the template diff shows an in-place update, CloudFormation's change set shows no change (the changed values may resolve to what is deployed).",
    ]);
  });

  it('says nothing where they agree, nor about CDK metadata', () => {
    const base: CfnTemplate = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } }, CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:a' } } } };
    const head: CfnTemplate = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs-v2' } }, CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:b' } } } };
    const changeSet: ChangeSet = {
      Changes: [
        modify('Queue', 'AWS::SQS::Queue', 'True', 'QueueName', 'Always', { PolicyAction: 'ReplaceAndDelete' }),
        modify('CDKMetadata', 'AWS::CDK::Metadata', 'False', 'Analytics', 'Never'),
      ],
    };
    expect(changeSetDisagreements(base, head, changeSet)).toEqual([]);
  });
});
