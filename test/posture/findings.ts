/** Normalized findings for the posture tests: an account half-way through the seed's remediation. */

import type { SecurityHubFinding } from '../../src/core/findings/types.js';

let n = 0;

export function finding(controlId: string, status: SecurityHubFinding['status'], extra: Partial<SecurityHubFinding> = {}): SecurityHubFinding {
  n++;
  return {
    id: `arn:aws:securityhub:eu-west-1:111111111111:security-control/${controlId}/finding/${n}`,
    controlId,
    title: `${controlId} title`,
    severity: 'MEDIUM',
    status,
    workflow: 'NEW',
    account: '111111111111',
    region: 'eu-west-1',
    resourceType: 'AwsS3Bucket',
    resourceId: `arn:aws:s3:::bucket-${n}`,
    cis: [],
    standards: ['standards/aws-foundational-security-best-practices/v/1.0.0'],
    soc2: [],
    ...extra,
  };
}
