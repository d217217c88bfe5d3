/**
 * A Lambda function's new code asset or configuration, the way CDK renders it: the S3 key and asset metadata
 * change, and `fn.currentVersion` gets a new logical id (its id hashes the function's configuration), so the
 * old version is deleted, a new one created, and the alias moves to it.
 */

import { codeAsset, versionLogicalId } from '../constructs/functions.js';
import { assetHash } from '../ids.js';
import type { JsonObject } from '../intrinsics.js';
import { componentsOf, propertiesOf, resourceOf, type Mutation, type MutationContext } from './context.js';
import { renameResource } from './structure.js';

function versionsOf(context: MutationContext, functionId: string): string[] {
  return Object.entries(context.model.template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Version')
    .filter(([, resource]) => (resource.Properties?.['FunctionName'] as JsonObject | undefined)?.['Ref'] === functionId)
    .map(([id]) => id);
}

function moveCurrentVersion(context: MutationContext, functionId: string, configuration: string): string[] {
  const scope = componentsOf(resourceOf(context, functionId)).slice(0, -1);
  const changed = [functionId];
  for (const versionId of versionsOf(context, functionId)) {
    changed.push(...renameResource(context, versionId, versionLogicalId(scope, assetHash(configuration))));
  }
  return changed;
}

export const LAMBDA_CHANGES: Mutation[] = [
  {
    name: 'lambda-code',
    weight: 10,
    kind: 'update',
    types: ['AWS::Lambda::Function'],
    apply: (context, id) => {
      const hash = context.prng.hex(64);
      const asset = codeAsset(hash);
      propertiesOf(context, id)['Code'] = asset.code;
      Object.assign(resourceOf(context, id).Metadata, asset.metadata);
      return moveCurrentVersion(context, id, hash);
    },
  },
  {
    name: 'lambda-memory',
    weight: 3,
    kind: 'update',
    types: ['AWS::Lambda::Function'],
    apply: (context, id) => {
      const properties = propertiesOf(context, id);
      properties['MemorySize'] = (typeof properties['MemorySize'] === 'number' ? properties['MemorySize'] : 128) * 2;
      return moveCurrentVersion(context, id, `${id}/memory/${String(properties['MemorySize'])}`);
    },
  },
];
