/**
 * Where a condition is evaluated: the app, the stack and resource it is about (none in app scope), and the
 * node its paths are relative to (the resource's Properties, an array element, a related resource's Properties).
 */

import { Evidence } from './outcome.js';
import type { StackIndex } from './stack-index.js';

export interface EvalContext {
  app: readonly StackIndex[];
  stack: StackIndex | null;
  logicalId: string | null;
  node: unknown;
}

/** The context of another resource of `stack`, for relations. */
export function resourceContext(app: readonly StackIndex[], stack: StackIndex, logicalId: string): EvalContext {
  return { app, stack, logicalId, node: stack.properties(logicalId) };
}

/** The resource the context is about, as evidence (none in app scope). */
export function here(ctx: EvalContext): Evidence {
  return ctx.stack && ctx.logicalId ? Evidence.of({ stackName: ctx.stack.stackName, logicalId: ctx.logicalId }) : new Evidence();
}

/** Prefixes each reason, e.g. with the related resource or the array element it came from. */
export function prefixed(prefix: string, reasons: readonly string[]): string[] {
  return reasons.map((reason) => `${prefix}: ${reason}`);
}
