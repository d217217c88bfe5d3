import { describe, expect, it } from 'vitest';
import { cisRequirement, normalizeFindings } from '../../src/aws/asff.js';
import { buildControlCatalogue } from '../../src/core/posture/catalogue.js';
import { ACCOUNT, CIS_120, CIS_140, REGION, asffFinding } from './asff.js';

const catalogue = buildControlCatalogue([], { securityHub: new Map([['CloudTrail.1', { prowler: ['CC7.2'], steampipe: ['CC7.2', 'CC7.3'] }]]), seed: new Map() });

describe('reading ASFF control findings', () => {
  it('reads the control, status, resource, CIS requirements, standards and the SOC 2 criteria of the control', () => {
    const raw = asffFinding({
      control: 'CloudTrail.1',
      title: 'CloudTrail should be enabled and configured with at least one multi-Region trail',
      severity: 'HIGH',
      status: 'FAILED',
      workflow: 'NOTIFIED',
      resourceType: 'AwsAccount',
      resourceId: `AWS::::Account:${ACCOUNT}`,
      requirements: ['CIS AWS Foundations Benchmark v1.2.0/2.1', 'CIS AWS Foundations Benchmark v1.4.0/3.1', 'NIST.800-53.r5 AC-2(4)', 'PCI DSS v3.2.1/10.1'],
      standards: [CIS_120, CIS_140],
    });
    const { findings, skipped } = normalizeFindings([raw], catalogue);
    expect(skipped).toBe(0);
    expect(findings).toEqual([
      {
        id: raw.Id,
        controlId: 'CloudTrail.1',
        title: 'CloudTrail should be enabled and configured with at least one multi-Region trail',
        severity: 'HIGH',
        status: 'FAILED',
        workflow: 'NOTIFIED',
        account: ACCOUNT,
        region: REGION,
        resourceType: 'AwsAccount',
        resourceId: `AWS::::Account:${ACCOUNT}`,
        cis: ['1.2.0/2.1', '1.4.0/3.1'],
        standards: [CIS_120, CIS_140],
        soc2: ['CC7.2', 'CC7.3'],
      },
    ]);
  });

  it('reads the CIS requirement forms Security Hub writes', () => {
    expect(cisRequirement('CIS AWS Foundations Benchmark v3.0.0/3.5')).toBe('3.0.0/3.5');
    expect(cisRequirement('CIS AWS Foundations 2.7')).toBe('1.2.0/2.7');
    expect(cisRequirement('PCI DSS v3.2.1/10.1')).toBeUndefined();
  });

  it('collapses the per-standard findings of one check (consolidation off), the failing one winning', () => {
    const resource = { resourceType: 'AwsS3Bucket', resourceId: 'arn:aws:s3:::shop-logs', title: 'S3 buckets should require SSL', control: 'S3.5', severity: 'MEDIUM' as const };
    const fsbp = asffFinding({ ...resource, status: 'PASSED', n: 1 });
    const pci = asffFinding({ ...resource, status: 'FAILED', standards: ['standards/pci-dss/v/3.2.1'], requirements: ['PCI DSS v3.2.1/4.1'], n: 2 });
    const { findings } = normalizeFindings([fsbp, pci], catalogue);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: pci.Id, status: 'FAILED' });
    expect(findings[0]!.standards).toEqual(['standards/aws-foundational-security-best-practices/v/1.0.0', 'standards/pci-dss/v/3.2.1']);
  });

  it('leaves out findings that are not control findings (GuardDuty, Inspector…)', () => {
    const guardDuty = { ...asffFinding({ control: 'X', title: 'Recon:EC2/PortProbeUnprotectedPort', severity: 'LOW', status: 'FAILED', resourceType: 'AwsEc2Instance', resourceId: 'arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc' }), Compliance: undefined, ProductFields: {} };
    expect(normalizeFindings([guardDuty], catalogue)).toEqual({ findings: [], skipped: 1 });
  });
});
