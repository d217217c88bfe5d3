import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type DescribeChangeSetOutput,
} from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INLINE_TEMPLATE_LIMIT } from '../../src/aws/change-set.js';
import { loadDeployedSide } from '../../src/aws/deployed-side.js';
import type { CfnTemplate } from '../../src/core/template.js';
import { StackguardInputError } from '../../src/errors.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { ACCOUNT } from './asff.js';
import { cloudFormationError, config, headSide, headStack, isolateAwsEnvironment, stackId } from './helpers.js';

const cfn = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
const JOBS = stackId('ShopJobs');
const NESTED = 'arn:aws:cloudformation:eu-west-1:111111111111:stack/ShopJobs-Monitoring-1X2Y3Z/0f1e2d3c-4b5a-6978-8a9b-00000000001c';
const CHANGE_SET = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/stackguard-review/6f1c2e3d-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const NESTED_CHANGE_SET = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/stackguard-review-Monitoring-1X2Y3Z/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';
const page = (n: number) => JSON.parse(readFileSync(`test/fixtures/aws/change-set-page-${n}.json`, 'utf8')) as DescribeChangeSetOutput;
const noWait = { sleep: async () => {} };

// GIVEN a queue renamed (replaced), the event source mapping that reads it, an archive bucket removed, a nested stack
const deployed: CfnTemplate = {
  Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' }, Stage: { Type: 'String' } },
  Resources: {
    JobsQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'shop-jobs' } },
    JobsWorkerMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'shop-jobs-worker', EventSourceArn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } } },
    JobsArchive: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
    Monitoring: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/cdk-hnb659fds-assets-111111111111-eu-west-1/aaaa.json' } },
  },
};
const head: CfnTemplate = {
  Parameters: deployed.Parameters,
  Resources: {
    JobsQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'shop-jobs-v2' } },
    JobsWorkerMapping: deployed.Resources!.JobsWorkerMapping!,
    Monitoring: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/cdk-hnb659fds-assets-111111111111-eu-west-1/bbbb.json' } },
  },
};
const monitoring: CfnTemplate = { Resources: { AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Alarms' } } } };

function givenDeployedJobsStack(status = 'UPDATE_COMPLETE'): void {
  cfn.on(DescribeStacksCommand, { StackName: 'ShopJobs' }).resolves({
    Stacks: [{ StackName: 'ShopJobs', StackId: JOBS, StackStatus: status as never, CreationTime: new Date(), Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }, { ParameterKey: 'BootstrapVersion', ParameterValue: '/cdk-bootstrap/hnb659fds/version', ResolvedValue: '21' }] }],
  });
  cfn.on(DescribeStacksCommand, { StackName: NESTED }).resolves({ Stacks: [{ StackName: 'ShopJobs-Monitoring-1X2Y3Z', StackId: NESTED, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
  cfn.on(GetTemplateCommand, { StackName: JOBS }).resolves({ TemplateBody: JSON.stringify(deployed) });
  cfn.on(GetTemplateCommand, { StackName: NESTED }).resolves({ TemplateBody: JSON.stringify(monitoring) });
  cfn.on(ListStackResourcesCommand, { StackName: JOBS }).resolves({ StackResourceSummaries: [{ LogicalResourceId: 'Monitoring', PhysicalResourceId: NESTED, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE', LastUpdatedTimestamp: new Date() }] });
  cfn.on(ListStackResourcesCommand, { StackName: NESTED }).resolves({ StackResourceSummaries: [] });
  cfn.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET, StackId: JOBS });
  cfn.on(DeleteChangeSetCommand).resolves({});
}

/**
 * CloudFormation computes for two polls, then serves the root change set in two pages and the nested one in one.
 * Returns the DescribeChangeSet inputs as sent (the paginator reuses its input object, so the mock's record of it changes).
 */
function givenChangeSets(): Array<{ ChangeSetName: string; IncludePropertyValues?: boolean; NextToken?: string }> {
  let polls = 0;
  const sent: Array<{ ChangeSetName: string; IncludePropertyValues?: boolean; NextToken?: string }> = [];
  cfn.on(DescribeChangeSetCommand).callsFake((input: { ChangeSetName: string; IncludePropertyValues?: boolean; NextToken?: string }) => {
    sent.push({ ...input });
    if (!input.IncludePropertyValues) return { Status: ++polls < 2 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE', ChangeSetId: CHANGE_SET };
    if (input.ChangeSetName === NESTED_CHANGE_SET) {
      return { Status: 'CREATE_COMPLETE', ChangeSetId: NESTED_CHANGE_SET, Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'AlarmTopic', ResourceType: 'AWS::SNS::Topic', Replacement: 'False', Scope: ['Properties'], Details: [{ Target: { Attribute: 'Properties', Name: 'DisplayName', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' }] } }] };
    }
    return input.NextToken === 'page-2' ? page(2) : page(1);
  });
  return sent;
}

const jobsHead = () =>
  headSide(headStack('ShopJobs', head, { nested: [{ logicalId: 'Monitoring', stack: headStack('ShopJobs-Monitoring', { Resources: { AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Shop alarms' } } } }) }] }));

beforeEach(() => {
  isolateAwsEnvironment();
  cfn.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
});
afterEach(() => vi.unstubAllEnvs());

describe('change sets (baseline changeset)', () => {
  it('creates one with the nested stacks, reads every page and the nested change set, and deletes it', async () => {
    givenDeployedJobsStack();
    const sent = givenChangeSets();
    const side = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait: noWait });

    const create = cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input;
    expect(create).toMatchObject({ StackName: JOBS, ChangeSetType: 'UPDATE', IncludeNestedStacks: true, TemplateBody: JSON.stringify(head) });
    expect(create.ChangeSetName).toMatch(/^stackguard-review-\d+-[0-9a-f]{6}$/);
    // BootstrapVersion keeps its default; Stage has none, so the deployed value is reused.
    expect(create.Parameters).toEqual([{ ParameterKey: 'Stage', UsePreviousValue: true }]);
    expect(create.Capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);

    const jobs = side.stacks[0]!;
    expect(jobs.changeSet!.Changes!.map((c) => c.ResourceChange!.LogicalResourceId)).toEqual(['JobsQueue', 'JobsWorkerMapping', 'JobsArchive', 'Monitoring']);
    expect(jobs.changeSet).not.toHaveProperty('NextToken');
    expect(jobs.nested[0]!.stack.changeSet!.Changes).toHaveLength(1);
    expect(sent.map((input) => [input.ChangeSetName === NESTED_CHANGE_SET ? 'nested' : 'root', input.IncludePropertyValues ?? false, input.NextToken ?? null])).toEqual([
      ['root', false, null],
      ['root', false, null],
      ['root', true, null],
      ['root', true, 'page-2'],
      ['nested', true, null],
    ]);
    expect(cfn.commandCalls(DeleteChangeSetCommand).map((c) => c.args[0].input)).toEqual([{ ChangeSetName: CHANGE_SET }]);
    expect(side.description).toBe(`deployed stacks and change sets in ${ACCOUNT}/eu-west-1 (CloudFormation)`);
  });

  it("lets CloudFormation's Replacement: Conditional stand and says where it disagrees with the template diff", async () => {
    givenDeployedJobsStack();
    givenChangeSets();
    const headSideJobs = jobsHead();
    const side = await loadDeployedSide(headSideJobs, { config: config(), changeSets: true, wait: noWait });
    const report = reviewSides({ base: side, head: headSideJobs, config: config(), baseline: { kind: 'deployed', description: side.description }, today: new Date('2026-06-01') });

    const jobs = report.stacks.find((s) => s.stackName === 'ShopJobs')!;
    expect(jobs.changes.find((c) => c.logicalId === 'JobsQueue')).toMatchObject({ action: 'replace' });
    expect(jobs.notes).toContain(
      "Change set: JobsWorkerMapping — the template diff predicts a replacement, CloudFormation's change set says a possible replacement (Replacement: Conditional): whether it is replaced depends on values only known at deploy time.",
    );
    expect(jobs.changes.find((c) => c.logicalId === 'JobsArchive')).toMatchObject({ action: 'orphan' });
    // Where the two agree (the queue's replacement, the retained bucket, the nested stack's update) nothing is said.
    expect(jobs.notes).toHaveLength(1);
    expect(report.stacks.find((s) => s.parentStack === 'ShopJobs')!.notes).toEqual([]);
  });

  it('deletes the change set also when reading it fails, and the error names the permission', async () => {
    givenDeployedJobsStack();
    cfn.on(DescribeChangeSetCommand).rejects(cloudFormationError('AccessDenied', 'User is not authorized to perform: cloudformation:DescribeChangeSet', 403));
    const error = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait: noWait }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as Error).message).toMatch(/^AWS access denied: stackguard needs cloudformation:DescribeChangeSet on arn:aws:cloudformation:eu-west-1:111111111111:stack\/ShopJobs\/\*/);
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
  });

  it('a change set CloudFormation finds empty means no change; one it refuses leaves a note and the template diff', async () => {
    givenDeployedJobsStack();
    cfn.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set." });
    const empty = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait: noWait });
    expect(empty.stacks[0]!.changeSet).toEqual({ Changes: [] });
    expect(empty.stacks[0]!.nested[0]!.stack.changeSet).toEqual({ Changes: [] });

    cfn.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'S3 error: Access Denied for TemplateURL of Monitoring' });
    const refused = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait: noWait });
    expect(refused.stacks[0]!.changeSet).toBeUndefined();
    expect(refused.stacks[0]!.notes).toContain(
      'No change set for ShopJobs: CloudFormation could not create it (S3 error: Access Denied for TemplateURL of Monitoring); it is compared by template only.',
    );
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(2);
  });

  it('makes none for a template over the inline limit, a busy stack or a parameter without a value', async () => {
    givenDeployedJobsStack();
    const big: CfnTemplate = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Metadata: { padding: 'x'.repeat(INLINE_TEMPLATE_LIMIT) } } } };
    const oversize = await loadDeployedSide(headSide(headStack('ShopJobs', big)), { config: config(), changeSets: true, wait: noWait });
    expect(oversize.stacks[0]!.notes.join(' ')).toMatch(/its template is 51\d{3} bytes, over the 51200 bytes CloudFormation accepts inline, and stackguard does not upload templates to S3/);

    const unknownParameter: CfnTemplate = { Parameters: { Tier: { Type: 'String' } }, Resources: {} };
    const parameter = await loadDeployedSide(headSide(headStack('ShopJobs', unknownParameter)), { config: config(), changeSets: true, wait: noWait });
    expect(parameter.stacks[0]!.notes.join(' ')).toMatch(/parameter Tier has no default and no deployed value to reuse/);

    cfn.reset();
    givenDeployedJobsStack('UPDATE_IN_PROGRESS');
    const busy = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait: noWait });
    expect(busy.stacks[0]!.notes.join(' ')).toMatch(/No change set for ShopJobs: CloudFormation accepts none while it is UPDATE_IN_PROGRESS/);
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('gives up waiting after the timeout, says so, and still deletes it', async () => {
    givenDeployedJobsStack();
    cfn.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_IN_PROGRESS' });
    let clock = 0;
    const wait = { sleep: async (ms: number) => void (clock += ms), now: () => clock, timeoutMs: 10_000 };
    const side = await loadDeployedSide(jobsHead(), { config: config(), changeSets: true, wait });
    expect(side.stacks[0]!.notes.join(' ')).toMatch(/CloudFormation could not create it \(still CREATE_IN_PROGRESS after 10 seconds\)/);
    // 1 s, 2 s, 4 s, then 5 s steps: polling backs off.
    expect(cfn.commandCalls(DescribeChangeSetCommand).length).toBeLessThanOrEqual(5);
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
  });
});
