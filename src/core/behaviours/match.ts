/**
 * Finding the rule that decides what one change does.
 *
 * Precedence between rules that match (highest wins, in this order):
 *  1. path specificity: the deeper rule path wins; `*` is least specific. When the change is coarser
 *     than the rule path (a whole object replaced), specificity is the depth of the changed path.
 *  2. a rule for this resource type beats a rule for every type (`*`);
 *  3. a `service` rule beats a `reference` rule;
 *  4. a rule whose `when` conditions hold beats one with fewer conditions;
 *  5. the worse downtime;
 *  6. the rule read first.
 */

import type { CfnResource } from '../template.js';
import { type BehaviourIndex, type CompiledPath, type CompiledRule, type TypeBehaviours } from './behaviour-index.js';
import { changedPaths } from './changed-paths.js';
import type { BehaviourMatch } from './types.js';
import { sameValue, valuesAt } from './values.js';

type ResourceLike = Pick<CfnResource, 'Properties'> & Record<string, unknown>;

interface Candidate {
  compiled: CompiledRule;
  specificity: number;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** How specifically `rulePath` covers the change at `changed`, or undefined when it does not. */
function specificity(rulePath: CompiledPath, changed: string[], base: ResourceLike, head: ResourceLike): number | undefined {
  const rule = rulePath.segments;
  if (rule.length === 0) return 0;
  if (startsWith(changed, rule)) return rule.length;
  // The change is coarser than the rule: it applies only if the values under the rule path differ.
  if (startsWith(rule, changed)) {
    const before = valuesAt(base.Properties, rule);
    const after = valuesAt(head.Properties, rule);
    return sameValue(before, after) ? undefined : changed.length;
  }
  return undefined;
}

/** `resource` is the side a condition reads by default; `base` is the other side of an update, when there is one. */
function conditionsHold(compiled: CompiledRule, resource: ResourceLike, base?: ResourceLike): boolean {
  return compiled.when.every((condition) => {
    const values = valuesAt(condition.side === 'base' && base ? base : resource, condition.segments);
    if (condition.exists !== undefined) return values.length > 0 === condition.exists;
    if (condition.in !== undefined) return values.some((v) => condition.in!.some((allowed) => sameValue(v, allowed)));
    // notIn holds for an absent value too: "not switched off" includes "not set".
    if (condition.notIn !== undefined) return values.every((v) => !condition.notIn!.some((denied) => sameValue(v, denied)));
    return values.some((v) => sameValue(v, condition.equals));
  });
}

function rank(candidate: Candidate): number[] {
  const { compiled } = candidate;
  return [
    candidate.specificity,
    compiled.typeSpecific ? 1 : 0,
    compiled.rule.tier === 'service' ? 1 : 0,
    compiled.when.length,
    compiled.downtimeRank,
    -compiled.order,
  ];
}

function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  }
  return false;
}

function toMatch(best: Candidate | undefined, path: string): BehaviourMatch | undefined {
  if (!best) return undefined;
  const { rule } = best.compiled;
  return { ruleId: rule.id, downtime: rule.downtime, reason: rule.reason, source: rule.source, tier: rule.tier, path, failsToDeploy: rule.failsToDeploy };
}

function tablesFor(index: BehaviourIndex, resourceType: string): TypeBehaviours[] {
  const own = index.byType.get(resourceType);
  return own ? [own, index.anyType] : [index.anyType];
}

/**
 * The best rule for one changed path (as returned by `changedPaths`) of an in-place update, or
 * undefined when no rule covers it. `when` conditions are evaluated on `head`, or on `base` where they say `side: base`.
 */
export function matchUpdate(
  index: BehaviourIndex,
  resourceType: string,
  changedPath: string,
  head: ResourceLike,
  base: ResourceLike,
): BehaviourMatch | undefined {
  const changed = changedPath.split('.');
  let best: Candidate | undefined;
  for (const table of tablesFor(index, resourceType)) {
    for (const compiled of [...(table.byTopLevel.get(changed[0]!) ?? []), ...table.anyPath]) {
      let spec: number | undefined;
      for (const path of compiled.paths) {
        const s = specificity(path, changed, base, head);
        if (s !== undefined && (spec === undefined || s > spec)) spec = s;
      }
      if (spec === undefined) continue;
      if (compiled.except.some((excluded) => startsWith(changed, excluded.segments))) continue;
      if (!conditionsHold(compiled, head, base)) continue;
      const candidate = { compiled, specificity: spec };
      if (better(candidate, best)) best = candidate;
    }
  }
  return toMatch(best, changedPath);
}

/**
 * The best rule for replacing or deleting a resource. Pass the head resource for `replace` and the
 * base resource for `delete`; `when` conditions are evaluated on it.
 */
export function matchLifecycle(
  index: BehaviourIndex,
  resourceType: string,
  on: 'replace' | 'delete',
  resource: ResourceLike,
): BehaviourMatch | undefined {
  let best: Candidate | undefined;
  for (const table of tablesFor(index, resourceType)) {
    for (const compiled of table[on]) {
      if (!conditionsHold(compiled, resource)) continue;
      const candidate = { compiled, specificity: 0 };
      if (better(candidate, best)) best = candidate;
    }
  }
  return toMatch(best, '');
}

export interface PathMatch {
  path: string;
  match: BehaviourMatch | undefined;
}

/** Convenience for one changed top-level property: every changed path with the rule that covers it. */
export function matchPropertyUpdate(
  index: BehaviourIndex,
  resourceType: string,
  propertyName: string,
  head: ResourceLike,
  base: ResourceLike,
): PathMatch[] {
  const paths = changedPaths(propertyName, base.Properties?.[propertyName], head.Properties?.[propertyName]);
  return paths.map((path) => ({ path, match: matchUpdate(index, resourceType, path, head, base) }));
}
