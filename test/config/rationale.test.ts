import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRationale } from '../../src/config/rationale.js';
import { problemAt, SEED_RATIONALE } from './helpers.js';
import { parseConfig } from '../../src/config/load.js';

const riskWith = (rationale: string) =>
  `acceptedRisks:\n  - control: ElastiCache.5\n    rationale: ${JSON.stringify(rationale)}\n    owner: platform\n    expires: 2026-09-30\n`;

describe('accepted-risk rationales', () => {
  it("accept the seed's own example, finding its compensating control and its date", () => {
    const check = checkRationale(SEED_RATIONALE);
    expect(check.problems).toEqual([]);
    expect(check.compensatingControl?.toLowerCase()).toBe('vpc');
    expect(check.deadline).toBe('Q3');
    expect(parseConfig(riskWith(SEED_RATIONALE), 'x.yml').acceptedRisks[0]?.rationale).toBe(SEED_RATIONALE);
  });

  it('refuse "We\'ll fix it later": too short, and neither a control nor a date', () => {
    const message = problemAt(riskWith("We'll fix it later"), 'acceptedRisks[0].rationale').message;
    expect(message).toMatch(/^is shorter than a sentence \(18 characters, 4 words; at least 40 characters and 6 words\)/);
    expect(message).toMatch(/names neither a compensating control .* nor when it will be fixed/);
  });

  it('refuse an empty or blank rationale, and a missing one', () => {
    for (const blank of ['', '   ']) {
      expect(problemAt(riskWith(blank), 'acceptedRisks[0].rationale').message).toMatch(/^is empty/);
    }
    const missing = 'acceptedRisks:\n  - control: S3.5\n    owner: platform\n    expires: 2026-09-30\n';
    expect(problemAt(missing, 'acceptedRisks[0].rationale').message).toMatch(/^is required/);
  });

  it('refuse a rationale shorter than a sentence even when it names a control', () => {
    // Has "VPC" and "Q3", but 5 words: a label, not a reason.
    expect(checkRationale('VPC only, fix in Q3').problems).toEqual([
      'is shorter than a sentence (19 characters, 5 words; at least 40 characters and 6 words)',
    ]);
    // Long enough in characters, too few words.
    expect(checkRationale('Internal-only-service-behind-authenticated-gateway, no change').problems).toHaveLength(1);
  });

  it('refuse a long sentence that names neither a compensating control nor a date', () => {
    const check = checkRationale('This is something we will definitely get around to eventually, promise');
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/^names neither a compensating control/);
  });

  it('accept a sentence with only a compensating control, or only a date', () => {
    const controlsOnly = [
      'The bucket only holds public marketing assets and is fronted by CloudFront',
      'Access is restricted to the ops role and every read is audited by the security team',
      'Every change to this table is monitored with an alarm paging the on-call engineer',
      'Reachable from the bastion host in the management network and nowhere else at all',
      'The queue carries no customer data, and messages are encrypted by the producer itself',
    ];
    for (const rationale of controlsOnly) expect(checkRationale(rationale).problems, rationale).toEqual([]);
    const datesOnly = [
      'Migration to the new key layout is planned and tracked for completion by 2027-03',
      'The replacement service ships in 2026Q4 and the old endpoint is removed with it',
      'Remediation is scheduled with the database upgrade by September next spring',
      'The vendor promised a fixed agent release within 30 days of our support ticket',
      'The rebuild of this pipeline is on the roadmap for the next quarter, owner agreed',
      'The team committed to this work in the FY27 plan, approved by the CTO and CFO',
    ];
    for (const rationale of datesOnly) expect(checkRationale(rationale).problems, rationale).toEqual([]);
  });

  it('do not mistake lower-case words for months or a control word inside another word', () => {
    // "may" is not May, "march" is not March, "salon" contains no "only", "aiam" no "iam".
    expect(checkRationale('We may march on with this for now as the team agreed in the salon').problems).toHaveLength(1);
  });

  it('every example in the docs table gets the verdict the docs give it', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const table = doc.split('| rationale | verdict |')[1]?.split('\n\n')[0] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [, rationale = '', verdict = ''] of rows) {
      const accepted = checkRationale(rationale).problems.length === 0;
      expect(accepted ? 'accepted' : 'refused', rationale).toBe(verdict.split(/[ :]/)[0]);
    }
  });
});
