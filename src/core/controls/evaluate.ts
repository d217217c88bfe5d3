/**
 * Evaluates the control rules on one side of a review (all stacks of the app). Indexes are built once per
 * template and each rule visits only the resources of its types, so the cost grows with the number of resources,
 * not with resources × rules. A rule that throws becomes an `error` evaluation with the message: it is shown,
 * never a crash of the review.
 */

import type { CfnTemplate } from '../template.js';
import { CHECKS } from './checks/index.js';
import { evaluateCondition } from './condition.js';
import { prefixed, resourceContext } from './context.js';
import { type Outcome, outcome } from './outcome.js';
import { APP_SCOPE, type ControlEvaluation } from './results.js';
import { StackIndex } from './stack-index.js';
import { type ControlRule, controlIdOf } from './types.js';

const MAX_REASONS = 6;

export interface StackTemplate {
  stackName: string;
  template: CfnTemplate;
}

function messageOf(reasons: readonly string[]): string | undefined {
  const unique = [...new Set(reasons)];
  if (unique.length === 0) return undefined;
  const shown = unique.slice(0, MAX_REASONS).join('; ');
  return unique.length > MAX_REASONS ? `${shown}; and ${unique.length - MAX_REASONS} more` : shown;
}

type Header = Pick<ControlEvaluation, 'ruleId' | 'controlId' | 'title' | 'severity' | 'soc2'>;

function header(rule: ControlRule): Header {
  return {
    ruleId: rule.id,
    controlId: controlIdOf(rule),
    title: rule.title,
    severity: rule.severity,
    soc2: [...new Set(rule.soc2.map((m) => m.criterion))],
  };
}

function errorMessage(rule: ControlRule, error: unknown): string {
  return `rule ${rule.id} failed while evaluating: ${error instanceof Error ? error.message : String(error)}`;
}

function judgeResource(rule: ControlRule, app: readonly StackIndex[], stack: StackIndex, logicalId: string): Outcome | null {
  const ctx = resourceContext(app, stack, logicalId);
  if (rule.when) {
    const applies = evaluateCondition(rule.when, ctx);
    if (applies.verdict === 'fail') return null;
    if (applies.verdict === 'unknown') return outcome('unknown', prefixed('cannot tell whether the rule applies', applies.reasons), applies.evidence);
  }
  if (rule.check) {
    const check = CHECKS[rule.check.name];
    if (!check) throw new Error(`unknown check ${rule.check.name}`);
    return check.run({ stack, logicalId, params: rule.check.params });
  }
  if (!rule.condition) throw new Error('the rule has neither a condition nor a check');
  return evaluateCondition(rule.condition, ctx);
}

function evaluateResource(rule: ControlRule, head: Header, app: readonly StackIndex[], stack: StackIndex, logicalId: string): ControlEvaluation | null {
  const base = { ...head, scope: 'resource' as const, stackName: stack.stackName, resource: logicalId, resourceType: stack.typeOf(logicalId) ?? '' };
  try {
    const result = judgeResource(rule, app, stack, logicalId);
    if (!result) return null;
    const related = result.evidence.list().filter((e) => e.stackName === stack.stackName && e.logicalId !== logicalId);
    return { ...base, status: result.verdict, message: messageOf(result.reasons), evidence: [logicalId, ...related.map((e) => e.logicalId)] };
  } catch (error) {
    return { ...base, status: 'error', message: errorMessage(rule, error), evidence: [logicalId] };
  }
}

function evaluateAppRule(rule: ControlRule, app: readonly StackIndex[]): ControlEvaluation {
  const base = { ...header(rule), scope: 'app' as const, stackName: APP_SCOPE, resource: APP_SCOPE, resourceType: rule.resourceTypes[0] ?? '' };
  try {
    if (!rule.condition) throw new Error('an app-scope rule needs a condition');
    const result = evaluateCondition(rule.condition, { app, stack: null, logicalId: null, node: {} });
    const locations = result.evidence.list();
    return {
      ...base,
      status: result.verdict,
      message: messageOf(result.reasons),
      evidence: locations.map((l) => `${l.stackName}/${l.logicalId}`),
      appEvidence: locations,
    };
  } catch (error) {
    return { ...base, status: 'error', message: errorMessage(rule, error), evidence: [], appEvidence: [] };
  }
}

/** Every rule on every resource of its types in every stack (and app-scope rules once). */
export function evaluateApp(rules: readonly ControlRule[], stacks: readonly StackTemplate[]): ControlEvaluation[] {
  const app = stacks.map((s) => new StackIndex(s.stackName, s.template));
  const evaluations: ControlEvaluation[] = [];
  for (const rule of rules) {
    if (rule.scope === 'app') {
      evaluations.push(evaluateAppRule(rule, app));
      continue;
    }
    const head = header(rule);
    for (const stack of app) {
      for (const type of rule.resourceTypes) {
        for (const logicalId of stack.idsOfType(type)) {
          const evaluation = evaluateResource(rule, head, app, stack, logicalId);
          if (evaluation) evaluations.push(evaluation);
        }
      }
    }
  }
  return evaluations;
}
