/**
 * Reads one deployed stack: DescribeStacks for its status, GetTemplate (TemplateStage Original: the template as
 * deployed, before transforms) and ListStackResources (paginated) for the physical ids, which lead to the nested
 * stacks (followed the same way) and let Security Hub findings be matched to logical ids. A stack that does not
 * exist is `undefined`: on the review's base side it is absent, so every resource of the head is a create.
 */

import {
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { DeployedResource } from '../core/findings/types.js';
import type { StackInput } from '../core/template.js';
import { StackguardInputError } from '../errors.js';
import type { LoadedStack } from '../sources/loaded-side.js';
import { callAws, errorName, stackArnPattern } from './aws-errors.js';
import type { AwsTarget } from './session.js';
import { readStackStatus } from './stack-status.js';
import { parseTemplateBody } from './template-body.js';

/** A deployed stack as a review side: a LoadedStack plus what CloudFormation knows about it. */
export interface DeployedStack extends LoadedStack {
  nested: Array<{ logicalId: string; stack: DeployedStack }>;
  /** Status notes ("UPDATE_ROLLBACK_FAILED…") and change set notes, shown with the stack in the review. */
  notes: string[];
  /** CloudFormation's change set against the head template, when change sets were requested and could be made. */
  changeSet?: StackInput['changeSet'];
  stackId: string;
  status: string;
  acceptsChangeSet: boolean;
  /** Keys of the parameters the deployed stack has (a change set reuses their values). */
  parameters: string[];
  resources: DeployedResource[];
  target: AwsTarget;
}

export interface ReadContext {
  cfn: CloudFormationClient;
  target: AwsTarget;
  step: string;
}

export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

/** `stackName` is a name or, for a nested stack, its ARN; `displayName` is how the review names it. */
export async function readDeployedStack(ctx: ReadContext, stackName: string, displayName = stackName): Promise<DeployedStack | undefined> {
  const stack = await describeStack(ctx, stackName);
  if (!stack?.StackId || !stack.StackStatus) return undefined;
  const reading = readStackStatus(displayName, stack.StackStatus, stack.StackStatusReason);
  const deployed = reading.condition !== 'nothing-deployed';
  const template = deployed ? await getTemplate(ctx, stack.StackId) : { Resources: {} };
  const resources = deployed ? await listResources(ctx, stack.StackId) : [];

  const nested: DeployedStack['nested'] = [];
  for (const resource of resources) {
    if (resource.resourceType !== NESTED_STACK_TYPE || !resource.physicalId.startsWith('arn:')) continue;
    const child = await readDeployedStack(ctx, resource.physicalId, `${displayName}/${resource.logicalId}`);
    if (child) nested.push({ logicalId: resource.logicalId, stack: child });
  }

  return {
    stackName: stack.StackName ?? stackName,
    displayName,
    template,
    origins: {},
    environment: ctx.target.account === null ? null : { account: ctx.target.account, region: ctx.target.region },
    nested,
    notes: reading.note ? [reading.note] : [],
    stackId: stack.StackId,
    status: stack.StackStatus,
    acceptsChangeSet: reading.acceptsChangeSet,
    parameters: (stack.Parameters ?? []).flatMap((p) => (p.ParameterKey ? [p.ParameterKey] : [])),
    resources,
    target: ctx.target,
  };
}

function permission(ctx: ReadContext, action: string, stackName: string) {
  return { action: `cloudformation:${action}`, resource: stackArnPattern(ctx.target.region, ctx.target.account, stackName), step: ctx.step };
}

async function describeStack(ctx: ReadContext, stackName: string): Promise<Stack | undefined> {
  try {
    const out = await callAws(permission(ctx, 'DescribeStacks', stackName), () => ctx.cfn.send(new DescribeStacksCommand({ StackName: stackName })));
    return out.Stacks?.[0];
  } catch (error) {
    // CloudFormation answers a stack that does not exist with ValidationError "Stack with id X does not exist".
    if (errorName(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

async function getTemplate(ctx: ReadContext, stackId: string) {
  const out = await callAws(permission(ctx, 'GetTemplate', stackId), () =>
    ctx.cfn.send(new GetTemplateCommand({ StackName: stackId, TemplateStage: 'Original' })),
  );
  if (out.TemplateBody === undefined) throw new StackguardInputError(`GetTemplate returned no template for ${stackId}.`, ctx.step);
  return parseTemplateBody(out.TemplateBody, stackId);
}

export async function listResources(ctx: ReadContext, stackId: string): Promise<DeployedResource[]> {
  const resources: DeployedResource[] = [];
  await callAws(permission(ctx, 'ListStackResources', stackId), async () => {
    for await (const page of paginateListStackResources({ client: ctx.cfn }, { StackName: stackId })) {
      for (const r of page.StackResourceSummaries ?? []) {
        // A resource still being created (or failed to create) has no physical id yet: nothing to match.
        if (r.LogicalResourceId && r.PhysicalResourceId && r.ResourceType) {
          resources.push({ logicalId: r.LogicalResourceId, resourceType: r.ResourceType, physicalId: r.PhysicalResourceId });
        }
      }
    }
  });
  return resources;
}
