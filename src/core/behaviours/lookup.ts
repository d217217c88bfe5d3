/**
 * The classifier's view of the behaviour rules (`BehaviourLookup`), bound to one compiled index, so the
 * review wiring builds it once: `createBehaviourLookup(buildBehaviourIndex(loadBehaviourRules()))`.
 */

import type { BehaviourLookup } from '../behaviour-lookup.js';
import type { BehaviourIndex } from './behaviour-index.js';
import { changedPaths } from './changed-paths.js';
import { matchLifecycle, matchUpdate } from './match.js';

export function createBehaviourLookup(index: BehaviourIndex): BehaviourLookup {
  return {
    changedPaths,
    matchUpdate: (resourceType, path, head, base) => matchUpdate(index, resourceType, path, head, base),
    matchLifecycle: (resourceType, on, resource) => matchLifecycle(index, resourceType, on, resource),
  };
}
