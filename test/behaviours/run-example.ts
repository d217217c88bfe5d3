/**
 * Runs one rule example through the behaviour matcher the way the classifier uses it: every changed
 * top-level property is split into changed paths, each path gets its best rule, and the resource's
 * downtime is the worst of them ("none" when no rule applies).
 */

import {
  matchLifecycle,
  matchPropertyUpdate,
  type BehaviourExample,
  type BehaviourIndex,
  type BehaviourMatch,
  type BehaviourRule,
} from '../../src/core/behaviours/index.js';
import { DOWNTIMES, type Downtime } from '../../src/core/report.js';

export interface ExampleOutcome {
  downtime: Downtime;
  matches: BehaviourMatch[];
  /** Rules whose match gave the worst downtime. */
  deciders: string[];
  changedPaths: string[];
}

export function runExample(index: BehaviourIndex, rule: BehaviourRule, example: BehaviourExample): ExampleOutcome {
  const resourceType = example.resourceType ?? rule.resourceType;
  const matches: BehaviourMatch[] = [];
  const changed: string[] = [];
  if (rule.on === 'update') {
    const base = example.base ?? {};
    const head = example.head ?? {};
    const names = new Set([...Object.keys(base.Properties ?? {}), ...Object.keys(head.Properties ?? {})]);
    for (const name of names) {
      for (const { path, match } of matchPropertyUpdate(index, resourceType, name, head, base)) {
        changed.push(path);
        if (match) matches.push(match);
      }
    }
  } else {
    const resource = (rule.on === 'replace' ? example.head : example.base) ?? {};
    const match = matchLifecycle(index, resourceType, rule.on, resource);
    if (match) matches.push(match);
  }
  const rank = (d: Downtime) => DOWNTIMES.indexOf(d);
  const worst = matches.reduce<Downtime>((acc, m) => (rank(m.downtime) > rank(acc) ? m.downtime : acc), 'none');
  const deciders = matches.filter((m) => m.downtime === worst).map((m) => m.ruleId);
  return { downtime: worst, matches, deciders, changedPaths: changed };
}
