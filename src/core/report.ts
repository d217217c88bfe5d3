/**
 * The review report: the JSON contract of docs/report-schema.json (`schemaVersion: 1`).
 * CI scripts parse it, so names here are stable: add fields, never rename them.
 */

import type { SourceLocation } from './template.js';

export const ACTIONS = ['create', 'update', 'replace', 'delete', 'orphan', 'import'] as const;
export type Action = (typeof ACTIONS)[number];

/** Ordered from harmless to worst; "worst of" means the highest index. */
export const DOWNTIMES = ['none', 'atomic', 'rolling', 'interruption', 'replacement', 'deletion'] as const;
export type Downtime = (typeof DOWNTIMES)[number];

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type BaselineKind = 'assembly' | 'templates' | 'deployed' | 'base-branch';

export interface Baseline {
  kind: BaselineKind;
  description: string;
}

export interface PropertyChangeReport {
  path: string;
  downtime: Downtime;
  /** True when nothing (spec or rule) tells what changing this property does. */
  effectUnknown?: boolean;
}

export type ControlEffect = 'regression' | 'improvement';

export interface ControlImpact {
  controlId: string;
  title: string;
  severity: Severity;
  effect: ControlEffect;
  soc2: string[];
  /** Logical id of the resource the control is evaluated on. */
  resource: string;
  /** Id of the stackguard rule that evaluated it. */
  ruleId?: string;
  /** Set when an accepted risk in the config covers this regression. */
  accepted?: { rationale: string; owner: string; expires: string };
}

/** Why a change blocks: the policy line that fired, in words. */
export interface BlockingCause {
  policy: string;
  detail: string;
}

export interface ChangeReport {
  logicalId: string;
  resourceType: string;
  constructPath: string | null;
  source: SourceLocation | null;
  action: Action;
  downtime: Downtime;
  stateful: boolean;
  blocking: boolean;
  reasons: string[];
  properties: PropertyChangeReport[];
  causedBy: string[];
  renamedFrom: string | null;
  controls: ControlImpact[];
  /** Policy lines that made this change blocking (empty when not blocking). */
  blockedBy: BlockingCause[];
  /** Things a reviewer should read that do not block: orphaned resources, allowed replacements, expired risks. */
  warnings: string[];
  /** What to do about it, for blocking changes and probable renames. */
  advice: string[];
}

export type StackStatus = 'changed' | 'unchanged' | 'added' | 'removed';

export interface StackReport {
  stackName: string;
  /** For a nested stack, the stack it is nested in. */
  parentStack: string | null;
  status: StackStatus;
  /** Stack-level notes, such as "CloudFormation does not delete a stack removed from the app". */
  notes: string[];
  changes: ChangeReport[];
}

export type DowntimeCounts = Record<Downtime, number>;

export interface ReviewSummary {
  stacks: number;
  changes: number;
  blocking: number;
  regressions: number;
  improvements: number;
  byDowntime: DowntimeCounts;
}

export interface ReviewReport {
  schemaVersion: 1;
  conclusion: 'success' | 'failure';
  baseline: Baseline;
  summary: ReviewSummary;
  stacks: StackReport[];
}
