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

/**
 * A generated reference fact ("Some interruptions") describes the usual case of a property the spec marks as a
 * conditional replacement. On a resource that holds data the review keeps the replacement (the unusual case loses
 * the data), so such an example shows `replacement` in a review although the rule itself says otherwise.
 */
function expectedThroughPipeline(rule: (typeof rules)[number], type: string, example: (typeof rules)[number]['examples'][number]) {
  const property = rule.properties[0]?.split('.')[0] ?? '';
  const conditional = rule.on === 'update' && facts.replacementOf(type, property) === 'maybe';
  if (rule.tier !== 'reference' || !conditional || !facts.isStateful(type) || example.expect.rule === null) return example.expect.downtime;
  const base = { ...example.base, Type: type } as CfnResource;
  const head = { ...example.head, Type: type } as CfnResource;
  const resolvedByServiceRule = behaviours
    .changedPaths(property, base.Properties?.[property], head.Properties?.[property])
    .some((path) => behaviours.matchUpdate(type, path, head, base)?.tier === 'service');
  return resolvedByServiceRule ? example.expect.downtime : 'replacement';
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
    expect(change!.downtime).toBe(expectedThroughPipeline(rule, type, example));
    // An example says when its change cannot deploy; every other example must deploy.
    expect(change!.failsToDeploy, 'failsToDeploy').toBe(example.expect.failsToDeploy ?? false);
  });
});
