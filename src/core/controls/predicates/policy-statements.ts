/**
 * Reading IAM-style policy documents (bucket, key, topic and identity policies) out of templates, where any part
 * may be an intrinsic: a statement list behind `Fn::If`, a principal built with `Fn::Join`. Each helper answers
 * yes / no / unknown instead of guessing.
 */

import { isIntrinsic, scalarEquals } from '../values.js';

export type Tri = true | false | 'unknown';

export interface Statements {
  statements: Array<Record<string, unknown>>;
  /** Some statement (or the whole list) is an intrinsic stackguard cannot read. */
  unresolved: boolean;
}

/** The statements of a policy document given as an object or a JSON string. */
export function statementsOf(document: unknown): Statements {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return { statements: [], unresolved: true };
    }
  }
  if (isIntrinsic(doc)) return { statements: [], unresolved: true };
  const raw = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['Statement'] : undefined;
  if (raw === undefined) return { statements: [], unresolved: false };
  if (isIntrinsic(raw)) return { statements: [], unresolved: true };
  const list = Array.isArray(raw) ? raw : [raw];
  const statements = list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !isIntrinsic(s));
  return { statements, unresolved: statements.length < list.length };
}

/**
 * Whether an intrinsic might evaluate to the wildcard `wanted`. GetAtt yields ids, names and ARNs; a Join or Sub
 * with literal text outside `wanted`'s characters (an ARN prefix, "/*") cannot equal it. Anything else might.
 */
function mightBe(intrinsic: Record<string, unknown>, wanted: string): boolean {
  const [fn, arg] = Object.entries(intrinsic)[0]!;
  const foreign = (text: string) => [...text].some((ch) => !wanted.includes(ch));
  if (fn === 'Fn::GetAtt') return false;
  if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
    const literals = (arg[1] as unknown[]).filter((p): p is string => typeof p === 'string').join('');
    const separator = typeof arg[0] === 'string' && arg[1].length > 1 ? arg[0] : '';
    return !foreign(literals + separator);
  }
  if (fn === 'Fn::Sub') {
    const text = Array.isArray(arg) ? arg[0] : arg;
    return typeof text !== 'string' || !foreign(text.replace(/\$\{[^}]*\}/g, ''));
  }
  return true;
}

/** True when the list (or single value) contains `wanted`; unknown when it does not but an intrinsic might be it. */
export function listIncludes(value: unknown, wanted: string): Tri {
  if (value === undefined) return false;
  if (isIntrinsic(value)) return mightBe(value, wanted) ? 'unknown' : false;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item === 'string' && item === wanted)) return true;
  return list.some((item) => isIntrinsic(item) && mightBe(item, wanted)) ? 'unknown' : false;
}

/** `Principal: '*'`, `{AWS: '*'}` or `{AWS: [..., '*']}`: anyone, including anonymous callers. */
export function isPublicPrincipal(principal: unknown): Tri {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  if (isIntrinsic(principal)) return listIncludes(principal, '*');
  if (typeof principal !== 'object' || principal === null) return false;
  return listIncludes((principal as Record<string, unknown>)['AWS'], '*');
}

export function effectIs(statement: Record<string, unknown>, effect: 'Allow' | 'Deny'): Tri {
  const value = statement['Effect'];
  if (isIntrinsic(value)) return 'unknown';
  return value === effect;
}

/** `Condition: {Bool: {'aws:SecureTransport': 'false'}}` (or BoolIfExists). */
export function deniesInsecureTransportCondition(condition: unknown): Tri {
  if (isIntrinsic(condition)) return 'unknown';
  if (typeof condition !== 'object' || condition === null) return false;
  for (const operator of ['Bool', 'BoolIfExists']) {
    const block = (condition as Record<string, unknown>)[operator];
    if (typeof block !== 'object' || block === null) continue;
    const value = (block as Record<string, unknown>)['aws:SecureTransport'];
    if (isIntrinsic(value)) return 'unknown';
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => scalarEquals(v, false))) return true;
  }
  return false;
}

/** Kleene "and" of tri-state answers. */
export function both(...answers: Tri[]): Tri {
  if (answers.includes(false)) return false;
  return answers.includes('unknown') ? 'unknown' : true;
}

/**
 * Index of the first statement for which `test` is true; 'unknown' when none is but some (or an unreadable
 * statement) might be; -1 when none is.
 */
export function findStatement(doc: Statements, test: (s: Record<string, unknown>) => Tri): number | 'unknown' {
  let unknown = doc.unresolved;
  for (const [index, statement] of doc.statements.entries()) {
    const answer = test(statement);
    if (answer === true) return index;
    if (answer === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : -1;
}
