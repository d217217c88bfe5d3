/**
 * Changes that make CloudFormation replace the resource: create-only properties (names, identifiers, a task
 * definition's image, a security group's description, an ingress rule's ports) and a type change. Some
 * cascade: a replaced security group replaces the ingress rules whose `GroupId` refers to it, a renamed bucket
 * replaces its bucket policy, a new task definition redeploys its service.
 */

import { containerImage } from '../constructs/containers.js';
import type { JsonObject } from '../intrinsics.js';
import { propertiesOf, resourceOf, type Mutation } from './context.js';

export const REPLACEMENTS: Mutation[] = [
  {
    name: 'queue-name',
    weight: 3,
    kind: 'replace',
    types: ['AWS::SQS::Queue'],
    apply: (context, id) => {
      propertiesOf(context, id)['QueueName'] = `${context.model.stackName}-${id}`.toLowerCase().slice(0, 70);
      return [id];
    },
  },
  {
    name: 'bucket-name',
    weight: 2,
    kind: 'replace',
    types: ['AWS::S3::Bucket'],
    apply: (context, id) => {
      propertiesOf(context, id)['BucketName'] = `acme-${context.prng.hex(6)}-${id}`.toLowerCase().slice(0, 63);
      return [id];
    },
  },
  {
    name: 'db-instance-identifier',
    weight: 4,
    kind: 'replace',
    types: ['AWS::RDS::DBInstance'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      const identifier = properties['DBInstanceIdentifier'];
      const current = typeof identifier === 'string' ? identifier : id.toLowerCase();
      properties['DBInstanceIdentifier'] = `${current}-v2`.slice(0, 63);
      return [id];
    },
  },
  {
    name: 'task-image',
    weight: 6,
    kind: 'replace',
    types: ['AWS::ECS::TaskDefinition'],
    apply: (context, id) => {
      const containers = propertiesOf(context, id)['ContainerDefinitions'] as JsonObject[];
      const app = containers[0];
      if (app) app['Image'] = containerImage(context.prng.hex(64));
      return [id];
    },
  },
  {
    name: 'security-group-description',
    weight: 2,
    kind: 'replace',
    types: ['AWS::EC2::SecurityGroup'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['GroupDescription'] = `${String(properties['GroupDescription'])} (managed)`;
      return [id];
    },
  },
  {
    name: 'ingress-port',
    weight: 2,
    kind: 'replace',
    types: ['AWS::EC2::SecurityGroupIngress'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      const port = typeof properties['FromPort'] === 'number' ? properties['FromPort'] + 1 : 8081;
      properties['FromPort'] = port;
      properties['ToPort'] = port;
      return [id];
    },
  },
  {
    // `iam.Policy` swapped for `iam.ManagedPolicy` with `overrideLogicalId` keeping the id: a type change.
    name: 'policy-to-managed-policy',
    weight: 1,
    kind: 'replace',
    types: ['AWS::IAM::Policy'],
    apply: (context, id) => {
      const resource = resourceOf(context, id);
      const { PolicyDocument, Roles } = propertiesOf(context, id);
      resource.Type = 'AWS::IAM::ManagedPolicy';
      resource.Properties = { PolicyDocument: PolicyDocument ?? {}, Roles: Roles ?? [] };
      return [id];
    },
  },
];
