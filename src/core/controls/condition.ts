/**
 * Evaluates a condition (see types.ts) in a context. The schema guarantees each condition has exactly one kind;
 * this dispatches on it.
 */

import type { EvalContext } from './context.js';
import { allOf, anyOf, type Outcome } from './outcome.js';
import { anyResource, joinedBy, notReferencedBy, references, referencedBy } from './relations.js';
import type { Condition } from './types.js';
import { evaluateValueTest } from './value-tests.js';

export function evaluateCondition(condition: Condition, ctx: EvalContext): Outcome {
  if (condition.allOf) return allOf(condition.allOf.map((c) => evaluateCondition(c, ctx)));
  if (condition.anyOf) return anyOf(condition.anyOf.map((c) => evaluateCondition(c, ctx)));
  if (condition.referencedBy) return referencedBy(condition.referencedBy, ctx, evaluateCondition);
  if (condition.notReferencedBy) return notReferencedBy(condition.notReferencedBy, ctx, evaluateCondition);
  if (condition.references) return references(condition.references, ctx, evaluateCondition);
  if (condition.joinedBy) return joinedBy(condition.joinedBy, ctx, evaluateCondition);
  if (condition.anyResource) return anyResource(condition.anyResource, ctx, evaluateCondition);
  return evaluateValueTest(condition, ctx, evaluateCondition);
}
