/**
 * Evaluates the SOC 2 control rules on both sides and puts each regression or improvement on the change that
 * causes it. `resource` stays the resource the control is evaluated on: deleting a bucket policy regresses S3.5 on
 * the bucket, and the finding sits on the policy's deletion. Controls failing on both sides go to the posture
 * summary instead of the change list.
 */

import type { ClassifiedChange } from './classify-resource.js';
import { compareControls, evaluateApp, evidenceLocations, type ControlDelta, type ControlEvaluation, type ControlRule, type StackTemplate } from './controls/index.js';
import type { ControlImpact, Posture } from './report.js';
import type { StackInput } from './template.js';

export interface StackChanges {
  stack: StackInput;
  changes: ClassifiedChange[];
}

export function attachControls(outcomes: readonly StackChanges[], rules: readonly ControlRule[]): Posture {
  const side = (pick: (s: StackInput) => StackInput['base']): StackTemplate[] =>
    outcomes.flatMap(({ stack }) => {
      const template = pick(stack);
      return template ? [{ stackName: stack.stackName, template }] : [];
    });
  // A stack removed from the app keeps running (CloudFormation does not delete it), so its resources still count
  // on the head side: removing it from the code does not regress, nor improve, any control.
  const baseEvaluations = evaluateApp(rules, side((s) => s.base));
  const renamed = new Map<string, string>();
  for (const { stack, changes } of outcomes) {
    for (const { report } of changes) if (report.renamedFrom) renamed.set(`${stack.stackName}\u0000${report.logicalId}`, report.renamedFrom);
  }
  const comparison = compareControls(baseEvaluations, evaluateApp(rules, side((s) => s.head ?? s.base)), (stackName, logicalId) =>
    renamed.get(`${stackName}\u0000${logicalId}`),
  );

  const byLocation = new Map<string, ClassifiedChange>();
  for (const { stack, changes } of outcomes) {
    for (const change of changes) byLocation.set(`${stack.stackName}\u0000${change.report.logicalId}`, change);
  }

  const remediationOf = new Map(rules.map((rule) => [rule.id, rule.remediation]));
  const unattached: Posture['unattached'] = [];
  for (const delta of comparison.deltas) {
    const evaluation = (delta.head ?? delta.base)!;
    const impact = toImpact(delta, evaluation);
    const change = causeOf(delta, byLocation);
    if (change) {
      change.report.controls.push(impact);
      const remediation = remediationOf.get(impact.ruleId ?? '');
      if (delta.effect === 'regression' && remediation) change.report.advice.push(`${impact.controlId}: ${remediation}`);
    }
    else unattached.push({ ...impact, stackName: evaluation.stackName, blocking: false, blockedBy: [] });
  }

  warnAboutLostJudgements(comparison.unknown, baseEvaluations, byLocation, renamed);

  return {
    stillFailing: groupByControl(comparison.stillFailing),
    notJudged: comparison.unknown.length,
    ruleErrors: comparison.errors.map(({ side: which, evaluation }) => ({
      side: which,
      ruleId: evaluation.ruleId,
      stackName: evaluation.stackName,
      resource: evaluation.resource,
      message: evaluation.message ?? 'the rule failed to evaluate',
    })),
    unattached,
  };
}

/**
 * A control that passed on the base side and can no longer be judged on the head side (a value became a parameter
 * reference or an Fn::If) is not a regression stackguard can prove, but a reviewer must check it by hand.
 */
function warnAboutLostJudgements(
  unknown: readonly ControlEvaluation[],
  base: readonly ControlEvaluation[],
  byLocation: Map<string, ClassifiedChange>,
  renamed: ReadonlyMap<string, string>,
): void {
  const passedBefore = new Set(base.filter((e) => e.status === 'pass').map((e) => `${e.ruleId}\u0000${e.stackName}\u0000${e.resource}`));
  for (const evaluation of unknown) {
    const resource = renamed.get(`${evaluation.stackName}\u0000${evaluation.resource}`) ?? evaluation.resource;
    if (!passedBefore.has(`${evaluation.ruleId}\u0000${evaluation.stackName}\u0000${resource}`)) continue;
    const change = causeOf({ effect: 'regression', head: evaluation }, byLocation);
    change?.report.warnings.push(
      `${evaluation.controlId} (${evaluation.severity}) passed before and can no longer be judged statically on ${evaluation.resource}` +
        `${evaluation.message ? ` (${evaluation.message})` : ''}: check it by hand.`,
    );
  }
}

/** The changed resource among the evidence, the evaluated resource itself first. */
function causeOf(delta: ControlDelta, byLocation: Map<string, ClassifiedChange>): ClassifiedChange | undefined {
  const candidates = [...(delta.head ? evidenceLocations(delta.head) : []), ...(delta.base ? evidenceLocations(delta.base) : [])];
  for (const { stackName, logicalId } of candidates) {
    const change = byLocation.get(`${stackName}\u0000${logicalId}`);
    if (change) return change;
  }
  return undefined;
}

function toImpact(delta: ControlDelta, evaluation: ControlEvaluation): ControlImpact {
  return {
    controlId: evaluation.controlId,
    title: evaluation.title,
    severity: evaluation.severity,
    effect: delta.effect,
    soc2: evaluation.soc2,
    resource: evaluation.resource,
    ruleId: evaluation.ruleId,
  };
}

function groupByControl(failing: readonly ControlEvaluation[]): Posture['stillFailing'] {
  const groups = new Map<string, Posture['stillFailing'][number]>();
  for (const e of failing) {
    const group = groups.get(e.ruleId);
    if (group) group.resources++;
    else groups.set(e.ruleId, { controlId: e.controlId, ruleId: e.ruleId, title: e.title, severity: e.severity, soc2: e.soc2, resources: 1 });
  }
  return [...groups.values()];
}
