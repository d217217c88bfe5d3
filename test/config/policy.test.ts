import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import {
  findAcceptedRisk,
  findAllowance,
  isAcceptedRiskExpired,
  isStatefulByConfig,
  severityBlocks,
} from '../../src/config/policy.js';
import { reviewPolicyFromConfig } from '../../src/config/review-policy.js';
import { defaultConfig } from '../../src/config/schema.js';
import { SEED_RATIONALE, SOURCE } from './helpers.js';

const config = (yaml: string) => parseConfig(yaml, SOURCE);

describe('findAllowance', () => {
  // GIVEN an allow-list with an exact entry, a glob entry and a type-only entry
  const allowing = config(`
allow:
  - stack: Cache
    logicalId: Redis*
    actions: [replace]
    reason: Cache is rebuilt from the database on start.
  - stack: "*-preview"
    reason: Preview environments are disposable.
  - type: AWS::SQS::*
    actions: [delete, orphan]
    reason: Queues are drained before they are removed.
`);
  const change = { stackName: 'Cache', logicalId: 'RedisReplicationGroupA1B2', resourceType: 'AWS::ElastiCache::ReplicationGroup' };

  it('matches every matcher the entry names, with "*" as a wildcard', () => {
    expect(findAllowance(allowing, { ...change, action: 'replace' })?.reason).toBe('Cache is rebuilt from the database on start.');
    expect(findAllowance(allowing, { ...change, stackName: 'Data', action: 'replace' })).toBeUndefined();
    expect(findAllowance(allowing, { ...change, logicalId: 'OrdersDb', action: 'replace' })).toBeUndefined();
    expect(findAllowance(allowing, { ...change, stackName: 'Api-preview', action: 'delete' })?.reason).toBe(
      'Preview environments are disposable.',
    );
    expect(findAllowance(allowing, { ...change, stackName: 'Api-preview-2', action: 'delete' })).toBeUndefined();
  });

  it('only allows the actions the entry lists', () => {
    expect(findAllowance(allowing, { ...change, action: 'delete' })).toBeUndefined();
    const queue = { stackName: 'Jobs', logicalId: 'WorkQueue', resourceType: 'AWS::SQS::Queue' };
    expect(findAllowance(allowing, { ...queue, action: 'delete' })?.reason).toMatch(/drained/);
    expect(findAllowance(allowing, { ...queue, action: 'orphan' })?.reason).toMatch(/drained/);
    expect(findAllowance(allowing, { ...queue, action: 'replace' })).toBeUndefined();
  });

  it('never allows creates, updates or imports: they are not what allow is for', () => {
    for (const action of ['create', 'update', 'import'] as const) {
      expect(findAllowance(allowing, { ...change, stackName: 'X-preview', action })).toBeUndefined();
    }
  });

  it('matches names case-sensitively, as CloudFormation does', () => {
    expect(findAllowance(allowing, { ...change, stackName: 'cache', action: 'replace' })).toBeUndefined();
  });

  it('treats regex characters in patterns literally', () => {
    const dotted = config('allow: [{ stack: "App.v2", reason: expected during the migration }]');
    expect(findAllowance(dotted, { ...change, stackName: 'App.v2', action: 'delete' })).toBeDefined();
    expect(findAllowance(dotted, { ...change, stackName: 'AppXv2', action: 'delete' })).toBeUndefined();
  });
});

describe('findAcceptedRisk', () => {
  const accepting = config(`
acceptedRisks:
  - control: ElastiCache.5
    resource: Redis*
    rationale: "${SEED_RATIONALE}"
    owner: platform-team
    expires: 2026-09-30
  - control: s3-ssl-only
    stack: Web
    rationale: The bucket only serves public assets through CloudFront, which enforces TLS.
    owner: web-team
    expires: 2026-06-30
`);
  const redis = { controlId: 'ElastiCache.5', stackName: 'Cache', logicalId: 'RedisReplicationGroup' };
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('covers a matching regression until its expiry day, inclusive', () => {
    expect(findAcceptedRisk(accepting, redis, day('2026-05-01'))).toMatchObject({
      entry: { owner: 'platform-team' },
      expired: false,
    });
    expect(findAcceptedRisk(accepting, redis, new Date('2026-09-30T23:59:59Z'))?.expired).toBe(false);
  });

  it('returns an expired entry marked expired from the next day, so the caller can say it lapsed', () => {
    expect(findAcceptedRisk(accepting, redis, new Date('2026-10-01T00:00:00Z'))).toMatchObject({
      entry: { control: 'ElastiCache.5', expires: '2026-09-30' },
      expired: true,
    });
  });

  it('prefers a current entry over an expired one that also matches (renewal)', () => {
    const renewed = config(`
acceptedRisks:
  - control: ElastiCache.5
    rationale: "${SEED_RATIONALE}"
    owner: platform-team
    expires: 2026-03-31
  - control: ElastiCache.5
    rationale: "${SEED_RATIONALE.replace('Q3', 'Q4')}"
    owner: platform-team
    expires: 2026-12-31
`);
    expect(findAcceptedRisk(renewed, redis, day('2026-06-01'))).toMatchObject({
      entry: { expires: '2026-12-31' },
      expired: false,
    });
  });

  it('matches the control by Security Hub id or by rule id, regardless of case', () => {
    expect(findAcceptedRisk(accepting, { ...redis, controlId: 'elasticache.5' }, day('2026-05-01'))).toBeDefined();
    const bucket = { controlId: 'S3.5', ruleId: 's3-ssl-only', stackName: 'Web', logicalId: 'AssetsBucket' };
    expect(findAcceptedRisk(accepting, bucket, day('2026-05-01'))?.entry.owner).toBe('web-team');
    expect(findAcceptedRisk(accepting, { ...bucket, ruleId: undefined }, day('2026-05-01'))).toBeUndefined();
  });

  it('does not cover another control, resource or stack', () => {
    expect(findAcceptedRisk(accepting, { ...redis, controlId: 'ElastiCache.6' }, day('2026-05-01'))).toBeUndefined();
    expect(findAcceptedRisk(accepting, { ...redis, logicalId: 'SessionsCluster' }, day('2026-05-01'))).toBeUndefined();
    const bucket = { controlId: 'S3.5', ruleId: 's3-ssl-only', stackName: 'Data', logicalId: 'AssetsBucket' };
    expect(findAcceptedRisk(accepting, bucket, day('2026-05-01'))).toBeUndefined();
  });

  it('isAcceptedRiskExpired compares calendar days in UTC', () => {
    expect(isAcceptedRiskExpired({ expires: '2026-09-30' }, new Date('2026-09-30T23:59:59.999Z'))).toBe(false);
    expect(isAcceptedRiskExpired({ expires: '2026-09-30' }, new Date('2026-10-01T00:00:00.000Z'))).toBe(true);
  });
});

describe('isStatefulByConfig', () => {
  const overriding = config('policy: { statefulTypes: [Custom::Seeder], notStatefulTypes: [AWS::Logs::LogGroup] }');

  it('keeps the spec answer for types the config does not name', () => {
    expect(isStatefulByConfig(overriding, 'AWS::RDS::DBInstance', true)).toBe(true);
    expect(isStatefulByConfig(overriding, 'AWS::Lambda::Function', false)).toBe(false);
  });

  it('adds statefulTypes and removes notStatefulTypes', () => {
    expect(isStatefulByConfig(overriding, 'Custom::Seeder', false)).toBe(true);
    expect(isStatefulByConfig(overriding, 'AWS::Logs::LogGroup', true)).toBe(false);
  });
});

describe('severityBlocks', () => {
  it('blocks at and above the threshold (HIGH by default)', () => {
    const defaults = defaultConfig();
    expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => severityBlocks(defaults, s as never))).toEqual([
      false, false, false, true, true,
    ]);
    const medium = config('policy: { severityThreshold: MEDIUM }');
    expect(severityBlocks(medium, 'MEDIUM')).toBe(true);
    expect(severityBlocks(medium, 'LOW')).toBe(false);
  });

  it('never blocks with threshold none', () => {
    expect(severityBlocks(config('policy: { severityThreshold: none }'), 'CRITICAL')).toBe(false);
  });
});

describe('reviewPolicyFromConfig', () => {
  it('hands the core the switches and the answers of the config, with today fixed', () => {
    const policy = reviewPolicyFromConfig(
      config(`
policy: { blockOrphan: true, severityThreshold: CRITICAL, notStatefulTypes: [AWS::SQS::Queue] }
allow: [{ stack: Cache, reason: Rebuilt on start. }]
acceptedRisks:
  - control: ElastiCache.5
    rationale: "${SEED_RATIONALE}"
    owner: platform-team
    expires: 2026-09-30
`),
      new Date('2026-10-02T00:00:00Z'),
    );
    expect(policy).toMatchObject({
      blockStatefulReplacement: true,
      blockStatefulDeletion: true,
      blockOrphan: true,
      blockRetainedReplacement: true,
      blockConditionalReplacement: true,
      blockFailsToDeploy: true,
      severityThreshold: 'CRITICAL',
    });
    expect(policy.isStateful('AWS::SQS::Queue', true)).toBe(false);
    expect(policy.allowance({ stackName: 'Cache', logicalId: 'R', resourceType: 'AWS::ElastiCache::CacheCluster', action: 'replace' }))
      .toEqual({ reason: 'Rebuilt on start.' });
    expect(policy.acceptedRisk({ controlId: 'ElastiCache.5', stackName: 'Cache', logicalId: 'R' })).toEqual({
      rationale: SEED_RATIONALE,
      owner: 'platform-team',
      expires: '2026-09-30',
      expired: true,
    });
    expect(policy.acceptedRisk({ controlId: 'S3.5', stackName: 'Cache', logicalId: 'R' })).toBeUndefined();
  });
});
