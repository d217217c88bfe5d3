/**
 * Runs one of a rule's examples through the engine and returns the evaluation the example is about: the named
 * resource (or the only resource of the rule's types), or the app-wide evaluation for app-scope rules.
 */

import { evaluateApp } from '../../src/core/controls/evaluate.js';
import { APP_SCOPE, type ControlEvaluation } from '../../src/core/controls/results.js';
import type { ControlRule, RuleExample } from '../../src/core/controls/types.js';
import type { CfnResource } from '../../src/core/template.js';

export function stacksOf(example: RuleExample): Array<{ stackName: string; template: { Resources: Record<string, CfnResource> } }> {
  const stacks = example.stacks ?? { Example: example.resources ?? {} };
  return Object.entries(stacks).map(([stackName, resources]) => ({ stackName, template: { Resources: resources } }));
}

export function runExample(rule: ControlRule, example: RuleExample): ControlEvaluation {
  const evaluations = evaluateApp([rule], stacksOf(example));
  if (rule.scope === 'app') {
    const [app] = evaluations.filter((e) => e.resource === APP_SCOPE);
    if (!app) throw new Error('no app-scope evaluation');
    return app;
  }
  const matching = example.resource ? evaluations.filter((e) => e.resource === example.resource) : evaluations;
  if (matching.length !== 1) {
    throw new Error(`expected one evaluation for ${example.resource ?? 'the example'}, got ${matching.length}: ${matching.map((e) => e.resource).join(', ')}`);
  }
  return matching[0]!;
}
