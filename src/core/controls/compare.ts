/**
 * Compares the evaluations of the base and head sides of a review:
 * - regression: passes on the base side (or the resource is new) and fails on the head side;
 * - improvement: fails on the base side and passes on the head side;
 * - failing on the head side without passing on the base side: posture (stillFailing), not a delta;
 * - a resource removed from the head side is neither (an app-scope rule is always evaluated on both sides, so
 *   removing the only multi-Region trail still regresses CloudTrail.1);
 * - unknown or error on either side is never a delta: stackguard does not claim what it could not judge
 *   (head-side unknowns and errors on both sides are returned so a reader still sees them);
 * - a resource paired as a rename is judged against its old self: a control that failed on the old logical id and
 *   fails the same way on the new one is still failing, not a regression.
 */

import type { ControlComparison, ControlDelta, ControlEvaluation } from './results.js';

function keyOf(evaluation: Pick<ControlEvaluation, 'ruleId' | 'stackName' | 'resource'>): string {
  return `${evaluation.ruleId}\u0000${evaluation.stackName}\u0000${evaluation.resource}`;
}

/** The old logical id of a resource paired as a rename, if it is one. */
export type RenamedFrom = (stackName: string, logicalId: string) => string | undefined;

export function compareControls(base: readonly ControlEvaluation[], head: readonly ControlEvaluation[], renamedFrom: RenamedFrom = () => undefined): ControlComparison {
  const baseByKey = new Map(base.map((e) => [keyOf(e), e]));
  const deltas: ControlDelta[] = [];
  const stillFailing: ControlEvaluation[] = [];
  const unknown: ControlEvaluation[] = [];
  const errors: ControlComparison['errors'] = [];

  for (const before of base) {
    if (before.status === 'error') errors.push({ side: 'base', evaluation: before });
  }
  for (const after of head) {
    const oldId = renamedFrom(after.stackName, after.resource);
    const before = baseByKey.get(keyOf(after)) ?? (oldId === undefined ? undefined : baseByKey.get(keyOf({ ...after, resource: oldId })));
    if (after.status === 'error') errors.push({ side: 'head', evaluation: after });
    if (after.status === 'unknown') unknown.push(after);
    if (after.status === 'fail') {
      if (!before || before.status === 'pass') deltas.push(before ? { effect: 'regression', base: before, head: after } : { effect: 'regression', head: after });
      else stillFailing.push(after);
    }
    if (after.status === 'pass' && before?.status === 'fail') deltas.push({ effect: 'improvement', base: before, head: after });
  }
  // Evaluations only on the base side belong to removed resources (or ones a `when` no longer selects): no delta.
  return { deltas, stillFailing, unknown, errors };
}
