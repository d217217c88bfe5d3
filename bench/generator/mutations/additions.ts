/** New constructs a PR adds next to existing ones: alarms, queues, buckets and Lambda functions. */

import { lambdaFunction } from '../constructs/functions.js';
import { alarm } from '../constructs/observability.js';
import { bucket, queue } from '../constructs/storage.js';
import { logicalIdFor } from '../ids.js';
import { allow, getAtt, ref } from '../intrinsics.js';
import { componentsOf, resourceOf, type Mutation, type MutationContext } from './context.js';
import { resourcesInScope } from './structure.js';

const scopeOf = (context: MutationContext, id: string): string => componentsOf(resourceOf(context, id))[0] ?? id;

/** Runs `add` unless the new scope already exists (an earlier mutation added it); returns the new ids. */
function addScope(context: MutationContext, scope: string, add: () => void): string[] {
  if (resourcesInScope(context, scope).length > 0) return [];
  const before = new Set(Object.keys(context.model.template.Resources));
  add();
  return Object.keys(context.model.template.Resources).filter((id) => !before.has(id));
}

export const ADDITIONS: Mutation[] = [
  {
    name: 'add-alarm',
    weight: 4,
    kind: 'add',
    types: ['AWS::Lambda::Function', 'AWS::SQS::Queue'],
    apply: (context, id) => {
      const path = [...componentsOf(resourceOf(context, id)).slice(0, -1), 'AddedAlarm', 'Resource'];
      if (context.model.template.Resources[logicalIdFor(path)]) return [];
      const isFunction = resourceOf(context, id).Type === 'AWS::Lambda::Function';
      return [
        alarm(context.builder, path, {
          namespace: isFunction ? 'AWS/Lambda' : 'AWS/SQS',
          metricName: isFunction ? 'Duration' : 'ApproximateAgeOfOldestMessage',
          dimensions: [
            isFunction ? { Name: 'FunctionName', Value: ref(id) } : { Name: 'QueueName', Value: getAtt(id, 'QueueName') },
          ],
          threshold: isFunction ? 10000 : 600,
          statistic: 'Maximum',
        }),
      ];
    },
  },
  {
    name: 'add-queue',
    weight: 1,
    kind: 'add',
    types: ['AWS::SQS::Queue'],
    apply: (context, id) => {
      const scope = `Added${scopeOf(context, id)}`;
      const options = { withDeadLetterQueue: true, visibilityTimeout: 120 };
      return addScope(context, scope, () => queue(context.builder, [scope], options));
    },
  },
  {
    name: 'add-bucket',
    weight: 1,
    kind: 'add',
    types: ['AWS::S3::Bucket'],
    apply: (context, id) => {
      const scope = `${scopeOf(context, id)}Archive`;
      return addScope(context, scope, () => bucket(context.builder, [scope], { versioned: true, expireAfterDays: 3650 }));
    },
  },
  {
    name: 'add-function',
    weight: 1,
    kind: 'add',
    types: ['AWS::Lambda::Function'],
    apply: (context, id) => {
      const scope = `${scopeOf(context, id)}Reconciler`;
      return addScope(context, scope, () =>
        lambdaFunction(context.builder, [scope], {
          memorySize: 512,
          timeout: 300,
          environment: { TARGET: ref(id) },
          statements: [allow('lambda:InvokeFunction', getAtt(id, 'Arn'))],
          trigger: { kind: 'schedule', expression: 'rate(15 minutes)' },
        }),
      );
    },
  },
];
