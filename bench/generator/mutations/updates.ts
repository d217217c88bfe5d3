/**
 * In-place updates a typical PR makes: tags, descriptions, desired counts, instance classes, retention,
 * thresholds, TLS policies, health checks, policy statements, scaling limits, queue timeouts.
 */

import { allow, type JsonObject } from '../intrinsics.js';
import { propertiesOf, setTag, type Mutation } from './context.js';

const TAGGABLE = [
  'AWS::S3::Bucket',
  'AWS::IAM::Role',
  'AWS::EC2::SecurityGroup',
  'AWS::ECS::Cluster',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::SNS::Topic',
  'AWS::EC2::Subnet',
  'AWS::EC2::VPC',
];

const numberAt = (properties: JsonObject, key: string, fallback: number): number =>
  typeof properties[key] === 'number' ? properties[key] : fallback;

const INSTANCE_CLASSES: Record<string, string> = {
  'db.t4g.medium': 'db.t4g.large',
  'db.t4g.large': 'db.r6g.large',
  'db.r6g.large': 'db.r6g.xlarge',
  'db.r6g.xlarge': 'db.r6g.2xlarge',
};

export const UPDATES: Mutation[] = [
  {
    name: 'tag',
    weight: 12,
    kind: 'update',
    types: TAGGABLE,
    apply: (context, id) => {
      setTag(propertiesOf(context, id), 'CostCenter', `cc-${context.prng.int(1000, 9999)}`);
      return [id];
    },
  },
  {
    name: 'description',
    weight: 4,
    kind: 'update',
    types: ['AWS::Lambda::Function', 'AWS::SecretsManager::Secret', 'AWS::KMS::Key'],
    apply: (context, id) => {
      const team = context.prng.pick(['orders', 'geometry', 'billing', 'platform']);
      propertiesOf(context, id)['Description'] = `Owned by team ${team}`;
      return [id];
    },
  },
  {
    name: 'desired-count',
    weight: 6,
    kind: 'update',
    types: ['AWS::ECS::Service'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['DesiredCount'] = numberAt(properties, 'DesiredCount', 1) + context.prng.int(1, 3);
      return [id];
    },
  },
  {
    name: 'instance-class',
    weight: 10,
    kind: 'update',
    types: ['AWS::RDS::DBInstance'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['DBInstanceClass'] = INSTANCE_CLASSES[String(properties['DBInstanceClass'])] ?? 'db.r6g.large';
      return [id];
    },
  },
  {
    name: 'log-retention',
    weight: 5,
    kind: 'update',
    types: ['AWS::Logs::LogGroup'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['RetentionInDays'] = numberAt(properties, 'RetentionInDays', 30) >= 365 ? 731 : 365;
      return [id];
    },
  },
  {
    name: 'alarm-threshold',
    weight: 8,
    kind: 'update',
    types: ['AWS::CloudWatch::Alarm'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['Threshold'] = numberAt(properties, 'Threshold', 1) * 2;
      properties['EvaluationPeriods'] = context.prng.int(2, 5);
      return [id];
    },
  },
  {
    name: 'ssl-policy',
    weight: 2,
    kind: 'update',
    types: ['AWS::ElasticLoadBalancingV2::Listener'],
    accepts: (resource) => resource.Properties?.['Protocol'] === 'HTTPS',
    apply: (context, id) => {
      propertiesOf(context, id)['SslPolicy'] = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
      return [id];
    },
  },
  {
    name: 'health-check',
    weight: 3,
    kind: 'update',
    types: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
    apply: (context, id) => {
      propertiesOf(context, id)['HealthCheckPath'] = '/healthz';
      return [id];
    },
  },
  {
    name: 'policy-statement',
    weight: 6,
    kind: 'update',
    types: ['AWS::IAM::Policy'],
    apply: (context, id) => {
      const document = propertiesOf(context, id)['PolicyDocument'] as JsonObject;
      const statements = Array.isArray(document['Statement']) ? document['Statement'] : [];
      document['Statement'] = [...statements, allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*')];
      return [id];
    },
  },
  {
    name: 'scaling-limit',
    weight: 3,
    kind: 'update',
    types: ['AWS::ApplicationAutoScaling::ScalableTarget'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['MaxCapacity'] = numberAt(properties, 'MaxCapacity', 4) + 4;
      return [id];
    },
  },
  {
    name: 'visibility-timeout',
    weight: 3,
    kind: 'update',
    types: ['AWS::SQS::Queue'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['VisibilityTimeout'] = numberAt(properties, 'VisibilityTimeout', 30) + 60;
      return [id];
    },
  },
];
