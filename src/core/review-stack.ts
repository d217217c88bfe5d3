/**
 * Reviews one stack: diff the two templates with cloudformation-diff, classify each changed resource, then add
 * what the diff leaves out (updates caused by replacements, probable renames, exports that cannot change).
 */

import { deepEqual, fullDiff, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { changeSetDisagreements } from './change-set-notes.js';
import { classifyResource, type ClassifiedChange, type ClassifyContext } from './classify-resource.js';
import { INERT_ATTRIBUTES, BOOKKEEPING_TYPES } from './noise.js';
import { propagateReplacements } from './propagate.js';
import { attachPropertyValues } from './property-values.js';
import { collectReferences, ReferenceIndex } from './references.js';
import { detectRenames } from './renames.js';
import { templateSectionNotes } from './template-sections.js';
import type { StackReport, StackStatus } from './report.js';
import type { CfnTemplate, StackInput } from './template.js';
import { eachDifference } from './each-difference.js';

export interface StackReview {
  report: StackReport;
  changes: ClassifiedChange[];
}

const EMPTY: CfnTemplate = { Resources: {} };

export function reviewStack(stack: StackInput, ctx: ClassifyContext): StackReview {
  const report: StackReport = {
    stackName: stack.stackName,
    parentStack: stack.parentStack ?? null,
    status: 'unchanged',
    notes: [...(stack.notes ?? [])],
    changes: [],
  };
  if (stack.head === undefined) {
    report.status = 'removed';
    report.notes.push(
      'This stack is no longer in the app. CloudFormation does not delete a stack by itself: it keeps running ' +
        '(and billing) until someone runs `cdk destroy` or deletes it. Delete it on purpose, or put it back.',
    );
    return { report, changes: [] };
  }

  if (Object.keys(stack.head.Resources ?? {}).length === 0 && stack.parentStack === undefined) {
    report.notes.push(
      'The head template has no resources left: every resource of this stack is removed (listed below). ' +
        'If the stack itself should go, destroy it on purpose (`cdk destroy`).',
    );
  }
  const base = stack.base ?? EMPTY;
  const head = stack.head;
  const diff = fullDiff(base, head, stack.changeSet);
  if (stack.changeSet) report.notes.push(...changeSetDisagreements(base, head, stack.changeSet));
  const sectionNotes = stack.base === undefined ? [] : templateSectionNotes(diff, head);
  report.notes.push(...sectionNotes);
  const changes = new Map<string, ClassifiedChange>();
  eachDifference(diff.resources, (logicalId, resourceDiff) => {
    if (isNoise(resourceDiff)) return;
    changes.set(logicalId, classifyResource(logicalId, resourceDiff, stack.origins?.[logicalId], ctx));
  });

  propagateReplacements({ changes, base, head, headReferences: new ReferenceIndex(head), origins: stack.origins ?? {}, ctx });
  detectRenames(changes.values());
  flagRenamedPhysicalNames(changes, ctx);
  warnAboutExports(changes, head);
  attachPropertyValues(changes.values());

  report.status = statusOf(stack, changes.size + sectionNotes.length);
  const list = [...changes.values()];
  report.changes = list.map((c) => c.report);
  return { report, changes: list };
}

function statusOf(stack: StackInput, changeCount: number): StackStatus {
  if (stack.base === undefined) return 'added';
  return changeCount > 0 ? 'changed' : 'unchanged';
}

/** CDK bookkeeping, or a change CloudFormation applies without touching the resource (metadata, DependsOn). */
function isNoise(diff: ResourceDifference): boolean {
  const type = diff.newResourceType ?? diff.oldResourceType;
  if (type !== undefined && BOOKKEEPING_TYPES.has(type)) return true;
  if (!diff.isUpdate || diff.resourceTypeChanged) return false;
  if (Object.keys(diff.propertyUpdates).length > 0) return false;
  return Object.keys(diff.otherChanges).every((name) => INERT_ATTRIBUTES.has(name));
}

/**
 * A renamed resource that keeps its physical name: CloudFormation creates the new logical id before it removes the
 * old one, so the new resource asks for a name that is still taken and the update fails and rolls back.
 */
function flagRenamedPhysicalNames(changes: Map<string, ClassifiedChange>, ctx: ClassifyContext): void {
  for (const created of changes.values()) {
    const oldId = created.report.renamedFrom;
    const removed = oldId === null ? undefined : changes.get(oldId);
    if (!removed?.base || !created.head) continue;
    const kept = ctx.facts
      .physicalNameProperties(created.report.resourceType)
      .filter((name) => removed.base!.Properties?.[name] !== undefined && deepEqual(removed.base!.Properties?.[name], created.head!.Properties?.[name]));
    if (kept.length === 0) continue;
    created.report.failsToDeploy = true;
    created.report.reasons.push(
      `${kept.join(', ')} is the same as ${oldId}'s: CloudFormation creates ${created.report.logicalId} before it removes ${oldId}, ` +
        'so the name is still taken and the update fails and rolls back',
    );
    created.report.advice.push(`Keep the logical id ${oldId} (see above), or give ${created.report.logicalId} a new ${kept.join(', ')}.`);
  }
}

/**
 * A replaced resource whose id or attributes are exported gets a new value for that export; CloudFormation refuses
 * to change an export another stack imports, so the deployment fails until the importer lets go of it.
 */
function warnAboutExports(changes: Map<string, ClassifiedChange>, head: CfnTemplate): void {
  for (const [name, output] of Object.entries(head.Outputs ?? {})) {
    if (!output || typeof output !== 'object' || !('Export' in output)) continue;
    collectReferences((output as { Value?: unknown }).Value, name, (logicalId) => {
      const change = changes.get(logicalId);
      if (change?.report.action !== 'replace') return;
      change.report.warnings.push(
        `Output ${name} is exported and its value changes with the replacement: if another stack imports it, ` +
          'CloudFormation rejects the update ("Export cannot be updated as it is in use").',
      );
    });
  }
}
