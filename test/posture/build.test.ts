import { describe, expect, it } from 'vitest';
import { buildPosture } from '../../src/core/posture/build.js';
import { buildControlCatalogue } from '../../src/core/posture/catalogue.js';
import { finding } from './findings.js';

const catalogue = buildControlCatalogue([], {
  seed: new Map([
    ['IAM.3', { criteria: ['CC6.1'], families: [] }],
    ['CloudTrail.1', { criteria: ['CC7.2'], families: [] }],
    ['CloudWatch.1', { criteria: ['CC7.2', 'CC7.3'], families: [] }],
    ['S3.5', { criteria: ['CC6.7'], families: [] }],
    ['RDS.3', { criteria: ['C1.1'], families: [] }],
    ['ElastiCache.5', { criteria: ['C1.1'], families: [] }],
  ]),
  securityHub: new Map(),
});
const cis = (id: string) => ({ cis: [id], standards: ['ruleset/cis-aws-foundations-benchmark/v/1.2.0'] });
const today = new Date('2026-07-01T12:00:00Z');

// GIVEN an account half-way through the seed's remediation
const findings = [
  finding('IAM.3', 'FAILED', { severity: 'HIGH', ...cis('1.2.0/1.4') }),
  finding('IAM.3', 'FAILED', { severity: 'HIGH', ...cis('1.2.0/1.4') }),
  finding('CloudTrail.1', 'FAILED', { severity: 'CRITICAL', resourceType: 'AwsAccount', ...cis('1.2.0/2.1') }),
  finding('CloudWatch.1', 'PASSED', { severity: 'LOW', ...cis('1.2.0/3.3') }),
  finding('S3.5', 'PASSED'),
  finding('S3.5', 'FAILED', { workflow: 'SUPPRESSED' }),
  finding('RDS.3', 'FAILED'),
  finding('ElastiCache.5', 'FAILED'),
  finding('ECS.1', 'FAILED', { severity: 'HIGH' }),
  finding('Config.1', 'NOT_AVAILABLE'),
];

describe('the SOC 2 readiness report', () => {
  const acceptedRisks = [
    { control: 'ElastiCache.5', rationale: 'Private subnet only, VPC CIDR locked down; in-transit encryption is planned for Q3 2026.', owner: 'platform-team', expires: '2026-09-30' },
    { control: 'ECS.1', stack: 'ShopService', rationale: 'Superset writes to /app/static at container start; the image is rebuilt read-only in Q4.', owner: 'analytics', expires: '2026-06-30' },
    { stack: 'Legacy', rationale: 'The legacy stack is decommissioned on 2026-08-01; nothing new is deployed to it.', owner: 'platform-team', expires: '2026-08-01' },
  ];
  const report = buildPosture({ findings, catalogue, acceptedRisks, today, scope: { accounts: [], regions: ['eu-west-1'] } });

  it('totals controls passing like the seed: SOC 2 controls and CIS controls', () => {
    // Evaluated and mapped: IAM.3 ✗, CloudTrail.1 ✗, CloudWatch.1 ✓, S3.5 ✓ (its only failure is suppressed), RDS.3 ✗, ElastiCache.5 ✗.
    expect(report.totals.soc2Controls).toEqual({ passing: 2, total: 6 });
    expect(report.totals.cisControls).toEqual({ passing: 1, total: 3 });
    expect(report.totals.failedFindings).toBe(6);
    expect(report.totals.failedBySeverity).toEqual({ INFORMATIONAL: 0, LOW: 0, MEDIUM: 2, HIGH: 3, CRITICAL: 1 });
    expect(report.scope).toEqual({ accounts: ['111111111111'], regions: ['eu-west-1'] });
  });

  it('lists failing criteria worst severity first, with counts by severity, then the passing ones', () => {
    expect(report.criteria.map((c) => `${c.criterion} ${c.state} ${c.worstSeverity ?? '-'}`)).toEqual([
      'CC7.2 failing CRITICAL',
      'CC6.1 failing HIGH',
      'C1.1 failing MEDIUM',
      'CC6.7 passing -',
      'CC7.3 passing -',
    ]);
    const cc72 = report.criteria[0]!;
    expect(cc72).toMatchObject({ controls: { passing: 1, failing: 1 }, failingControls: ['CloudTrail.1'] });
    expect(cc72.failedFindings).toEqual({ INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1 });
    expect(report.criteria[1]!.failedFindings.HIGH).toBe(2);
    expect(report.criteria[2]).toMatchObject({ controls: { passing: 0, failing: 2 }, failingControls: ['ElastiCache.5', 'RDS.3'] });
  });

  it('keeps an unmapped failing control in the controls list, outside the SOC 2 totals', () => {
    const ecs = report.controls.find((c) => c.controlId === 'ECS.1')!;
    expect(ecs).toMatchObject({ state: 'failing', soc2: [], soc2Source: 'none', accepted: false });
    expect(report.controls.find((c) => c.controlId === 'Config.1')!.state).toBe('not-evaluated');
    // Worst severity first, then the most failed findings (IAM.3 has two).
    expect(report.controls.map((c) => c.controlId).slice(0, 3)).toEqual(['CloudTrail.1', 'IAM.3', 'ECS.1']);
  });

  it('lists the accepted risks with rationale, owner and expiry, expired ones flagged', () => {
    expect(report.acceptedRisks).toEqual([
      { control: 'ElastiCache.5', resource: null, stack: null, rationale: acceptedRisks[0]!.rationale, owner: 'platform-team', expires: '2026-09-30', expired: false, failedFindings: 1 },
      { control: 'ECS.1', resource: null, stack: 'ShopService', rationale: acceptedRisks[1]!.rationale, owner: 'analytics', expires: '2026-06-30', expired: true, failedFindings: 1 },
      { control: null, resource: null, stack: 'Legacy', rationale: acceptedRisks[2]!.rationale, owner: 'platform-team', expires: '2026-08-01', expired: false, failedFindings: 0 },
    ]);
    expect(report.controls.find((c) => c.controlId === 'ElastiCache.5')!.accepted).toBe(true);
  });
});
