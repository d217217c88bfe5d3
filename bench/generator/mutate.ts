/**
 * Makes the head side from the base side: in every stack about `changeRate` of the resources change, in the
 * mix the mutations' weights describe. Each stack draws from its own generator, so the stacks are independent.
 */

import { ADDITIONS } from './mutations/additions.js';
import type { Mutation, MutationContext } from './mutations/context.js';
import { LAMBDA_CHANGES } from './mutations/lambda-version.js';
import { REMOVALS } from './mutations/removals.js';
import { REPLACEMENTS } from './mutations/replacements.js';
import { UPDATES } from './mutations/updates.js';
import type { StackPlan } from './layout.js';
import { countedResources, type StackModel } from './model.js';
import { Prng } from './prng.js';
import { analytics, StackBuilder } from './stack-builder.js';

const MUTATIONS: readonly Mutation[] = [...UPDATES, ...LAMBDA_CHANGES, ...REPLACEMENTS, ...ADDITIONS, ...REMOVALS];

export interface MutatedStack {
  head: StackModel;
  /** Mutation name → how many times it was applied in this stack. */
  applied: Record<string, number>;
}

export function mutateStack(base: StackModel, plan: StackPlan, seed: string, changeRate: number): MutatedStack {
  const head = structuredClone(base);
  const prng = new Prng(`${seed}/head/${base.stackName}`);
  const builder = new StackBuilder(plan.identity, prng, head);
  const context: MutationContext = { model: head, builder, prng, touched: new Set() };
  const candidates = prng.shuffle(countedResources(base.template).map(([id]) => id));
  // A change may touch several resources (a Lambda version move, a whole scope), so the budget may overshoot a little.
  const budget = Math.max(1, Math.round(candidates.length * changeRate));
  const pool = new Set(MUTATIONS);
  const applied: Record<string, number> = {};
  let changed = 0;
  while (changed < budget && pool.size > 0) {
    const mutation = draw(prng, pool);
    const ids = applyToFirstFit(context, candidates, mutation);
    if (ids.length === 0) {
      pool.delete(mutation); // nothing left in this stack it applies to
      continue;
    }
    applied[mutation.name] = (applied[mutation.name] ?? 0) + 1;
    for (const id of ids) context.touched.add(id);
    changed += ids.length;
  }
  refreshAnalytics(head);
  return { head, applied };
}

function draw(prng: Prng, pool: ReadonlySet<Mutation>): Mutation {
  const mutations = [...pool];
  let point = prng.next() * mutations.reduce((sum, mutation) => sum + mutation.weight, 0);
  for (const mutation of mutations) {
    point -= mutation.weight;
    if (point < 0) return mutation;
  }
  return mutations[mutations.length - 1] as Mutation;
}

/** Applies the mutation to the first untouched candidate it fits; returns the ids it changed ([] if none fit). */
function applyToFirstFit(context: MutationContext, candidates: readonly string[], mutation: Mutation): string[] {
  for (const id of candidates) {
    const resource = context.model.template.Resources[id];
    if (!resource || context.touched.has(id) || !mutation.types.includes(resource.Type)) continue;
    if (mutation.accepts && !mutation.accepts(resource, id, context)) continue;
    const changed = mutation.apply(context, id);
    if (changed.length > 0) return changed;
  }
  return [];
}

/** CDK's analytics string follows the stack's construct mix; additions and deletions change it. */
function refreshAnalytics(head: StackModel): void {
  const metadata = head.template.Resources['CDKMetadata'];
  if (metadata?.Properties) {
    const types = countedResources(head.template).map(([, resource]) => resource.Type);
    metadata.Properties['Analytics'] = analytics(types);
  }
}
