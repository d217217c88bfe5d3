import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT, asffFinding } from '../aws/asff.js';
import { isolateAwsEnvironment, securityHubError } from '../aws/helpers.js';
import { runCli } from '../cli/run-cli.js';

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);

function configFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'stackguard-posture-cli-')), 'stackguard.yml');
  writeFileSync(file, text);
  return file;
}

beforeEach(() => {
  isolateAwsEnvironment();
  hub.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});
afterEach(() => vi.unstubAllEnvs());

describe('stackguard posture', () => {
  it('reads every region the config lists and prints the readiness table', async () => {
    const regions: string[] = [];
    hub.on(GetFindingsCommand).callsFake(async (input: { Filters: { Region: Array<{ Value: string }> } }) => {
      const region = input.Filters.Region[0]!.Value;
      regions.push(region);
      return { Findings: [asffFinding({ control: 'S3.5', title: 'S3 buckets should require SSL', severity: 'MEDIUM', status: region === 'eu-west-1' ? 'FAILED' : 'PASSED', resourceType: 'AwsS3Bucket', resourceId: `arn:aws:s3:::logs-${region}`, region })] };
    });
    const config = configFile('aws:\n  regions: [eu-west-1, us-east-1]\n');
    const run = await runCli('posture', '--config', config, '--format', 'markdown');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(run.stdout).toContain('| SOC 2 controls passing | **0/1 (0%)** |');
    expect(run.stdout).toContain('| CC6.7 | MEDIUM | 0 | 0 | 1 | 0 | 0 | S3.5 |');
  });

  it('--account reads that account through the role the config names for it', async () => {
    const role = 'arn:aws:iam::222222222222:role/stackguard-readonly';
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIAPOSTURE000000001', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) } });
    const used: string[] = [];
    hub.on(GetFindingsCommand).callsFake(async (input: { Filters: Record<string, unknown> }, getClient) => {
      used.push((await (getClient() as SecurityHubClient).config.credentials()).accessKeyId);
      expect(input.Filters.AwsAccountId).toEqual([{ Value: '222222222222', Comparison: 'EQUALS' }]);
      return { Findings: [] };
    });
    const config = configFile(`aws:\n  roles:\n    "222222222222": ${role}\n`);
    const run = await runCli('posture', '--config', config, '--account', '222222222222', '--region', 'eu-west-1', '--format', 'json');
    expect(run.code).toBe(0);
    expect(used).toEqual(['ASIAPOSTURE000000001']);
    expect(JSON.parse(run.stdout).scope).toEqual({ accounts: ['222222222222'], regions: ['eu-west-1'] });
  });

  it('exits 2 with one clear message when Security Hub is not enabled or access is denied', async () => {
    hub.on(GetFindingsCommand).rejects(securityHubError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`, 401));
    const disabled = await runCli('posture', '--region', 'eu-west-1');
    expect(disabled.code).toBe(2);
    expect(disabled.stderr).toBe('stackguard: read Security Hub findings: Security Hub is not enabled (or this account is not its administrator) in eu-west-1.\n');

    hub.on(GetFindingsCommand).rejects(securityHubError('AccessDeniedException', 'not authorized to perform: securityhub:GetFindings', 403));
    const denied = await runCli('posture', '--region', 'eu-west-1');
    expect(denied.code).toBe(2);
    expect(denied.stderr).toBe(
      'stackguard: read Security Hub findings: AWS access denied: stackguard needs securityhub:GetFindings on arn:aws:securityhub:eu-west-1:*:hub/default. docs/iam-policy.json is the least read-only policy (docs/aws.md).\n',
    );
  });
});
