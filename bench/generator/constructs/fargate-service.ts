/**
 * One Fargate service with everything CDK puts around it: task and execution roles with their policies, a log
 * group, the task definition, a security group (and an ingress from the ALB), the service, its target group and
 * listener rule when it serves HTTP, auto scaling and alarms.
 */

import { assetHash } from '../ids.js';
import { allow, getAtt, ref, sub, tags, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';
import { containerImage, taskDefinition, type LoadBalancerIds } from './containers.js';
import { role } from './iam.js';
import type { NetworkExports } from './network.js';
import { alarm, logGroup } from './observability.js';
import { ingressFrom, securityGroup } from './security.js';

export interface FargateServiceOptions {
  cluster: string;
  network: NetworkExports;
  /** Serve HTTP behind this load balancer, with this listener rule priority. */
  alb?: { ids: LoadBalancerIds; priority: number };
  cpu: number;
  desiredCount: number;
  /** What the task role may do (queues, buckets, secrets it is granted). */
  statements: JsonObject[];
  topic?: JsonObject;
}

const PORT = 8080;
const AUTOSCALING_ROLE =
  'aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService';

export function fargateService(b: StackBuilder, scope: string[], options: FargateServiceOptions): string {
  const logs = logGroup(b, [...scope, 'TaskDef', 'app', 'LogGroup', 'Resource'], 90);
  const taskRole = role(b, [...scope, 'TaskDef'], 'TaskRole', 'ecs-tasks.amazonaws.com', options.statements);
  const executionRole = role(b, [...scope, 'TaskDef'], 'ExecutionRole', 'ecs-tasks.amazonaws.com', [
    allow(['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], '*'),
    allow(['logs:CreateLogStream', 'logs:PutLogEvents'], getAtt(logs, 'Arn')),
  ]);
  const image = containerImage(assetHash(`${b.identity.stackName}/${scope.join('/')}/image`));
  const port = options.alb ? PORT : null;
  const taskDef = taskDefinition(
    b,
    scope,
    { taskRole: taskRole.role, executionRole: executionRole.role, logGroup: logs },
    image,
    options.cpu,
    port,
  );
  const sgScope = [...scope, 'Service', 'SecurityGroup'];
  const sg = securityGroup(b, sgScope, `${b.identity.stackName}/${scope.join('/')} service`, options.network.vpcId);
  const line = b.nextLine();
  let targetGroup: string | undefined;
  if (options.alb) {
    const albGroup = options.alb.ids.securityGroup;
    ingressFrom(b, [...sgScope, `from${albGroup}${PORT}`], sg, albGroup, PORT);
    targetGroup = b.add(
      {
        path: [...scope, 'TargetGroup', 'Resource'],
        type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        properties: {
          HealthCheckIntervalSeconds: 15,
          HealthCheckPath: '/health',
          Port: PORT,
          Protocol: 'HTTP',
          TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
          TargetType: 'ip',
          VpcId: options.network.vpcId,
        },
      },
      line,
    );
    b.add(
      {
        path: [...scope, 'ListenerRule', 'Resource'],
        type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        properties: {
          Actions: [{ TargetGroupArn: ref(targetGroup), Type: 'forward' }],
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/${scope.join('/').toLowerCase()}/*`] } }],
          ListenerArn: ref(options.alb.ids.httpsListener),
          Priority: options.alb.priority,
        },
      },
      line,
    );
  }
  const service = b.add(
    {
      path: [...scope, 'Service', 'Service'],
      type: 'AWS::ECS::Service',
      properties: {
        Cluster: ref(options.cluster),
        DeploymentConfiguration: {
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          MaximumPercent: 200,
          MinimumHealthyPercent: 100,
        },
        DesiredCount: options.desiredCount,
        EnableECSManagedTags: false,
        ...(options.alb ? { HealthCheckGracePeriodSeconds: 60 } : {}),
        LaunchType: 'FARGATE',
        ...(targetGroup
          ? { LoadBalancers: [{ ContainerName: 'app', ContainerPort: PORT, TargetGroupArn: ref(targetGroup) }] }
          : {}),
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            AssignPublicIp: 'DISABLED',
            SecurityGroups: [getAtt(sg, 'GroupId')],
            Subnets: options.network.privateSubnets,
          },
        },
        PlatformVersion: '1.4.0',
        TaskDefinition: ref(taskDef),
        Tags: tags({ Team: 'platform' }),
      },
      dependsOn: taskRole.policy ? [taskRole.policy, taskRole.role] : [taskRole.role],
    },
    line,
  );
  autoScaling(b, scope, options, service);
  return service;
}

function autoScaling(b: StackBuilder, scope: string[], options: FargateServiceOptions, service: string): void {
  const line = b.nextLine();
  const target = b.add(
    {
      path: [...scope, 'Service', 'TaskCount', 'Target', 'Resource'],
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      properties: {
        MaxCapacity: options.desiredCount * 4,
        MinCapacity: options.desiredCount,
        ResourceId: { 'Fn::Join': ['', ['service/', ref(options.cluster), '/', getAtt(service, 'Name')]] },
        RoleARN: sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${AUTOSCALING_ROLE}`),
        ScalableDimension: 'ecs:service:DesiredCount',
        ServiceNamespace: 'ecs',
      },
    },
    line,
  );
  b.add(
    {
      path: [...scope, 'Service', 'TaskCount', 'Target', 'CpuScaling', 'Resource'],
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      properties: {
        PolicyName: `${scope.join('')}CpuScaling`,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ref(target),
        TargetTrackingScalingPolicyConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          TargetValue: 60,
        },
      },
    },
    line,
  );
  for (const metricName of ['CPUUtilization', 'MemoryUtilization']) {
    alarm(b, [...scope, `${metricName}Alarm`, 'Resource'], {
      namespace: 'AWS/ECS',
      metricName,
      dimensions: [
        { Name: 'ClusterName', Value: ref(options.cluster) },
        { Name: 'ServiceName', Value: getAtt(service, 'Name') },
      ],
      threshold: 90,
      statistic: 'Average',
      ...(options.topic ? { topic: options.topic } : {}),
    });
  }
}
