import { describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { problemAt, problemsOf } from './helpers.js';

describe('an invalid config', () => {
  it('is a StackguardInputError of step "config" naming the file, with a path → message table in details', () => {
    const text = 'baseline: yesterday\nsynth:\n  allowForks: maybe\n';
    let caught: unknown;
    try {
      parseConfig(text, 'acme/infra:.github/stackguard.yml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StackguardInputError);
    const error = caught as ConfigError;
    expect(error.step).toBe('config');
    expect(error.message).toBe('acme/infra:.github/stackguard.yml is not a valid stackguard config (2 problems)');
    expect(error.details?.split('\n')).toEqual([
      'path              line  problem',
      'baseline          1:11  must be one of base-branch, deployed, changeset; got "yesterday"',
      'synth.allowForks  3:15  must be a boolean; got "maybe"',
    ]);
  });

  it('lists every problem at once, in file order, each with its path and line', () => {
    const text = [
      'apps: [/srv/infra]', // 1
      'policy:', // 2
      '  severityThreshold: high', // 3
      '  blockOrphans: true', // 4
      'allow:', // 5
      '  - stack: Data', // 6
      'acceptedRisks:', // 7
      '  - control: S3.5', // 8
      "    rationale: We'll fix it later", // 9
      '    owner: platform', // 10
      '    expires: 2026-02-30', // 11
      'synth:', // 12
      '  timeout: 10x', // 13
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((problem) => [problem.path, problem.line])).toEqual([
      ['apps[0]', 1],
      ['policy.severityThreshold', 3],
      ['policy.blockOrphans', 4],
      ['allow[0].reason', 6],
      ['acceptedRisks[0].rationale', 9],
      ['acceptedRisks[0].expires', 11],
      ['synth.timeout', 13],
    ]);
  });

  describe('wrong types', () => {
    it('says what was expected and what was found', () => {
      expect(problemAt('policy: { blockOrphan: "yes" }', 'policy.blockOrphan').message).toBe(
        'must be a boolean; got "yes"',
      );
      expect(problemAt('allow: { stack: Data }', 'allow').message).toBe('must be an array; got {"stack":"Data"}');
      expect(problemAt('aws: { securityHub: 1 }', 'aws.securityHub').message).toBe('must be a boolean; got 1');
      expect(problemAt('acknowledge: { teams: platform }', 'acknowledge.teams').message).toContain('must be an array');
    });

    it('a key written with no value is an error, not a default', () => {
      const problem = problemAt('policy:\nbaseline: deployed\n', 'policy');
      expect(problem.message).toBe('has no value: give it one or remove the key (expected object)');
      expect(problem.line).toBe(1);
    });

    it('a file that is a list or a plain value is refused as a whole', () => {
      expect(problemAt('- infra\n- api\n', '(root)').message).toBe('must be an object; got ["infra","api"]');
      expect(problemAt('just text', '(root)').message).toBe('must be an object; got "just text"');
    });
  });

  describe('unknown keys', () => {
    it('are errors, pointing at the key, with the likely intended key', () => {
      const problem = problemAt('policy:\n  blockOrphans: true\n', 'policy.blockOrphans');
      expect(problem.message).toBe('is not a known key: did you mean "blockOrphan"?');
      expect([problem.line, problem.column]).toEqual([2, 3]);
      expect(problemAt('baseLine: deployed', 'baseLine').message).toBe('is not a known key: did you mean "baseline"?');
      expect(problemAt('allow:\n  - stack: Data\n    reson: x\n    reason: y\n', 'allow[0].reson').message).toBe(
        'is not a known key: did you mean "reason"?',
      );
    });

    it('a key in the wrong section says where it belongs', () => {
      expect(problemAt('severityThreshold: LOW', 'severityThreshold').message).toBe(
        'is not a known key here: "severityThreshold" belongs at policy.severityThreshold',
      );
      expect(problemAt('acceptedRisks:\n  - control: S3.5\n    reason: x\n', 'acceptedRisks[0].reason').message).toBe(
        'is not a known key here: "reason" belongs at allow[].reason',
      );
    });

    it('with no near miss, lists the keys that are allowed there', () => {
      expect(problemAt('synth: { cpu: 2 }', 'synth.cpu').message).toBe(
        'is not a known key; known keys here: timeout, allowForks, forkLabel, mode, workflow, artifact',
      );
    });
  });

  describe('bad enum values', () => {
    it('list the options and suggest the near miss', () => {
      expect(problemAt('baseline: deploy', 'baseline').message).toBe(
        'must be one of base-branch, deployed, changeset; got "deploy": did you mean "deployed"?',
      );
      expect(problemAt('policy: { severityThreshold: high }', 'policy.severityThreshold').message).toMatch(
        /^must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, none .*; got "high": did you mean "HIGH"\?$/,
      );
      expect(problemAt('acknowledge: { permission: owner }', 'acknowledge.permission').message).toBe(
        'must be one of write, maintain, admin; got "owner"',
      );
      expect(problemAt('allow: [{ type: AWS::SQS::Queue, actions: [update], reason: x }]', 'allow[0].actions[0]').message)
        .toBe('must be one of replace, delete, orphan; got "update"');
    });
  });

  describe('YAML syntax', () => {
    it('reports every syntax error with its line and column, under the path (yaml)', () => {
      const problems = problemsOf('allow: [1, 2\nbaseline: deployed\npolicy: "unterminated\n');
      expect(problems.length).toBeGreaterThanOrEqual(2);
      expect(problems.every((problem) => problem.path === '(yaml)')).toBe(true);
      expect(problems[0]).toMatchObject({ line: 2, column: 1 });
      expect(problems[0]?.message).toMatch(/^YAML: Flow sequence/);
      expect(problems.some((problem) => /Missing closing "quote/.test(problem.message))).toBe(true);
    });

    it('refuses duplicate keys, unknown tags and several documents in one file', () => {
      expect(problemsOf('baseline: deployed\nbaseline: base-branch\n')[0]).toMatchObject({
        path: '(yaml)',
        line: 2,
        message: 'YAML: Map keys must be unique',
      });
      expect(problemsOf('baseline: !Ref Baseline\n')[0]?.message).toBe('YAML: Unresolved tag: !Ref');
      expect(problemsOf('baseline: deployed\n---\nbaseline: base-branch\n')[0]?.message).toMatch(/multiple documents/);
    });
  });
});
