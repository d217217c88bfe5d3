/** S3 buckets with their SSL-enforcing bucket policy, and SQS queues with their dead-letter queues. */

import { getAtt, join, ref, tags, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';

export interface BucketOptions {
  /** A physical name: changing it later replaces the bucket. */
  bucketName?: string;
  kmsKey?: string;
  versioned?: boolean;
  expireAfterDays?: number;
}

export function bucket(b: StackBuilder, scope: string[], options: BucketOptions): string {
  const line = b.nextLine();
  const encryption: JsonObject = options.kmsKey
    ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt(options.kmsKey, 'Arn') }
    : { SSEAlgorithm: 'AES256' };
  const bucketId = b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::S3::Bucket',
      properties: {
        ...(options.bucketName ? { BucketName: options.bucketName } : {}),
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: encryption }] },
        ...(options.expireAfterDays
          ? { LifecycleConfiguration: { Rules: [{ ExpirationInDays: options.expireAfterDays, Status: 'Enabled' }] } }
          : {}),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        ...(options.versioned ? { VersioningConfiguration: { Status: 'Enabled' } } : {}),
        Tags: tags({ Team: 'platform', DataClass: options.kmsKey ? 'confidential' : 'internal' }),
      },
      removal: 'Retain',
    },
    line,
  );
  b.add(
    {
      path: [...scope, 'Policy', 'Resource'],
      type: 'AWS::S3::BucketPolicy',
      properties: {
        Bucket: ref(bucketId),
        PolicyDocument: {
          Statement: [
            {
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Resource: [getAtt(bucketId, 'Arn'), join([getAtt(bucketId, 'Arn'), '/*'])],
            },
          ],
          Version: '2012-10-17',
        },
      },
    },
    line,
  );
  return bucketId;
}

export interface QueueOptions {
  queueName?: string;
  visibilityTimeout?: number;
  kmsKey?: string;
  withDeadLetterQueue?: boolean;
}

/** Returns the queue's logical id; the dead-letter queue, when asked for, sits at `<scope>DLQ`. */
export function queue(b: StackBuilder, scope: string[], options: QueueOptions): string {
  const line = b.nextLine();
  const encryption: JsonObject = options.kmsKey
    ? { KmsMasterKeyId: getAtt(options.kmsKey, 'Arn') }
    : { SqsManagedSseEnabled: true };
  let deadLetter: string | undefined;
  if (options.withDeadLetterQueue) {
    const last = scope[scope.length - 1] ?? 'Queue';
    deadLetter = b.add(
      {
        path: [...scope.slice(0, -1), `${last}DLQ`, 'Resource'],
        type: 'AWS::SQS::Queue',
        properties: {
          ...(options.queueName ? { QueueName: `${options.queueName}-dlq` } : {}),
          MessageRetentionPeriod: 1209600,
          ...encryption,
        },
        removal: 'Delete',
      },
      line,
    );
  }
  return b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::SQS::Queue',
      properties: {
        ...(options.queueName ? { QueueName: options.queueName } : {}),
        ...(deadLetter ? { RedrivePolicy: { deadLetterTargetArn: getAtt(deadLetter, 'Arn'), maxReceiveCount: 5 } } : {}),
        VisibilityTimeout: options.visibilityTimeout ?? 30,
        ...encryption,
      },
      removal: 'Delete',
    },
    line,
  );
}
