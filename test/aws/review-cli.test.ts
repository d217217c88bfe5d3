import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';
import { ACCOUNT } from './asff.js';
import { cloudFormationError, isolateAwsEnvironment, stackNotFound } from './helpers.js';

const cfn = mockClient(CloudFormationClient);
const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);

beforeEach(() => {
  isolateAwsEnvironment();
  cfn.reset();
  hub.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});
afterEach(() => vi.unstubAllEnvs());

function configFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'stackguard-review-cli-')), 'stackguard.yml');
  writeFileSync(file, text);
  return file;
}

describe('stackguard review: choosing the baseline', () => {
  it.each([
    [['--head', SHOP_HEAD], 'stackguard: usage: Nothing to compare with: give --base <path> (a cloud assembly, templates folder or CDK app) or --baseline deployed.'],
    [['--head', SHOP_HEAD, '--base', SHOP_BASE, '--baseline', 'deployed'], 'stackguard: usage: --base compares with a folder and --baseline deployed with what is deployed: give one of them.'],
    [['--head', SHOP_HEAD, '--baseline', 'assembly'], 'stackguard: usage: --baseline assembly compares with a folder: give it with --base <path>.'],
  ])('%j exits 2 with one message', async (args, message) => {
    const run = await runCli('review', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(cfn.calls()).toHaveLength(0);
  });

  it("uses the config's deployed baseline when no --base is given, and reads findings only when asked to", async () => {
    cfn.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => Promise.reject(stackNotFound(input.StackName)));
    const config = configFile('baseline: deployed\naws:\n  securityHub: false\n');
    const run = await runCli('review', '--head', SHOP_HEAD, '--config', config, '--format', 'json');
    const report = JSON.parse(run.stdout);
    expect(report.baseline.kind).toBe('deployed');
    // Nothing deployed yet: every stack of the head is added.
    expect(report.stacks.filter((s: { parentStack: string | null }) => !s.parentStack).map((s: { status: string }) => s.status)).toEqual(['added', 'added', 'added']);
    expect(report.findings).toEqual({ consulted: false, reason: 'aws.securityHub is off in the config', resolved: [], leftOpen: [], openOnChangedStacks: 0 });
    expect(hub.calls()).toHaveLength(0);
  });

  it('a folder baseline makes no AWS call and says findings were not consulted', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json');
    expect(JSON.parse(run.stdout).findings.reason).toBe('the baseline is a folder, and findings are read only with AWS access (--baseline deployed, or --findings)');
    expect(cfn.calls().length + hub.calls().length + sts.calls().length).toBe(0);
  });

  it('AccessDenied exits 2 naming the permission and the stack', async () => {
    cfn.on(DescribeStacksCommand).rejects(cloudFormationError('AccessDenied', 'User: arn:aws:iam::111111111111:user/ci is not authorized to perform: cloudformation:DescribeStacks', 403));
    const run = await runCli('review', '--head', SHOP_HEAD, '--baseline', 'deployed');
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(
      /^stackguard: read deployed stacks: AWS access denied: stackguard needs cloudformation:DescribeStacks on arn:aws:cloudformation:eu-west-1:111111111111:stack\/Shop(Network|Data|Service)\/\*\. docs\/iam-policy\.json/,
    );
  });
});
