/** Downtime behaviour rules: the pure part (types, index, matching, changed paths). */

export type {
  BehaviourCondition,
  BehaviourEvent,
  BehaviourExample,
  BehaviourMatch,
  BehaviourRule,
  BehaviourTier,
  ExampleResource,
} from './types.js';
export { buildBehaviourIndex, type BehaviourIndex } from './behaviour-index.js';
export { changedPaths } from './changed-paths.js';
export { createBehaviourLookup } from './lookup.js';
export { matchLifecycle, matchPropertyUpdate, matchUpdate, type PathMatch } from './match.js';
export { sameValue } from './values.js';
