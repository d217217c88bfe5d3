/**
 * Conditions that look at other resources: who refers to this one (a bucket policy naming the bucket), what this
 * one refers to (an instance's launch template), resources joined on literal values (an alarm on a metric filter's
 * metric), and app-wide existence (a multi-Region trail in any stack). Related resources that decide the result
 * become evidence, so a regression can be traced to the change that caused it (a deleted bucket policy).
 */

import { type EvalContext, here, prefixed, resourceContext } from './context.js';
import { anyOf, Evidence, type Outcome, outcome } from './outcome.js';
import type { StackIndex } from './stack-index.js';
import type { AnyResourceTest, Condition, JoinTest, ReferenceTest, RelationTest } from './types.js';
import { describe, lookup, reachable } from './values.js';

type Evaluate = (condition: Condition, ctx: EvalContext) => Outcome;

function typesOf(type: string | string[]): string[] {
  return Array.isArray(type) ? type : [type];
}

function requireResource(ctx: EvalContext, what: string): { stack: StackIndex; logicalId: string } {
  if (!ctx.stack || !ctx.logicalId) throw new Error(`${what} needs a resource to relate to (it is not available in app scope)`);
  return { stack: ctx.stack, logicalId: ctx.logicalId };
}

/** Evaluates `where` on each related resource; the related resource is always part of its own evidence. */
function judgeEach(
  ctx: EvalContext,
  stack: StackIndex,
  ids: readonly string[],
  where: Condition | undefined,
  evaluate: Evaluate,
  relation: (id: string) => string,
): Outcome[] {
  return ids.map((id) => {
    const self = Evidence.of({ stackName: stack.stackName, logicalId: id });
    if (!where) return outcome('pass', [relation(id)], self);
    const result = evaluate(where, resourceContext(ctx.app, stack, id));
    return outcome(result.verdict, prefixed(id, result.reasons), self.merge(result.evidence));
  });
}

function countMatches(results: readonly Outcome[], atLeast: number, subject: string, evidence: Evidence): Outcome {
  const passed = results.filter((r) => r.verdict === 'pass');
  const unknown = results.filter((r) => r.verdict === 'unknown');
  const all = results.reduce((e, r) => e.merge(r.evidence), new Evidence());
  if (passed.length >= atLeast) {
    return outcome('pass', passed.flatMap((r) => r.reasons), passed.reduce((e, r) => e.merge(r.evidence), evidence));
  }
  if (passed.length + unknown.length >= atLeast) return outcome('unknown', unknown.flatMap((r) => r.reasons), evidence.merge(all));
  const reasons = results.length === 0 ? [`no ${subject}`] : results.flatMap((r) => r.reasons);
  if (atLeast > 1) reasons.unshift(`${passed.length} ${subject}, ${atLeast} required`);
  return outcome('fail', reasons, evidence.merge(all));
}

export function referencedBy(test: RelationTest, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const { stack, logicalId } = requireResource(ctx, 'referencedBy');
  const types = typesOf(test.type);
  const results = judgeEach(ctx, stack, stack.referrersOf(logicalId, types, test.path), test.where, evaluate, (id) => `${id} refers to it through ${test.path}`);
  return countMatches(results, test.atLeast ?? 1, `${types.join(' or ')} referring to it through ${test.path}`, here(ctx));
}

export function notReferencedBy(test: RelationTest, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const { stack, logicalId } = requireResource(ctx, 'notReferencedBy');
  const types = typesOf(test.type);
  const results = judgeEach(ctx, stack, stack.referrersOf(logicalId, types, test.path), test.where, evaluate, (id) => `${id} refers to it through ${test.path}`);
  const matched = results.filter((r) => r.verdict === 'pass');
  const all = results.reduce((e, r) => e.merge(r.evidence), here(ctx));
  if (matched.length > 0) return outcome('fail', matched.flatMap((r) => r.reasons), matched.reduce((e, r) => e.merge(r.evidence), here(ctx)));
  const unknown = results.filter((r) => r.verdict === 'unknown');
  if (unknown.length > 0) return outcome('unknown', unknown.flatMap((r) => r.reasons), all);
  return outcome('pass', [`no ${types.join(' or ')} referring to it through ${test.path}${test.where ? ' matches' : ''}`], all);
}

export function references(test: ReferenceTest, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const { stack, logicalId } = requireResource(ctx, 'references');
  const values = reachable(ctx.node, test.path);
  if (values.length === 0) {
    return outcome(test.missing, [`${test.path} is not set (${test.missing === 'pass' ? 'passes' : test.missing === 'fail' ? 'fails' : 'not judged'} when missing)`], here(ctx));
  }
  const targets = stack.targetsOf(values, test.type ? typesOf(test.type) : undefined, logicalId);
  if (targets.length === 0) {
    return outcome('unknown', [`${test.path} (${describe(values[0])}) refers to nothing in this template`], here(ctx));
  }
  const results = judgeEach(ctx, stack, targets, test.where, evaluate, (id) => `${test.path} refers to ${id}`);
  const result = anyOf(results);
  return { ...result, evidence: here(ctx).merge(result.evidence) };
}

export function joinedBy(test: JoinTest, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const { stack } = requireResource(ctx, 'joinedBy');
  const theirPaths = Object.keys(test.on);
  const values: string[] = [];
  for (const ourPath of Object.values(test.on)) {
    const found = lookup(ctx.node, ourPath);
    if (found.kind === 'missing') return outcome('fail', [`${ourPath} is not set, so no ${test.type} can match it`], here(ctx));
    if (found.kind === 'unresolvable' || typeof found.value === 'object') {
      return outcome('unknown', [`${ourPath} is ${describe(found.value)}, which stackguard cannot resolve statically`], here(ctx));
    }
    values.push(String(found.value));
  }
  const on = theirPaths.map((p, i) => `${p} ${describe(values[i])}`).join(', ');
  const results = judgeEach(ctx, stack, stack.joined(test.type, theirPaths, values), test.where, evaluate, (id) => `${id} matches ${on}`);
  return countMatches(results, 1, `${test.type} with ${on}`, here(ctx));
}

/** App scope: some resource of the type, in any stack, satisfies `where`. */
export function anyResource(test: AnyResourceTest, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const types = typesOf(test.type);
  const results: Outcome[] = [];
  for (const stack of ctx.app) {
    for (const type of types) {
      for (const id of stack.idsOfType(type)) {
        const self = Evidence.of({ stackName: stack.stackName, logicalId: id });
        const result = test.where ? evaluate(test.where, resourceContext(ctx.app, stack, id)) : outcome('pass', ['exists'], self);
        results.push(outcome(result.verdict, prefixed(`${stack.stackName}/${id}`, result.reasons), self.merge(result.evidence)));
      }
    }
  }
  if (results.length === 0) return outcome('fail', [`no ${types.join(' or ')} in any stack of the app`]);
  return anyOf(results);
}
