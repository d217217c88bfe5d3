/**
 * Builds the core's `ReviewPolicy` (src/core/policy.ts) from a validated config. The core never sees the config
 * file or the clock; it gets these switches and three questions, answered here with `today` fixed once per review.
 */

import type { ReviewPolicy } from '../core/policy.js';
import { findAcceptedRisk, findAllowance, isStatefulByConfig } from './policy.js';
import type { StackguardConfig } from './schema.js';

export function reviewPolicyFromConfig(config: StackguardConfig, today: Date): ReviewPolicy {
  const { policy } = config;
  return {
    blockStatefulReplacement: policy.blockStatefulReplacement,
    blockStatefulDeletion: policy.blockStatefulDeletion,
    blockOrphan: policy.blockOrphan,
    blockRetainedReplacement: policy.blockRetainedReplacement,
    blockConditionalReplacement: policy.blockConditionalReplacement,
    blockFailsToDeploy: policy.blockFailsToDeploy,
    severityThreshold: policy.severityThreshold,
    isStateful: (resourceType, specStateful) => isStatefulByConfig(config, resourceType, specStateful),
    allowance: (query) => {
      const entry = findAllowance(config, query);
      return entry && { reason: entry.reason };
    },
    acceptedRisk: (query) => {
      const match = findAcceptedRisk(config, query, today);
      return (
        match && {
          rationale: match.entry.rationale,
          owner: match.entry.owner,
          expires: match.entry.expires,
          expired: match.expired,
        }
      );
    },
  };
}
