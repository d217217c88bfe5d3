import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { renderText } from '../../src/core/render/text.js';
import { reviewReportSchema } from '../../src/core/report.js';

// GIVEN a review with no resource change but a blocking control regression of the app as a whole, a rule that
// failed to evaluate and controls already failing on both sides
const report = reviewReportSchema.parse({
  schemaVersion: 1,
  conclusion: 'failure',
  baseline: { kind: 'base-branch', description: 'base branch main' },
  summary: { stacks: 1, changes: 0, blocking: 1, regressions: 1, improvements: 0, byDowntime: { none: 0, atomic: 0, rolling: 0, interruption: 0, replacement: 0, deletion: 0 } },
  stacks: [{ stackName: 'Audit', parentStack: null, status: 'unchanged', notes: [], changes: [] }],
  posture: {
    stillFailing: [{ controlId: 'S3.9', ruleId: 's3-access-logging', title: 'S3 access logging', severity: 'MEDIUM', soc2: ['CC7.2'], resources: 3 }],
    notJudged: 2,
    ruleErrors: [{ side: 'head', ruleId: 'kms-rotation', stackName: 'Audit', resource: 'Key', message: 'rule kms-rotation failed while evaluating: boom' }],
    unattached: [
      {
        controlId: 'CloudTrail.1', title: 'CloudTrail should be enabled with a multi-Region trail', severity: 'HIGH', effect: 'regression', soc2: ['CC7.2'],
        resource: '(app)', ruleId: 'cloudtrail-multi-region', stackName: '(app)', blocking: true,
        blockedBy: [{ policy: 'control-regression', detail: 'CloudTrail.1 (HIGH) regresses on (app): policy.severityThreshold is HIGH' }],
      },
    ],
  },
});

describe('posture in the rendered review', () => {
  it('the comment blocks on a control regression that no single resource change causes', () => {
    const text = renderMarkdown(report);
    expect(text.split('\n')[0]).toMatch(/Blocked: 1 change needs a decision \(1 control regression without a resource change\)/);
    expect(text).toMatch(/### Control changes without a resource change[\s\S]*CloudTrail\.1/);
  });

  it('shows rules that failed to evaluate and what was already failing', () => {
    const text = renderMarkdown(report);
    expect(text).toMatch(/rule `kms-rotation` failed on Audit\/Key \(head\): rule kms-rotation failed while evaluating: boom/);
    expect(text).toMatch(/SOC 2 posture: 1 control already failing before this PR, not caused by it/);
    expect(text).toMatch(/- \*\*CC7\.2\*\* \(worst MEDIUM\): S3\.9 \(MEDIUM, 3 resources\)/);
    expect(text).toMatch(/2 control evaluations could not be judged statically/);
  });

  it('the terminal output says the same', () => {
    const text = renderText(report);
    expect(text.split('\n')[0]).toMatch(/BLOCKED/);
    expect(text).toMatch(/CloudTrail\.1 \(HIGH\) regression on \(app\)\/\(app\)/);
    expect(text).toMatch(/rule kms-rotation failed on Audit\/Key/);
  });
});
