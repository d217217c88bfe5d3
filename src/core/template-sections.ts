/**
 * Changes outside `Resources` that still change what CloudFormation does: a parameter default, a condition, a
 * mapping read with Fn::FindInMap, an export. They do not belong to one resource, so they become stack notes that
 * name what depends on them.
 */

import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';
import { collectReferences } from './references.js';
import type { CfnTemplate } from './template.js';
import { eachDifference } from './each-difference.js';

export function templateSectionNotes(diff: TemplateDiff, head: CfnTemplate): string[] {
  const notes: string[] = [];
  const resources = Object.entries(head.Resources ?? {});

  const parameters = diff.parameters.logicalIds;
  if (parameters.length > 0) {
    const users = resources.filter(([, r]) => refersToAny(r.Properties, parameters)).map(([id]) => id);
    notes.push(
      `Parameters changed: ${parameters.join(', ')}. A new default applies only where the deployment does not pass a value; ` +
        `resources that read them${users.length > 0 ? ` (${users.join(', ')})` : ''} may change in ways this review cannot see.`,
    );
  }

  const conditions = diff.conditions.logicalIds;
  if (conditions.length > 0) {
    const gated = resources.filter(([, r]) => typeof r.Condition === 'string' && conditions.includes(r.Condition)).map(([id]) => id);
    notes.push(
      `Conditions changed: ${conditions.join(', ')}. Where a condition turns false, CloudFormation deletes the resources it gates` +
        `${gated.length > 0 ? ` (${gated.join(', ')})` : ''}; where it turns true, it creates them.`,
    );
  }

  const mappings = diff.mappings.logicalIds;
  if (mappings.length > 0) {
    const readers = resources.filter(([, r]) => JSON.stringify(r.Properties ?? {}).includes('"Fn::FindInMap"')).map(([id]) => id);
    notes.push(
      `Mappings changed: ${mappings.join(', ')}. Values read with Fn::FindInMap${readers.length > 0 ? ` (by ${readers.join(', ')})` : ''} may change on deploy.`,
    );
  }

  eachDifference(diff.outputs, (name, change) => {
    const before = exportName(change.oldValue);
    if (before !== undefined && exportName(change.newValue) === undefined) {
      notes.push(`Export ${before} (output ${name}) is removed: CloudFormation refuses the update while another stack imports it.`);
    }
  });
  return notes;
}

function refersToAny(value: unknown, names: string[]): boolean {
  let found = false;
  collectReferences(value, '', (id) => {
    if (names.includes(id)) found = true;
  });
  return found;
}

function exportName(output: unknown): string | undefined {
  const name = (output as { Export?: { Name?: unknown } } | undefined)?.Export?.Name;
  return name === undefined ? undefined : typeof name === 'string' ? name : JSON.stringify(name);
}
