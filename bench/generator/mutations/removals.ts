/**
 * Deletions and renames. A rename moves a whole construct scope to a new id (a construct renamed or moved in
 * the app): every logical id under it changes while the properties stay, the trap stackguard must call out.
 */

import { logicalIdFor } from '../ids.js';
import { componentsOf, resourceOf, type Mutation, type MutationContext } from './context.js';
import { referrers } from './references.js';
import { deleteScope, renameResource, resourcesInScope } from './structure.js';

const scopeOf = (context: MutationContext, id: string): string => componentsOf(resourceOf(context, id))[0] ?? id;

const RENAME_PREFIXES = ['Primary', 'Main', 'Core', 'Shared'];

function renameScope(context: MutationContext, scope: string): string[] {
  const target = `${context.prng.pick(RENAME_PREFIXES)}${scope}`;
  const ids = resourcesInScope(context, scope);
  if (resourcesInScope(context, target).length > 0 || ids.some((id) => context.touched.has(id))) return [];
  const changed = new Set<string>();
  for (const id of ids) {
    const components = [target, ...componentsOf(resourceOf(context, id)).slice(1)];
    for (const changedId of renameResource(context, id, logicalIdFor(components), components)) changed.add(changedId);
  }
  return [...changed];
}

export const REMOVALS: Mutation[] = [
  {
    name: 'delete-alarm',
    weight: 3,
    kind: 'delete',
    types: ['AWS::CloudWatch::Alarm'],
    // Only an alarm that is a scope of its own, or the whole scope would go with it.
    accepts: (resource) => componentsOf(resource).length <= 3,
    apply: (context, id) => {
      const { template } = context.model;
      const scope = componentsOf(resourceOf(context, id))[0] ?? id;
      return resourcesInScope(context, scope).length === 1 ? deleteScope(context, scope) : deleteLeaf(context, id, template);
    },
  },
  {
    name: 'delete-scope',
    weight: 0.5,
    kind: 'delete',
    types: ['AWS::Lambda::Function', 'AWS::ECS::Service', 'AWS::SQS::Queue', 'AWS::S3::Bucket'],
    apply: (context, id) => deleteScope(context, scopeOf(context, id)),
  },
  {
    name: 'rename-scope',
    weight: 1.5,
    kind: 'rename',
    types: [
      'AWS::S3::Bucket',
      'AWS::SQS::Queue',
      'AWS::SNS::Topic',
      'AWS::KMS::Key',
      'AWS::IAM::User',
      'AWS::EC2::SecurityGroup',
    ],
    // Only scopes without a Lambda version: a version's id carries a hash that a scope move would not recompute.
    accepts: (resource, _id, context) =>
      resourcesInScope(context, componentsOf(resource)[0] ?? '').every(
        (member) => context.model.template.Resources[member]?.Type !== 'AWS::Lambda::Version',
      ),
    apply: (context, id) => renameScope(context, scopeOf(context, id)),
  },
];

/** Deletes one resource nothing refers to, with its metadata. */
function deleteLeaf(context: MutationContext, id: string, template: MutationContext['model']['template']): string[] {
  if (referrers(template, new Set([id])).resources.length > 0) return [];
  const path = `/${String(resourceOf(context, id).Metadata['aws:cdk:path'])}`;
  delete template.Resources[id];
  delete context.model.metadata[path];
  return [id];
}
