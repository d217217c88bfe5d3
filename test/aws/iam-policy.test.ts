/**
 * docs/iam-policy.json and docs/iam-policy-changeset.json are the least policies stackguard documents: every call
 * it makes must be allowed by them, and the read-only one must allow nothing that writes.
 */

import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { loadDeployedSide } from '../../src/aws/deployed-side.js';
import { fetchFindingsForReview } from '../../src/aws/findings-for-review.js';
import { fetchPostureFindings } from '../../src/aws/posture-findings.js';
import { RateLimiter } from '../../src/aws/rate-limiter.js';
import { ACCOUNT } from './asff.js';
import { config, headSide, headStack, isolateAwsEnvironment, stackId } from './helpers.js';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
}

function actions(file: string, effect: Statement['Effect']): Set<string> {
  const policy = JSON.parse(readFileSync(file, 'utf8')) as { Statement: Statement[] };
  return new Set(policy.Statement.filter((s) => s.Effect === effect).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

const cfn = mockClient(CloudFormationClient);
const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);

beforeEach(() => {
  isolateAwsEnvironment();
  for (const mock of [cfn, hub, sts]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'ShopData', StackId: stackId('ShopData'), StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
  cfn.on(GetTemplateCommand).resolves({ TemplateBody: '{"Resources":{"Queue":{"Type":"AWS::SQS::Queue"}}}' });
  cfn.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [{ LogicalResourceId: 'Queue', PhysicalResourceId: 'https://sqs.eu-west-1.amazonaws.com/111111111111/q', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }] });
  cfn.on(CreateChangeSetCommand).resolves({ Id: 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/stackguard-review-1/abc' });
  cfn.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_COMPLETE', Changes: [] });
  cfn.on(DeleteChangeSetCommand).resolves({});
  hub.on(GetFindingsCommand).resolves({ Findings: [] });
});
afterEach(() => vi.unstubAllEnvs());

it('the documented policies allow every call stackguard makes, and the read-only one writes nothing', async () => {
  const head = headSide(headStack('ShopData', { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 5 } } } }));
  const limiter = new RateLimiter(1000);
  const deployed = await loadDeployedSide(head, { config: config() });
  await fetchFindingsForReview(head, { config: config(), deployed, limiter });
  await fetchFindingsForReview(head, { config: config(), limiter });
  await fetchPostureFindings({ config: config(), regions: ['eu-west-1'], limiter });
  const readCalls = new Set([...cfn.calls(), ...hub.calls()].map((call) => call.args[0]));
  cfn.resetHistory();
  await loadDeployedSide(head, { config: config(), changeSets: true, wait: { sleep: async () => {} } });

  const iamAction = (command: object, service: string) => `${service}:${command.constructor.name.replace(/Command$/, '')}`;
  const serviceOf = (command: object) => (command.constructor.name === 'GetFindingsCommand' ? 'securityhub' : 'cloudformation');
  const read = [...readCalls].map((c) => iamAction(c, serviceOf(c)));
  const changeSet = cfn.calls().map((c) => iamAction(c.args[0], 'cloudformation'));

  const readOnly = actions('docs/iam-policy.json', 'Allow');
  const extra = actions('docs/iam-policy-changeset.json', 'Allow');
  expect(new Set(read)).toEqual(readOnly);
  for (const action of changeSet) expect(readOnly.has(action) || extra.has(action), action).toBe(true);
  expect([...readOnly].filter((a) => !/:(Describe|Get|List)/.test(a))).toEqual([]);
  expect(actions('docs/iam-policy-changeset.json', 'Deny')).toContain('cloudformation:ExecuteChangeSet');
});
