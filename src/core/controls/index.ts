/**
 * SOC 2 control rules: the pure engine. Load rules with src/rules/controls/load.ts, evaluate each side of a review
 * with evaluateApp, compare the sides with compareControls, render the catalogue with renderCatalogue.
 */

export { type CatalogueFormat, renderCatalogue } from './catalogue.js';
export { compareControls } from './compare.js';
export { evaluateApp, type StackTemplate } from './evaluate.js';
export {
  APP_SCOPE,
  type ControlComparison,
  type ControlDelta,
  type ControlEvaluation,
  type ControlStatus,
  type EvidenceLocation,
  evidenceLocations,
} from './results.js';
export { type Condition, type ControlRule, controlIdOf, type RuleExample, type Soc2Mapping, type Soc2Source } from './types.js';
