/**
 * Value tests: `path` (or `attribute`) of the current node compared with equals / in / matches / ..., a named
 * predicate, or a condition applied to every / some / none of a list's items. A missing value takes the test's
 * explicit `missing` meaning; an intrinsic stackguard cannot resolve makes the test unknown.
 */

import { type EvalContext, here, prefixed } from './context.js';
import { allOf, anyOf, type Outcome, negate, outcome } from './outcome.js';
import { PREDICATES } from './predicates/index.js';
import type { Condition, Scalar } from './types.js';
import { asList, asNumber, describe, isIntrinsic, type Lookup, lookup, scalarEquals } from './values.js';

type Evaluate = (condition: Condition, ctx: EvalContext) => Outcome;

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let compiled = regexCache.get(source);
  if (!compiled) {
    compiled = new RegExp(source);
    regexCache.set(source, compiled);
  }
  return compiled;
}

function subjectOf(test: Condition, ctx: EvalContext): Lookup {
  if (test.attribute) {
    const resource = ctx.stack && ctx.logicalId ? ctx.stack.resources[ctx.logicalId] : undefined;
    return lookup(resource, test.attribute);
  }
  return lookup(ctx.node, test.path);
}

/** Present and not empty: an empty list or string configures nothing. */
function isPresent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return true;
}

function showList(values: readonly Scalar[]): string {
  return values.map((v) => describe(v)).join(', ');
}

function compare(test: Condition, label: string, value: unknown): { ok: boolean | 'unknown'; expected: string } {
  if (test.equals !== undefined) return { ok: scalarEquals(value, test.equals), expected: `expected ${describe(test.equals)}` };
  if (test.notEquals !== undefined) return { ok: !scalarEquals(value, test.notEquals), expected: `must not be ${describe(test.notEquals)}` };
  if (test.in) return { ok: test.in.some((e) => scalarEquals(value, e)), expected: `expected one of ${showList(test.in)}` };
  if (test.notIn) return { ok: !test.notIn.some((e) => scalarEquals(value, e)), expected: `must not be one of ${showList(test.notIn)}` };
  if (test.matches !== undefined) return { ok: typeof value === 'string' && regex(test.matches).test(value), expected: `expected to match /${test.matches}/` };
  if (test.atLeast !== undefined) {
    const number = asNumber(value);
    return { ok: number !== undefined && number >= test.atLeast, expected: `expected at least ${test.atLeast}` };
  }
  if (test.contains !== undefined) {
    const items = asList(value);
    const found = items.some((item) => scalarEquals(item, test.contains!));
    return { ok: found ? true : items.some(isIntrinsic) ? 'unknown' : false, expected: `expected to contain ${describe(test.contains)}` };
  }
  throw new Error(`value test on ${label} has no operator`);
}

function quantify(test: Condition, label: string, value: unknown, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const inner = (test.every ?? test.some ?? test.none)!;
  const items = asList(value);
  const results = items.map((item, i) => {
    const r = evaluate(inner, { ...ctx, node: item });
    return { ...r, reasons: prefixed(Array.isArray(value) ? `${label}[${i}]` : label, r.reasons) };
  });
  if (test.every) {
    return results.length === 0 ? outcome('pass', [`${label} has no entries`], here(ctx)) : allOf(results);
  }
  const some = results.length === 0 ? outcome('fail', [`${label} has no entries`], here(ctx)) : anyOf(results);
  if (test.some) return some;
  return negate(some, [`no entry of ${label} matches`]);
}

export function evaluateValueTest(test: Condition, ctx: EvalContext, evaluate: Evaluate): Outcome {
  const label = test.path ?? test.attribute ?? 'the value';
  const subject = subjectOf(test, ctx);
  const evidence = here(ctx);

  if (test.exists !== undefined) {
    const present =
      subject.kind === 'value' ? isPresent(subject.value) : subject.kind === 'missing' ? false : Object.hasOwn(subject.value as object, 'Fn::If') ? undefined : true;
    if (present === undefined) return outcome('unknown', [`${label} is ${describe((subject as { value: unknown }).value)}: it may or may not be set`], evidence);
    return outcome(present === test.exists ? 'pass' : 'fail', [present ? `${label} is set` : `${label} is not set`], evidence);
  }
  if (subject.kind === 'missing') {
    const meaning = test.missing ?? 'fail';
    return outcome(meaning, [`${label} is not set (${meaning === 'pass' ? 'passes' : meaning === 'fail' ? 'fails' : 'not judged'} when missing)`], evidence);
  }
  if (subject.kind === 'unresolvable') {
    return outcome('unknown', [`${label} is ${describe(subject.value)}, which stackguard cannot resolve statically`], evidence);
  }
  if (test.every || test.some || test.none) return quantify(test, label, subject.value, ctx, evaluate);
  if (test.predicate !== undefined) {
    const predicate = PREDICATES[test.predicate];
    if (!predicate) throw new Error(`unknown predicate ${test.predicate}`);
    const result = predicate(subject.value, test.params ?? {});
    return outcome(result.verdict, [test.path ? `${label}: ${result.reason}` : result.reason], evidence);
  }
  const { ok, expected } = compare(test, label, subject.value);
  if (ok === 'unknown') return outcome('unknown', [`${label} is ${describe(subject.value)}, which stackguard cannot resolve statically`], evidence);
  return outcome(ok ? 'pass' : 'fail', [ok ? `${label} is ${describe(subject.value)}` : `${label} is ${describe(subject.value)}, ${expected}`], evidence);
}
