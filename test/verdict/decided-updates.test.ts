/**
 * Updates the service spec cannot decide alone (issue 8, cases 4 and 5), reviewed from small CDK apps: a
 * conditional replacement that a service rule decides from the old and new values, and an update the service
 * refuses on an existing resource.
 */

import { Duration, type Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { describe, expect, it } from 'vitest';
import { onlyChangeOfType, reviewCdkChange } from './cdk-app.js';

const instance = (backupDays: number) => (stack: Stack) => {
  new rds.DatabaseInstance(stack, 'Orders', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 }),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    backupRetention: Duration.days(backupDays),
  });
};

describe('RDS BackupRetentionPeriod is decided from the old and new values, never guessed as a replacement', () => {
  it('7 → 0 turns automated backups off: an interruption, not a replacement', async () => {
    const change = onlyChangeOfType(await reviewCdkChange(instance(7), instance(0)), 'AWS::RDS::DBInstance');
    expect(change).toMatchObject({ action: 'update', downtime: 'interruption', conditional: false, blocking: false });
    expect(change.reasons.join('\n')).toMatch(/BackupRetentionPeriod/);
  });

  it('0 → 7 turns them on: an interruption', async () => {
    const change = onlyChangeOfType(await reviewCdkChange(instance(0), instance(7)), 'AWS::RDS::DBInstance');
    expect(change).toMatchObject({ action: 'update', downtime: 'interruption', blocking: false });
  });

  it('7 → 14 keeps backups on: no interruption', async () => {
    const change = onlyChangeOfType(await reviewCdkChange(instance(7), instance(14)), 'AWS::RDS::DBInstance');
    expect(change).toMatchObject({ action: 'update', downtime: 'none', blocking: false });
  });
});

describe('an update the service refuses is reported as failing to deploy', () => {
  it('adding sign-in aliases to an existing Cognito user pool fails and blocks', async () => {
    const pool = (signInAliases?: cognito.SignInAliases) => (stack: Stack) => void new cognito.UserPool(stack, 'Users', { signInAliases });
    const report = await reviewCdkChange(pool({ username: true }), pool({ username: true, email: true }));
    const change = onlyChangeOfType(report, 'AWS::Cognito::UserPool');
    expect(change).toMatchObject({ action: 'update', failsToDeploy: true, blocking: true });
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['fails-to-deploy']);
    expect(change.properties.find((p) => p.failsToDeploy)?.path).toMatch(/AliasAttributes|UsernameAttributes/);
  });
});
