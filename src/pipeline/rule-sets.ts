/**
 * The rules shipped in rules/: downtime behaviours and SOC 2 controls, loaded once per process. A broken rule file
 * fails loudly at load time (a skipped rule would under-report risk). After `npm run build`, a compiled copy
 * (src/pipeline/compiled-rules.ts) saves the YAML parsing while the rule files are unchanged.
 */

import type { BehaviourLookup } from '../core/behaviour-lookup.js';
import { buildBehaviourIndex, createBehaviourLookup } from '../core/behaviours/index.js';
import type { ControlRule } from '../core/controls/index.js';
import { loadBehaviourRules } from '../rules/behaviours/load.js';
import { loadControlRules } from '../rules/controls/load.js';
import { readCompiledRules, rulesFingerprint, type LoadedRules } from './compiled-rules.js';

export interface RuleSets {
  behaviours: BehaviourLookup;
  controls: ControlRule[];
}

let cached: RuleSets | undefined;

export function loadRuleSets(): RuleSets {
  if (!cached) {
    const rules = readCompiledRules(rulesFingerprint()) ?? loadRulesFromYaml();
    cached = { behaviours: createBehaviourLookup(buildBehaviourIndex(rules.behaviours)), controls: rules.controls };
  }
  return cached;
}

export function loadRulesFromYaml(): LoadedRules {
  return { behaviours: loadBehaviourRules(), controls: loadControlRules() };
}
