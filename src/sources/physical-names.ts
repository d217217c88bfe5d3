/**
 * Which properties name the physical resource, read from the service spec.
 *
 * The spec has no "physical name" flag, so this is inferred: a create-only property that is part of the type's
 * primary identifier (`BucketName`, `TableName`, `DBInstanceIdentifier`), or that follows CloudFormation's naming
 * pattern for names (`QueueName` on a Queue, `Name` on a Kinesis stream). A name that is not create-only (a Cognito
 * user pool's `UserPoolName`) does not identify the physical resource, so setting it does not stop a replacement.
 * The few names that fit neither pattern are listed by hand below.
 */

import type { Resource } from '@aws-cdk/service-spec-types';

/** Names CloudFormation documents as "if you specify a name, you cannot perform updates that require replacement". */
const LISTED_BY_HAND: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::SecurityGroup': ['GroupName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::InstanceProfile': ['InstanceProfileName'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['Name'],
};

const NAME_SUFFIX = /(Name|Identifier|Id)$/;

export function physicalNamesOf(resource: Resource): string[] {
  const shortName = resource.cloudFormationType.split('::')[2] ?? '';
  const createOnly = (property: string) => resource.properties[property]?.causesReplacement === 'yes';
  const identifying = (resource.primaryIdentifier ?? []).filter((p) => NAME_SUFFIX.test(p) && createOnly(p));
  const conventional = ['Name', `${shortName}Name`, `${shortName}Identifier`].filter(createOnly);
  const listed = (LISTED_BY_HAND[resource.cloudFormationType] ?? []).filter((p) => resource.properties[p] !== undefined);
  return [...new Set([...identifying, ...conventional, ...listed])];
}
