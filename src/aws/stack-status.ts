/**
 * What a deployed stack's status means for a review. Stable stacks are compared as they are; a stack whose first
 * deployment rolled back (or that a never-executed change set created) has nothing deployed, so everything is a
 * create; a stack in progress may change under the review; a failed stack may refuse the next update. Each but the
 * stable case becomes a stack note in the review.
 */

export type StackCondition = 'stable' | 'nothing-deployed' | 'in-progress' | 'failed';

export interface StackStatusReading {
  condition: StackCondition;
  /** The stack note to show, when there is something to say. */
  note?: string;
  /** Whether CloudFormation accepts a change set for it now. */
  acceptsChangeSet: boolean;
}

const FAILED = new Set(['CREATE_FAILED', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'UPDATE_FAILED', 'UPDATE_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_FAILED']);

export function readStackStatus(stackName: string, status: string, reason: string | undefined): StackStatusReading {
  const why = reason ? ` (${reason})` : '';
  if (status === 'ROLLBACK_COMPLETE') {
    return {
      condition: 'nothing-deployed',
      acceptsChangeSet: false,
      note: `${stackName} is ROLLBACK_COMPLETE${why}: its first deployment failed and rolled back, so nothing is deployed and every resource is a create. CloudFormation cannot update it; it must be deleted first (cdk deploy does that).`,
    };
  }
  if (status === 'REVIEW_IN_PROGRESS') {
    return {
      condition: 'nothing-deployed',
      acceptsChangeSet: false,
      note: `${stackName} is REVIEW_IN_PROGRESS: a change set created it and was never executed, so nothing is deployed and every resource is a create.`,
    };
  }
  if (status.endsWith('_IN_PROGRESS')) {
    return {
      condition: 'in-progress',
      acceptsChangeSet: false,
      note: `${stackName} is ${status}: an operation is running, so the deployed template read now may not be what this PR deploys onto. Review again when it finishes.`,
    };
  }
  if (FAILED.has(status)) {
    const refuses = status === 'UPDATE_ROLLBACK_FAILED'
      ? ' CloudFormation refuses updates until the rollback is continued (ContinueUpdateRollback) or the stack is fixed, so this PR cannot deploy as it is.'
      : ' The deployed resources may not match the template below; check the stack events before deploying.';
    return { condition: 'failed', acceptsChangeSet: false, note: `${stackName} is ${status}${why}.${refuses}` };
  }
  if (status === 'UPDATE_ROLLBACK_COMPLETE' || status === 'IMPORT_ROLLBACK_COMPLETE') {
    return {
      condition: 'stable',
      acceptsChangeSet: true,
      note: `The last update of ${stackName} failed and rolled back (${status}): the deployed template is the one from before that update.`,
    };
  }
  return { condition: 'stable', acceptsChangeSet: true };
}
