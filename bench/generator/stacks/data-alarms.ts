/** The CloudWatch alarms a database carries (CPU, memory, connections), referencing it by `Ref`. */

import { ref } from '../intrinsics.js';
import { alarm } from '../constructs/observability.js';
import type { StackBuilder } from '../stack-builder.js';
import type { EnvironmentContext } from './context.js';

const DATABASE_ALARMS = [
  { metricName: 'CPUUtilization', threshold: 80, comparison: 'GreaterThanOrEqualToThreshold' },
  { metricName: 'FreeableMemory', threshold: 268435456, comparison: 'LessThanOrEqualToThreshold' },
  { metricName: 'DatabaseConnections', threshold: 400, comparison: 'GreaterThanOrEqualToThreshold' },
];

export function databaseAlarms(
  b: StackBuilder,
  scope: string[],
  dimension: string,
  databaseId: string,
  context: EnvironmentContext,
): void {
  for (const spec of DATABASE_ALARMS) {
    alarm(b, [...scope, `${spec.metricName}Alarm`, 'Resource'], {
      namespace: 'AWS/RDS',
      metricName: spec.metricName,
      dimensions: [{ Name: dimension, Value: ref(databaseId) }],
      threshold: spec.threshold,
      comparison: spec.comparison,
      statistic: 'Average',
      topic: context.alarmTopic,
    });
  }
}
