/**
 * Issue 8, cases 4 and 5, through the whole review with the shipped rules and the default policy: a conditional
 * replacement the rules decide from the old and new values is reported as what it is (not a guessed replacement),
 * one they do not decide blocks as conditional, and a Cognito sign-in change that cannot deploy blocks as such.
 * The resources are shaped like what aws-cdk-lib synthesizes for rds.DatabaseInstance and cognito.UserPool.
 */

import { describe, expect, it } from 'vitest';
import { buildBehaviourIndex, createBehaviourLookup } from '../../src/core/behaviours/index.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { ChangeReport } from '../../src/core/report.js';
import { review } from '../../src/core/review.js';
import type { CfnResource } from '../../src/core/template.js';
import { loadBehaviourRules } from '../../src/rules/behaviours/load.js';
import { facts } from '../core/builders.js';

const behaviours = createBehaviourLookup(buildBehaviourIndex(loadBehaviourRules()));

const database = (extra: Record<string, unknown>): CfnResource => ({
  Type: 'AWS::RDS::DBInstance',
  Properties: {
    AllocatedStorage: '100',
    CopyTagsToSnapshot: true,
    DBInstanceClass: 'db.t3.medium',
    DBSubnetGroupName: { Ref: 'DatabaseSubnetGroup7D60F180' },
    Engine: 'postgres',
    EngineVersion: '16.4',
    MasterUsername: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'DatabaseSecret3B817195' }, ':SecretString:username::}}']] },
    StorageType: 'gp2',
    VPCSecurityGroups: [{ 'Fn::GetAtt': ['DatabaseSecurityGroup5C91FDCB', 'GroupId'] }],
    BackupRetentionPeriod: 7,
    ...extra,
  },
  UpdateReplacePolicy: 'Snapshot',
  DeletionPolicy: 'Snapshot',
});

const userPool = (extra: Record<string, unknown>): CfnResource => ({
  Type: 'AWS::Cognito::UserPool',
  Properties: {
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    AutoVerifiedAttributes: ['email'],
    ...extra,
  },
  UpdateReplacePolicy: 'Retain',
  DeletionPolicy: 'Retain',
});

function reviewChange(base: CfnResource, head: CfnResource): ChangeReport {
  const report = review({
    stacks: [{ stackName: 'App', base: { Resources: { Database: base } }, head: { Resources: { Database: head } } }],
    baseline: { kind: 'templates', description: 'issue 8 fixtures' },
    behaviours,
    facts,
    policy: DEFAULT_POLICY,
  });
  return report.stacks[0]!.changes.find((c) => c.logicalId === 'Database')!;
}

describe('RDS BackupRetentionPeriod (a conditional replacement in the spec)', () => {
  it.each([
    [7, 0, 'interruption'],
    [0, 7, 'interruption'],
    [7, 14, 'none'],
  ] as const)('%s → %s days is %s, not a replacement, and does not block', (before, after, downtime) => {
    const change = reviewChange(database({ BackupRetentionPeriod: before }), database({ BackupRetentionPeriod: after }));
    expect(change.action).toBe('update');
    expect(change.downtime).toBe(downtime);
    expect(change.conditional ?? false).toBe(false);
    expect(change.blocking).toBe(false);
  });
});

describe('RDS Engine', () => {
  it('postgres → mysql is a decided replacement that blocks as a stateful replacement', () => {
    const change = reviewChange(database({}), database({ Engine: 'mysql', EngineVersion: '8.0.39' }));
    expect(change.downtime).toBe('replacement');
    expect(change.conditional ?? false).toBe(false);
    expect(change.blocking).toBe(true);
    expect(change.blockedBy.map((cause) => cause.policy)).not.toContain('conditional-replacement');
  });

  it('an engine read from a parameter is not decided: it blocks as a conditional replacement', () => {
    const change = reviewChange(database({}), database({ Engine: { Ref: 'EngineName' } }));
    expect(change.downtime).toBe('replacement');
    expect(change.conditional).toBe(true);
    expect(change.blockedBy.map((cause) => cause.policy)).toContain('conditional-replacement');
  });
});

describe('Cognito user pool sign-in attributes', () => {
  it('adding a sign-in alias fails to deploy and blocks', () => {
    const change = reviewChange(userPool({}), userPool({ AliasAttributes: ['email'] }));
    expect(change.failsToDeploy).toBe(true);
    expect(change.blocking).toBe(true);
    expect(change.blockedBy.map((cause) => cause.policy)).toContain('fails-to-deploy');
  });

  it('switching username attributes from email to phone number fails to deploy', () => {
    const change = reviewChange(userPool({ UsernameAttributes: ['email'] }), userPool({ UsernameAttributes: ['phone_number'] }));
    expect(change.failsToDeploy).toBe(true);
    expect(change.blocking).toBe(true);
  });

  it('other pool settings still deploy', () => {
    const before = userPool({ UsernameAttributes: ['email'] });
    const after = userPool({ UsernameAttributes: ['email'], AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } });
    const change = reviewChange(before, after);
    expect(change.failsToDeploy ?? false).toBe(false);
    expect(change.blocking).toBe(false);
  });
});
