/**
 * Old → new values of every updated property, so a reviewer never needs `cdk diff` beside the review: the leaves
 * that differ (intrinsics such as `!Ref X` count as leaves), long values shortened, values that look like secrets
 * masked. Runs after classification and propagation over the changes of one stack; fills `values` on each property
 * change of an update or replacement from the base and head templates.
 *
 * Hand-written: cloudformation-diff formats whole property diffs for a terminal, not single leaves as data.
 */

import { isIntrinsic, isPlainObject, sameValue } from './behaviours/values.js';
import type { ClassifiedChange } from './classify-resource.js';
import type { ValueChange } from './report.js';
import { isPointerKey, looksSecret, MASK } from './secret-values.js';

/** Leaves shown per property; the rest are counted in `valuesOmitted`. */
export const MAX_LEAVES = 8;
/** Longer values are cut in the middle: hashes and ARNs differ at their ends. */
export const MAX_VALUE_LENGTH = 64;

export function attachPropertyValues(changes: Iterable<ClassifiedChange>): void {
  for (const change of changes) {
    const { report, base, head } = change;
    if ((report.action !== 'update' && report.action !== 'replace') || !base || !head) continue;
    for (const property of report.properties) {
      const leaves = changedLeaves(property.path, valueAt(base.Properties, property.path), valueAt(head.Properties, property.path));
      // A reference to a replaced resource keeps its text: no leaf differs, and `values` stays out.
      if (leaves.length > 0) property.values = leaves.slice(0, MAX_LEAVES);
      if (leaves.length > MAX_LEAVES) property.valuesOmitted = leaves.length - MAX_LEAVES;
    }
  }
}

/** The differing leaves between two values of the property at `path`, as display values. */
export function changedLeaves(path: string, oldValue: unknown, newValue: unknown): ValueChange[] {
  const out: ValueChange[] = [];
  walk(path, oldValue, newValue, false, out);
  return out;
}

function walk(path: string, oldValue: unknown, newValue: unknown, secret: boolean, out: ValueChange[]): void {
  if (sameValue(oldValue, newValue)) return;
  const key = lastSegment(path);
  const hidden = looksSecret(key) || (secret && !isPointerKey(key));
  const [before, after] = [oldValue, newValue];
  if ((isStructure(before) || before === undefined) && (isStructure(after) || after === undefined)) {
    const o = (before ?? {}) as Record<string, unknown>;
    const n = (after ?? {}) as Record<string, unknown>;
    // `{ Name: 'DB_PASSWORD', Value: '…' }` (ECS environment, tags): the name says what the value is.
    const named = [o, n].some((side) => [side.Name, side.Key].some((v) => typeof v === 'string' && looksSecret(v)));
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      walk(`${path}.${key}`, o[key], n[key], hidden || (named && key === 'Value'), out);
    }
    return;
  }
  const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : v === undefined ? [] : undefined);
  const [oldList, newList] = [list(before), list(after)];
  if (oldList && newList) {
    // Lists of scalars that grew or shrank read best whole (["a"] → ["a","b"]); anything else element by element.
    const scalars = oldList.every(isLeaf) && newList.every(isLeaf);
    if (!scalars || oldList.length === newList.length) {
      for (let i = 0; i < Math.max(oldList.length, newList.length); i++) walk(`${path}[${i}]`, oldList[i], newList[i], hidden, out);
      return;
    }
  }
  out.push(leaf(path, before, after, hidden));
}

function leaf(path: string, oldValue: unknown, newValue: unknown, hiddenByName: boolean): ValueChange {
  const strings = [oldValue, newValue].filter((v): v is string => typeof v === 'string');
  const masked = strings.some((v) => hiddenByName || looksSecret(undefined, v));
  const show = (v: unknown): string | null => (v === undefined ? null : masked ? MASK : display(v));
  return masked ? { path, old: show(oldValue), new: show(newValue), masked: true } : { path, old: show(oldValue), new: show(newValue) };
}

/** A value as a reviewer reads it: strings bare, intrinsics in their YAML short form, the rest as compact JSON. */
export function display(value: unknown): string {
  return shorten(typeof value === 'string' ? value : isIntrinsic(value) ? intrinsicText(value as Record<string, unknown>) : JSON.stringify(value));
}

function intrinsicText(value: Record<string, unknown>): string {
  const [fn, arg] = Object.entries(value)[0]!;
  if (fn === 'Ref') return `!Ref ${String(arg)}`;
  if (fn === 'Fn::GetAtt') return `!GetAtt ${Array.isArray(arg) ? arg.join('.') : String(arg)}`;
  return `!${fn.slice('Fn::'.length)} ${JSON.stringify(arg)}`;
}

export function shorten(text: string): string {
  if (text.length <= MAX_VALUE_LENGTH) return text;
  const tail = 20;
  return `${text.slice(0, MAX_VALUE_LENGTH - tail - 1)}…${text.slice(-tail)}`;
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !isIntrinsic(value);
}

function isLeaf(value: unknown): boolean {
  return !isStructure(value) && !Array.isArray(value);
}

function lastSegment(path: string): string {
  return path.replace(/\[\d+\]$/, '').split('.').at(-1) ?? path;
}

function valueAt(properties: Record<string, unknown> | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), properties);
}
