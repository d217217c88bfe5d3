/** The container stacks: HTTP services behind an ALB, and queue workers. */

import { allow, getAtt, importValue, join, sub } from '../intrinsics.js';
import { cluster, loadBalancer } from '../constructs/containers.js';
import { fargateService } from '../constructs/fargate-service.js';
import { CONSUME_QUEUE } from '../constructs/functions.js';
import type { StackBuilder } from '../stack-builder.js';
import { importedQueueArn, queueFor, type EnvironmentContext } from './context.js';

/** Backend, Geometry, Converters: `count` HTTP services behind one internet-facing ALB. */
export function httpServicesStack(b: StackBuilder, context: EnvironmentContext, family: string, count: number): void {
  const clusterId = cluster(b, `${context.env.toLowerCase()}-${family.toLowerCase()}`);
  const alb = loadBalancer(b, context.env, context.network, { 'Fn::Sub': context.certificateArn });
  const secretArn = importValue(`${context.env}-Data:GeometrySecret`);
  const uploads = importValue(`${context.env}-Storage:UploadsBucket`);
  for (let i = 1; i <= count; i++) {
    fargateService(b, [`${family}Service${i}`], {
      cluster: clusterId,
      network: context.network,
      alb: { ids: alb, priority: i * 10 },
      cpu: i % 3 === 0 ? 1024 : 512,
      desiredCount: 2 + (i % 3),
      statements: [
        allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], secretArn),
        allow(['s3:GetObject*', 's3:PutObject*'], join(['arn:aws:s3:::', uploads, '/*'])),
        allow('sqs:SendMessage', importedQueueArn(context, queueFor(context, i))),
      ],
      topic: context.alarmTopic,
    });
  }
  b.output('LoadBalancerDns', getAtt(alb.loadBalancer, 'DNSName'));
  const fullName = getAtt(alb.loadBalancer, 'LoadBalancerFullName');
  b.output('ExportLoadBalancerFullName', fullName, `${context.env}-${family}:LoadBalancerFullName`);
}

/** Workers: `count` queue consumers without a load balancer, each reading one queue. */
export function workersStack(b: StackBuilder, context: EnvironmentContext, count: number): void {
  const clusterId = cluster(b, `${context.env.toLowerCase()}-workers`);
  for (let i = 1; i <= count; i++) {
    fargateService(b, [`Worker${i}`], {
      cluster: clusterId,
      network: context.network,
      cpu: 1024,
      desiredCount: 1 + (i % 2),
      statements: [
        allow(CONSUME_QUEUE, importedQueueArn(context, queueFor(context, i + 7))),
        allow('logs:PutLogEvents', sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/workers/*')),
      ],
      topic: context.alarmTopic,
    });
  }
}
