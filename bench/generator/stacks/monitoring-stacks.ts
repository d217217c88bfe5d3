/** Alarm topics and alarms: each environment's Monitoring stack, and the account-wide CIS alarms. */

import { importValue, ref } from '../intrinsics.js';
import { alarm, logGroup, topic } from '../constructs/observability.js';
import type { StackBuilder } from '../stack-builder.js';
import { importedQueueName, type EnvironmentContext } from './context.js';

export function monitoringStack(b: StackBuilder, context: EnvironmentContext): void {
  const topicId = topic(b, ['AlarmTopic'], `${context.env} alarms`, `oncall+${context.env.toLowerCase()}@example.com`);
  b.output('ExportAlarmTopicArn', ref(topicId), `${context.env}-Monitoring:AlarmTopicArn`);
  for (let n = 1; n <= context.queueCount; n++) {
    alarm(b, ['QueueAge', `Queue${n}`, 'Resource'], {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: [{ Name: 'QueueName', Value: importedQueueName(context, n) }],
      threshold: 900,
      statistic: 'Maximum',
      topic: ref(topicId),
    });
  }
  for (const family of ['Backend', 'Geometry', 'Converters']) {
    alarm(b, ['LoadBalancer5xx', family, 'Resource'], {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions: [{ Name: 'LoadBalancer', Value: importValue(`${context.env}-${family}:LoadBalancerFullName`) }],
      threshold: 10,
      topic: ref(topicId),
    });
  }
}

/** The 14 CIS CloudWatch alarms of the seed: one metric filter on the CloudTrail log group and one alarm each. */
const CIS_ALARMS: Array<[string, string]> = [
  ['UnauthorizedApiCalls', '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'],
  ['ConsoleSigninWithoutMfa', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'],
  ['RootAccountUsage', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }'],
  ['IamPolicyChanges', '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = PutRolePolicy) }'],
  ['CloudTrailChanges', '{ ($.eventName = CreateTrail) || ($.eventName = StopLogging) }'],
  ['ConsoleAuthFailures', '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'],
  ['CmkDisableOrDeletion', '{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }'],
  ['S3BucketPolicyChanges', '{ ($.eventSource = s3.amazonaws.com) && ($.eventName = PutBucketPolicy) }'],
  ['ConfigChanges', '{ ($.eventSource = config.amazonaws.com) && ($.eventName = StopConfigurationRecorder) }'],
  ['SecurityGroupChanges', '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) }'],
  ['NaclChanges', '{ ($.eventName = CreateNetworkAcl) || ($.eventName = DeleteNetworkAcl) }'],
  ['GatewayChanges', '{ ($.eventName = CreateCustomerGateway) || ($.eventName = AttachInternetGateway) }'],
  ['RouteTableChanges', '{ ($.eventName = CreateRoute) || ($.eventName = ReplaceRoute) }'],
  ['VpcChanges', '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }'],
];

export function cisAlarmsStack(b: StackBuilder): void {
  const topicId = topic(b, ['SecurityTopic'], 'CIS security alarms', 'security@example.com');
  const trailLogs = logGroup(b, ['TrailLogs', 'Resource'], 365, '/aws/cloudtrail/organization');
  for (const [name, pattern] of CIS_ALARMS) {
    b.add(
      {
        path: [name, 'MetricFilter', 'Resource'],
        type: 'AWS::Logs::MetricFilter',
        properties: {
          FilterPattern: pattern,
          LogGroupName: ref(trailLogs),
          MetricTransformations: [{ MetricName: name, MetricNamespace: 'CISBenchmark', MetricValue: '1' }],
        },
      },
      b.nextLine(),
    );
    alarm(b, [name, 'Alarm', 'Resource'], {
      namespace: 'CISBenchmark',
      metricName: name,
      dimensions: [],
      threshold: 1,
      topic: ref(topicId),
    });
  }
}
