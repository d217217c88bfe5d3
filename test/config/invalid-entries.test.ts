import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { problemAt, SEED_RATIONALE, SOURCE } from './helpers.js';

describe('invalid values in config entries', () => {
  describe('accepted-risk dates', () => {
    const risk = (expires: string) =>
      `acceptedRisks:\n  - control: S3.5\n    rationale: "${SEED_RATIONALE}"\n    owner: platform\n${expires}`;

    it('refuse days that do not exist, other formats and words', () => {
      for (const expires of ['2026-02-30', '2026/09/30', '30-09-2026', 'next year', '2026-09', '2026-09-30T00:00:00Z']) {
        expect(problemAt(risk(`    expires: ${expires}\n`), 'acceptedRisks[0].expires').message, expires).toMatch(
          /^must be a real date written YYYY-MM-DD/,
        );
      }
    });

    it('accept a leap day and refuse a day that is not one', () => {
      expect(parseConfig(risk('    expires: 2028-02-29\n'), SOURCE).acceptedRisks[0]?.expires).toBe('2028-02-29');
      expect(problemAt(risk('    expires: 2027-02-29\n'), 'acceptedRisks[0].expires')).toBeDefined();
    });

    it('require an expiry', () => {
      expect(problemAt(risk(''), 'acceptedRisks[0].expires').message).toBe(
        'is required: a date written YYYY-MM-DD, such as 2026-09-30',
      );
    });
  });

  describe('allow entries', () => {
    it('need a reason that is not blank', () => {
      expect(problemAt('allow: [{ stack: Data }]', 'allow[0].reason').message).toBe(
        'is required: say why this change is expected',
      );
      expect(problemAt('allow: [{ stack: Data, reason: "   " }]', 'allow[0].reason').message).toBe(
        'must not be empty: say why this change is expected',
      );
    });

    it('must name a stack, logical id or type, and must not match everything', () => {
      expect(problemAt('allow: [{ reason: expected }]', 'allow[0]').message).toBe(
        'must name at least one of stack, logicalId or type',
      );
      expect(problemAt('allow: [{ stack: "*", logicalId: "**", reason: all }]', 'allow[0]').message).toMatch(
        /^matches every resource/,
      );
    });

    it('must list at least one action when actions is given', () => {
      expect(problemAt('allow: [{ stack: Data, actions: [], reason: x }]', 'allow[0].actions').message).toMatch(
        /^must list at least one action/,
      );
    });
  });

  describe('accepted-risk entries', () => {
    it('must name a control, resource or stack, and an owner', () => {
      const text = `acceptedRisks:\n  - rationale: "${SEED_RATIONALE}"\n    expires: 2026-09-30\n`;
      expect(problemAt(text, 'acceptedRisks[0]').message).toBe('must name at least one of control, resource or stack');
      expect(problemAt(text, 'acceptedRisks[0].owner').message).toBe(
        'is required: who owns this risk (a person or a team)',
      );
    });
  });

  describe('apps', () => {
    it('refuse absolute paths, "..", backslashes, an empty list and a folder listed twice', () => {
      expect(problemAt('apps: [/srv/infra]', 'apps[0]').message).toBe('must be relative to the repository root, not absolute');
      expect(problemAt('apps: ["C:/infra"]', 'apps[0]').message).toBe('must be relative to the repository root, not absolute');
      expect(problemAt('apps: [infra/../../etc]', 'apps[0]').message).toBe('must stay inside the repository (no "..")');
      expect(problemAt('apps: ["infra\\\\app"]', 'apps[0]').message).toBe('must use "/" between folders');
      expect(problemAt('apps: []', 'apps').message).toMatch(/^must list at least one folder/);
      expect(problemAt('apps: [infra, ./infra/]', 'apps[1]').message).toBe('lists "infra" twice');
    });
  });

  describe('policy', () => {
    it('refuses a type in both stateful lists, and wildcards in them', () => {
      expect(
        problemAt('policy: { statefulTypes: [AWS::SQS::Queue], notStatefulTypes: [AWS::SQS::Queue] }', 'policy.notStatefulTypes[0]')
          .message,
      ).toBe('"AWS::SQS::Queue" is also in statefulTypes; keep it in one list');
      expect(problemAt('policy: { statefulTypes: ["AWS::RDS::*"] }', 'policy.statefulTypes[0]').message).toMatch(
        /no wildcards here/,
      );
    });
  });

  describe('synth', () => {
    it('refuses timeouts that are zero, negative, fractional, too long or not durations', () => {
      const cases: Array<[string, RegExp]> = [
        ['0', /more than 0/],
        ['-5', /more than 0/],
        ['1.5', /number of seconds or a duration/],
        ['10x', /number of seconds or a duration/],
        ['10 minutes', /number of seconds or a duration/],
        ['30m1h', /number of seconds or a duration/],
        ['7h', /at most 6h$/],
        ['6h1s', /at most 6h$/],
        ['0m', /more than 0/],
      ];
      for (const [timeout, message] of cases) {
        expect(problemAt(`synth: { timeout: ${timeout} }`, 'synth.timeout').message, timeout).toMatch(message);
      }
    });

    it('refuses an empty or over-long fork label', () => {
      expect(problemAt('synth: { forkLabel: "" }', 'synth.forkLabel').message).toBe('must not be empty');
      expect(problemAt(`synth: { forkLabel: ${'x'.repeat(51)} }`, 'synth.forkLabel').message).toMatch(/at most 50/);
    });
  });

  describe('acknowledge', () => {
    it('refuses team names that are not slugs, with the form to use', () => {
      expect(problemAt('acknowledge: { teams: ["@acme/platform"] }', 'acknowledge.teams[0]').message).toBe(
        'must be a team slug such as "platform-team" (lower case, without "@org/"); got "@acme/platform"',
      );
    });
  });

  describe('aws', () => {
    it('explains that an unquoted account id lost its leading zero', () => {
      const problem = problemAt(
        'aws:\n  roles:\n    012345678901: arn:aws:iam::012345678901:role/r\n',
        'aws.roles.12345678901',
      );
      expect(problem.message).toMatch(/quote it \("012345678901"\), as YAML drops leading zeros/);
      expect(problem.line).toBe(3);
    });

    it('refuses a role ARN from another account, a malformed ARN and a bad region', () => {
      expect(problemAt('aws: { roles: { "123456789012": "arn:aws:iam::999999999999:role/r" } }', 'aws.roles.123456789012').message)
        .toBe('names a role in account 999999999999, not 123456789012; the role must be in the account it reads');
      expect(problemAt('aws: { roles: { "123456789012": "stackguard-readonly" } }', 'aws.roles.123456789012').message)
        .toMatch(/^must be an IAM role ARN/);
      expect(problemAt('aws: { regions: [US-EAST-1] }', 'aws.regions[0]').message).toMatch(/^must be an AWS region name/);
      expect(problemAt('aws: { regions: [] }', 'aws.regions').message).toMatch(/^must list at least one region/);
    });
  });

});
