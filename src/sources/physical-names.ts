/**
 * Which properties name the physical resource, read from the service spec.
 *
 * The spec has no "physical name" flag, so this is inferred from CloudFormation's naming pattern: a create-only
 * property that names the type itself (`BucketName` on a Bucket, `TableName` on a Table, `DBInstanceIdentifier` on
 * a DBInstance, `ReplicationGroupId` on a ReplicationGroup, `Name` on a Kinesis stream). The type's primary
 * identifier is not used: for child types it is the parent's name or id (`FunctionName` of a Lambda permission,
 * `RouteTableId` of a route), which a replacement does not collide with. A name that is not create-only (a Cognito
 * user pool's `UserPoolName`) does not identify the physical resource. The few names that fit no pattern are
 * listed by hand below.
 */

import type { Resource } from '@aws-cdk/service-spec-types';

/** Names CloudFormation documents as "if you specify a name, you cannot perform updates that require replacement". */
const LISTED_BY_HAND: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::SecurityGroup': ['GroupName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::InstanceProfile': ['InstanceProfileName'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['Name'],
};

export function physicalNamesOf(resource: Resource): string[] {
  const shortName = resource.cloudFormationType.split('::')[2] ?? '';
  const createOnly = (property: string) => resource.properties[property]?.causesReplacement === 'yes';
  const conventional = ['Name', `${shortName}Name`, `${shortName}Identifier`, `${shortName}Id`].filter(createOnly);
  const listed = (LISTED_BY_HAND[resource.cloudFormationType] ?? []).filter((p) => resource.properties[p] !== undefined);
  return [...new Set([...conventional, ...listed])];
}
