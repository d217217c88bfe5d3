/**
 * Pages through Security Hub GetFindings (100 a page) within its rate limit: one limiter slot per request. The
 * SDK's paginator is not used because the limiter has to run before every request, including the first.
 */

import { GetFindingsCommand, type AwsSecurityFinding, type AwsSecurityFindingFilters, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { callAws, hubArn } from './aws-errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { AwsTarget } from './session.js';

const PAGE_SIZE = 100;

function equals(value: string) {
  return { Value: value, Comparison: 'EQUALS' as const };
}

/** Security Hub's own control findings, live, in the target's account (when known) and region. */
export function controlFindingFilters(target: AwsTarget): AwsSecurityFindingFilters {
  return {
    ProductName: [equals('Security Hub')],
    RecordState: [equals('ACTIVE')],
    Region: [equals(target.region)],
    ...(target.account ? { AwsAccountId: [equals(target.account)] } : {}),
  };
}

/** The open ones: failing, and neither suppressed nor resolved in Security Hub. */
export function openFindingFilters(target: AwsTarget): AwsSecurityFindingFilters {
  return {
    ...controlFindingFilters(target),
    ComplianceStatus: [equals('FAILED')],
    WorkflowStatus: [equals('NEW'), equals('NOTIFIED')],
  };
}

export async function getFindings(
  client: SecurityHubClient,
  target: AwsTarget,
  filters: AwsSecurityFindingFilters,
  limiter: RateLimiter,
  step: string,
): Promise<AwsSecurityFinding[]> {
  const call = { action: 'securityhub:GetFindings', resource: hubArn(target.region, target.account), step };
  const findings: AwsSecurityFinding[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  do {
    await limiter.acquire();
    const page = await callAws(call, () => client.send(new GetFindingsCommand({ Filters: filters, MaxResults: PAGE_SIZE, NextToken: token })));
    findings.push(...(page.Findings ?? []));
    token = page.NextToken || undefined;
    // A token seen before would page forever.
    if (token !== undefined && tokens.has(token)) break;
    if (token !== undefined) tokens.add(token);
  } while (token !== undefined);
  return findings;
}
