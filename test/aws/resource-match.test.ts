import { describe, expect, it } from 'vitest';
import { findingIsOnResource, resourceOfFinding } from '../../src/core/findings/resource-match.js';
import type { SecurityHubFinding, StackResources } from '../../src/core/findings/types.js';
import { ACCOUNT, REGION } from './asff.js';

const on = (resourceId: string, resourceType: string, physicalId: string) => findingIsOnResource({ resourceId }, { logicalId: 'X', resourceType, physicalId });

describe('matching a finding (an ARN) to a deployed resource (a physical id)', () => {
  it.each([
    ['a bucket by name', `arn:aws:s3:::shop-uploads-1a2b`, 'AWS::S3::Bucket', 'shop-uploads-1a2b'],
    ['a database by identifier', `arn:aws:rds:${REGION}:${ACCOUNT}:db:shopdata-ordersdb-x1`, 'AWS::RDS::DBInstance', 'shopdata-ordersdb-x1'],
    ['a queue by its URL', `arn:aws:sqs:${REGION}:${ACCOUNT}:ShopData-Orders-Zx9`, 'AWS::SQS::Queue', `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/ShopData-Orders-Zx9`],
    ['a security group by id', `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0a1b2c3d`, 'AWS::EC2::SecurityGroup', 'sg-0a1b2c3d'],
    ['a role with a path', `arn:aws:iam::${ACCOUNT}:role/service/ShopData-WorkerRole-AB12`, 'AWS::IAM::Role', 'ShopData-WorkerRole-AB12'],
    ['a log group ARN ending in :*', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/worker:*`, 'AWS::Logs::LogGroup', '/aws/lambda/worker'],
    ['a load balancer whose physical id is its ARN', `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`, 'AWS::ElasticLoadBalancingV2::LoadBalancer', `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`],
    ['a file system (service name differs from the CloudFormation namespace)', `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0123abcd`, 'AWS::EFS::FileSystem', 'fs-0123abcd'],
  ])('matches %s', (_what, arn, type, physicalId) => {
    expect(on(arn, type, physicalId)).toBe(true);
  });

  it('does not match another service with the same name, nor a name that only ends the same', () => {
    expect(on(`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`, 'AWS::S3::Bucket', 'orders')).toBe(false);
    expect(on(`arn:aws:s3:::old-orders`, 'AWS::S3::Bucket', 'orders')).toBe(false);
    expect(on(`AWS::::Account:${ACCOUNT}`, 'AWS::S3::Bucket', ACCOUNT)).toBe(false);
  });

  it('only looks for findings of the stack account and region', () => {
    const stack: StackResources = { stackName: 'ShopData', account: ACCOUNT, region: REGION, resources: [{ logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', physicalId: 'b1' }] };
    const finding = { resourceId: 'arn:aws:s3:::b1', account: ACCOUNT, region: REGION } as SecurityHubFinding;
    expect(resourceOfFinding(finding, stack)?.logicalId).toBe('Bucket');
    expect(resourceOfFinding({ ...finding, region: 'us-east-1' }, stack)).toBeUndefined();
    expect(resourceOfFinding({ ...finding, account: '222222222222' }, stack)).toBeUndefined();
    expect(resourceOfFinding({ ...finding, account: '222222222222' }, { ...stack, account: null })?.logicalId).toBe('Bucket');
  });
});
