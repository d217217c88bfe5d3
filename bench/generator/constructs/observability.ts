/** Log groups, CloudWatch alarms and the SNS topic alarms notify: the monitoring every service carries. */

import { ref, tags, type Json, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';

export function logGroup(b: StackBuilder, path: string[], retentionInDays: number, name?: string): string {
  return b.add(
    {
      path,
      type: 'AWS::Logs::LogGroup',
      properties: { ...(name ? { LogGroupName: name } : {}), RetentionInDays: retentionInDays },
      removal: 'Retain',
    },
    b.nextLine(),
  );
}

export interface AlarmSpec {
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: Json }>;
  threshold: number;
  comparison?: string;
  statistic?: string;
  /** The SNS topic (a logical id in this stack, or an imported ARN) the alarm notifies. */
  topic?: JsonObject;
}

export function alarm(b: StackBuilder, path: string[], spec: AlarmSpec): string {
  return b.add(
    {
      path,
      type: 'AWS::CloudWatch::Alarm',
      properties: {
        ...(spec.topic ? { AlarmActions: [spec.topic] } : {}),
        ComparisonOperator: spec.comparison ?? 'GreaterThanOrEqualToThreshold',
        Dimensions: spec.dimensions,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        MetricName: spec.metricName,
        Namespace: spec.namespace,
        Period: 60,
        Statistic: spec.statistic ?? 'Sum',
        Threshold: spec.threshold,
        TreatMissingData: 'notBreaching',
      },
    },
    b.nextLine(),
  );
}

export function topic(b: StackBuilder, path: string[], displayName: string, email: string): string {
  const line = b.nextLine();
  const topicId = b.add(
    {
      path: [...path, 'Resource'],
      type: 'AWS::SNS::Topic',
      properties: { DisplayName: displayName, KmsMasterKeyId: 'alias/aws/sns', Tags: tags({ Team: 'platform' }) },
    },
    line,
  );
  b.add(
    {
      path: [...path, email.replace(/[^A-Za-z0-9]/g, ''), 'Resource'],
      type: 'AWS::SNS::Subscription',
      properties: { Endpoint: email, Protocol: 'email', TopicArn: ref(topicId) },
    },
    line,
  );
  return topicId;
}
