/**
 * Reads Security Hub control findings in the AWS Security Finding Format into the core's SecurityHubFinding: the
 * control (Compliance.SecurityControlId), severity, compliance and workflow status, the resource, the CIS
 * requirements (Compliance.RelatedRequirements) and standards (Compliance.AssociatedStandards), and the SOC 2
 * criteria of the control from the catalogue. Without consolidated control findings Security Hub writes one finding
 * per standard for the same check; those collapse into one, the failing one winning.
 */

import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { COMPLIANCE_STATUSES, type ComplianceStatus, type SecurityHubFinding } from '../core/findings/types.js';
import type { ControlCatalogue } from '../core/posture/catalogue.js';
import { SEVERITIES, type Severity } from '../core/report.js';

export interface NormalizedFindings {
  findings: SecurityHubFinding[];
  /** Findings that are not Security Hub control findings (no control id): left out. */
  skipped: number;
}

/** "CIS AWS Foundations Benchmark v1.4.0/3.7" → "1.4.0/3.7"; the CIS 1.2.0 standard's older "CIS AWS Foundations 2.7" → "1.2.0/2.7". */
export function cisRequirement(requirement: string): string | undefined {
  const versioned = /^CIS AWS Foundations Benchmark v(\d+(?:\.\d+)*)\/(\S+)$/.exec(requirement);
  if (versioned) return `${versioned[1]}/${versioned[2]}`;
  const legacy = /^CIS AWS Foundations (\d+(?:\.\d+)*)$/.exec(requirement);
  return legacy ? `1.2.0/${legacy[1]}` : undefined;
}

function severityOf(raw: AwsSecurityFinding): Severity {
  const label = raw.Severity?.Label ?? raw.FindingProviderFields?.Severity?.Label;
  return SEVERITIES.includes(label as Severity) ? (label as Severity) : 'INFORMATIONAL';
}

function statusOf(raw: AwsSecurityFinding): ComplianceStatus {
  const status = raw.Compliance?.Status;
  return COMPLIANCE_STATUSES.includes(status as ComplianceStatus) ? (status as ComplianceStatus) : 'NOT_AVAILABLE';
}

export function normalizeFinding(raw: AwsSecurityFinding, catalogue: ControlCatalogue): SecurityHubFinding | undefined {
  const controlId = raw.Compliance?.SecurityControlId ?? raw.ProductFields?.ControlId;
  const resource = raw.Resources?.[0];
  if (!controlId || !raw.Id || !resource?.Id) return undefined;
  return {
    id: raw.Id,
    controlId,
    title: raw.Title ?? controlId,
    severity: severityOf(raw),
    status: statusOf(raw),
    workflow: raw.Workflow?.Status ?? raw.WorkflowState ?? 'NEW',
    account: raw.AwsAccountId ?? '',
    region: raw.Region ?? resource.Region ?? '',
    resourceType: resource.Type ?? '',
    resourceId: resource.Id,
    cis: [...new Set((raw.Compliance?.RelatedRequirements ?? []).flatMap((r) => cisRequirement(r) ?? []))],
    standards: (raw.Compliance?.AssociatedStandards ?? []).flatMap((s) => (s.StandardsId ? [s.StandardsId] : [])),
    soc2: catalogue.lookup(controlId).soc2,
  };
}

function rank(finding: SecurityHubFinding): number {
  if (finding.status === 'FAILED' && finding.workflow !== 'SUPPRESSED') return 3;
  if (finding.status === 'FAILED') return 2;
  return finding.status === 'PASSED' ? 1 : 0;
}

export function normalizeFindings(raw: readonly AwsSecurityFinding[], catalogue: ControlCatalogue): NormalizedFindings {
  const byCheck = new Map<string, SecurityHubFinding>();
  let skipped = 0;
  for (const entry of raw) {
    const finding = normalizeFinding(entry, catalogue);
    if (!finding) {
      skipped++;
      continue;
    }
    const key = [finding.controlId, finding.resourceId, finding.account, finding.region].join('\u0000');
    const seen = byCheck.get(key);
    if (!seen) byCheck.set(key, finding);
    else {
      const winner = rank(finding) > rank(seen) ? finding : seen;
      byCheck.set(key, { ...winner, cis: [...new Set([...seen.cis, ...finding.cis])], standards: [...new Set([...seen.standards, ...finding.standards])] });
    }
  }
  return { findings: [...byCheck.values()], skipped };
}
