/** Account-wide stacks shared by every environment: the shared Aurora cluster, IAM users group, audit trail. */

import { allow, getAtt, join, managedPolicyArn, policyDocument, ref } from '../intrinsics.js';
import { auroraCluster } from '../constructs/database.js';
import { importedNetwork } from '../constructs/network.js';
import { logGroup } from '../constructs/observability.js';
import { role } from '../constructs/iam.js';
import { kmsKey } from '../constructs/security.js';
import { bucket } from '../constructs/storage.js';
import type { StackBuilder } from '../stack-builder.js';
import { databaseAlarms } from './data-alarms.js';
import { environmentContext } from './context.js';

export function sharedAuroraStack(b: StackBuilder): void {
  const context = environmentContext('Prod', 0, b.identity.region, b.identity.account, 0);
  const key = kmsKey(b, ['SharedDataKey'], 'Shared Aurora encryption', 'shared/aurora');
  const network = importedNetwork('Prod', 3);
  const cluster = auroraCluster(b, ['Shared', 'Cluster'], network, key, 3);
  databaseAlarms(b, ['Shared', 'Cluster'], 'DBClusterIdentifier', cluster.database, context);
  b.output('ExportSharedClusterEndpoint', getAtt(cluster.database, 'Endpoint.Address'), 'Shared-Aurora:Endpoint');
}

export function backendUsersGroupStack(b: StackBuilder, users: number): void {
  const group = b.add(
    {
      path: ['BackendUsers', 'Resource'],
      type: 'AWS::IAM::Group',
      properties: { GroupName: 'backend-users', ManagedPolicyArns: [managedPolicyArn('ReadOnlyAccess')] },
    },
    b.nextLine(),
  );
  b.add(
    {
      path: ['BackendUsersPolicy', 'Resource'],
      type: 'AWS::IAM::ManagedPolicy',
      properties: {
        Groups: [ref(group)],
        PolicyDocument: policyDocument([allow(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], '*')]),
      },
    },
    b.nextLine(),
  );
  for (let i = 1; i <= users; i++) {
    b.add(
      {
        path: [`ServiceUser${i}`, 'Resource'],
        type: 'AWS::IAM::User',
        properties: { Groups: [ref(group)], UserName: `svc-backend-${i}` },
      },
      b.nextLine(),
    );
  }
}

export function auditTrailStack(b: StackBuilder): void {
  const key = kmsKey(b, ['TrailKey'], 'CloudTrail log encryption', 'audit/trail');
  const trailBucket = bucket(b, ['TrailBucket'], {
    kmsKey: key,
    versioned: true,
    bucketName: 'acme-audit-trail',
    expireAfterDays: 2555,
  });
  const logs = logGroup(b, ['TrailLogs', 'Resource'], 365);
  const deliveryRole = role(b, ['Trail'], 'LogsRole', 'cloudtrail.amazonaws.com', [
    allow(['logs:PutLogEvents', 'logs:CreateLogStream'], getAtt(logs, 'Arn')),
  ]);
  b.add(
    {
      path: ['Trail', 'Resource'],
      type: 'AWS::CloudTrail::Trail',
      properties: {
        CloudWatchLogsLogGroupArn: getAtt(logs, 'Arn'),
        CloudWatchLogsRoleArn: getAtt(deliveryRole.role, 'Arn'),
        EnableLogFileValidation: true,
        IncludeGlobalServiceEvents: true,
        IsLogging: true,
        IsMultiRegionTrail: true,
        KMSKeyId: getAtt(key, 'Arn'),
        S3BucketName: ref(trailBucket),
      },
      dependsOn: deliveryRole.policy ? [deliveryRole.policy, deliveryRole.role] : [deliveryRole.role],
    },
    b.nextLine(),
  );
  b.output('TrailBucketArn', join(['arn:aws:s3:::', ref(trailBucket)]));
}
