/**
 * Changes to a stack's structure: moving a resource to a new logical id (with every reference to it), and
 * removing a construct scope (a Lambda function with its role, log group, version and alarms, say) without
 * leaving a reference dangling.
 */

import type { Json, JsonObject } from '../intrinsics.js';
import { constructPathOf, LOGICAL_ID_ENTRY, type ResourceJson } from '../model.js';
import { componentsOf, type MutationContext } from './context.js';
import { referrers, renameReferences } from './references.js';

/** Renames `from` to `to` (and, when given, moves its construct path); returns every logical id changed. */
export function renameResource(context: MutationContext, from: string, to: string, newComponents?: string[]): string[] {
  const { template, metadata, stackName } = context.model;
  const resource = template.Resources[from];
  if (!resource) throw new Error(`${stackName}: no resource ${from} to rename`);
  const users = referrers(template, new Set([from]));
  // Rebuilt in place: the head builder holds this very object, and the order of resources is kept.
  const entries = Object.entries(template.Resources);
  for (const [id] of entries) delete template.Resources[id];
  for (const [id, r] of entries) template.Resources[id === from ? to : id] = r;
  for (const id of users.resources) {
    const user = template.Resources[id] as ResourceJson;
    if (user.Properties) user.Properties = renameReferences(user.Properties, from, to) as JsonObject;
    if (user.DependsOn) user.DependsOn = user.DependsOn.map((dependency) => (dependency === from ? to : dependency));
  }
  for (const name of users.outputs) {
    const outputs = template.Outputs ?? {};
    outputs[name] = renameReferences(outputs[name] as Json, from, to) as JsonObject;
  }

  const oldKey = `/${constructPathOf(resource)}`;
  const entriesOf = metadata[oldKey] ?? [];
  const logicalIdEntry = entriesOf.find((entry) => entry.type === LOGICAL_ID_ENTRY);
  if (logicalIdEntry) logicalIdEntry.data = to;
  if (newComponents) {
    const newPath = `${stackName}/${newComponents.join('/')}`;
    resource.Metadata['aws:cdk:path'] = newPath;
    delete metadata[oldKey];
    metadata[`/${newPath}`] = entriesOf;
  }
  return [from, to, ...users.resources];
}

/** Logical ids of the resources whose construct path starts with `scope` (its first component). */
export function resourcesInScope(context: MutationContext, scope: string): string[] {
  return Object.entries(context.model.template.Resources)
    .filter(([, resource]) => componentsOf(resource)[0] === scope)
    .map(([id]) => id);
}

/**
 * Removes the scope's resources and the outputs that export them. Refuses (returns []) when a resource outside
 * the scope refers into it: deleting it would break the template, which no real PR could synthesize.
 */
export function deleteScope(context: MutationContext, scope: string): string[] {
  const { template, metadata } = context.model;
  const ids = resourcesInScope(context, scope);
  const users = referrers(template, new Set(ids));
  if (ids.length === 0 || users.resources.length > 0 || ids.some((id) => context.touched.has(id))) return [];
  for (const id of ids) {
    const resource = template.Resources[id] as ResourceJson;
    delete metadata[`/${constructPathOf(resource)}`];
    delete template.Resources[id];
  }
  for (const name of users.outputs) {
    delete template.Outputs?.[name];
    delete metadata[`/${context.model.stackName}/${name}`];
  }
  return ids;
}
