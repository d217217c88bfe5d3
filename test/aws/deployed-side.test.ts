import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsAccessConfigured, loadDeployedSide } from '../../src/aws/deployed-side.js';
import { StackguardInputError } from '../../src/errors.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { ACCOUNT, REGION } from './asff.js';
import { cloudFormationError, config, headSide, headStack, isolateAwsEnvironment, stackId, stackNotFound } from './helpers.js';

const cfn = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
const yamlBody = readFileSync('test/fixtures/aws/deployed-data.template.yaml', 'utf8');
const DATA = stackId('ShopData');

function describes(name: string, status = 'UPDATE_COMPLETE', extra: Record<string, unknown> = {}) {
  return { Stacks: [{ StackName: name, StackId: stackId(name), StackStatus: status, CreationTime: new Date('2026-01-05T10:00:00Z'), ...extra }] } as never;
}

beforeEach(() => {
  isolateAwsEnvironment();
  cfn.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDAEXAMPLE' });
});
afterEach(() => vi.unstubAllEnvs());

describe('loadDeployedSide', () => {
  it('reads each head stack as deployed: DescribeStacks, then GetTemplate (Original) of a YAML template', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'ShopData' }).resolves(describes('ShopData'));
    cfn.on(GetTemplateCommand, { StackName: DATA }).resolves({ TemplateBody: yamlBody, StagesAvailable: ['Original', 'Processed'] });
    cfn.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });

    const side = await loadDeployedSide(headSide(headStack('ShopData', { Resources: {} })), { config: config() });

    expect(side.description).toBe(`deployed stacks in ${ACCOUNT}/${REGION} (CloudFormation)`);
    expect(side.stacks.map((s) => s.stackName)).toEqual(['ShopData']);
    expect(side.stacks[0]!.template.Resources!.UploadsBucketPolicy!.Properties!.Bucket).toEqual({ Ref: 'UploadsBucket' });
    expect(cfn.commandCalls(GetTemplateCommand)[0]!.args[0].input).toEqual({ StackName: DATA, TemplateStage: 'Original' });
    const order = cfn.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('DescribeStacksCommand')).toBeLessThan(order.indexOf('GetTemplateCommand'));
  });

  it('follows nested stacks to their own templates, across pages of ListStackResources', async () => {
    const nestedId = stackId('ShopService-MonitoringNestedStack-1X2Y3Z');
    cfn.on(DescribeStacksCommand, { StackName: 'ShopService' }).resolves(describes('ShopService'));
    cfn.on(DescribeStacksCommand, { StackName: nestedId }).resolves({ Stacks: [{ StackName: 'ShopService-MonitoringNestedStack-1X2Y3Z', StackId: nestedId, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), ParentId: stackId('ShopService') }] });
    cfn.on(GetTemplateCommand, { StackName: stackId('ShopService') }).resolves({ TemplateBody: JSON.stringify({ Resources: { Monitoring: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/cdk-assets/monitoring.json' } } } }) });
    cfn.on(GetTemplateCommand, { StackName: nestedId }).resolves({ TemplateBody: JSON.stringify({ Resources: { AlarmTopic: { Type: 'AWS::SNS::Topic' } } }) });
    cfn
      .on(ListStackResourcesCommand, { StackName: stackId('ShopService') })
      .resolvesOnce({ StackResourceSummaries: [{ LogicalResourceId: 'Cluster', PhysicalResourceId: 'shop-cluster', ResourceType: 'AWS::ECS::Cluster', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }], NextToken: 'page-2' })
      .resolvesOnce({ StackResourceSummaries: [{ LogicalResourceId: 'Monitoring', PhysicalResourceId: nestedId, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE', LastUpdatedTimestamp: new Date() }] });
    cfn.on(ListStackResourcesCommand, { StackName: nestedId }).resolves({ StackResourceSummaries: [{ LogicalResourceId: 'AlarmTopic', PhysicalResourceId: `arn:aws:sns:${REGION}:${ACCOUNT}:alarms`, ResourceType: 'AWS::SNS::Topic', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }] });

    const side = await loadDeployedSide(headSide(headStack('ShopService', { Resources: {} })), { config: config() });

    const service = side.stacks[0]!;
    expect(service.resources.map((r) => r.logicalId)).toEqual(['Cluster', 'Monitoring']);
    expect(cfn.commandCalls(ListStackResourcesCommand, { StackName: stackId('ShopService') })[1]!.args[0].input.NextToken).toBe('page-2');
    expect(service.nested).toHaveLength(1);
    expect(service.nested[0]!.logicalId).toBe('Monitoring');
    expect(service.nested[0]!.stack.template.Resources).toEqual({ AlarmTopic: { Type: 'AWS::SNS::Topic' } });
    expect(service.nested[0]!.stack.displayName).toBe('ShopService/Monitoring');
  });

  it('leaves out a stack that does not exist yet, so the review sees it as all creates', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'ShopJobs' }).rejects(stackNotFound('ShopJobs'));
    const head = headSide(headStack('ShopJobs', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
    const side = await loadDeployedSide(head, { config: config() });
    expect(side.stacks).toEqual([]);
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(0);

    const report = reviewSides({ base: side, head, config: config(), baseline: { kind: 'deployed', description: side.description }, today: new Date('2026-06-01') });
    expect(report.stacks[0]).toMatchObject({ stackName: 'ShopJobs', status: 'added', changes: [{ logicalId: 'Queue', action: 'create' }] });
  });

  it('says so when an environment-agnostic stack is not found where the credentials point', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'ShopJobs' }).rejects(stackNotFound('ShopJobs'));
    const head = headSide(headStack('ShopJobs', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }, { environment: null }));
    const side = await loadDeployedSide(head, { config: config() });
    const report = reviewSides({ base: side, head, config: config(), baseline: { kind: 'deployed', description: side.description }, today: new Date('2026-06-01') });
    expect(report.stacks[0]!.notes.join('\n')).toMatch(/names no account or region .* wrongly treats an existing stack as new/s);
  });

  it('reports a stack in a failed or in-progress state, and treats a rolled-back first deployment as nothing deployed', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'ShopData' }).resolves(describes('ShopData', 'UPDATE_ROLLBACK_FAILED', { StackStatusReason: 'Resource OrdersDb failed to stabilize' }));
    cfn.on(DescribeStacksCommand, { StackName: 'ShopService' }).resolves(describes('ShopService', 'UPDATE_IN_PROGRESS'));
    cfn.on(DescribeStacksCommand, { StackName: 'ShopEdge' }).resolves(describes('ShopEdge', 'ROLLBACK_COMPLETE'));
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: '{"Resources":{"Topic":{"Type":"AWS::SNS::Topic"}}}' });
    cfn.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });
    const empty = { Resources: {} };

    const side = await loadDeployedSide(headSide(headStack('ShopData', empty), headStack('ShopService', empty), headStack('ShopEdge', empty)), { config: config() });

    const [data, service, edge] = side.stacks;
    expect(data!.notes.join(' ')).toMatch(/ShopData is UPDATE_ROLLBACK_FAILED \(Resource OrdersDb failed to stabilize\)\. CloudFormation refuses updates until the rollback is continued/);
    expect(service!.notes.join(' ')).toMatch(/ShopService is UPDATE_IN_PROGRESS: an operation is running/);
    expect(edge!.notes.join(' ')).toMatch(/ShopEdge is ROLLBACK_COMPLETE.*nothing is deployed/);
    expect(edge!.template).toEqual({ Resources: {} });
    expect(cfn.commandCalls(GetTemplateCommand, { StackName: stackId('ShopEdge') })).toHaveLength(0);
  });

  it('reads each stack in the account and region of its environment, assuming the role the config names for it', async () => {
    const other = '222222222222';
    const role = `arn:aws:iam::${other}:role/stackguard-readonly`;
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIAASSUMED000000001', SecretAccessKey: 'assumed-secret', SessionToken: 'token', Expiration: new Date(Date.now() + 3_600_000) } });
    const regions: Record<string, string> = {};
    const credentials: Record<string, string> = {};
    cfn.on(DescribeStacksCommand).callsFake(async (input: { StackName: string }, getClient) => {
      const client = getClient() as CloudFormationClient;
      regions[input.StackName] = await client.config.region();
      credentials[input.StackName] = (await client.config.credentials()).accessKeyId;
      return describes(input.StackName);
    });
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: '{"Resources":{}}' });
    cfn.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });

    const head = headSide(
      headStack('EuData', { Resources: {} }),
      headStack('UsData', { Resources: {} }, { environment: { account: other, region: 'us-east-1' } }),
    );
    await loadDeployedSide(head, { config: config({ aws: { roles: { [other]: role } } }) });

    expect(regions).toEqual({ EuData: 'eu-west-1', UsData: 'us-east-1' });
    expect(credentials.UsData).toBe('ASIAASSUMED000000001');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: role, RoleSessionName: 'stackguard' });
    // The default credentials were checked against the stack's account; the role's account needs no check.
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  it("refuses to read another account's stack of the same name with the default credentials", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    const error = await loadDeployedSide(headSide(headStack('ShopData', { Resources: {} })), { config: config() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as Error).message).toBe(
      `Stack ShopData is in account ${ACCOUNT}, but the AWS credentials are for account 999999999999. List a read-only role for ${ACCOUNT} under aws.roles in the config, or use credentials for that account.`,
    );
    expect(cfn.calls()).toHaveLength(0);
  });

  it('falls back to the default region for a stack without an environment', async () => {
    vi.stubEnv('AWS_REGION', 'ap-southeast-2');
    cfn.on(DescribeStacksCommand).rejects(stackNotFound('Agnostic'));
    const side = await loadDeployedSide(headSide(headStack('Agnostic', { Resources: {} }, { environment: null })), { config: config() });
    expect(side.targets).toEqual([{ account: null, region: 'ap-southeast-2' }]);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });
});

describe('AWS errors a user can fix become one clear message that names the permission', () => {
  it('AccessDenied on GetTemplate', async () => {
    cfn.on(DescribeStacksCommand).resolves(describes('ShopData'));
    cfn.on(GetTemplateCommand).rejects(
      cloudFormationError(
        'AccessDenied',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/session is not authorized to perform: cloudformation:GetTemplate on resource: ${DATA} because no identity-based policy allows the cloudformation:GetTemplate action`,
        403,
      ),
    );
    const error = (await loadDeployedSide(headSide(headStack('ShopData', { Resources: {} })), { config: config() }).catch((e: unknown) => e)) as StackguardInputError;
    expect(error).toBeInstanceOf(StackguardInputError);
    expect(error.step).toBe('read deployed stacks');
    expect(error.message).toBe(`AWS access denied: stackguard needs cloudformation:GetTemplate on ${DATA}. docs/iam-policy.json is the least read-only policy (docs/aws.md).`);
    // One line for the reader; the SDK's own message stays on the error for debugging.
    expect(error.details).toBeUndefined();
    expect((error.cause as Error).message).toMatch(/is not authorized to perform/);
  });

  it('ExpiredToken on DescribeStacks', async () => {
    cfn.on(DescribeStacksCommand).rejects(cloudFormationError('ExpiredToken', 'The security token included in the request is expired', 403));
    const error = (await loadDeployedSide(headSide(headStack('ShopData', { Resources: {} })), { config: config() }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(StackguardInputError);
    expect(error.message).toBe(
      `The AWS credentials have expired (ExpiredToken) while calling cloudformation:DescribeStacks on arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/ShopData/*. Refresh them (for SSO: aws sso login) and run again.`,
    );
  });

  it('AccessDenied on AssumeRole names the role', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/stackguard-readonly`;
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error(`User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: sts:AssumeRole on resource: ${role}`), { name: 'AccessDenied' }));
    cfn.on(DescribeStacksCommand).callsFake(async (_input, getClient) => {
      await (getClient() as CloudFormationClient).config.credentials();
      return describes('ShopData');
    });
    const error = (await loadDeployedSide(headSide(headStack('ShopData', { Resources: {} })), { config: config({ aws: { roles: { [ACCOUNT]: role } } }) }).catch((e: unknown) => e)) as StackguardInputError;
    expect(error.message).toBe(`AWS access denied: stackguard needs sts:AssumeRole on ${role}. docs/iam-policy.json is the least read-only policy (docs/aws.md).`);
    expect(error.step).toBe('assume role');
  });
});

describe('awsAccessConfigured', () => {
  const on = config();
  it('is true when the environment names a credential source the default chain reads', () => {
    expect(awsAccessConfigured(on, { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' })).toBe(true);
    expect(awsAccessConfigured(on, { AWS_PROFILE: 'stackguard' })).toBe(true);
    expect(awsAccessConfigured(on, { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' })).toBe(true);
    expect(awsAccessConfigured(on, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' })).toBe(true);
  });
  it('is false without one, and when the config wants neither the deployed baseline nor Security Hub', () => {
    expect(awsAccessConfigured(on, {})).toBe(false);
    expect(awsAccessConfigured(on, { AWS_ACCESS_KEY_ID: 'AKIA' })).toBe(false);
    expect(awsAccessConfigured(config({ aws: { securityHub: false } }), { AWS_PROFILE: 'p' })).toBe(false);
    expect(awsAccessConfigured(config({ baseline: 'deployed', aws: { securityHub: false } }), { AWS_PROFILE: 'p' })).toBe(true);
  });
});
