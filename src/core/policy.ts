/**
 * The blocking policy as the core sees it: switches and two questions answered from `.github/stackguard.yml`
 * (src/config/ builds it). Defaults block the replacement (retained, conditional or not) or deletion of stateful
 * resources, changes that cannot deploy, and control regressions of severity HIGH or above; orphans are warnings.
 */

import type { Action, Severity } from './report.js';

export interface AllowanceQuery {
  stackName: string;
  logicalId: string;
  resourceType: string;
  action: Action;
}

export interface RiskQuery {
  controlId: string;
  ruleId?: string;
  stackName: string;
  logicalId: string;
}

export interface AcceptedRiskAnswer {
  rationale: string;
  owner: string;
  expires: string;
  expired: boolean;
}

export interface ReviewPolicy {
  blockStatefulReplacement: boolean;
  blockStatefulDeletion: boolean;
  blockOrphan: boolean;
  /** Block a stateful replacement also when UpdateReplacePolicy Retain keeps the old resource. */
  blockRetainedReplacement: boolean;
  /** Block a stateful replacement that CloudFormation decides at deploy time (a conditional property no rule decides). */
  blockConditionalReplacement: boolean;
  /** Block a change whose deployment fails: custom-named replacement, refused update, type change. */
  blockFailsToDeploy: boolean;
  /** Lowest severity of a control regression that blocks; 'none' turns control blocking off. */
  severityThreshold: Severity | 'none';
  /** Stateful after the config's `statefulTypes` / `notStatefulTypes`. */
  isStateful(resourceType: string, specStateful: boolean): boolean;
  /** The `allow` entry that expects this replacement, deletion or orphan, if any. */
  allowance(query: AllowanceQuery): { reason: string } | undefined;
  /** The `acceptedRisks` entry that covers this control on this resource, expired or not. */
  acceptedRisk(query: RiskQuery): AcceptedRiskAnswer | undefined;
}

/** The policy with no config file: the defaults of docs/configuration.md, nothing allowed or accepted. */
export const DEFAULT_POLICY: ReviewPolicy = {
  blockStatefulReplacement: true,
  blockStatefulDeletion: true,
  blockOrphan: false,
  blockRetainedReplacement: true,
  blockConditionalReplacement: true,
  blockFailsToDeploy: true,
  severityThreshold: 'HIGH',
  isStateful: (_type, specStateful) => specStateful,
  allowance: () => undefined,
  acceptedRisk: () => undefined,
};
