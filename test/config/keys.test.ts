import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { SEED_RATIONALE, SOURCE } from './helpers.js';

const parse = (text: string) => parseConfig(text, SOURCE);

describe('config keys', () => {
  it('apps: folders are kept relative, without "./" or a trailing "/"; "." is the repository root', () => {
    expect(parse('apps: [infra, ./services/api/, "."]').apps).toEqual(['infra', 'services/api', '.']);
  });

  it('baseline: each of base-branch, deployed and changeset', () => {
    for (const baseline of ['base-branch', 'deployed', 'changeset'] as const) {
      expect(parse(`baseline: ${baseline}`).baseline).toBe(baseline);
    }
  });

  it('policy: every switch, the threshold (including none) and both stateful type lists', () => {
    const config = parse(`
policy:
  blockStatefulReplacement: false
  blockStatefulDeletion: false
  blockOrphan: true
  blockRetainedReplacement: false
  blockConditionalReplacement: false
  blockFailsToDeploy: false
  severityThreshold: none
  statefulTypes: [AWS::MemoryDB::Cluster, Custom::Seeder]
  notStatefulTypes: [AWS::Logs::LogGroup]
`);
    expect(config.policy).toEqual({
      blockStatefulReplacement: false,
      blockStatefulDeletion: false,
      blockOrphan: true,
      blockRetainedReplacement: false,
      blockConditionalReplacement: false,
      blockFailsToDeploy: false,
      severityThreshold: 'none',
      statefulTypes: ['AWS::MemoryDB::Cluster', 'Custom::Seeder'],
      notStatefulTypes: ['AWS::Logs::LogGroup'],
    });
    for (const severity of ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']) {
      expect(parse(`policy: { severityThreshold: ${severity} }`).policy.severityThreshold).toBe(severity);
    }
  });

  it('allow: matchers and actions are kept; actions default to replace, delete and orphan', () => {
    const config = parse(`
allow:
  - stack: Cache
    logicalId: Redis*
    type: AWS::ElastiCache::*
    actions: [replace]
    reason: "  Cache is rebuilt from the database on start.  "
  - type: AWS::SQS::Queue
    reason: Queues are drained before deploys.
`);
    expect(config.allow).toEqual([
      {
        stack: 'Cache',
        logicalId: 'Redis*',
        type: 'AWS::ElastiCache::*',
        actions: ['replace'],
        reason: 'Cache is rebuilt from the database on start.',
      },
      { type: 'AWS::SQS::Queue', actions: ['replace', 'delete', 'orphan'], reason: 'Queues are drained before deploys.' },
    ]);
  });

  it('acceptedRisks: control, resource, stack, rationale, owner and expires (kept as the YYYY-MM-DD text)', () => {
    const config = parse(`
acceptedRisks:
  - control: ElastiCache.5
    resource: RedisReplicationGroup
    stack: Cache
    rationale: "${SEED_RATIONALE}"
    owner: platform-team
    expires: 2026-09-30
  - stack: Legacy
    rationale: The legacy stack runs only in an isolated VPC with no public ingress at all.
    owner: "@jane"
    expires: "2027-01-31"
`);
    expect(config.acceptedRisks).toEqual([
      {
        control: 'ElastiCache.5',
        resource: 'RedisReplicationGroup',
        stack: 'Cache',
        rationale: SEED_RATIONALE,
        owner: 'platform-team',
        expires: '2026-09-30',
      },
      {
        stack: 'Legacy',
        rationale: 'The legacy stack runs only in an isolated VPC with no public ingress at all.',
        owner: '@jane',
        expires: '2027-01-31',
      },
    ]);
  });

  it('acknowledge: permission and teams', () => {
    for (const permission of ['write', 'maintain', 'admin'] as const) {
      expect(parse(`acknowledge: { permission: ${permission} }`).acknowledge.permission).toBe(permission);
    }
    expect(parse('acknowledge: { teams: [platform-team, sre] }').acknowledge.teams).toEqual(['platform-team', 'sre']);
  });

  it('synth.timeout: seconds as a number or a string, or a duration, always read as seconds', () => {
    const timeouts: Array<[string, number]> = [
      ['900', 900],
      ['"900"', 900],
      ['90s', 90],
      ['10m', 600],
      ['2h', 7200],
      ['1h30m', 5400],
      ['1h0m15s', 3615],
      ['6h', 21_600],
    ];
    for (const [written, seconds] of timeouts) {
      expect(parse(`synth: { timeout: ${written} }`).synth.timeout, written).toBe(seconds);
    }
  });

  it('synth: allowForks and forkLabel', () => {
    expect(parse('synth: { allowForks: true, forkLabel: "safe to synth" }').synth).toEqual({
      timeout: 600,
      allowForks: true,
      forkLabel: 'safe to synth',
      workflow: '.github/workflows/stackguard.yml',
      artifact: 'stackguard',
    });
  });

  it('synth: actions mode, its workflow and artifact; a workflow outside .github/workflows is refused', () => {
    expect(parse('synth: { mode: actions, workflow: .github/workflows/cdk.yaml, artifact: cdk-synth }').synth).toMatchObject({
      mode: 'actions',
      workflow: '.github/workflows/cdk.yaml',
      artifact: 'cdk-synth',
    });
    expect(parse('synth: {}').synth.mode).toBeUndefined();
    expect(() => parse('synth: { workflow: ../x.yml }')).toThrow(ConfigError);
    expect(() => parse('synth: { mode: runner }')).toThrow(ConfigError);
  });

  it('aws: a role per account (quoted ids keep their leading zero), Security Hub off, regions', () => {
    const config = parse(`
aws:
  roles:
    "012345678901": arn:aws:iam::012345678901:role/stackguard-readonly
    "123456789012": arn:aws-us-gov:iam::123456789012:role/path/to/reader
  securityHub: false
  regions: [us-east-1, eu-central-2, us-gov-west-1]
`);
    expect(config.aws).toEqual({
      roles: {
        '012345678901': 'arn:aws:iam::012345678901:role/stackguard-readonly',
        '123456789012': 'arn:aws-us-gov:iam::123456789012:role/path/to/reader',
      },
      securityHub: false,
      regions: ['us-east-1', 'eu-central-2', 'us-gov-west-1'],
    });
  });
});
