/**
 * Every SOC 2 control rule's examples, run through the whole review: going from a passing example to a failing one
 * is a regression with the rule's Security Hub id and SOC 2 criteria, and going back is an improvement. This is
 * what a reviewer sees on a PR, not only what the rule engine returns.
 */

import { describe, expect, it } from 'vitest';
import { controlIdOf, type ControlRule, type RuleExample } from '../../src/core/controls/index.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { ControlImpact, ReviewReport } from '../../src/core/report.js';
import { review } from '../../src/core/review.js';
import type { CfnResource, StackInput } from '../../src/core/template.js';
import { loadRuleSets } from '../../src/pipeline/rule-sets.js';
import { facts } from './builders.js';

const { behaviours, controls } = loadRuleSets();

function stacksOf(example: RuleExample): Record<string, Record<string, CfnResource>> {
  return example.stacks ?? { Example: example.resources ?? {} };
}

function reviewTransition(from: RuleExample, to: RuleExample, rule: ControlRule): ReviewReport {
  const before = stacksOf(from);
  const after = stacksOf(to);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const stacks: StackInput[] = names.map((stackName) => ({
    stackName,
    base: before[stackName] ? { Resources: before[stackName] } : undefined,
    head: after[stackName] ? { Resources: after[stackName] } : undefined,
  }));
  return review({ stacks, baseline: { kind: 'templates', description: 'rule example' }, behaviours, facts, policy: DEFAULT_POLICY, controls: [rule] });
}

function impacts(report: ReviewReport): ControlImpact[] {
  return [...report.stacks.flatMap((s) => s.changes.flatMap((c) => c.controls)), ...report.posture.unattached];
}

/** The logical id an example is about: its `resource`, or the single resource of the rule's types. */
function subject(example: RuleExample, rule: ControlRule): string | undefined {
  if (example.resource) return example.resource;
  const ids = Object.values(stacksOf(example)).flatMap((resources) =>
    Object.entries(resources).filter(([, r]) => rule.resourceTypes.includes(r.Type)).map(([id]) => id),
  );
  return ids.length === 1 ? ids[0] : undefined;
}

const pairs = controls.map((rule) => {
  const passing = rule.examples.filter((e) => e.expect === 'pass');
  const failing = rule.examples.filter((e) => e.expect === 'fail');
  // Prefer a pair that judges the same resource, so the way back is an improvement of that resource.
  const same = passing.flatMap((p) => failing.filter((f) => subject(f, rule) === subject(p, rule)).map((f) => [p, f] as const));
  return [rule.id, rule, same[0] ?? ([passing[0]!, failing[0]!] as const), same.length > 0] as const;
});

describe.each(pairs)('control rule %s', (_id, rule, [pass, fail], sameSubject) => {
  const soc2 = rule.soc2.map((m) => m.criterion);

  it(`pass → fail is a ${controlIdOf(rule)} regression with its SOC 2 criteria`, () => {
    const found = impacts(reviewTransition(pass, fail, rule)).filter((i) => i.controlId === controlIdOf(rule));
    expect(found).toEqual([expect.objectContaining({ effect: 'regression', severity: rule.severity, soc2: expect.arrayContaining(soc2), ruleId: rule.id })]);
  });

  it.runIf(sameSubject)(`fail → pass is a ${controlIdOf(rule)} improvement`, () => {
    const found = impacts(reviewTransition(fail, pass, rule)).filter((i) => i.controlId === controlIdOf(rule));
    expect(found).toEqual([expect.objectContaining({ effect: 'improvement', soc2: expect.arrayContaining(soc2) })]);
  });
});

it('most rules have examples that show both directions on the same resource', () => {
  const both = pairs.filter(([, , , same]) => same).length;
  expect(both / pairs.length).toBeGreaterThan(0.9);
});
