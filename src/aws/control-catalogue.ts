/**
 * The control catalogue of the shipped rules and mapping data (rules/controls/ and rules/controls/data/), loaded once
 * per process: which SOC 2 criteria each Security Hub control maps to, for findings in the review and for posture.
 */

import { buildControlCatalogue, type ControlCatalogue } from '../core/posture/catalogue.js';
import { defaultControlDataDir, loadControlRules } from '../rules/controls/load.js';
import { loadReferenceData } from '../rules/controls/reference-data.js';

let cached: ControlCatalogue | undefined;

export function shippedControlCatalogue(): ControlCatalogue {
  cached ??= buildControlCatalogue(loadControlRules(), loadReferenceData(defaultControlDataDir()));
  return cached;
}
