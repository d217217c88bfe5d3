import { describe, expect, it } from 'vitest';
import { findingsSection } from '../../src/core/findings/section.js';
import { findingsHeadline } from '../../src/core/findings/summary.js';
import type { FindingsConsulted, SecurityHubFinding } from '../../src/core/findings/types.js';
import type { ChangeReport, ControlImpact, ReviewReport, StackReport } from '../../src/core/report.js';
import { ACCOUNT, REGION } from './asff.js';

function control(controlId: string, resource: string, effect: ControlImpact['effect'] = 'improvement'): ControlImpact {
  return { controlId, title: controlId, severity: 'MEDIUM', effect, soc2: [], resource };
}

function change(logicalId: string, resourceType: string, controls: ControlImpact[] = []): ChangeReport {
  return {
    logicalId, resourceType, constructPath: null, source: null, action: 'update', downtime: 'none', stateful: false, blocking: false,
    reasons: [], properties: [], causedBy: [], renamedFrom: null, controls, blockedBy: [], warnings: [], advice: [],
  };
}

function stack(stackName: string, changes: ChangeReport[], status: StackReport['status'] = 'changed'): StackReport {
  return { stackName, parentStack: null, status, notes: [], changes };
}

function report(stacks: StackReport[], unattached: ReviewReport['posture']['unattached'] = []): ReviewReport {
  return {
    schemaVersion: 1, conclusion: 'success', baseline: { kind: 'deployed', description: 'deployed' },
    summary: { stacks: stacks.length, changes: 0, blocking: 0, regressions: 0, improvements: 0, byDowntime: { none: 0, atomic: 0, rolling: 0, interruption: 0, replacement: 0, deletion: 0 } },
    stacks, posture: { stillFailing: [], notJudged: 0, ruleErrors: [], unattached },
  };
}

function finding(controlId: string, resourceId: string, extra: Partial<SecurityHubFinding> = {}): SecurityHubFinding {
  return {
    id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/${controlId}/finding/${resourceId.length}`, controlId, title: `${controlId} title`, severity: 'MEDIUM',
    status: 'FAILED', workflow: 'NEW', account: ACCOUNT, region: REGION, resourceType: 'AwsS3Bucket', resourceId, cis: [], standards: [], soc2: ['CC6.1'], ...extra,
  };
}

const resources = (stackName: string, ...list: Array<[string, string, string]>) => ({
  stackName, account: ACCOUNT, region: REGION, resources: list.map(([logicalId, resourceType, physicalId]) => ({ logicalId, resourceType, physicalId })),
});

describe('which open findings a PR resolves or leaves open', () => {
  const index = [
    resources('Data', ['Bucket', 'AWS::S3::Bucket', 'data-bucket'], ['Db', 'AWS::RDS::DBInstance', 'data-db'], ['Logs', 'AWS::S3::Bucket', 'data-logs']),
    resources('Edge', ['Cdn', 'AWS::S3::Bucket', 'edge-bucket']),
  ];

  it('resolved: an improvement of the same control on the resource; left open: a finding on a changed resource', () => {
    const r = report([
      stack('Data', [change('BucketPolicy', 'AWS::S3::BucketPolicy', [control('S3.5', 'Bucket')]), change('Db', 'AWS::RDS::DBInstance')]),
      stack('Edge', [], 'unchanged'),
    ]);
    const outcome: FindingsConsulted = {
      consulted: true,
      source: 'read from Security Hub in 111111111111/eu-west-1 (5 open findings)',
      stacks: index,
      findings: [
        finding('S3.5', 'arn:aws:s3:::data-bucket'),
        finding('S3.9', 'arn:aws:s3:::data-bucket', { severity: 'LOW' }),
        finding('RDS.3', `arn:aws:rds:${REGION}:${ACCOUNT}:db:data-db`, { severity: 'HIGH' }),
        finding('S3.5', 'arn:aws:s3:::data-logs'),
        finding('S3.5', 'arn:aws:s3:::edge-bucket'),
        finding('S3.8', 'arn:aws:s3:::data-bucket', { workflow: 'SUPPRESSED' }),
        finding('S3.2', 'arn:aws:s3:::data-bucket', { status: 'PASSED' }),
      ],
    };
    const section = findingsSection(r, outcome);
    expect(section.resolved.map((f) => `${f.controlId} ${f.stackName}/${f.resource}`)).toEqual(['S3.5 Data/Bucket']);
    // Worst first; the bucket counts as touched because a control is evaluated on it.
    expect(section.leftOpen.map((f) => `${f.controlId} ${f.resource}`)).toEqual(['RDS.3 Db', 'S3.9 Bucket']);
    // The logs bucket's finding is on a changed stack but an untouched resource; the Edge stack is unchanged.
    expect(section.openOnChangedStacks).toBe(4);
    expect(findingsHeadline(section)).toBe('This PR resolves 1 open Security Hub finding and leaves 2 open findings on resources it changes.');
  });

  it('an improvement whose cause is not a resource change (posture.unattached) resolves too', () => {
    const r = report([stack('Data', [change('Db', 'AWS::RDS::DBInstance')])], [{ ...control('S3.5', 'Logs'), stackName: 'Data', blocking: false, blockedBy: [] }]);
    const section = findingsSection(r, { consulted: true, source: 's', stacks: index, findings: [finding('S3.5', 'arn:aws:s3:::data-logs')] });
    expect(section.resolved.map((f) => f.resource)).toEqual(['Logs']);
  });

  it('an account-level finding is resolved by an app-wide improvement of its control, named after the change that makes it', () => {
    const r = report([stack('Data', [change('Trail', 'AWS::CloudTrail::Trail', [control('CloudTrail.1', '(app)')])])]);
    const account = finding('CloudTrail.1', `AWS::::Account:${ACCOUNT}`, { resourceType: 'AwsAccount', severity: 'HIGH' });
    const section = findingsSection(r, { consulted: true, source: 's', stacks: index, findings: [account, { ...account, id: 'other', account: '999999999999' }] });
    expect(section.resolved).toEqual([expect.objectContaining({ controlId: 'CloudTrail.1', stackName: 'Data', resource: 'Trail', resourceId: `AWS::::Account:${ACCOUNT}` })]);
  });

  it('passes "not consulted" through with its reason', () => {
    const section = findingsSection(report([]), { consulted: false, reason: 'no AWS access was configured for this review' });
    expect(section).toEqual({ consulted: false, reason: 'no AWS access was configured for this review', resolved: [], leftOpen: [], openOnChangedStacks: 0 });
    expect(findingsHeadline(section)).toBe('Security Hub findings were not consulted: no AWS access was configured for this review.');
  });
});
