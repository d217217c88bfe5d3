/** Tiny builders for hand-made rules in unit tests. */

import type { BehaviourRule } from '../../src/core/behaviours/index.js';

export function updateRule(id: string, properties: string[], extra: Partial<BehaviourRule> = {}): BehaviourRule {
  return {
    id,
    resourceType: 'AWS::Test::Thing',
    on: 'update',
    properties,
    except: [],
    when: [],
    downtime: 'atomic',
    failsToDeploy: false,
    reason: `reason of ${id}`,
    source: 'test',
    tier: 'service',
    file: 'test.yml',
    examples: [],
    ...extra,
  };
}

export function lifecycleRule(id: string, on: 'replace' | 'delete', extra: Partial<BehaviourRule> = {}): BehaviourRule {
  return updateRule(id, [], { on, ...extra });
}
