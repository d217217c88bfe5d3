/**
 * The SOC 2 readiness report of `stackguard posture`: the seed's before/after table, from live Security Hub
 * findings. Plain data; src/core/posture/render-*.ts turn it into text or Markdown and the CLI prints it as JSON.
 */

import type { Severity } from '../report.js';
import type { Soc2MappingSource } from './catalogue.js';

/** passing: evaluated, nothing fails. failing: at least one FAILED finding not suppressed. not-evaluated: neither. */
export type ControlState = 'passing' | 'failing' | 'not-evaluated';

export interface ControlPosture {
  controlId: string;
  title: string;
  severity: Severity;
  state: ControlState;
  findings: { failed: number; passed: number; suppressed: number; other: number };
  soc2: string[];
  soc2Source: Soc2MappingSource;
  /** The control belongs to a CIS AWS Foundations Benchmark standard (by its findings' standards or requirements). */
  inCis: boolean;
  /** CIS requirements it checks, as "<benchmark version>/<section>" ("1.2.0/2.7"), where known. */
  cis: string[];
  /** A current accepted risk in the config names this control. */
  accepted: boolean;
}

export type SeverityCounts = Record<Severity, number>;

export interface CriterionPosture {
  criterion: string;
  state: 'passing' | 'failing';
  controls: { passing: number; failing: number };
  /** Failed findings of the failing controls mapped to this criterion, by severity. */
  failedFindings: SeverityCounts;
  worstSeverity: Severity | null;
  failingControls: string[];
}

export interface AcceptedRiskPosture {
  control: string | null;
  resource: string | null;
  stack: string | null;
  rationale: string;
  owner: string;
  expires: string;
  expired: boolean;
  /** Failed findings of the controls the entry names (every failed finding of them: findings carry ARNs, not logical ids). */
  failedFindings: number;
}

export interface Ratio {
  passing: number;
  total: number;
}

export interface PostureReport {
  /** The day the report was made (YYYY-MM-DD, UTC); accepted-risk expiry is checked against it. */
  generatedOn: string;
  scope: { accounts: string[]; regions: string[] };
  totals: {
    /** Active Security Hub control findings read, any status. */
    findings: number;
    failedFindings: number;
    failedBySeverity: SeverityCounts;
    /** Evaluated controls that map to at least one SOC 2 criterion. */
    soc2Controls: Ratio;
    /** Evaluated controls in a CIS AWS Foundations Benchmark standard. */
    cisControls: Ratio;
    criteria: Ratio;
  };
  /** Failing criteria first, worst severity first (a triage list), then the passing ones. */
  criteria: CriterionPosture[];
  /** Failing controls first (worst severity, most findings), then passing, then not evaluated. */
  controls: ControlPosture[];
  acceptedRisks: AcceptedRiskPosture[];
}

/** An `acceptedRisks` entry of the config, as the posture needs it. */
export interface AcceptedRiskEntry {
  control?: string;
  resource?: string;
  stack?: string;
  rationale: string;
  owner: string;
  expires: string;
}
