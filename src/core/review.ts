/**
 * The pure pipeline: diff → classify → propagate → controls → verdict → report. It takes templates, rules and the
 * policy, and returns data; it touches no file, network or environment. The CLI and the App both call it.
 */

import { attachControls } from './attach-controls.js';
import type { BehaviourLookup } from './behaviour-lookup.js';
import type { ClassifiedChange, ClassifyContext } from './classify-resource.js';
import type { ControlRule } from './controls/index.js';
import { downtimeRank, emptyDowntimeCounts } from './downtime.js';
import type { ReviewPolicy } from './policy.js';
import type { Baseline, ChangeReport, Posture, ReviewReport, StackReport } from './report.js';
import { reviewStack } from './review-stack.js';
import type { SpecFacts } from './spec-facts.js';
import type { StackInput } from './template.js';
import { StackguardInputError } from '../errors.js';
import { applyPolicy, judgeControl } from './verdict.js';

export interface ReviewInput {
  stacks: StackInput[];
  baseline: Baseline;
  behaviours: BehaviourLookup;
  facts: SpecFacts;
  policy: ReviewPolicy;
  /** SOC 2 control rules (rules/controls/); none means no control impact is assessed. */
  controls?: readonly ControlRule[];
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
  const outcomes: StackOutcome[] = input.stacks.map((stack) => ({ stack, ...reviewOne(stack, ctx) }));
  const posture = attachControls(outcomes, input.controls ?? []);
  for (const outcome of outcomes) {
    for (const change of outcome.changes) applyPolicy(outcome.report.stackName, change, input.policy);
    outcome.report.changes = outcome.changes.map((c) => c.report).sort(worstFirst);
  }
  // A control change whose cause is not a resource change still counts: fail closed on it.
  for (const control of posture.unattached) {
    const judgement = judgeControl(control.stackName, control, input.policy);
    if (judgement.cause) Object.assign(control, { blocking: true, blockedBy: [judgement.cause] });
  }
  return assemble(outcomes.map((o) => o.report), input.baseline, posture);
}

/** One stack; a template the diff cannot digest is an input error that names the stack, never a bare crash. */
function reviewOne(stack: StackInput, ctx: ClassifyContext): ReturnType<typeof reviewStack> {
  try {
    return reviewStack(stack, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StackguardInputError(`stack ${stack.stackName}: its templates could not be diffed (${message}). Check the template for malformed values.`, 'diff');
  }
}

/** Blocking changes first, then by downtime (worst first), then by logical id: each stack reads as a triage list. */
function worstFirst(a: ChangeReport, b: ChangeReport): number {
  return Number(b.blocking) - Number(a.blocking) || downtimeRank(b.downtime) - downtimeRank(a.downtime) || a.logicalId.localeCompare(b.logicalId);
}

function assemble(stacks: StackReport[], baseline: Baseline, posture: Posture): ReviewReport {
  const changes = stacks.flatMap((s) => s.changes);
  const byDowntime = emptyDowntimeCounts();
  for (const change of changes) byDowntime[change.downtime]++;
  const controls = [...changes.flatMap((c) => c.controls), ...posture.unattached];
  const blocking = changes.filter((c) => c.blocking).length + posture.unattached.filter((c) => c.blocking).length;
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
    posture,
  };
}
