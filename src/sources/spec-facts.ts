/**
 * Answers the core's SpecFacts from @aws-cdk/aws-service-spec.
 *
 * cloudformation-diff already loads the service spec database (about a second and a few hundred MB) and caches it
 * behind `loadResourceModel`. Loading it a second time here would double both, so this adapter reads the same cached
 * database through that function. The diff package is pinned to an exact version in package.json because this is a
 * deep import; test/sources/spec-facts.test.ts fails if the function moves.
 */

import type { Resource } from '@aws-cdk/service-spec-types';
// Deep import on purpose: see the comment above.
import { loadResourceModel } from '@aws-cdk/cloudformation-diff/lib/diff/util.js';
import type { SpecFacts } from '../core/spec-facts.js';
import { physicalNamesOf } from './physical-names.js';

export function serviceSpecFacts(): SpecFacts {
  const cache = new Map<string, Resource | undefined>();
  const model = (type: string): Resource | undefined => {
    if (!cache.has(type)) cache.set(type, loadResourceModel(type));
    return cache.get(type);
  };
  return {
    isKnownType: (type) => model(type) !== undefined,
    isStateful: (type) => model(type)?.isStateful === true,
    replacementOf: (type, property) => {
      const cause = model(type)?.properties[property]?.causesReplacement;
      return cause === 'yes' || cause === 'maybe' ? cause : 'no';
    },
    physicalNameProperties: (type) => {
      const resource = model(type);
      return resource ? physicalNamesOf(resource) : [];
    },
  };
}
