import { describe, expect, it } from 'vitest';
import { configLists, type ConfigVersion } from '../../src/evidence/config-history.js';
import { buildRegister } from '../../src/evidence/register.js';

const RISK = 'acceptedRisks:\n  - control: S3.5\n    resource: LogsBucket\n    rationale: Only the VPN reaches it; compensating control is the bucket policy, fix by June.\n    owner: data-team\n    expires: "2026-06-30"\n';

function version(n: number, date: string, text: string | undefined): ConfigVersion {
  return { commit: String(n).repeat(40).slice(0, 40), author: `author-${n}`, date, ...configLists(text, `v${n}`) };
}

describe('the accepted-risk register', () => {
  it('reads the lists of a version today\'s parser refuses, and says so', () => {
    const lists = configLists(`${RISK}allow:\n  - type: "AWS::SQS::Queue"\n    reason: expected\n`, 'old');
    expect(lists.problem).toMatch(/^not a valid config \(1 problem\(s\), e\.g\. allow\[0\]\.reason: must say why/);
    expect(lists.acceptedRisks).toEqual([expect.objectContaining({ control: 'S3.5', owner: 'data-team' })]);
    expect(lists.allow).toEqual([{ type: 'AWS::SQS::Queue', reason: 'expected' }]);
  });

  it('follows an entry removed with the whole file and added again, and leaves out entries gone before the period', () => {
    const register = buildRegister(
      [
        version(1, '2025-11-01T00:00:00Z', 'allow:\n  - type: "AWS::SQS::Queue"\n    reason: queues are drained first\n'),
        version(2, '2025-12-01T00:00:00Z', RISK),
        version(3, '2026-03-10T00:00:00Z', undefined),
        version(4, '2026-03-20T00:00:00Z', RISK),
      ],
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-04-01T00:00:00Z'),
    );
    expect(register.map((entry) => [entry.kind, entry.identity, entry.inForceAtEnd, entry.expired])).toEqual([
      ['acceptedRisk', 'control=S3.5 stack=* resource=LogsBucket', true, false],
    ]);
    expect(register[0]?.events.map((event) => `${event.change} by ${event.author}`)).toEqual(['added by author-2', 'removed by author-3', 'added by author-4']);
  });
});
