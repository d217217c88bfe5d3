/**
 * Every downtime rule's examples, run through the whole review pipeline (diff → classify → propagate → verdict)
 * rather than through the matcher alone: an example passes only if a reviewer would see that downtime.
 */

import { describe, expect, it } from 'vitest';
import { buildBehaviourIndex, createBehaviourLookup } from '../../src/core/behaviours/index.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { review } from '../../src/core/review.js';
import type { CfnResource, CfnTemplate } from '../../src/core/template.js';
import { loadBehaviourRules } from '../../src/rules/behaviours/load.js';
import { facts } from './builders.js';

const rules = loadBehaviourRules();
const behaviours = createBehaviourLookup(buildBehaviourIndex(rules));

function side(type: string, resource: Record<string, unknown> | undefined): CfnTemplate {
  return { Resources: resource ? { R: { ...resource, Type: type } as CfnResource } : {} };
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('downtime rule %s', (_id, rule) => {
  it.each(rule.examples.map((example) => [example.name, example] as const))('example: %s', (_name, example) => {
    const type = example.resourceType ?? rule.resourceType;
    const report = review({
      stacks: [{ stackName: 'Example', base: side(type, example.base), head: side(type, example.head) }],
      baseline: { kind: 'templates', description: 'rule example' },
      behaviours,
      facts,
      policy: DEFAULT_POLICY,
    });
    const change = report.stacks[0]!.changes.find((c) => c.logicalId === 'R');
    expect(change, 'the example must produce a change').toBeDefined();
    expect(change!.downtime).toBe(example.expect.downtime);
  });
});
