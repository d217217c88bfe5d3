/** Builds the base side: every planned stack, each from its own forked generator so stacks are independent. */

import { planStacks, type Sizes } from './layout.js';
import type { StackModel } from './model.js';
import { Prng } from './prng.js';
import { StackBuilder } from './stack-builder.js';

export function buildBase(seed: string, sizes: Sizes): StackModel[] {
  const root = new Prng(seed);
  return planStacks(sizes).map((plan) => {
    const builder = new StackBuilder(plan.identity, root.fork(`base/${plan.identity.stackName}`));
    plan.build(builder);
    return builder.finish();
  });
}
