import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTemplateBody } from '../../src/aws/template-body.js';
import { StackguardInputError } from '../../src/errors.js';

const yamlTemplate = readFileSync('test/fixtures/aws/deployed-data.template.yaml', 'utf8');

describe('parsing a deployed template body', () => {
  it('turns YAML short-form intrinsics into the long form a synthesized template has', () => {
    const template = parseTemplateBody(yamlTemplate, 'ShopData');
    const resources = template.Resources!;
    expect(resources.UploadsBucket!.Properties!.BucketName).toEqual({ 'Fn::Sub': '${AWS::StackName}-uploads-${AWS::AccountId}' });
    expect(resources.UploadsBucket!.Properties!.VersioningConfiguration).toEqual({ Status: { 'Fn::If': ['IsProd', 'Enabled', 'Suspended'] } });
    expect(resources.UploadsBucketPolicy!.Properties!.Bucket).toEqual({ Ref: 'UploadsBucket' });
    const statement = (resources.UploadsBucketPolicy!.Properties!.PolicyDocument as { Version: unknown; Statement: Array<{ Resource: unknown }> });
    // A policy version is a string to CloudFormation, not a date.
    expect(statement.Version).toBe('2012-10-17');
    expect(statement.Statement[0]!.Resource).toEqual([
      { 'Fn::GetAtt': ['UploadsBucket', 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }, '/*']] },
    ]);
    expect(resources.OrdersDbSubnetGroup!.Properties!.SubnetIds).toEqual([
      { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'ShopNetwork-DataSubnets' }] }] },
      { 'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::ImportValue': 'ShopNetwork-DataSubnets' }] }] },
    ]);
    expect(resources.OrdersDb!.Properties!.AvailabilityZone).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(template.Conditions).toEqual({ IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } });
    // Only the first dot separates the resource from the attribute.
    expect((template.Outputs!.OrdersDbEndpoint as { Value: unknown }).Value).toEqual({ 'Fn::GetAtt': ['OrdersDb', 'Endpoint.Address'] });
  });

  it('reads a JSON body as JSON', () => {
    const body = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } } }, null, 1);
    expect(parseTemplateBody(body, 'Jobs').Resources!.Queue).toEqual({ Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } });
  });

  it('reads the !Transform and !Condition forms as mappings and scalars', () => {
    const template = parseTemplateBody(
      ['Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Condition: IsProd', '    Properties:', '      Tags: !Transform { Name: AWS::Include, Parameters: { Location: !Sub "s3://${Bucket}/tags.yaml" } }', '      DisplayName: !Condition IsProd'].join('\n'),
      'Alerts',
    );
    expect(template.Resources!.Topic!.Properties).toEqual({
      Tags: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: { 'Fn::Sub': 's3://${Bucket}/tags.yaml' } } } },
      DisplayName: { Condition: 'IsProd' },
    });
  });

  it('refuses an unknown tag instead of reading it as a string', () => {
    expect(() => parseTemplateBody('Resources:\n  A:\n    Type: !Bogus X\n', 'Odd')).toThrow(StackguardInputError);
    expect(() => parseTemplateBody('Resources:\n  A:\n    Type: !Bogus X\n', 'Odd')).toThrow(/Odd is not valid CloudFormation YAML/);
  });

  it('names the stack when the JSON is broken', () => {
    expect(() => parseTemplateBody('{ "Resources": ', 'Broken')).toThrow(/Broken is not valid JSON/);
  });
});
