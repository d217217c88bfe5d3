/**
 * Whether a Security Hub finding is about a given resource of a deployed stack. Security Hub names resources by ARN;
 * CloudFormation gives each resource a physical id, which is a name (bucket, role, function), an id (sg-…, a KMS
 * key id), a URL (SQS queues) or already an ARN (topics, load balancers, secrets). A finding is on the resource when
 * its ARN is the physical id, or when the ARN is of the resource's service and its resource part ends with the
 * physical id's name at a `:` or `/` boundary.
 */

import type { DeployedResource, SecurityHubFinding, StackResources } from './types.js';

/** CloudFormation service namespaces (AWS::<Service>::…) whose ARNs use another service name. */
const ARN_SERVICE: Record<string, string> = {
  ApiGatewayV2: 'apigateway',
  CertificateManager: 'acm',
  Cognito: 'cognito-idp',
  EFS: 'elasticfilesystem',
  ElasticLoadBalancing: 'elasticloadbalancing',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  Elasticsearch: 'es',
  KinesisFirehose: 'firehose',
  OpenSearchService: 'es',
  StepFunctions: 'states',
};

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account: `db:orders`, `role/path/name`, `bucket-name`. */
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

export function arnServiceOf(resourceType: string): string | undefined {
  const namespace = resourceType.split('::')[1];
  if (!namespace) return undefined;
  return ARN_SERVICE[namespace] ?? namespace.toLowerCase();
}

/** The name part of a physical id: the last path segment of a queue URL or an ARN, else the id itself. */
function nameOf(physicalId: string): string {
  if (/^https?:\/\//.test(physicalId)) return physicalId.replace(/\/+$/, '').split('/').pop() ?? physicalId;
  const arn = parseArn(physicalId);
  if (arn) return arn.resource.split(/[:/]/).pop() ?? physicalId;
  return physicalId;
}

export function findingIsOnResource(finding: Pick<SecurityHubFinding, 'resourceId'>, resource: DeployedResource): boolean {
  if (finding.resourceId === resource.physicalId) return true;
  const arn = parseArn(finding.resourceId);
  if (!arn || arn.service !== arnServiceOf(resource.resourceType)) return false;
  // Log group ARNs often end in ":*" (all streams); the name is before it.
  const tail = arn.resource.replace(/:\*$/, '');
  const name = nameOf(resource.physicalId);
  return tail === name || tail.endsWith(`/${name}`) || tail.endsWith(`:${name}`);
}

/** The resource of the stack a finding is on, if any; only findings from the stack's account and region count. */
export function resourceOfFinding(finding: SecurityHubFinding, stack: StackResources): DeployedResource | undefined {
  if (finding.region !== stack.region) return undefined;
  if (stack.account !== null && finding.account !== stack.account) return undefined;
  return stack.resources.find((resource) => findingIsOnResource(finding, resource));
}

/** `AWS::::Account:111111111111`: a finding about the whole account (CloudTrail.1, the CIS CloudWatch alarms). */
export function isAccountFinding(finding: Pick<SecurityHubFinding, 'resourceType' | 'resourceId'>): boolean {
  return finding.resourceType === 'AwsAccount' || finding.resourceId.startsWith('AWS::::Account:');
}
