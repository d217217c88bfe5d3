/**
 * Which leaf paths of one top-level property differ between base and head. Rules are keyed by these
 * paths, so the walk mirrors how rules are written: object keys become path segments, array indices
 * are dropped, and intrinsic functions (`Ref`, `Fn::*`) are leaves.
 */

import { isIntrinsic, isPlainObject, sameValue } from './values.js';

function isStructure(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !isIntrinsic(value);
}

function walk(path: string, oldValue: unknown, newValue: unknown, out: Set<string>): void {
  if (sameValue(oldValue, newValue)) return;

  const oldIsStructure = isStructure(oldValue);
  const newIsStructure = isStructure(newValue);
  // An object on both sides, or an object added or removed: descend so the leaves are named.
  if ((oldIsStructure && (newIsStructure || newValue === undefined)) || (newIsStructure && oldValue === undefined)) {
    const before = oldIsStructure ? oldValue : {};
    const after = newIsStructure ? newValue : {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(`${path}.${key}`, before[key], after[key], out);
    }
    return;
  }

  // Same-length arrays are compared element by element; the index is not part of the path.
  if (Array.isArray(oldValue) && Array.isArray(newValue) && oldValue.length === newValue.length) {
    oldValue.forEach((item, i) => walk(path, item, newValue[i], out));
    return;
  }

  // A scalar, an intrinsic, a type change or a list that grew or shrank: the change is at this path.
  out.add(path);
}

/**
 * Leaf paths that differ between two values of `propertyName`, prefixed with the property name and
 * without array indices, e.g. `['ContainerDefinitions.Environment']` when a variable is added.
 * Returns `[]` when the values are equal (with CloudFormation's `10` = `"10"` leniency).
 */
export function changedPaths(propertyName: string, oldValue: unknown, newValue: unknown): string[] {
  const out = new Set<string>();
  walk(propertyName, oldValue, newValue, out);
  return [...out];
}
