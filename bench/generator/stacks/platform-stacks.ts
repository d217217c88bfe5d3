/** The environment's foundations: network, databases, buckets and queues. */

import { getAtt, ref } from '../intrinsics.js';
import { auroraCluster, rdsInstance } from '../constructs/database.js';
import { vpc } from '../constructs/network.js';
import { alarm } from '../constructs/observability.js';
import { ingressFrom, kmsKey, securityGroup } from '../constructs/security.js';
import { bucket, queue } from '../constructs/storage.js';
import type { StackBuilder } from '../stack-builder.js';
import type { EnvironmentContext } from './context.js';
import { databaseAlarms } from './data-alarms.js';

export function networkStack(b: StackBuilder, context: EnvironmentContext): void {
  vpc(b, context.env, context.index, context.azCount);
}

export function dataStack(b: StackBuilder, context: EnvironmentContext): void {
  const key = kmsKey(b, ['DataKey'], `${context.env} database encryption`, `${context.env.toLowerCase()}/data`);
  const aurora = auroraCluster(b, ['Geometry', 'Cluster'], context.network, key, 2);
  const legacy = rdsInstance(b, ['Legacy', 'Instance'], context.network, `${context.env.toLowerCase()}-legacy-db`);
  const clients = securityGroup(b, ['DatabaseClients'], `${context.env} database clients`, context.network.vpcId);
  ingressFrom(b, ['Geometry', 'Cluster', 'SecurityGroup', 'fromClients5432'], aurora.securityGroup, clients, 5432);
  ingressFrom(b, ['Legacy', 'Instance', 'SecurityGroup', 'fromClients5432'], legacy.securityGroup, clients, 5432);
  databaseAlarms(b, ['Geometry', 'Cluster'], 'DBClusterIdentifier', aurora.database, context);
  databaseAlarms(b, ['Legacy', 'Instance'], 'DBInstanceIdentifier', legacy.database, context);
  b.output('ExportClientsSecurityGroup', getAtt(clients, 'GroupId'), `${context.env}-Data:ClientsSecurityGroup`);
  b.output('ExportGeometrySecret', ref(aurora.secret), `${context.env}-Data:GeometrySecret`);
}

const BUCKETS = ['Frontend', 'Uploads', 'Logs', 'Datalake', 'Exports', 'Thumbnails', 'Reports', 'Backups'];

export function storageStack(b: StackBuilder, context: EnvironmentContext, bucketCount: number): void {
  const alias = `${context.env.toLowerCase()}/confidential`;
  const confidential = kmsKey(b, ['ConfidentialKey'], `${context.env} confidential data`, alias);
  for (let i = 0; i < bucketCount; i++) {
    const base = BUCKETS[i % BUCKETS.length] ?? 'Data';
    const name = i < BUCKETS.length ? base : `${base}${Math.floor(i / BUCKETS.length) + 1}`;
    const options = {
      versioned: i % 3 === 0,
      ...(i % 4 === 1 ? { kmsKey: confidential } : {}),
      ...(i % 2 === 0 ? { bucketName: `acme-${context.env.toLowerCase()}-${name.toLowerCase()}` } : {}),
      ...(base === 'Logs' ? { expireAfterDays: 400 } : {}),
    };
    const bucketId = bucket(b, [name], options);
    b.output(`Export${name}BucketName`, ref(bucketId), `${context.env}-Storage:${name}Bucket`);
  }
}

export function queuesStack(b: StackBuilder, context: EnvironmentContext): void {
  const key = kmsKey(b, ['QueueKey'], `${context.env} queue encryption`, `${context.env.toLowerCase()}/queues`);
  for (let n = 1; n <= context.queueCount; n++) {
    const scope = [`Queue${n}`];
    const queueId = queue(b, scope, {
      withDeadLetterQueue: true,
      visibilityTimeout: 30 * (1 + (n % 5)),
      ...(n % 2 === 0 ? { queueName: `${context.env.toLowerCase()}-queue-${n}` } : {}),
      ...(n % 3 === 0 ? { kmsKey: key } : {}),
    });
    alarm(b, [`Queue${n}`, 'DepthAlarm', 'Resource'], {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
      threshold: 1,
      statistic: 'Maximum',
      topic: context.alarmTopic,
    });
    b.output(`ExportQueue${n}Arn`, getAtt(queueId, 'Arn'), `${context.env}-Queues:Queue${n}Arn`);
    b.output(`ExportQueue${n}Name`, getAtt(queueId, 'QueueName'), `${context.env}-Queues:Queue${n}Name`);
  }
}
