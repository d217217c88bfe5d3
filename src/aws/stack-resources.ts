/**
 * The deployed resources of the head's stacks (nested stacks included, named "Parent/LogicalId" as the review names
 * them), so Security Hub findings, which name resources by ARN, can be matched to logical ids. From the deployed
 * side when the baseline already read it; otherwise from ListStackResources alone.
 */

import type { StackResources } from '../core/findings/types.js';
import type { LoadedSide } from '../sources/loaded-side.js';
import { errorName } from './aws-errors.js';
import { mapWithConcurrency } from './concurrency.js';
import { listResources, NESTED_STACK_TYPE, type DeployedStack, type ReadContext } from './read-deployed-stack.js';
import type { AwsSession } from './session.js';

export function resourcesOfDeployed(stacks: readonly DeployedStack[]): StackResources[] {
  const out: StackResources[] = [];
  const visit = (stack: DeployedStack, name: string) => {
    out.push({ stackName: name, account: stack.target.account, region: stack.target.region, resources: stack.resources });
    for (const { logicalId, stack: child } of stack.nested) visit(child, `${name}/${logicalId}`);
  };
  for (const stack of stacks) visit(stack, stack.stackName);
  return out;
}

export async function readResourcesOfHead(head: LoadedSide, session: AwsSession, step: string): Promise<StackResources[]> {
  const perStack = await mapWithConcurrency(head.stacks, 4, async (stack) => {
    const target = await session.target(stack.environment, step);
    await session.verifyAccount(target, `Stack ${stack.displayName}`, step);
    return readTree({ cfn: session.cloudFormation(target), target, step }, stack.stackName, stack.stackName);
  });
  return perStack.flat();
}

async function readTree(ctx: ReadContext, stackId: string, name: string): Promise<StackResources[]> {
  let resources;
  try {
    resources = await listResources(ctx, stackId);
  } catch (error) {
    // Not deployed yet: no finding can be on it.
    if (errorName(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) return [];
    throw error;
  }
  const out: StackResources[] = [{ stackName: name, account: ctx.target.account, region: ctx.target.region, resources }];
  for (const r of resources) {
    if (r.resourceType === NESTED_STACK_TYPE && r.physicalId.startsWith('arn:')) out.push(...(await readTree(ctx, r.physicalId, `${name}/${r.logicalId}`)));
  }
  return out;
}
