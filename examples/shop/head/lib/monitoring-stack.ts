import { Duration, NestedStack, NestedStackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface MonitoringStackProps extends NestedStackProps {
  service: ecs.FargateService;
  loadBalancer: elbv2.ApplicationLoadBalancer;
}

/** The web service's alarms, kept in a nested stack so they deploy (and diff) as one unit. */
export class MonitoringStack extends NestedStack {
  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);

    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Shop alarms' });
    // Demo (deletion): the LegacyPagerTopic topic was removed, so CloudFormation deletes it.

    const highCpu = new cloudwatch.Alarm(this, 'HighCpu', {
      metric: props.service.metricCpuUtilization({ period: Duration.minutes(5) }),
      // Demo (none, inside a nested stack): an alarm threshold is updated in place.
      threshold: 70,
      evaluationPeriods: 3,
    });
    const elb5xx = new cloudwatch.Alarm(this, 'Elb5xx', {
      metric: props.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: Duration.minutes(1) }),
      threshold: 10,
      evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [highCpu, elb5xx]) {
      alarm.addAlarmAction(new SnsAction(alarmTopic));
    }
  }
}
