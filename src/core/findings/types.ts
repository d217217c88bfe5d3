/**
 * Security Hub findings as the pure core sees them: normalized from ASFF by src/aws/asff.ts, with the SOC 2 criteria
 * of their control already looked up. The review uses them to say which open findings a PR resolves; `stackguard
 * posture` rolls them up per SOC 2 criterion.
 */

import type { Severity } from '../report.js';

/** Compliance.Status of a control finding. */
export const COMPLIANCE_STATUSES = ['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface SecurityHubFinding {
  /** The finding's Id (an ARN). */
  id: string;
  /** Compliance.SecurityControlId, e.g. S3.5. */
  controlId: string;
  title: string;
  severity: Severity;
  status: ComplianceStatus;
  /** Workflow.Status: NEW, NOTIFIED, SUPPRESSED or RESOLVED. */
  workflow: string;
  account: string;
  region: string;
  /** Resources[0].Type, e.g. AwsS3Bucket or AwsAccount. */
  resourceType: string;
  /** Resources[0].Id: usually an ARN; `AWS::::Account:<id>` for account-level controls. */
  resourceId: string;
  /** CIS AWS Foundations Benchmark requirements as "<version>/<section>", e.g. "1.2.0/2.7". */
  cis: string[];
  /** Compliance.AssociatedStandards[].StandardsId. */
  standards: string[];
  /** SOC 2 criteria of the control (rules catalogue, then the mapping data); empty when none is recorded. */
  soc2: string[];
}

/** A resource of a deployed stack: what ListStackResources says. */
export interface DeployedResource {
  logicalId: string;
  resourceType: string;
  physicalId: string;
}

/** The deployed resources of one stack, named as the review names stacks (nested ones "Parent/LogicalId"). */
export interface StackResources {
  stackName: string;
  account: string | null;
  region: string;
  resources: DeployedResource[];
}

/** Findings were read: the open ones, and the deployed resources to match them to. */
export interface FindingsConsulted {
  consulted: true;
  /** Where they came from, completing "Findings …": "read from Security Hub in 111111111111/eu-west-1 (4 open findings)". */
  source: string;
  findings: SecurityHubFinding[];
  stacks: StackResources[];
}

export interface FindingsNotConsulted {
  consulted: false;
  /** Why, in a sentence the review prints: no AWS access, Security Hub not enabled, access denied… */
  reason: string;
}

export type FindingsOutcome = FindingsConsulted | FindingsNotConsulted;

export function notConsulted(reason: string): FindingsNotConsulted {
  return { consulted: false, reason };
}

/** Open: failing, and neither suppressed nor resolved by someone in Security Hub. */
export function isOpenFinding(finding: Pick<SecurityHubFinding, 'status' | 'workflow'>): boolean {
  return finding.status === 'FAILED' && (finding.workflow === 'NEW' || finding.workflow === 'NOTIFIED');
}
