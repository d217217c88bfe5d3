/**
 * The rules shipped in rules/: downtime behaviours and SOC 2 controls, loaded once per process. A broken rule file
 * fails loudly at load time (a skipped rule would under-report risk).
 */

import type { BehaviourLookup } from '../core/behaviour-lookup.js';
import { buildBehaviourIndex, createBehaviourLookup } from '../core/behaviours/index.js';
import type { ControlRule } from '../core/controls/index.js';
import { loadBehaviourRules } from '../rules/behaviours/load.js';
import { loadControlRules } from '../rules/controls/load.js';

export interface RuleSets {
  behaviours: BehaviourLookup;
  controls: ControlRule[];
}

let cached: RuleSets | undefined;

export function loadRuleSets(): RuleSets {
  cached ??= {
    behaviours: createBehaviourLookup(buildBehaviourIndex(loadBehaviourRules())),
    controls: loadControlRules(),
  };
  return cached;
}
