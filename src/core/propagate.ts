/**
 * Dependency propagation: a replaced resource gets a new physical id, and every resource that refers to it
 * (Ref, Fn::GetAtt, Fn::Sub, in any property) is updated too, although its own template text did not change.
 *
 * cloudformation-diff propagates only replacements, and only through Ref and Fn::GetAtt. This adds the in-place
 * updates, classified by the property the reference flows into (an ECS service whose task definition is replaced
 * does a rolling deployment), follows Fn::Sub, and cascades: a resource replaced this way propagates in turn.
 */

import { deepEqual } from '@aws-cdk/cloudformation-diff';
import { classifyPropertyChange, type SpecImpact } from './classify-property.js';
import { classifyReplacement, emptyChange, type ClassifiedChange, type ClassifyContext } from './classify-resource.js';
import { worseDowntime } from './downtime.js';
import type { ReferenceIndex } from './references.js';
import type { Downtime } from './report.js';
import type { CfnResource, CfnTemplate, ResourceOrigin } from './template.js';

export interface PropagationInput {
  changes: Map<string, ClassifiedChange>;
  base: CfnTemplate;
  head: CfnTemplate;
  headReferences: ReferenceIndex;
  origins: Record<string, ResourceOrigin>;
  ctx: ClassifyContext;
}

/**
 * Attributes whose value changes when the resource is updated in place, not only when it is replaced. CDK points an
 * Auto Scaling group at `Fn::GetAtt [LaunchTemplate, LatestVersionNumber]`, so a new AMI in the launch template
 * (an update) moves the group to a new version: the group's own update (and its UpdatePolicy) follows from it.
 */
const ATTRIBUTES_CHANGED_BY_UPDATE: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::LaunchTemplate': ['LatestVersionNumber'],
};

/** Mutates `changes`: adds the updates and cascading replacements that replaced (or re-versioned) resources cause. */
export function propagateReplacements(input: PropagationInput): void {
  const { changes, ctx } = input;
  const queue = [...changes.values()].filter((c) => c.report.action === 'replace' || isReversioned(c)).map((c) => c.report.logicalId);
  const done = new Set<string>();

  while (queue.length > 0) {
    const replacedId = queue.shift()!;
    if (done.has(replacedId)) continue;
    done.add(replacedId);
    const source = changes.get(replacedId)!;
    const replaced = source.report.action === 'replace';
    const changedAttributes = ATTRIBUTES_CHANGED_BY_UPDATE[source.report.resourceType] ?? [];

    for (const reference of input.headReferences.referrersOf(replacedId)) {
      if (!replaced && !(reference.attribute !== undefined && changedAttributes.includes(reference.attribute))) continue;
      const head = input.head.Resources?.[reference.from];
      const base = input.base.Resources?.[reference.from];
      if (!head || !base || head.Type !== base.Type) continue; // created, or already a type change
      const property = reference.path.split('.')[0]!;
      const textUnchanged = deepEqual(base.Properties?.[property], head.Properties?.[property]);
      const existing = changes.get(reference.from);

      if (existing?.report.action === 'replace') {
        if (textUnchanged) addCause(existing, replacedId);
        continue;
      }
      if (!textUnchanged) {
        // The property changed in the template too: its own classification already covers it.
        if (existing) addCause(existing, replacedId);
        continue;
      }

      const change = existing ?? newUpdate(reference.from, head, base, input);
      const verdict = classifyPropertyChange(
        {
          resourceType: head.Type,
          property,
          oldValue: base.Properties?.[property],
          newValue: head.Properties?.[property],
          impact: impactOf(head.Type, property, ctx),
          base,
          head,
          paths: [reference.path],
        },
        ctx.behaviours,
      );
      const why = replaced
        ? `${reference.path} refers to ${replacedId}, which is replaced`
        : `${reference.path} reads ${replacedId}.${reference.attribute}, which changes with ${replacedId}'s update`;
      addCause(change, replacedId);
      if (verdict.replaces) {
        change.report.properties = [verdict.report];
        classifyReplacement(change, [`${why}: the new ${replaced ? 'id' : 'value'} forces a replacement`], ctx);
        queue.push(reference.from);
      } else {
        mergeProperty(change, verdict.report.path, verdict.report.downtime, verdict.report.effectUnknown);
        const effect = verdict.reasons.length > 0 ? verdict.reasons.map((r) => r.replace(/^[^ ]+ changed: /, '')).join('; ') : 'updated in place';
        change.report.reasons.push(`${why}: ${effect}`);
        change.report.downtime = worseDowntime(change.report.downtime, verdict.report.downtime);
      }
      changes.set(reference.from, change);
    }
  }
}

function isReversioned(change: ClassifiedChange): boolean {
  return change.report.action === 'update' && ATTRIBUTES_CHANGED_BY_UPDATE[change.report.resourceType] !== undefined;
}

function impactOf(resourceType: string, property: string, ctx: ClassifyContext): SpecImpact {
  if (!ctx.facts.isKnownType(resourceType)) return 'unknown-type';
  const replacement = ctx.facts.replacementOf(resourceType, property);
  return replacement === 'yes' ? 'replace' : replacement === 'maybe' ? 'may-replace' : 'update';
}

function addCause(change: ClassifiedChange, cause: string): void {
  if (!change.report.causedBy.includes(cause)) change.report.causedBy.push(cause);
}

function mergeProperty(change: ClassifiedChange, path: string, downtime: Downtime, unknown?: boolean): void {
  const existing = change.report.properties.find((p) => p.path === path);
  if (existing) {
    existing.downtime = worseDowntime(existing.downtime, downtime);
  } else {
    change.report.properties.push(unknown ? { path, downtime, effectUnknown: true } : { path, downtime });
  }
}

function newUpdate(
  logicalId: string,
  head: CfnResource,
  base: CfnResource,
  input: PropagationInput,
): ClassifiedChange {
  const report = emptyChange(logicalId, head.Type, input.ctx.isStateful(head.Type), input.origins[logicalId]);
  return { base, head, report };
}
