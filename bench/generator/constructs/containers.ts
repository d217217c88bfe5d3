/**
 * ECS on Fargate: a cluster, an internet-facing ALB with HTTPS and redirect listeners, and Fargate services as
 * `ecs.FargateService` (+ `ApplicationLoadBalancedFargateService`-style wiring) synthesizes them.
 */

import { getAtt, importValue, ref, sub, tags, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';
import type { NetworkExports } from './network.js';
import { securityGroup } from './security.js';

export interface LoadBalancerIds {
  securityGroup: string;
  httpsListener: string;
  loadBalancer: string;
}

export function cluster(b: StackBuilder, name: string): string {
  return b.add(
    {
      path: ['Cluster', 'Resource'],
      type: 'AWS::ECS::Cluster',
      properties: {
        ClusterName: name,
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
        Tags: tags({ Team: 'platform' }),
      },
    },
    b.nextLine(),
  );
}

export function loadBalancer(
  b: StackBuilder,
  env: string,
  network: NetworkExports,
  certificateArn: JsonObject,
): LoadBalancerIds {
  const sg = securityGroup(b, ['Alb', 'SecurityGroup'], `${b.identity.stackName} load balancer`, network.vpcId);
  const line = b.nextLine();
  const lb = b.add(
    {
      path: ['Alb', 'Resource'],
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      properties: {
        LoadBalancerAttributes: [
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        ],
        Scheme: 'internet-facing',
        SecurityGroups: [getAtt(sg, 'GroupId')],
        Subnets: [importValue(`${env}-Network:PublicSubnet1`), importValue(`${env}-Network:PublicSubnet2`)],
        Type: 'application',
      },
    },
    line,
  );
  const httpsListener = b.add(
    {
      path: ['Alb', 'HttpsListener', 'Resource'],
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      properties: {
        Certificates: [{ CertificateArn: certificateArn }],
        DefaultActions: [{ FixedResponseConfig: { StatusCode: '404' }, Type: 'fixed-response' }],
        LoadBalancerArn: ref(lb),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      },
    },
    line,
  );
  b.add(
    {
      path: ['Alb', 'HttpRedirect', 'Resource'],
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      properties: {
        DefaultActions: [{ RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' }, Type: 'redirect' }],
        LoadBalancerArn: ref(lb),
        Port: 80,
        Protocol: 'HTTP',
      },
    },
    line,
  );
  return { securityGroup: sg, httpsListener, loadBalancer: lb };
}

export interface TaskIds {
  taskDefinition: string;
  taskRole: string;
  executionRole: string;
  logGroup: string;
}

/** The container image CDK builds from a Dockerfile asset: an ECR URI with the asset hash as tag. */
export function containerImage(hash: string): JsonObject {
  const registry = '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}';
  return sub(`${registry}/cdk-hnb659fds-container-assets-\${AWS::AccountId}-\${AWS::Region}:${hash}`);
}

export function taskDefinition(
  b: StackBuilder,
  scope: string[],
  ids: Omit<TaskIds, 'taskDefinition'>,
  image: JsonObject,
  cpu: number,
  port: number | null,
): string {
  const name = scope.join('');
  return b.add(
    {
      path: [...scope, 'TaskDef', 'Resource'],
      type: 'AWS::ECS::TaskDefinition',
      properties: {
        ContainerDefinitions: [
          {
            Environment: [{ Name: 'SERVICE_NAME', Value: name }, { Name: 'AWS_REGION', Value: b.identity.region }],
            Essential: true,
            Image: image,
            LogConfiguration: {
              LogDriver: 'awslogs',
              Options: { 'awslogs-group': ref(ids.logGroup), 'awslogs-stream-prefix': name, 'awslogs-region': b.identity.region },
            },
            Name: 'app',
            ...(port === null ? {} : { PortMappings: [{ ContainerPort: port, Protocol: 'tcp' }] }),
            ReadonlyRootFilesystem: true,
          },
        ],
        Cpu: String(cpu),
        ExecutionRoleArn: getAtt(ids.executionRole, 'Arn'),
        Family: `${b.identity.stackName}${name}`,
        Memory: String(cpu * 2),
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        TaskRoleArn: getAtt(ids.taskRole, 'Arn'),
      },
    },
    b.nextLine(),
  );
}
