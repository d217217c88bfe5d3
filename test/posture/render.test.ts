import { describe, expect, it } from 'vitest';
import { buildPosture } from '../../src/core/posture/build.js';
import { buildControlCatalogue } from '../../src/core/posture/catalogue.js';
import { renderPostureMarkdown } from '../../src/core/posture/render-markdown.js';
import { renderPostureText } from '../../src/core/posture/render-text.js';
import { finding } from './findings.js';

const catalogue = buildControlCatalogue([], {
  seed: new Map([
    ['S3.5', { criteria: ['CC6.7'], families: [] }],
    ['IAM.3', { criteria: ['CC6.1'], families: [] }],
    ['CloudTrail.1', { criteria: ['CC7.2'], families: [] }],
  ]),
  securityHub: new Map(),
});
const report = buildPosture({
  findings: [
    finding('S3.5', 'PASSED'),
    finding('IAM.3', 'FAILED', { severity: 'HIGH', title: 'IAM users access keys should be rotated every 90 days or less', cis: ['1.2.0/1.4'] }),
    finding('CloudTrail.1', 'FAILED', { severity: 'CRITICAL', title: 'CloudTrail should be enabled | multi-Region' }),
    finding('ECS.1', 'FAILED', { severity: 'HIGH', title: 'Amazon ECS task definitions should have secure networking modes' }),
  ],
  catalogue,
  acceptedRisks: [{ control: 'IAM.3', rationale: 'Keys are rotated by the CI vault job from 2026-08; until then access is IP-restricted.', owner: 'security', expires: '2026-05-31' }],
  today: new Date('2026-07-01'),
  scope: { accounts: ['111111111111'], regions: ['eu-west-1', 'us-east-1'] },
});

describe('rendering the readiness report', () => {
  it('Markdown: the seed table, failing criteria as a triage list, failing controls, accepted risks', () => {
    const md = renderPostureMarkdown(report);
    expect(md).toContain('## SOC 2 readiness — 111111111111 · eu-west-1, us-east-1 (2026-07-01)');
    expect(md).toContain('| SOC 2 controls passing | **1/3 (33%)** |');
    expect(md).toContain('| CIS controls passing | **0/1 (0%)** |');
    const failingTable = md.slice(md.indexOf('### Failing SOC 2 criteria'), md.indexOf('### Passing'));
    expect(failingTable.indexOf('| CC7.2 | CRITICAL |')).toBeLessThan(failingTable.indexOf('| CC6.1 | HIGH |'));
    expect(md).toContain('| CC7.2 | CRITICAL | 1 | 0 | 0 | 0 | 0 | CloudTrail.1 |');
    expect(md).toContain('CC6.7 (1 control)');
    // A pipe in a title cannot break the table.
    expect(md).toContain('CloudTrail should be enabled \\| multi-Region');
    expect(md).toContain('| ECS.1 | HIGH | 1 | — | — |');
    expect(md).toContain('1 failing control maps to no SOC 2 criterion');
    expect(md).toContain('| IAM.3 | * | * | security | 2026-05-31 ⚠️ **expired** | 1 |');
    expect(md).toContain('1 accepted risk has expired');
  });

  it('text: the same content as plain lines', () => {
    const text = renderPostureText(report);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'SOC 2 readiness — 111111111111 · eu-west-1, us-east-1 (2026-07-01)',
      '  SOC 2 controls passing  1/3 (33%)',
      '  CIS controls passing    0/1 (0%)',
    ]);
    expect(text).toMatch(/✖ CC7\.2 +CRITICAL +CRITICAL 1 · HIGH 0 · MEDIUM 0 · LOW 0 · INFORMATIONAL 0 {2}— CloudTrail\.1/);
    expect(text).toContain('⚠ EXPIRED IAM.3 — owner security, expires 2026-05-31, 1 failed finding');
  });
});
