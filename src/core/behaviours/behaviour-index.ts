/**
 * Rules compiled once into a lookup by resource type, event and top-level property, so matching a
 * changed path looks at a handful of candidates instead of every rule.
 */

import { DOWNTIMES } from '../report.js';
import type { BehaviourCondition, BehaviourEvent, BehaviourRule } from './types.js';

export const ANY = '*';

/** A dotted path split once; `*` compiles to no segments and depth 0. */
export interface CompiledPath {
  text: string;
  segments: string[];
}

export interface CompiledCondition extends BehaviourCondition {
  segments: string[];
}

export interface CompiledRule {
  rule: BehaviourRule;
  paths: CompiledPath[];
  except: CompiledPath[];
  when: CompiledCondition[];
  typeSpecific: boolean;
  downtimeRank: number;
  /** Position in the input, the last tie-breaker, so results do not depend on map iteration. */
  order: number;
}

export interface TypeBehaviours {
  /** Update rules keyed by the first segment of each of their paths. */
  byTopLevel: Map<string, CompiledRule[]>;
  /** Update rules with a `*` path. */
  anyPath: CompiledRule[];
  replace: CompiledRule[];
  delete: CompiledRule[];
}

export interface BehaviourIndex {
  readonly byType: ReadonlyMap<string, TypeBehaviours>;
  /** Rules whose resourceType is `*`. */
  readonly anyType: TypeBehaviours;
  readonly rules: readonly BehaviourRule[];
}

export function compilePath(text: string): CompiledPath {
  return { text, segments: text === ANY ? [] : text.split('.') };
}

function emptyBehaviours(): TypeBehaviours {
  return { byTopLevel: new Map(), anyPath: [], replace: [], delete: [] };
}

function compileRule(rule: BehaviourRule, order: number): CompiledRule {
  return {
    rule,
    paths: rule.properties.map(compilePath),
    except: rule.except.map(compilePath),
    when: rule.when.map((condition) => ({ ...condition, segments: condition.path.split('.') })),
    typeSpecific: rule.resourceType !== ANY,
    downtimeRank: DOWNTIMES.indexOf(rule.downtime),
    order,
  };
}

function addUpdateRule(target: TypeBehaviours, compiled: CompiledRule): void {
  const topLevels = new Set<string>();
  for (const path of compiled.paths) {
    if (path.segments.length === 0) {
      if (!target.anyPath.includes(compiled)) target.anyPath.push(compiled);
    } else {
      topLevels.add(path.segments[0]!);
    }
  }
  for (const top of topLevels) {
    const list = target.byTopLevel.get(top) ?? [];
    list.push(compiled);
    target.byTopLevel.set(top, list);
  }
}

export function buildBehaviourIndex(rules: readonly BehaviourRule[]): BehaviourIndex {
  const byType = new Map<string, TypeBehaviours>();
  const anyType = emptyBehaviours();
  rules.forEach((rule, order) => {
    const compiled = compileRule(rule, order);
    let target = anyType;
    if (compiled.typeSpecific) {
      target = byType.get(rule.resourceType) ?? emptyBehaviours();
      byType.set(rule.resourceType, target);
    }
    const event: BehaviourEvent = rule.on;
    if (event === 'update') addUpdateRule(target, compiled);
    else target[event].push(compiled);
  });
  return { byType, anyType, rules };
}
