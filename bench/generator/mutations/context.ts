/** What a mutation of the head side works on, and the helpers every mutation shares. */

import type { JsonObject } from '../intrinsics.js';
import { constructPathOf, type ResourceJson, type StackModel } from '../model.js';
import type { Prng } from '../prng.js';
import type { StackBuilder } from '../stack-builder.js';

export type ChangeKind = 'update' | 'replace' | 'delete' | 'add' | 'rename';

export interface MutationContext {
  /** The head-side stack, mutated in place. */
  model: StackModel;
  /** Adds constructs to the head-side stack. */
  builder: StackBuilder;
  prng: Prng;
  /** Logical ids already changed in this stack: each resource is changed by one mutation at most. */
  touched: Set<string>;
}

export interface Mutation {
  name: string;
  /** How often the mutation is drawn, relative to the others: the mix a busy week of PRs produces. */
  weight: number;
  kind: ChangeKind;
  /** Resource types the mutation starts from (the anchor: the resource changed, or the one an addition is for). */
  types: readonly string[];
  /** Optional finer test on the anchor. */
  accepts?: (resource: ResourceJson, logicalId: string, context: MutationContext) => boolean;
  /** Applies the change; returns the logical ids it changed, added or removed. */
  apply: (context: MutationContext, logicalId: string) => string[];
}

export function resourceOf(context: MutationContext, logicalId: string): ResourceJson {
  const resource = context.model.template.Resources[logicalId];
  if (!resource) throw new Error(`${context.model.stackName}: no resource ${logicalId} to mutate`);
  return resource;
}

export function propertiesOf(context: MutationContext, logicalId: string): JsonObject {
  const resource = resourceOf(context, logicalId);
  return (resource.Properties ??= {});
}

/** The construct path below the stack, as components: `Prod-Api/Handler3/Resource` → `['Handler3', 'Resource']`. */
export function componentsOf(resource: ResourceJson): string[] {
  return constructPathOf(resource).split('/').slice(1);
}

/** Sets or changes one tag, keeping the list sorted by key as CDK renders it. */
export function setTag(properties: JsonObject, key: string, value: string): void {
  const current = Array.isArray(properties['Tags']) ? properties['Tags'] : [];
  const others = current.filter((tag) => !(tag !== null && typeof tag === 'object' && !Array.isArray(tag) && tag['Key'] === key));
  properties['Tags'] = [...others, { Key: key, Value: value }].sort((a, b) =>
    String((a as JsonObject)['Key']).localeCompare(String((b as JsonObject)['Key'])),
  );
}
