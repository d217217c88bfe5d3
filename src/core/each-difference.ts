/**
 * Every changed entry of a cloudformation-diff collection, in the order its `forEachDifference` gives (removed,
 * added, updated, other), computed once.
 *
 * Written here rather than calling `forEachDifference`: that method reads the `changes` getter again for every
 * logical id, and the getter re-filters the whole collection each time, so a stack's cost grows with (changed ×
 * all) resources. At the seed's scale that loop alone took as long as a fifth of the diff itself.
 */

import type { DifferenceCollection, IDifference } from '@aws-cdk/cloudformation-diff';

interface Changeable {
  isAddition?: boolean;
  isRemoval?: boolean;
  isUpdate?: boolean;
}

export function eachDifference<V, T extends IDifference<V>>(collection: DifferenceCollection<V, T>, visit: (logicalId: string, change: T) => void): void {
  const entries = Object.entries(collection.changes);
  const of = (predicate: (change: T & Changeable) => boolean) => entries.filter(([, change]) => predicate(change as T & Changeable));
  const removed = of((c) => c.isAddition !== true && c.isRemoval === true);
  const added = of((c) => c.isAddition === true);
  const updated = of((c) => c.isAddition !== true && c.isRemoval !== true && c.isUpdate === true);
  const others = of((c) => c.isAddition !== true && c.isRemoval !== true && c.isUpdate !== true);
  for (const [logicalId, change] of [...removed, ...added, ...updated, ...others]) visit(logicalId, change);
}
