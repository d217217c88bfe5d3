import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchFindingsForReview } from '../../src/aws/findings-for-review.js';
import { RateLimiter } from '../../src/aws/rate-limiter.js';
import type { CfnTemplate } from '../../src/core/template.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { ACCOUNT, REGION, asffFinding } from './asff.js';
import { cloudFormationError, config, headSide, headStack, isolateAwsEnvironment, securityHubError, stackNotFound } from './helpers.js';

const cfn = mockClient(CloudFormationClient);
const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);

// GIVEN a bucket without an SSL-only policy, and the PR that adds one (`enforceSSL: true`)
const BUCKET = 'shopassets-assetsbucket5cb76180-7h8j9k0l1m2n';
const base: CfnTemplate = {
  Resources: {
    AssetsBucket: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Suspended' } } },
    CatalogDb: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.small', StorageEncrypted: false } },
  },
};
const head: CfnTemplate = {
  Resources: {
    AssetsBucket: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Suspended' }, Tags: [{ Key: 'team', Value: 'shop' }] } },
    AssetsBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'AssetsBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: [{ 'Fn::GetAtt': ['AssetsBucket', 'Arn'] }] }],
        },
      },
    },
    CatalogDb: base.Resources!.CatalogDb!,
  },
};
const findings = [
  asffFinding({ control: 'S3.5', title: 'S3 general purpose buckets should require requests to use SSL', severity: 'MEDIUM', status: 'FAILED', resourceType: 'AwsS3Bucket', resourceId: `arn:aws:s3:::${BUCKET}`, n: 1 }),
  asffFinding({ control: 'S3.14', title: 'S3 general purpose buckets should have versioning enabled', severity: 'LOW', status: 'FAILED', resourceType: 'AwsS3Bucket', resourceId: `arn:aws:s3:::${BUCKET}`, n: 2 }),
  asffFinding({ control: 'RDS.3', title: 'RDS DB instances should have encryption at-rest enabled', severity: 'MEDIUM', status: 'FAILED', resourceType: 'AwsRdsDbInstance', resourceId: `arn:aws:rds:${REGION}:${ACCOUNT}:db:shopassets-catalogdb-q1w2e3`, n: 3 }),
];

function givenDeployedResources(): void {
  cfn.on(ListStackResourcesCommand, { StackName: 'ShopAssets' }).resolves({
    StackResourceSummaries: [
      { LogicalResourceId: 'AssetsBucket', PhysicalResourceId: BUCKET, ResourceType: 'AWS::S3::Bucket', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
      { LogicalResourceId: 'CatalogDb', PhysicalResourceId: 'shopassets-catalogdb-q1w2e3', ResourceType: 'AWS::RDS::DBInstance', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
    ],
  });
}

/** A limiter on a fake clock that records how long each request had to wait. */
function recordingLimiter(): { limiter: RateLimiter; waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  const limiter = new RateLimiter(3, { now: () => now, sleep: async (ms) => void (waits.push(Math.round(ms)), (now += ms)) });
  return { limiter, waits };
}

const assetsHead = () => headSide(headStack('ShopAssets', head));

beforeEach(() => {
  isolateAwsEnvironment();
  cfn.reset();
  hub.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});
afterEach(() => vi.unstubAllEnvs());

describe('fetchFindingsForReview', () => {
  it('pages through the open findings of the account and region within the rate limit', async () => {
    givenDeployedResources();
    hub
      .on(GetFindingsCommand)
      .resolvesOnce({ Findings: [findings[0]!], NextToken: 'tok-2' })
      .resolvesOnce({ Findings: [findings[1]!], NextToken: 'tok-3' })
      .resolvesOnce({ Findings: [findings[2]!] });
    const { limiter, waits } = recordingLimiter();

    const outcome = await fetchFindingsForReview(assetsHead(), { config: config(), limiter });

    expect(outcome).toMatchObject({ consulted: true, source: `read from Security Hub in ${ACCOUNT}/${REGION} (3 open findings)` });
    const calls = hub.commandCalls(GetFindingsCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.args[0].input.Filters).toEqual({
      ProductName: [{ Value: 'Security Hub', Comparison: 'EQUALS' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      Region: [{ Value: REGION, Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: ACCOUNT, Comparison: 'EQUALS' }],
      ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }],
      WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }, { Value: 'NOTIFIED', Comparison: 'EQUALS' }],
    });
    expect(calls.map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'tok-2', 'tok-3']);
    expect(calls[0]!.args[0].input.MaxResults).toBe(100);
    // Three requests at three a second: the second and third each wait a third of a second.
    expect(waits).toEqual([333, 333]);
  });

  it('tells the review which open finding the PR resolves and which stay open on what it changes', async () => {
    givenDeployedResources();
    hub.on(GetFindingsCommand).resolves({ Findings: findings });
    const outcome = await fetchFindingsForReview(assetsHead(), { config: config(), limiter: recordingLimiter().limiter });
    const report = reviewSides({
      base: headSide(headStack('ShopAssets', base)),
      head: assetsHead(),
      config: config(),
      baseline: { kind: 'base-branch', description: 'main' },
      today: new Date('2026-06-01'),
      findings: outcome,
    });
    expect(report.findings!.resolved).toEqual([
      {
        findingId: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/S3.5/finding/a1b2c3d4-5678-90ab-cdef-000000000001`,
        controlId: 'S3.5',
        title: 'S3 general purpose buckets should require requests to use SSL',
        severity: 'MEDIUM',
        soc2: ['CC6.7'],
        stackName: 'ShopAssets',
        resource: 'AssetsBucket',
        resourceId: `arn:aws:s3:::${BUCKET}`,
      },
    ]);
    // The bucket is changed (a tag) but stays unversioned; the database is not changed, so its finding is only counted.
    expect(report.findings!.leftOpen.map((f) => `${f.controlId} ${f.resource}`)).toEqual(['S3.14 AssetsBucket']);
    expect(report.findings!.openOnChangedStacks).toBe(3);
  });

  it('is "not consulted, because…" and never an error: throttled beyond retries, access denied, not enabled', async () => {
    givenDeployedResources();
    const limiter = recordingLimiter().limiter;
    hub.on(GetFindingsCommand).rejects(securityHubError('TooManyRequestsException', 'Rate exceeded', 429));
    expect(await fetchFindingsForReview(assetsHead(), { config: config(), limiter })).toEqual({
      consulted: false,
      reason: 'reading them failed (TooManyRequestsException: Rate exceeded)',
    });

    hub.on(GetFindingsCommand).rejects(securityHubError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/x is not authorized to perform: securityhub:GetFindings`, 403));
    expect(await fetchFindingsForReview(assetsHead(), { config: config(), limiter })).toEqual({
      consulted: false,
      reason: `AWS access denied: stackguard needs securityhub:GetFindings on arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default. docs/iam-policy.json is the least read-only policy (docs/aws.md).`,
    });

    hub.on(GetFindingsCommand).rejects(securityHubError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`, 401));
    const disabled = await fetchFindingsForReview(assetsHead(), { config: config(), limiter });
    expect(disabled).toEqual({ consulted: false, reason: `Security Hub is not enabled or not reachable here (Account ${ACCOUNT} is not subscribed to AWS Security Hub)` });

    cfn.on(ListStackResourcesCommand).rejects(cloudFormationError('AccessDenied', 'not authorized to perform: cloudformation:ListStackResources', 403));
    const noStacks = await fetchFindingsForReview(assetsHead(), { config: config(), limiter });
    expect(noStacks.consulted).toBe(false);
    expect(!noStacks.consulted && noStacks.reason).toMatch(/^AWS access denied: stackguard needs cloudformation:ListStackResources on arn:aws:cloudformation:eu-west-1:111111111111:stack\/ShopAssets\/\*/);
  });

  it('reads nothing when Security Hub is off in the config or no stack is deployed yet', async () => {
    expect(await fetchFindingsForReview(assetsHead(), { config: config({ aws: { securityHub: false } }) })).toEqual({ consulted: false, reason: 'aws.securityHub is off in the config' });
    expect(cfn.calls()).toHaveLength(0);

    cfn.on(ListStackResourcesCommand).rejects(stackNotFound('ShopAssets'));
    expect(await fetchFindingsForReview(assetsHead(), { config: config() })).toEqual({
      consulted: false,
      reason: 'none of the stacks is deployed yet, so no finding can be on their resources',
    });
    expect(hub.calls()).toHaveLength(0);
  });
});
