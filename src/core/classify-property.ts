/**
 * What changing one top-level property of a resource does, in stackguard's downtime vocabulary.
 *
 * Precedence: the service spec's create-only properties always mean replacement; a behaviour rule resolves a
 * property the spec marks as a conditional ("maybe") replacement (a rule whose downtime is `replacement` decides that
 * it is replaced); one that no rule resolves is a replacement marked conditional. Every other updatable property is
 * `none` unless a behaviour rule says more. A type the spec does not know (a custom resource) has an unknown effect.
 * A rule may also say the update cannot succeed at all (`failsToDeploy`).
 */

import type { BehaviourLookup, BehaviourMatch } from './behaviour-lookup.js';
import { worstDowntime } from './downtime.js';
import { differsOnlyInAssetHash } from './noise.js';
import type { Downtime, PropertyChangeReport } from './report.js';
import type { CfnResource } from './template.js';

/** How the spec (through cloudformation-diff) rates a property change. */
export type SpecImpact = 'replace' | 'may-replace' | 'update' | 'unknown-type';

export interface PropertyVerdict {
  report: PropertyChangeReport;
  /** True when CloudFormation replaces the resource because of this property. */
  replaces: boolean;
  reasons: string[];
}

export interface PropertyChangeInput {
  resourceType: string;
  property: string;
  oldValue: unknown;
  newValue: unknown;
  impact: SpecImpact;
  base: CfnResource;
  head: CfnResource;
  /** Paths to classify instead of diffing the values: used when a changed reference flows into the property. */
  paths?: string[];
  /** Whether the resource holds data: then only a hand-written rule may turn a conditional replacement into less. */
  stateful?: boolean;
}

export function classifyPropertyChange(input: PropertyChangeInput, behaviours: BehaviourLookup): PropertyVerdict {
  const { property, impact } = input;
  const assetNote = differsOnlyInAssetHash(input.oldValue, input.newValue)
    ? [`${property}: new asset (content hash changed), not a configuration change`]
    : [];

  if (impact === 'replace') {
    return verdict(property, 'replacement', true, [`${property} changed: requires replacement`, ...assetNote]);
  }
  if (impact === 'unknown-type') {
    return {
      report: { path: property, downtime: 'interruption', effectUnknown: true },
      replaces: false,
      reasons: [`${property} changed: effect unknown (${input.resourceType} is not in the CloudFormation spec; its provider decides)`],
    };
  }

  const paths = input.paths ?? behaviours.changedPaths(property, input.oldValue, input.newValue);
  const matches = paths
    .map((path) => behaviours.matchUpdate(input.resourceType, path, input.head, input.base))
    .filter((m): m is BehaviourMatch => m !== undefined);

  // The generated reference facts ("Some interruptions") describe the usual case; for a resource that holds data,
  // the unusual case (a new, empty resource) is the one that matters, so only a hand-written rule may rule it out.
  const resolving = impact === 'may-replace' && input.stateful ? matches.filter((m) => m.tier !== 'reference') : matches;
  if (impact === 'may-replace' && resolving.length === 0) {
    const usual = matches.length > 0 ? `; AWS documents the usual case as: ${matches[0]!.reason}` : '';
    const result = verdict(property, 'replacement', true, [
      `${property} changed: may be replaced: CloudFormation decides at deploy time (the spec marks it a conditional replacement` +
        `${input.stateful ? ' and the resource holds data' : ''}; no stackguard rule decides it from the values)${usual}`,
      ...assetNote,
    ]);
    result.report.conditional = true;
    return result;
  }

  const decided = impact === 'may-replace' ? resolving : matches;
  const downtime = worstDowntime(decided.map((m) => m.downtime));
  const failing = decided.filter((m) => m.failsToDeploy === true);
  const note = impact === 'may-replace' ? ' (the spec marks it a conditional replacement; this rule decides it from the old and new values)' : '';
  const reasons = uniqueReasons(decided).map((m) => `${m.path} changed: ${m.reason}${note}`);
  const result = verdict(property, downtime, downtime === 'replacement', [...reasons, ...assetNote]);
  if (failing.length > 0) result.report.failsToDeploy = true;
  return result;
}

function verdict(path: string, downtime: Downtime, replaces: boolean, reasons: string[]): PropertyVerdict {
  return { report: { path, downtime }, replaces, reasons };
}

/** One reason per rule: ten changed environment variables matched by one rule read as one line. */
function uniqueReasons(matches: BehaviourMatch[]): BehaviourMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => (seen.has(m.ruleId) ? false : (seen.add(m.ruleId), true)));
}
