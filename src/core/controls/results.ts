/**
 * What the engine returns: one evaluation per (rule, resource) on one side, and the comparison of two sides.
 * Plain data, so renderers and the verdict can consume it without knowing the rules.
 */

import type { Severity } from '../report.js';

export type ControlStatus = 'pass' | 'fail' | 'unknown' | 'error';

export interface EvidenceLocation {
  stackName: string;
  logicalId: string;
}

/** stackName and resource of an app-scope evaluation (one judgement for the whole app). */
export const APP_SCOPE = '(app)';

export interface ControlEvaluation {
  ruleId: string;
  /** Security Hub control id, or the rule id when Security Hub has no such control. */
  controlId: string;
  title: string;
  severity: Severity;
  soc2: string[];
  scope: 'resource' | 'app';
  /** The stack of the resource; APP_SCOPE for app-scope rules. */
  stackName: string;
  /** Logical id the rule was evaluated on; APP_SCOPE for app-scope rules. */
  resource: string;
  resourceType: string;
  /**
   * pass / fail: the rule judged the resource. unknown: a value it needs is an intrinsic stackguard cannot resolve
   * statically (a Ref to a parameter, Fn::If, an import), so it does not judge. error: the rule threw.
   */
  status: ControlStatus;
  message?: string;
  /**
   * Resource scope: logical ids in `stackName` whose properties decided the result, the resource itself first.
   * App scope: the same as "Stack/LogicalId" display strings; use `appEvidence` (or evidenceLocations) to match.
   */
  evidence: string[];
  /** App scope only: the deciding resources with their stacks. */
  appEvidence?: EvidenceLocation[];
}

/** The deciding resources of an evaluation with their stacks, for either scope. */
export function evidenceLocations(evaluation: ControlEvaluation): EvidenceLocation[] {
  if (evaluation.scope === 'app') return evaluation.appEvidence ?? [];
  return evaluation.evidence.map((logicalId) => ({ stackName: evaluation.stackName, logicalId }));
}

export interface ControlDelta {
  effect: 'regression' | 'improvement';
  /** The base-side evaluation; absent for a resource (or stack) that is new on the head side. */
  base?: ControlEvaluation;
  head?: ControlEvaluation;
}

export interface ControlComparison {
  deltas: ControlDelta[];
  /** Failing on the head side without being a regression: the posture summary. */
  stillFailing: ControlEvaluation[];
  /** Head-side evaluations the rules could not judge statically. */
  unknown: ControlEvaluation[];
  /** Rules that threw, on either side: shown to the reader, never silently dropped. */
  errors: Array<{ side: 'base' | 'head'; evaluation: ControlEvaluation }>;
}
