import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MonitoringStack } from './monitoring-stack.js';

export interface ServiceStackProps extends StackProps {
  vpc: ec2.IVpc;
  certificateArn: string;
}

/** The shop's web front: a Fargate service behind an HTTPS load balancer, with its alarms in a nested stack. */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'WebTask', { cpu: 256, memoryLimitMiB: 512 });
    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
      portMappings: [{ containerPort: 80 }],
      environment: { LOG_LEVEL: 'info' },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'web',
        logGroup: new logs.LogGroup(this, 'WebLogs', { retention: logs.RetentionDays.ONE_MONTH }),
      }),
    });

    const service = new ecs.FargateService(this, 'WebService', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      platformVersion: ecs.FargatePlatformVersion.VERSION1_3,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });

    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'WebAlb', { vpc: props.vpc, internetFacing: true });
    const https = loadBalancer.addListener('Https', {
      port: 443,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)],
      sslPolicy: elbv2.SslPolicy.TLS12,
    });
    https.addTargets('Web', {
      port: 80,
      targets: [service],
      healthCheck: { path: '/', interval: Duration.seconds(30) },
    });

    new MonitoringStack(this, 'Monitoring', { service, loadBalancer });
  }
}
