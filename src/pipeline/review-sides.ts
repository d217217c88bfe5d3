/**
 * Runs the pure review on two loaded sides with the repository's rules and config. The CLI and the App both end
 * here, so they cannot disagree about a verdict.
 */

import type { StackguardConfig } from '../config/schema.js';
import { findingsSection } from '../core/findings/section.js';
import { notConsulted, type FindingsOutcome } from '../core/findings/types.js';
import { reviewPolicyFromConfig } from '../config/review-policy.js';
import { pairStacks } from '../core/pair-stacks.js';
import type { Baseline, ReviewReport } from '../core/report.js';
import type { Wording } from '../core/wording.js';
import { review } from '../core/review.js';
import type { LoadedSide } from '../sources/load-side.js';
import { serviceSpecFacts } from '../sources/spec-facts.js';
import { loadRuleSets } from './rule-sets.js';

export interface ReviewSidesInput {
  base: LoadedSide;
  head: LoadedSide;
  config: StackguardConfig;
  baseline: Baseline;
  /** The day accepted risks are checked against. */
  today: Date;
  /**
   * Open Security Hub findings for the head's stacks (src/aws fetchFindingsForReview), or why they were not read.
   * Left out, the report says findings were not consulted.
   */
  findings?: FindingsOutcome;
  /** Whose words the advice uses: the CLI names its --config file; the App (default) its check run. */
  wording?: Wording;
}

export const FINDINGS_NOT_REQUESTED = 'no AWS access was configured for this review';

export function reviewSides(input: ReviewSidesInput): ReviewReport {
  const rules = loadRuleSets();
  const report = review({
    stacks: pairStacks(input.base.stacks, input.head.stacks),
    baseline: input.baseline,
    behaviours: rules.behaviours,
    controls: rules.controls,
    facts: serviceSpecFacts(),
    policy: reviewPolicyFromConfig(input.config, input.today, input.wording),
  });
  report.findings = findingsSection(report, input.findings ?? notConsulted(FINDINGS_NOT_REQUESTED));
  return report;
}
