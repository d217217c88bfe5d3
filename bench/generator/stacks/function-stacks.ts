/** The Lambda stacks: an API of many small functions, and scheduled jobs. */

import { allow, importValue, join, sub } from '../intrinsics.js';
import { lambdaFunction } from '../constructs/functions.js';
import type { StackBuilder } from '../stack-builder.js';
import { importedQueueArn, importedQueueName, queueFor, type EnvironmentContext } from './context.js';

const API_ARN = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}';

export function apiStack(b: StackBuilder, context: EnvironmentContext, count: number): void {
  const uploads = importValue(`${context.env}-Storage:UploadsBucket`);
  for (let i = 1; i <= count; i++) {
    const queueConsumer = i % 3 === 0;
    const queue = queueFor(context, i);
    lambdaFunction(b, [`Handler${i}`], {
      memorySize: [256, 512, 1024][i % 3] ?? 256,
      timeout: queueConsumer ? 60 : 15,
      environment: {
        STAGE: context.env.toLowerCase(),
        UPLOADS_BUCKET: uploads,
        OUTPUT_QUEUE: importedQueueName(context, queue),
      },
      statements: [
        allow(['s3:GetObject*', 's3:List*'], join(['arn:aws:s3:::', uploads, '/*'])),
        allow('sqs:SendMessage', importedQueueArn(context, queue)),
      ],
      trigger: queueConsumer
        ? { kind: 'queue', queueArn: importedQueueArn(context, queueFor(context, i + 3)) }
        : { kind: 'api', sourceArn: sub(`${API_ARN}:${context.env.toLowerCase()}api/*/*/handler${i}`) },
      topic: context.alarmTopic,
    });
  }
}

export function jobsStack(b: StackBuilder, context: EnvironmentContext, count: number): void {
  const datalake = importValue(`${context.env}-Storage:DatalakeBucket`);
  for (let i = 1; i <= count; i++) {
    lambdaFunction(b, [`Job${i}`], {
      memorySize: 1024,
      timeout: 900,
      environment: { STAGE: context.env.toLowerCase(), JOB: `job-${i}`, DATALAKE_BUCKET: datalake },
      statements: [
        allow(['s3:GetObject*', 's3:PutObject*', 's3:List*'], join(['arn:aws:s3:::', datalake, '/*'])),
        allow(['secretsmanager:GetSecretValue'], importValue(`${context.env}-Data:GeometrySecret`)),
      ],
      trigger: { kind: 'schedule', expression: `cron(${(i * 7) % 60} ${i % 24} * * ? *)` },
      topic: context.alarmTopic,
    });
  }
}
