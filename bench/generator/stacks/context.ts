/** What every stack builder of one environment knows: names, sizes, and the exports of sibling stacks. */

import { importValue, type JsonObject } from '../intrinsics.js';
import { importedNetwork, type NetworkExports } from '../constructs/network.js';

export interface EnvironmentContext {
  /** `Prod`, `Staging`, ...: the prefix of the environment's stack names and exports. */
  env: string;
  /** Second octet of the environment's VPC CIDR. */
  index: number;
  azCount: number;
  network: NetworkExports;
  alarmTopic: JsonObject;
  certificateArn: string;
  /** How many queues the Queues stack exports; consumers pick among them. */
  queueCount: number;
}

export function environmentContext(
  env: string,
  index: number,
  region: string,
  account: string,
  queueCount: number,
): EnvironmentContext {
  const azCount = 3;
  return {
    env,
    index,
    azCount,
    network: importedNetwork(env, azCount),
    alarmTopic: importValue(`${env}-Monitoring:AlarmTopicArn`),
    certificateArn: `arn:aws:acm:${region}:${account}:certificate/${env.toLowerCase()}-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5`,
    queueCount,
  };
}

/** The ARN another stack imports for queue number `n` (1-based) of the environment's Queues stack. */
export function importedQueueArn(context: EnvironmentContext, n: number): JsonObject {
  return importValue(`${context.env}-Queues:Queue${n}Arn`);
}

export function importedQueueName(context: EnvironmentContext, n: number): JsonObject {
  return importValue(`${context.env}-Queues:Queue${n}Name`);
}

/** The n-th queue a consumer uses, spread over the queues so each is read by someone. */
export function queueFor(context: EnvironmentContext, consumer: number): number {
  return (consumer % context.queueCount) + 1;
}
