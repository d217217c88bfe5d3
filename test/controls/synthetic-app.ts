/**
 * A large synthetic app for the performance test: many stacks of the resources the rules look across (buckets
 * and their policies, groups and ingress resources, users and policies, secrets and rotation schedules, queues),
 * so every relation index is exercised.
 */

import type { CfnResource } from '../../src/core/template.js';

function block(i: number): Record<string, CfnResource> {
  return {
    [`Bucket${i}`]: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } },
    [`BucketPolicy${i}`]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: `Bucket${i}` },
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    },
    [`Sg${i}`]: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'sg', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } },
    [`SgIngress${i}`]: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': [`Sg${i}`, 'GroupId'] }, IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: 'sg-1' } },
    [`User${i}`]: { Type: 'AWS::IAM::User' },
    [`UserPolicy${i}`]: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Users: [{ Ref: `User${i}` }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } } },
    [`Secret${i}`]: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
    [`Rotation${i}`]: { Type: 'AWS::SecretsManager::RotationSchedule', Properties: { SecretId: { Ref: `Secret${i}` }, RotationRules: { AutomaticallyAfterDays: 30 } } },
    [`Queue${i}`]: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [`Dlq${i}`, 'Arn'] } } } },
    [`Dlq${i}`]: { Type: 'AWS::SQS::Queue' },
    [`Fn${i}`]: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [`Role${i}`, 'Arn'] } } },
    [`Role${i}`]: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] } }] } }] } },
    [`Table${i}`]: { Type: 'AWS::DynamoDB::Table', Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } } },
  };
}

/** `stacks` stacks of about `resourcesPerStack` resources each. */
export function syntheticApp(stacks: number, resourcesPerStack: number): Array<{ stackName: string; template: { Resources: Record<string, CfnResource> } }> {
  const blocks = Math.ceil(resourcesPerStack / Object.keys(block(0)).length);
  return Array.from({ length: stacks }, (_, s) => ({
    stackName: `Stack${s}`,
    template: { Resources: Object.assign({}, ...Array.from({ length: blocks }, (_, i) => block(i))) as Record<string, CfnResource> },
  }));
}
