/**
 * Tiny builders for core tests, in the style of cloudformation-diff's own tests: a template is a handful of
 * resources, and a behaviour lookup is a small table instead of the whole rules/ folder.
 */

import type { BehaviourLookup, BehaviourMatch } from '../../src/core/behaviour-lookup.js';
import { DEFAULT_POLICY, type ReviewPolicy } from '../../src/core/policy.js';
import type { Downtime } from '../../src/core/report.js';
import { review } from '../../src/core/review.js';
import type { CfnResource, CfnTemplate, StackInput } from '../../src/core/template.js';
import { serviceSpecFacts } from '../../src/sources/spec-facts.js';

export function resource(Type: string, Properties: Record<string, unknown> = {}, attributes: Partial<CfnResource> = {}): CfnResource {
  return { Type, Properties, ...attributes };
}

export function template(Resources: Record<string, CfnResource>, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return { Resources, ...extra };
}

export interface FakeRule {
  type: string;
  path: string;
  downtime: Downtime;
  on?: 'update' | 'replace' | 'delete';
  tier?: 'service' | 'reference';
}

/** A lookup over a few rules: exact path or parent-path matches, like the real engine's simplest case. */
export function fakeBehaviours(rules: FakeRule[]): BehaviourLookup {
  const match = (rule: FakeRule, path: string): BehaviourMatch => ({ ruleId: `${rule.type}:${rule.path}`, downtime: rule.downtime, reason: `test rule says ${rule.downtime}`, tier: rule.tier ?? 'service', path });
  return {
    changedPaths: (name) => [name],
    matchUpdate: (type, path) => {
      const rule = rules.find((r) => (r.on ?? 'update') === 'update' && r.type === type && (path === r.path || path.startsWith(`${r.path}.`)));
      return rule ? match(rule, path) : undefined;
    },
    matchLifecycle: (type, on) => {
      const rule = rules.find((r) => r.on === on && r.type === type);
      return rule ? match(rule, on) : undefined;
    },
  };
}

export const facts = serviceSpecFacts();

export function reviewPair(base: CfnTemplate | undefined, head: CfnTemplate | undefined, options: { rules?: FakeRule[]; policy?: Partial<ReviewPolicy>; origins?: StackInput['origins'] } = {}) {
  return review({
    stacks: [{ stackName: 'App', base, head, origins: options.origins }],
    baseline: { kind: 'templates', description: 'test' },
    behaviours: fakeBehaviours(options.rules ?? []),
    facts,
    policy: { ...DEFAULT_POLICY, ...options.policy },
  });
}

export function changeOf(report: ReturnType<typeof reviewPair>, logicalId: string) {
  const change = report.stacks.flatMap((s) => s.changes).find((c) => c.logicalId === logicalId);
  if (!change) throw new Error(`no change for ${logicalId}; changes: ${report.stacks.flatMap((s) => s.changes.map((c) => c.logicalId)).join(', ')}`);
  return change;
}
