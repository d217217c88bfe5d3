/**
 * `stackguard review --baseline deployed` and `stackguard posture` through the SDK's real HTTP stack: the standard
 * endpoint variables point CloudFormation, STS and Security Hub at a local server, with fake static credentials in
 * the environment, as a user would point them at LocalStack.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { reviewReportSchema } from '../../src/core/report.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';
import { ACCOUNT, asffFinding, CIS_120, REGION, SHOP, shopFindings } from './asff.js';
import { startFakeAws, type FakeAccount, type FakeAws } from './fake-aws.js';

const ACCESS_KEY = 'AKIALOCALTEST0000001';
const stackId = (name: string) => `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/1e2d3c4b-aaaa-bbbb-cccc-${name.length.toString().padStart(12, '0')}`;
const nestedId = stackId('ShopService-MonitoringNestedStackMonitoringNestedStackResource001F85AB-ABCDEF');
const template = (file: string) => readFileSync(path.join(SHOP_BASE, file), 'utf8');

function shopAccount(): FakeAccount {
  const network = { stackId: stackId('ShopNetwork'), status: 'UPDATE_COMPLETE', templateBody: stringify(JSON.parse(template('ShopNetwork.template.json'))), resources: [] };
  const data = {
    stackId: stackId('ShopData'),
    status: 'UPDATE_COMPLETE',
    templateBody: template('ShopData.template.json'),
    resources: [
      { logicalId: 'UploadsBucket5E5E9B64', physicalId: SHOP.uploadsBucket, type: 'AWS::S3::Bucket' },
      { logicalId: 'OrdersDb889E652A', physicalId: SHOP.ordersDb, type: 'AWS::RDS::DBInstance' },
      { logicalId: 'OrdersQueue3DFA1D51', physicalId: SHOP.ordersQueueUrl, type: 'AWS::SQS::Queue' },
    ],
  };
  const service = {
    stackId: stackId('ShopService'),
    status: 'UPDATE_ROLLBACK_COMPLETE',
    templateBody: template('ShopService.template.json'),
    resources: [{ logicalId: 'MonitoringNestedStackMonitoringNestedStackResource001F85AB', physicalId: nestedId, type: 'AWS::CloudFormation::Stack' }],
  };
  const monitoring = { stackId: nestedId, status: 'UPDATE_COMPLETE', templateBody: template('ShopServiceMonitoring490BAEC8.nested.template.json'), resources: [] };
  return {
    account: ACCOUNT,
    stacks: { ShopNetwork: network, ShopData: data, ShopService: service, [nestedId]: monitoring },
    findingPages: [shopFindings().slice(0, 2), shopFindings().slice(2)],
    throttleFindings: 1,
  };
}

let fake: FakeAws;
let account: FakeAccount;

beforeAll(async () => {
  account = shopAccount();
  fake = await startFakeAws(account);
  const empty = path.join(mkdtempSync(path.join(tmpdir(), 'stackguard-aws-')), 'none');
  vi.stubEnv('AWS_ACCESS_KEY_ID', ACCESS_KEY);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret-not-a-real-key');
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', empty);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', empty);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', fake.url);
  vi.stubEnv('AWS_ENDPOINT_URL_SECURITYHUB', fake.url);
  vi.stubEnv('AWS_ENDPOINT_URL_STS', fake.url);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

describe('review --baseline deployed against a local endpoint', () => {
  it('diffs the head assembly against the deployed templates and brings in the findings it resolves', async () => {
    fake.requests.length = 0;
    const run = await runCli('review', '--head', SHOP_HEAD, '--baseline', 'deployed', '--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(reviewReportSchema.parse(report)).toEqual(report);
    expect(report.baseline).toEqual({ kind: 'deployed', description: `deployed stacks in ${ACCOUNT}/${REGION} (CloudFormation)` });

    // The deployed templates are the example's base: the same review as against the base assembly.
    const offline = JSON.parse((await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json')).stdout);
    expect(run.code).toBe(1);
    expect(report.summary).toEqual(offline.summary);
    expect(report.stacks.map((s: { stackName: string }) => s.stackName)).toContain('ShopService/MonitoringNestedStackMonitoringNestedStackResource001F85AB');
    const service = report.stacks.find((s: { stackName: string }) => s.stackName === 'ShopService');
    expect(service.notes.join(' ')).toMatch(/last update of ShopService failed and rolled back/);

    expect(report.findings).toMatchObject({
      consulted: true,
      reason: `read from Security Hub in ${ACCOUNT}/${REGION} (4 open findings)`,
      resolved: [{ controlId: 'S3.5', stackName: 'ShopData', resource: 'UploadsBucket5E5E9B64', soc2: ['CC6.7'], resourceId: `arn:aws:s3:::${SHOP.uploadsBucket}` }],
    });
    expect(report.findings.leftOpen.map((f: { controlId: string; resource: string }) => `${f.controlId} ${f.resource}`)).toEqual([
      'RDS.3 OrdersDb889E652A',
      'SQS.1 OrdersQueue3DFA1D51',
    ]);
  });

  it('made only read calls, in order, signed with the credentials from the environment', () => {
    const cfn = fake.requests.filter((r) => r.service === 'cloudformation');
    expect(new Set(cfn.map((r) => r.action))).toEqual(new Set(['DescribeStacks', 'GetTemplate', 'ListStackResources']));
    for (const name of ['ShopNetwork', 'ShopData', 'ShopService']) {
      const describe = cfn.findIndex((r) => r.action === 'DescribeStacks' && r.params.StackName === name);
      const get = cfn.findIndex((r) => r.action === 'GetTemplate' && r.params.StackName === stackId(name));
      expect(describe, name).toBeGreaterThanOrEqual(0);
      expect(get, name).toBeGreaterThan(describe);
      expect(cfn[get]!.params.TemplateStage).toBe('Original');
    }
    expect(fake.requests.every((r) => r.accessKeyId === ACCESS_KEY)).toBe(true);
    // The throttled first request was retried by the SDK, then both pages were read.
    const findings = fake.requests.filter((r) => r.service === 'securityhub');
    expect(findings).toHaveLength(3);
    expect(findings[0]!.params.Filters).toMatchObject({ RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }], ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }] });
    expect(findings[2]!.params.NextToken).toBe('1');
  });

  it('--format markdown says which open finding the PR resolves', async () => {
    const run = await runCli('review', '--head', SHOP_HEAD, '--baseline', 'deployed', '--format', 'markdown');
    expect(run.stdout).toContain('This PR resolves 1 open Security Hub finding and leaves 2 open findings on resources it changes.');
    expect(run.stdout).toContain('- ✅ resolves **S3.5** (MEDIUM) on `ShopData/UploadsBucket5E5E9B64` — SOC 2 CC6.7');
  });
});

describe('posture against a local endpoint', () => {
  it('rolls the account findings up per SOC 2 criterion and lists the accepted risks', async () => {
    fake.requests.length = 0;
    account.throttleFindings = 0;
    account.findingPages = [
      [
        ...shopFindings(),
        asffFinding({ control: 'S3.5', title: 'S3 general purpose buckets should require requests to use SSL', severity: 'MEDIUM', status: 'PASSED', resourceType: 'AwsS3Bucket', resourceId: 'arn:aws:s3:::shop-logs', n: 5 }),
      ],
      [
        asffFinding({ control: 'CloudTrail.1', title: 'CloudTrail should be enabled and configured with at least one multi-Region trail', severity: 'HIGH', status: 'PASSED', resourceType: 'AwsAccount', resourceId: `AWS::::Account:${ACCOUNT}`, requirements: ['CIS AWS Foundations Benchmark v1.2.0/2.1'], standards: [CIS_120], n: 6 }),
      ],
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'stackguard-posture-'));
    const config = path.join(dir, 'stackguard.yml');
    writeFileSync(
      config,
      [
        'acceptedRisks:',
        '  - control: RDS.3',
        '    rationale: The orders database is re-created encrypted in the Q3 migration; until then it is only reachable from the app subnets.',
        '    owner: data-platform',
        '    expires: 2020-06-30',
      ].join('\n'),
    );
    const run = await runCli('posture', '--format', 'json', '--config', config, '--region', REGION);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const posture = JSON.parse(run.stdout);
    expect(posture.scope).toEqual({ accounts: [ACCOUNT], regions: [REGION] });
    expect(posture.totals.cisControls).toEqual({ passing: 1, total: 1 });
    expect(posture.totals.failedFindings).toBe(4);
    expect(posture.criteria[0]).toMatchObject({ state: 'failing', worstSeverity: 'HIGH' });
    expect(posture.acceptedRisks).toEqual([expect.objectContaining({ control: 'RDS.3', owner: 'data-platform', expired: true, failedFindings: 1 })]);
    const requests = fake.requests.filter((r) => r.service === 'securityhub');
    expect(requests).toHaveLength(2);
    expect(requests[0]!.params.Filters).not.toHaveProperty('ComplianceStatus');
  });
});

describe('without credentials or a region, through the real SDK chain', () => {
  it('no credentials anywhere: exit 2, one message, no request sent', async () => {
    fake.requests.length = 0;
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    try {
      const run = await runCli('review', '--head', SHOP_HEAD, '--baseline', 'deployed');
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^stackguard: read deployed stacks: No AWS credentials: the SDK's default chain \(environment variables, AWS_PROFILE and the shared config/);
      expect(fake.requests).toHaveLength(0);
    } finally {
      vi.stubEnv('AWS_ACCESS_KEY_ID', ACCESS_KEY);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret-not-a-real-key');
    }
  });

  it('a stack without an environment and no AWS_REGION: exit 2 saying how to set one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stackguard-agnostic-'));
    writeFileSync(path.join(dir, 'Jobs.template.json'), JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    try {
      const run = await runCli('review', '--head', dir, '--baseline', 'deployed');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "stackguard: read deployed stacks: No AWS region: nothing names one (a stack's env in the CDK app; for posture, --region or aws.regions), and neither AWS_REGION nor the profile sets one. Set AWS_REGION.\n",
      );
    } finally {
      vi.stubEnv('AWS_REGION', REGION);
    }
  });
});
