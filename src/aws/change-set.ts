/**
 * CloudFormation's own view of a stack's change (`baseline: changeset`): a change set created from the head
 * template with IncludeNestedStacks, read back with DescribeChangeSet (IncludePropertyValues, every page, and the
 * nested stacks' change sets), then ALWAYS deleted, also when reading it fails. It is never executed. Where no
 * change set can be made (the stack is busy or failed, the template is over the inline limit, a parameter has no
 * value, CloudFormation refuses it) the stack gets a note and is compared by template only.
 */

import { randomBytes } from 'node:crypto';
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  paginateDescribeChangeSet,
  type DescribeChangeSetOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { CfnTemplate } from '../core/template.js';
import type { LoadedStack } from '../sources/loaded-side.js';
import { callAws, stackArnPattern } from './aws-errors.js';
import { NESTED_STACK_TYPE, type DeployedStack, type ReadContext } from './read-deployed-stack.js';
import { waitForChangeSet, type WaitOptions } from './wait-change-set.js';

/** The largest TemplateBody CloudFormation accepts inline; larger templates need an S3 TemplateURL. */
export const INLINE_TEMPLATE_LIMIT = 51_200;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

export type ChangeSetOptions = WaitOptions;

export async function attachChangeSet(ctx: ReadContext, head: LoadedStack, deployed: DeployedStack, options: ChangeSetOptions = {}): Promise<void> {
  const skip = (why: string) => void deployed.notes.push(`No change set for ${deployed.displayName}: ${why}; it is compared by template only.`);
  if (!deployed.acceptsChangeSet) return skip(`CloudFormation accepts none while it is ${deployed.status}`);
  const body = JSON.stringify(head.template);
  const size = Buffer.byteLength(body, 'utf8');
  if (size > INLINE_TEMPLATE_LIMIT) {
    return skip(`its template is ${size} bytes, over the ${INLINE_TEMPLATE_LIMIT} bytes CloudFormation accepts inline, and stackguard does not upload templates to S3`);
  }
  const parameters = changeSetParameters(head.template, deployed.parameters);
  if (typeof parameters === 'string') return skip(`parameter ${parameters} has no default and no deployed value to reuse`);

  const stackArn = stackArnPattern(ctx.target.region, ctx.target.account, head.stackName);
  const permission = (action: string) => ({ action: `cloudformation:${action}`, resource: stackArn, step: 'create change set' });
  const name = `stackguard-review-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const created = await callAws(permission('CreateChangeSet'), () =>
    ctx.cfn.send(
      new CreateChangeSetCommand({
        StackName: deployed.stackId,
        ChangeSetName: name,
        ChangeSetType: 'UPDATE',
        TemplateBody: body,
        Parameters: parameters,
        Capabilities: [...CAPABILITIES],
        IncludeNestedStacks: true,
        Description: 'Made by stackguard to review a pull request. Never executed; deleted once read.',
      }),
    ),
  );
  const id = created.Id ?? name;
  try {
    const outcome = await waitForChangeSet(ctx, id, permission('DescribeChangeSet'), options);
    if (outcome.status === 'FAILED') {
      if (NO_CHANGES.test(outcome.reason)) return setEmpty(deployed);
      return skip(`CloudFormation could not create it (${outcome.reason})`);
    }
    deployed.changeSet = await describeAll(ctx, id, permission('DescribeChangeSet'));
    await attachNested(ctx, deployed, permission('DescribeChangeSet'));
  } finally {
    await deleteChangeSet(ctx, id, deployed, permission('DeleteChangeSet'));
  }
}

/** Parameters with a default take it; others reuse the deployed value; one with neither makes no change set. */
export function changeSetParameters(template: CfnTemplate, deployedKeys: readonly string[]): Parameter[] | string {
  const parameters: Parameter[] = [];
  for (const [key, definition] of Object.entries(template.Parameters ?? {})) {
    if (definition !== null && typeof definition === 'object' && 'Default' in definition) continue;
    if (!deployedKeys.includes(key)) return key;
    parameters.push({ ParameterKey: key, UsePreviousValue: true });
  }
  return parameters;
}

type Permission = { action: string; resource: string; step: string };

async function describeAll(ctx: ReadContext, id: string, permission: Permission): Promise<DescribeChangeSetOutput> {
  let merged: DescribeChangeSetOutput | undefined;
  await callAws(permission, async () => {
    for await (const page of paginateDescribeChangeSet({ client: ctx.cfn }, { ChangeSetName: id, IncludePropertyValues: true })) {
      const { $metadata: _metadata, NextToken: _next, ...output } = page;
      merged = merged ? { ...merged, Changes: [...(merged.Changes ?? []), ...(output.Changes ?? [])] } : output;
    }
  });
  return merged ?? { Changes: [] };
}

/** The nested stacks' own change sets, named by the parent's AWS::CloudFormation::Stack changes. */
async function attachNested(ctx: ReadContext, deployed: DeployedStack, permission: Permission): Promise<void> {
  for (const change of deployed.changeSet?.Changes ?? []) {
    const rc = change.ResourceChange;
    if (rc?.ResourceType !== NESTED_STACK_TYPE || !rc.ChangeSetId) continue;
    const child = deployed.nested.find((n) => n.logicalId === rc.LogicalResourceId)?.stack;
    if (!child) continue;
    child.changeSet = await describeAll(ctx, rc.ChangeSetId, { ...permission, resource: child.stackId });
    await attachNested(ctx, child, permission);
  }
}

function setEmpty(stack: DeployedStack): void {
  stack.changeSet = { Changes: [] };
  for (const { stack: child } of stack.nested) setEmpty(child);
}

async function deleteChangeSet(ctx: ReadContext, id: string, deployed: DeployedStack, permission: Permission): Promise<void> {
  try {
    await callAws(permission, () => ctx.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id })));
  } catch (error) {
    // Never hide the review's own error behind this one, but never leave a change set behind silently either.
    deployed.notes.push(
      `stackguard could not delete its change set ${id} (${(error as Error).message}). Delete it: aws cloudformation delete-change-set --change-set-name '${id}'.`,
    );
  }
}

