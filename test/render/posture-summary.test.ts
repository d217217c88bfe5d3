import { describe, expect, it } from 'vitest';
import { postureGroups, postureItemText, ranges } from '../../src/core/render/posture-summary.js';
import type { Posture, Severity } from '../../src/core/report.js';

type Failing = Posture['stillFailing'][number];

function failing(controlId: string, severity: Severity, soc2: string[], resources = 1): Failing {
  return { controlId, ruleId: controlId.toLowerCase(), title: controlId, severity, soc2, resources };
}

describe('the posture summary of the review', () => {
  it('groups by the first SOC 2 criterion, worst criterion first, each control once', () => {
    const { groups } = postureGroups([
      failing('S3.9', 'MEDIUM', ['A1.2', 'CC7.2']),
      failing('CloudTrail.1', 'HIGH', ['CC7.2']),
      failing('SNS.1', 'MEDIUM', ['PI1.4']),
      failing('KMS.4', 'LOW', []),
    ]);
    expect(groups.map((g) => [g.criterion, g.worst])).toEqual([
      ['CC7.2', 'HIGH'],
      ['A1.2', 'MEDIUM'],
      ['PI1.4', 'MEDIUM'],
      ['no SOC 2 criterion', 'LOW'],
    ]);
    expect(groups.flatMap((g) => g.items.map((i) => i.label)).filter((l) => l === 'S3.9')).toHaveLength(1);
  });

  it('sums up the CIS CloudWatch alarm set as one item, naming the numbers that fail', () => {
    const alarms = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((n) => failing(`CloudWatch.${n}`, 'LOW', ['CC7.2']));
    const { groups } = postureGroups([...alarms, failing('CloudTrail.1', 'HIGH', ['CC7.2'])]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items.map(postureItemText)).toEqual(['CloudTrail.1 (HIGH, 1 resource)', 'CIS CloudWatch alarm set (CloudWatch.1–3, 5–14): 13 controls, LOW']);
    // Two missing alarms are named one by one: that is a different fix.
    const few = postureGroups([failing('CloudWatch.1', 'LOW', ['CC7.2']), failing('CloudWatch.4', 'LOW', ['CC7.2'])]);
    expect(few.groups[0]!.items.map((i) => i.label)).toEqual(['CloudWatch.1', 'CloudWatch.4']);
  });

  it('caps criteria and items with a count of the rest', () => {
    const many = Array.from({ length: 9 }, (_, c) => Array.from({ length: 8 }, (_, i) => failing(`X${c}.${i}`, 'MEDIUM', [`CC${c}.1`]))).flat();
    const summary = postureGroups(many, 6, 6);
    expect(summary.groups).toHaveLength(6);
    expect(summary.moreGroups).toBe(3);
    expect(summary.groups[0]!.items).toHaveLength(6);
    expect(summary.groups[0]!.more).toBe(2);
    expect(summary.controls).toBe(72);
  });

  it('writes number ranges compactly', () => {
    expect(ranges([14, 1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8, 14');
    expect(ranges([4])).toBe('4');
  });
});
