/**
 * A Lambda function as `lambda.Function` + `currentVersion` + an alias synthesizes it: service role and
 * default policy, the function with an S3 code asset, its log group, a version whose logical id carries a hash
 * of the function's configuration, a `live` alias, a trigger and two alarms.
 */

import { assetHash, logicalIdFor } from '../ids.js';
import { allow, getAtt, managedPolicyArn, ref, sub, type Json, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';
import { role } from './iam.js';
import { alarm, logGroup } from './observability.js';

export type Trigger =
  | { kind: 'queue'; queueArn: Json }
  | { kind: 'schedule'; expression: string }
  | { kind: 'api'; sourceArn: Json };

export interface FunctionOptions {
  memorySize: number;
  timeout: number;
  environment: Record<string, Json>;
  /** Extra statements for the default policy (what `grant*` calls add). */
  statements: JsonObject[];
  trigger: Trigger;
  topic?: JsonObject;
}

export const ASSET_PATH = 'aws:asset:path';

/** What `queue.grantConsumeMessages(fn)` allows. */
export const CONSUME_QUEUE = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

/** The code asset of a function: its S3 key and the `aws:asset:*` template metadata that go with it. */
export function codeAsset(hash: string): { code: JsonObject; metadata: JsonObject } {
  return {
    code: { S3Bucket: sub('cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}'), S3Key: `${hash}.zip` },
    metadata: { [ASSET_PATH]: `asset.${hash}`, 'aws:asset:is-bundled': false, 'aws:asset:property': 'Code' },
  };
}

/** `fn.currentVersion`: its logical id ends with a hash of the function's code and configuration. */
export function versionLogicalId(scope: string[], configurationHash: string): string {
  return logicalIdFor([...scope, 'CurrentVersion', 'Resource']) + configurationHash.slice(0, 32);
}

export function lambdaFunction(b: StackBuilder, scope: string[], options: FunctionOptions): string {
  const triggerStatements = options.trigger.kind === 'queue' ? [allow(CONSUME_QUEUE, options.trigger.queueArn)] : [];
  const statements = [...options.statements, ...triggerStatements];
  const serviceRole = role(b, scope, 'ServiceRole', 'lambda.amazonaws.com', statements, [
    managedPolicyArn('service-role/AWSLambdaBasicExecutionRole'),
  ]);
  const logs = logGroup(b, [...scope, 'LogGroup', 'Resource'], 30);
  const hash = assetHash(`${b.identity.stackName}/${scope.join('/')}`);
  const asset = codeAsset(hash);
  const line = b.nextLine();
  const fn = b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::Lambda::Function',
      properties: {
        Architectures: ['arm64'],
        Code: asset.code,
        Environment: { Variables: options.environment },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: ref(logs) },
        MemorySize: options.memorySize,
        Role: getAtt(serviceRole.role, 'Arn'),
        Runtime: 'nodejs22.x',
        Timeout: options.timeout,
        TracingConfig: { Mode: 'Active' },
      },
      dependsOn: serviceRole.policy ? [serviceRole.policy, serviceRole.role] : [serviceRole.role],
      metadata: asset.metadata,
    },
    line,
  );
  const versionId = versionLogicalId(scope, assetHash(hash));
  b.add(
    {
      path: [...scope, 'CurrentVersion', 'Resource'],
      logicalId: versionId,
      type: 'AWS::Lambda::Version',
      properties: { FunctionName: ref(fn) },
      metadata: { 'aws:cdk:do-not-refactor': true },
    },
    line,
  );
  const alias = b.add(
    {
      path: [...scope, 'LiveAlias', 'Resource'],
      type: 'AWS::Lambda::Alias',
      properties: { FunctionName: ref(fn), FunctionVersion: getAtt(versionId, 'Version'), Name: 'live' },
    },
    line,
  );
  addTrigger(b, scope, options.trigger, alias, line);
  for (const metricName of ['Errors', 'Throttles']) {
    alarm(b, [...scope, `${metricName}Alarm`, 'Resource'], {
      namespace: 'AWS/Lambda',
      metricName,
      dimensions: [{ Name: 'FunctionName', Value: ref(fn) }],
      threshold: metricName === 'Errors' ? 5 : 1,
      ...(options.topic ? { topic: options.topic } : {}),
    });
  }
  return fn;
}

function addTrigger(b: StackBuilder, scope: string[], trigger: Trigger, alias: string, line: number): void {
  if (trigger.kind === 'queue') {
    b.add(
      {
        path: [...scope, 'LiveAlias', 'SqsEventSource', 'Resource'],
        type: 'AWS::Lambda::EventSourceMapping',
        properties: { BatchSize: 10, EventSourceArn: trigger.queueArn, FunctionName: ref(alias) },
      },
      line,
    );
    return;
  }
  let sourceArn: Json = trigger.kind === 'api' ? trigger.sourceArn : '';
  if (trigger.kind === 'schedule') {
    const rule = b.add(
      {
        path: [...scope, 'Schedule', 'Resource'],
        type: 'AWS::Events::Rule',
        properties: {
          ScheduleExpression: trigger.expression,
          State: 'ENABLED',
          Targets: [{ Arn: ref(alias), Id: 'Target0' }],
        },
      },
      line,
    );
    sourceArn = getAtt(rule, 'Arn');
  }
  b.add(
    {
      path: [...scope, 'LiveAlias', 'InvokePermission'],
      type: 'AWS::Lambda::Permission',
      properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: ref(alias),
        Principal: trigger.kind === 'schedule' ? 'events.amazonaws.com' : 'apigateway.amazonaws.com',
        SourceArn: sourceArn,
      },
    },
    line,
  );
}
