/**
 * Every example of every rule in rules/downtime, one test case each, so a failure names the rule.
 * An example asserts the resource's downtime and which rule decided it (by default the rule the
 * example belongs to; `rule: null` means no rule applies). A generated reference rule may instead be
 * decided by a service rule for the same type that refines it, as long as the downtime stays the same.
 */

import { describe, expect, it } from 'vitest';
import { buildBehaviourIndex, type BehaviourRule } from '../../src/core/behaviours/index.js';
import { loadBehaviourRules } from '../../src/rules/behaviours/load.js';
import { runExample } from './run-example.js';

const rules = loadBehaviourRules();
const index = buildBehaviourIndex(rules);
const byId = new Map(rules.map((rule) => [rule.id, rule]));

function refines(deciderId: string, rule: BehaviourRule): boolean {
  const decider = byId.get(deciderId);
  return rule.tier === 'reference' && decider?.tier === 'service' && decider.resourceType === rule.resourceType;
}

for (const rule of rules) {
  describe(`${rule.id} (${rule.file})`, () => {
    for (const example of rule.examples) {
      it(example.name, () => {
        // GIVEN the example's base and head, WHEN matched, THEN the expected rule decides the expected downtime.
        const outcome = runExample(index, rule, example);
        if (rule.on === 'update') expect(outcome.changedPaths.length, 'the example must change something').toBeGreaterThan(0);
        expect(outcome.downtime).toBe(example.expect.downtime);
        const expectedRule = example.expect.rule === undefined ? rule.id : example.expect.rule;
        if (expectedRule === null) {
          expect(outcome.matches).toEqual([]);
        } else {
          const accepted = outcome.deciders.filter(
            (id) => id === expectedRule || (example.expect.rule === undefined && refines(id, rule)),
          );
          expect(accepted, `decided by: ${outcome.deciders.join(', ') || 'no rule'}`).not.toEqual([]);
        }
      });
    }
  });
}
