/**
 * Turns one cloudformation-diff ResourceDifference into a change of the report: action, downtime, stateful,
 * reasons and per-property effects. Propagation, renames, controls and blocking are added later in the pipeline.
 */

import { deepEqual, ResourceImpact, type PropertyDifference, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import type { BehaviourLookup } from './behaviour-lookup.js';
import { classifyPropertyChange, type SpecImpact } from './classify-property.js';
import { worstDowntime } from './downtime.js';
import { deletionPolicy, explainDeletion, explainReplacement, replacePolicy } from './lifecycle.js';
import { INERT_ATTRIBUTES } from './noise.js';
import type { Action, ChangeReport, Downtime } from './report.js';
import type { SpecFacts } from './spec-facts.js';
import type { CfnResource, ResourceOrigin } from './template.js';

/** CDK's default custom-resource type: the spec knows it, but its properties are whatever the provider reads. */
const CUSTOM_RESOURCE_TYPE = 'AWS::CloudFormation::CustomResource';

export interface ClassifyContext {
  behaviours: BehaviourLookup;
  facts: SpecFacts;
  /** Stateful after the config's additions and exclusions. */
  isStateful(resourceType: string): boolean;
}

/** A change of the report, with the resources it was computed from (kept out of the JSON). */
export interface ClassifiedChange {
  report: ChangeReport;
  base?: CfnResource;
  head?: CfnResource;
}

export function classifyResource(
  logicalId: string,
  diff: ResourceDifference,
  origin: ResourceOrigin | undefined,
  ctx: ClassifyContext,
): ClassifiedChange {
  const base = diff.oldValue as CfnResource | undefined;
  const head = diff.newValue as CfnResource | undefined;
  const resourceType = (head ?? base)!.Type;
  const stateful = ctx.isStateful(resourceType) || (base !== undefined && ctx.isStateful(base.Type));
  const report = emptyChange(logicalId, resourceType, stateful, origin);
  const change: ClassifiedChange = { report, base, head };

  switch (diff.changeImpact) {
    case ResourceImpact.WILL_CREATE:
      return set(change, 'create', 'none', []);
    case ResourceImpact.WILL_IMPORT:
      return set(change, 'import', 'none', ['imported into the stack: the existing resource comes under CloudFormation management']);
    case ResourceImpact.WILL_ORPHAN:
      return set(change, 'orphan', 'none', [explainDeletion(deletionPolicy(base), stateful)]);
    case ResourceImpact.WILL_DESTROY:
      return classifyDeletion(change, ctx);
  }
  if (diff.resourceTypeChanged) {
    const reasons = [
      `type changed from ${diff.oldResourceType} to ${diff.newResourceType} under the same logical id: CloudFormation rejects it ` +
        '("Update of resource type is not permitted"), the deployment fails and rolls back',
    ];
    classifyReplacement(change, reasons, ctx);
    report.failsToDeploy = true;
    report.advice.push('Give the new resource a new construct id (a new logical id) instead of changing the type under the old one.');
    return change;
  }
  return classifyUpdate(change, diff, ctx);
}

function classifyUpdate(change: ClassifiedChange, diff: ResourceDifference, ctx: ClassifyContext): ClassifiedChange {
  const { report } = change;
  const base = change.base!;
  const head = change.head!;
  const known = ctx.facts.isKnownType(report.resourceType);
  const reasons: string[] = [];
  let replaces = false;

  for (const [property, propertyDiff] of Object.entries(diff.propertyUpdates)) {
    const verdict = classifyPropertyChange(
      {
        resourceType: report.resourceType,
        property,
        oldValue: propertyDiff.oldValue,
        newValue: propertyDiff.newValue,
        impact: known && !(CUSTOM_RESOURCE_TYPE === report.resourceType && property !== 'ServiceToken') ? specImpact(propertyDiff) : 'unknown-type',
        base,
        head,
        stateful: report.stateful,
      },
      ctx.behaviours,
    );
    report.properties.push(verdict.report);
    reasons.push(...verdict.reasons);
    replaces ||= verdict.replaces;
  }
  reasons.push(...attributeReasons(diff, replaces));
  if (report.properties.some((p) => p.failsToDeploy)) report.failsToDeploy = true;

  if (replaces) {
    // Replaced only if CloudFormation decides so at deploy time: every replacing property is a conditional one.
    report.conditional = report.properties.filter((p) => p.downtime === 'replacement').every((p) => p.conditional === true);
    return classifyReplacement(change, reasons, ctx);
  }
  return set(change, 'update', worstDowntime(report.properties.map((p) => p.downtime)), reasons);
}

/** Changes to resource attributes (not properties): what CloudFormation does with each. */
function attributeReasons(diff: ResourceDifference, replaced: boolean): string[] {
  const reasons: string[] = [];
  for (const name of Object.keys(diff.otherChanges)) {
    if (INERT_ATTRIBUTES.has(name) || name === 'Type') continue;
    if (name === 'UpdatePolicy' || name === 'CreationPolicy') {
      reasons.push(`${name} changed: CloudFormation applies it on the next update of this resource; changing it alone does nothing`);
    } else if (name === 'UpdateReplacePolicy' && replaced) {
      reasons.push('UpdateReplacePolicy changed in the same change that replaces the resource: stackguard assumes the less protective of the two');
    } else if (name === 'DeletionPolicy' || name === 'UpdateReplacePolicy') {
      reasons.push(`${name} changed: affects only what happens when the resource is later deleted or replaced`);
    } else if (name === 'Condition') {
      reasons.push(
        `Condition changed (${JSON.stringify(diff.otherChanges[name]?.oldValue ?? null)} → ${JSON.stringify(diff.otherChanges[name]?.newValue ?? null)}): ` +
          'where the new condition is false, CloudFormation deletes the resource; where it becomes true, it creates one',
      );
    } else {
      reasons.push(`${name} changed`);
    }
  }
  return reasons;
}

export function classifyReplacement(change: ClassifiedChange, reasons: string[], ctx: ClassifyContext): ClassifiedChange {
  const { report } = change;
  const lifecycle = ctx.behaviours.matchLifecycle(report.resourceType, 'replace', (change.head ?? change.base)!);
  const policyReason = explainReplacement(replacePolicy(change.base, change.head), report.stateful);
  const named = keptPhysicalNames(change, ctx);
  if (named.length > 0) report.failsToDeploy = true;
  const nameReasons = named.map(
    (name) =>
      `${name} is set and stays the same: CloudFormation cannot replace a custom-named resource (the new one would need the ` +
      'same name), so the update fails and rolls back',
  );
  if (named.length > 0) {
    report.advice.push(
      `Replacing ${report.logicalId} needs a new physical name: change ${named.join(', ')} in the same PR, or remove it and let ` +
        'CloudFormation generate one (mind what refers to the name), or avoid the change that forces the replacement.',
    );
  }
  if (lifecycle) {
    return set(change, 'replace', lifecycle.downtime, [...reasons, `replacement: ${lifecycle.reason}`, ...nameReasons, policyReason]);
  }
  return set(change, 'replace', 'replacement', [...reasons, ...nameReasons, policyReason]);
}

/** Physical-name properties set to the same value before and after: a replacement would collide with the old name. */
function keptPhysicalNames(change: ClassifiedChange, ctx: ClassifyContext): string[] {
  const { base, head } = change;
  if (!base || !head || base.Type !== head.Type) return [];
  return ctx.facts.physicalNameProperties(head.Type).filter((name) => {
    const before = base.Properties?.[name];
    return before !== undefined && deepEqual(before, head.Properties?.[name]);
  });
}

function classifyDeletion(change: ClassifiedChange, ctx: ClassifyContext): ClassifiedChange {
  const { report } = change;
  const policyReason = explainDeletion(deletionPolicy(change.base), report.stateful);
  const lifecycle = ctx.behaviours.matchLifecycle(report.resourceType, 'delete', change.base!);
  if (lifecycle) return set(change, 'delete', lifecycle.downtime, [`deletion: ${lifecycle.reason}`, policyReason]);
  return set(change, 'delete', 'deletion', [policyReason]);
}

function specImpact(diff: PropertyDifference<unknown>): SpecImpact {
  switch (diff.changeImpact) {
    case ResourceImpact.WILL_REPLACE:
      return 'replace';
    case ResourceImpact.MAY_REPLACE:
      return 'may-replace';
    default:
      return 'update';
  }
}

function set(change: ClassifiedChange, action: Action, downtime: Downtime, reasons: string[]): ClassifiedChange {
  change.report.action = action;
  change.report.downtime = downtime;
  change.report.reasons.push(...reasons);
  return change;
}

export function emptyChange(logicalId: string, resourceType: string, stateful: boolean, origin: ResourceOrigin | undefined): ChangeReport {
  return {
    logicalId,
    resourceType,
    constructPath: origin?.constructPath ?? null,
    source: origin?.source ?? null,
    action: 'update',
    downtime: 'none',
    stateful,
    blocking: false,
    reasons: [],
    properties: [],
    causedBy: [],
    renamedFrom: null,
    renamedTo: null,
    conditional: false,
    failsToDeploy: false,
    controls: [],
    blockedBy: [],
    warnings: [],
    advice: [],
  };
}
