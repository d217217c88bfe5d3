/**
 * When a review has CloudFormation's change set for a stack (baseline `changeset`), fullDiff lets its Replacement
 * and RequiresRecreation override the template-based guess. This says where the two disagreed, as stack notes, so a
 * reviewer sees why a predicted replacement became an update (or the reverse), which changes only CloudFormation
 * could see (values resolved at deploy time), and where its PolicyAction differs from what the templates' DeletionPolicy
 * and UpdateReplacePolicy say.
 */

import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { deletionPolicy, replacePolicy } from './lifecycle.js';
import { BOOKKEEPING_TYPES } from './noise.js';
import type { CfnTemplate, StackInput } from './template.js';
import { eachDifference } from './each-difference.js';

type ChangeSet = NonNullable<StackInput['changeSet']>;
type ResourceChange = NonNullable<NonNullable<ChangeSet['Changes']>[number]['ResourceChange']>;
type Verdict = 'create' | 'delete' | 'replace' | 'may-replace' | 'update' | 'import' | 'none';

const WORDS: Record<Verdict, string> = {
  create: 'a create',
  delete: 'a deletion',
  replace: 'a replacement',
  'may-replace': 'a possible replacement',
  update: 'an in-place update',
  import: 'an import',
  none: 'no change',
};

export function changeSetDisagreements(base: CfnTemplate, head: CfnTemplate, changeSet: ChangeSet): string[] {
  const predicted = new Map<string, { verdict: Verdict; properties: boolean }>();
  eachDifference(fullDiff(base, head).resources, (logicalId, diff) => predicted.set(logicalId, templateVerdict(diff)));

  const notes: string[] = [];
  const inChangeSet = new Set<string>();
  for (const entry of changeSet.Changes ?? []) {
    const change = entry.ResourceChange;
    const logicalId = change?.LogicalResourceId;
    if (!change || !logicalId || (change.ResourceType && BOOKKEEPING_TYPES.has(change.ResourceType))) continue;
    inChangeSet.add(logicalId);
    const guess = predicted.get(logicalId)?.verdict ?? 'none';
    const actual = changeSetVerdict(change);
    if (actual !== undefined && actual !== guess) notes.push(disagreement(logicalId, guess, actual, change));
    const policyNote = policyDisagreement(logicalId, actual, change, base, head);
    if (policyNote) notes.push(policyNote);
  }
  for (const [logicalId, { verdict, properties }] of predicted) {
    if (inChangeSet.has(logicalId) || !properties || BOOKKEEPING_TYPES.has(resourceType(base, head, logicalId))) continue;
    notes.push(
      `Change set: ${logicalId} — the template diff shows ${WORDS[verdict]}, CloudFormation's change set shows no change ` +
        '(the changed values may resolve to what is deployed).',
    );
  }
  return notes;
}

function templateVerdict(diff: ResourceDifference): { verdict: Verdict; properties: boolean } {
  const properties = Object.keys(diff.propertyUpdates).length > 0;
  if (diff.isAddition) return { verdict: 'create', properties };
  if (diff.isRemoval) return { verdict: 'delete', properties };
  if (diff.resourceTypeChanged) return { verdict: 'replace', properties: true };
  switch (diff.changeImpact) {
    case ResourceImpact.WILL_REPLACE:
      return { verdict: 'replace', properties };
    case ResourceImpact.MAY_REPLACE:
      return { verdict: 'may-replace', properties };
    case ResourceImpact.WILL_IMPORT:
      return { verdict: 'import', properties };
    default:
      return { verdict: properties ? 'update' : 'none', properties };
  }
}

/** undefined for `Dynamic`: CloudFormation cannot tell before it runs, so there is nothing to disagree with. */
function changeSetVerdict(change: ResourceChange): Verdict | undefined {
  switch (change.Action) {
    case 'Add':
      return 'create';
    case 'Remove':
      return 'delete';
    case 'Import':
      return 'import';
    case 'Modify':
      return change.Replacement === 'True' ? 'replace' : change.Replacement === 'Conditional' ? 'may-replace' : 'update';
    default:
      return undefined;
  }
}

function disagreement(logicalId: string, guess: Verdict, actual: Verdict, change: ResourceChange): string {
  const detail = change.Action === 'Modify' ? ` (Replacement: ${change.Replacement ?? 'not given'})` : ` (Action: ${change.Action})`;
  const why =
    guess === 'none'
      ? ' although its template text does not change: a value resolved at deploy time (a parameter, an SSM value, a dynamic reference) does'
      : actual === 'may-replace'
        ? ': whether it is replaced depends on values only known at deploy time'
        : '';
  return `Change set: ${logicalId} — the template diff predicts ${WORDS[guess]}, CloudFormation's change set says ${WORDS[actual]}${detail}${why}.`;
}

/** The PolicyAction the templates imply: DeletionPolicy for a removal, UpdateReplacePolicy for a replacement. */
function expectedPolicyAction(actual: Verdict | undefined, base: CfnTemplate, head: CfnTemplate, logicalId: string): string | undefined {
  const before = base.Resources?.[logicalId];
  const after = head.Resources?.[logicalId];
  const name = (policy: string) => (policy === 'RetainExceptOnCreate' ? 'Retain' : policy);
  if (actual === 'delete') return name(deletionPolicy(before));
  if (actual === 'replace' || actual === 'may-replace') return `ReplaceAnd${name(replacePolicy(before, after))}`;
  return undefined;
}

function policyDisagreement(logicalId: string, actual: Verdict | undefined, change: ResourceChange, base: CfnTemplate, head: CfnTemplate): string | undefined {
  const expected = expectedPolicyAction(actual, base, head, logicalId);
  if (!change.PolicyAction || !expected || change.PolicyAction === expected) return undefined;
  return `Change set: ${logicalId} — CloudFormation's PolicyAction is ${change.PolicyAction} where the templates' DeletionPolicy / UpdateReplacePolicy imply ${expected}.`;
}

function resourceType(base: CfnTemplate, head: CfnTemplate, logicalId: string): string {
  return head.Resources?.[logicalId]?.Type ?? base.Resources?.[logicalId]?.Type ?? '';
}
