/** Counts of what was generated: resources per side and how many differ, computed from the templates. */

import { countedResources, type ResourceJson, type StackModel } from './model.js';

export interface PairCounts {
  stacks: number;
  baseResources: number;
  headResources: number;
  /**
   * Resources whose template text differs between base and head, counted per logical id: updated or replaced
   * in place (1 each), deleted (1), added (1); a rename counts twice (a delete and an add). `AWS::CDK::Metadata`
   * is not counted. Changes stackguard derives on top (cascades through references) are not in this count.
   */
  changedResources: number;
}

export function countPair(base: readonly StackModel[], head: readonly StackModel[]): PairCounts {
  const headByName = new Map(head.map((stack) => [stack.stackName, stack]));
  let changedResources = 0;
  for (const baseStack of base) {
    const before = new Map(countedResources(baseStack.template));
    const headTemplate = headByName.get(baseStack.stackName)?.template ?? { Resources: {}, Parameters: {}, Rules: {} };
    const after = new Map(countedResources(headTemplate));
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      if (!sameResource(before.get(id), after.get(id))) changedResources++;
    }
  }
  return {
    stacks: base.length,
    baseResources: total(base),
    headResources: total(head),
    changedResources,
  };
}

function sameResource(a: ResourceJson | undefined, b: ResourceJson | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function total(stacks: readonly StackModel[]): number {
  return stacks.reduce((sum, stack) => sum + countedResources(stack.template).length, 0);
}
