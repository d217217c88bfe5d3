/**
 * Explains what DeletionPolicy and UpdateReplacePolicy leave behind when CloudFormation deletes or replaces a
 * resource. A retained or snapshotted replacement still swaps the live resource for a new, empty one: the policy
 * decides only what remains of the old one.
 */

import type { CfnResource } from './template.js';

export type RemovalPolicy = 'Delete' | 'Retain' | 'RetainExceptOnCreate' | 'Snapshot';

function policyOf(value: unknown): RemovalPolicy {
  return value === 'Retain' || value === 'RetainExceptOnCreate' || value === 'Snapshot' ? value : 'Delete';
}

/** How much of the old resource each policy keeps: higher keeps more. */
const PROTECTION: Record<RemovalPolicy, number> = { Delete: 0, Snapshot: 1, RetainExceptOnCreate: 2, Retain: 2 };

/**
 * The UpdateReplacePolicy to assume for the old resource. When the same change also changes the policy, which
 * template's policy CloudFormation applies is not something stackguard can promise, so it assumes the less
 * protective one: a review must never claim data is kept when it may not be.
 */
export function replacePolicy(base: CfnResource | undefined, head: CfnResource | undefined): RemovalPolicy {
  const before = policyOf(base?.UpdateReplacePolicy);
  const after = policyOf(head?.UpdateReplacePolicy);
  if (base === undefined) return after;
  if (head === undefined) return before;
  return PROTECTION[after] <= PROTECTION[before] ? after : before;
}

export function deletionPolicy(base: CfnResource | undefined): RemovalPolicy {
  return policyOf(base?.DeletionPolicy);
}

export function explainReplacement(policy: RemovalPolicy, stateful: boolean): string {
  const fresh = stateful ? 'the new resource starts empty' : 'a new physical resource takes its place';
  switch (policy) {
    case 'Retain':
    case 'RetainExceptOnCreate':
      return `UpdateReplacePolicy ${policy}: the old resource is kept (no longer managed by the stack, still billed) and ${fresh}`;
    case 'Snapshot':
      return `UpdateReplacePolicy Snapshot: the old resource is snapshotted, then deleted; ${fresh} and restoring means a manual restore from the snapshot`;
    case 'Delete':
      return stateful
        ? 'UpdateReplacePolicy Delete (default): the old resource is deleted with its data; the new one starts empty'
        : 'the old resource is deleted once the new one is in place';
  }
}

export function explainDeletion(policy: RemovalPolicy, stateful: boolean): string {
  switch (policy) {
    case 'Retain':
    case 'RetainExceptOnCreate':
      return `DeletionPolicy ${policy}: removed from the stack but kept in the account (orphaned, still billed)`;
    case 'Snapshot':
      return 'DeletionPolicy Snapshot: a final snapshot is taken, then the resource is deleted';
    case 'Delete':
      return stateful
        ? 'DeletionPolicy Delete (default): the resource is deleted with its data'
        : 'removed from the template: CloudFormation deletes it';
  }
}
