/**
 * The pure pipeline: diff → classify → propagate → controls → verdict → report. It takes templates, rules and the
 * policy, and returns data; it touches no file, network or environment. The CLI and the App both call it.
 */

import type { BehaviourLookup } from './behaviour-lookup.js';
import type { ClassifiedChange, ClassifyContext } from './classify-resource.js';
import { emptyDowntimeCounts } from './downtime.js';
import type { ReviewPolicy } from './policy.js';
import type { Baseline, ReviewReport, StackReport } from './report.js';
import { reviewStack } from './review-stack.js';
import type { SpecFacts } from './spec-facts.js';
import type { StackInput } from './template.js';
import { applyPolicy } from './verdict.js';

export interface ReviewInput {
  stacks: StackInput[];
  baseline: Baseline;
  behaviours: BehaviourLookup;
  facts: SpecFacts;
  policy: ReviewPolicy;
}

export interface StackOutcome {
  stack: StackInput;
  report: StackReport;
  changes: ClassifiedChange[];
}

export function review(input: ReviewInput): ReviewReport {
  const ctx: ClassifyContext = {
    behaviours: input.behaviours,
    facts: input.facts,
    isStateful: (type) => input.policy.isStateful(type, input.facts.isStateful(type)),
  };
  const outcomes: StackOutcome[] = input.stacks.map((stack) => ({ stack, ...reviewStack(stack, ctx) }));
  for (const outcome of outcomes) {
    for (const change of outcome.changes) applyPolicy(outcome.report.stackName, change, input.policy);
  }
  return assemble(outcomes.map((o) => o.report), input.baseline);
}

function assemble(stacks: StackReport[], baseline: Baseline): ReviewReport {
  const changes = stacks.flatMap((s) => s.changes);
  const byDowntime = emptyDowntimeCounts();
  for (const change of changes) byDowntime[change.downtime]++;
  const controls = changes.flatMap((c) => c.controls);
  const blocking = changes.filter((c) => c.blocking).length;
  return {
    schemaVersion: 1,
    conclusion: blocking > 0 ? 'failure' : 'success',
    baseline,
    summary: {
      stacks: stacks.length,
      changes: changes.length,
      blocking,
      regressions: controls.filter((c) => c.effect === 'regression').length,
      improvements: controls.filter((c) => c.effect === 'improvement').length,
      byDowntime,
    },
    stacks,
  };
}
