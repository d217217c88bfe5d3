/**
 * The verdict on the changes that swap a production data store for an empty one, reproduced from small CDK apps
 * (issue 8): retained replacements, custom-named replacements, renamed constructs, and renames that must not look
 * like control regressions.
 */

import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { changesOfType, onlyChangeOfType, reviewCdkChange } from './cdk-app.js';

const table = (partitionKey: string, tableName?: string) => (stack: Stack) => {
  new dynamodb.Table(stack, 'Orders', { partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING }, tableName });
};

describe('a stateful replacement blocks whatever the replace policy keeps', () => {
  it("changing a Table's partition key (CDK default RETAIN) blocks as a retained replacement and says what remains", async () => {
    const report = await reviewCdkChange(table('id'), table('orderId'));
    const change = onlyChangeOfType(report, 'AWS::DynamoDB::Table');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', stateful: true, blocking: true, failsToDeploy: false });
    expect(change.blockedBy).toEqual([{ policy: 'retained-replacement', detail: expect.stringMatching(/retained outside the stack with its data.*new, empty one/) }]);
    expect(change.reasons.join('\n')).toMatch(/UpdateReplacePolicy Retain: the old resource is kept/);
    expect(report.conclusion).toBe('failure');
  });

  it("changing a Bucket's name blocks; policy.blockRetainedReplacement: false makes it a warning", async () => {
    const bucket = (bucketName: string) => (stack: Stack) => void new s3.Bucket(stack, 'Uploads', { bucketName });
    const strict = onlyChangeOfType(await reviewCdkChange(bucket('shop-uploads-a'), bucket('shop-uploads-b')), 'AWS::S3::Bucket');
    expect(strict).toMatchObject({ action: 'replace', blocking: true });
    expect(strict.blockedBy.map((b) => b.policy)).toEqual(['retained-replacement']);
    // The name changes with the replacement, so the new bucket gets a new name: this one can deploy.
    expect(strict.failsToDeploy).toBe(false);

    const lenient = await reviewCdkChange(bucket('shop-uploads-a'), bucket('shop-uploads-b'), 'policy: { blockRetainedReplacement: false }');
    const warned = onlyChangeOfType(lenient, 'AWS::S3::Bucket');
    expect(warned.blocking).toBe(false);
    expect(warned.warnings.join('\n')).toMatch(/Retained replacement/);
  });

  it('turning off encryption on an EFS file system blocks', async () => {
    const fileSystem = (encrypted: boolean) => (stack: Stack) => {
      new efs.FileSystem(stack, 'Shared', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }), encrypted });
    };
    const change = onlyChangeOfType(await reviewCdkChange(fileSystem(true), fileSystem(false)), 'AWS::EFS::FileSystem');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', stateful: true, blocking: true });
    expect(change.blockedBy.map((b) => b.policy)).toContain('retained-replacement');
  });
});

describe('a custom-named resource that must be replaced fails to deploy', () => {
  it('a Table with a tableName whose partition key changes is refused by CloudFormation, and blocks', async () => {
    const report = await reviewCdkChange(table('id', 'orders'), table('orderId', 'orders'));
    const change = onlyChangeOfType(report, 'AWS::DynamoDB::Table');
    expect(change).toMatchObject({ action: 'replace', failsToDeploy: true, blocking: true });
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['retained-replacement', 'fails-to-deploy']);
    expect(change.reasons.join('\n')).toMatch(/TableName is set and stays the same: CloudFormation cannot replace a custom-named resource/);
    expect(change.advice.join('\n')).toMatch(/needs a new physical name: change TableName/);
  });

  it('the same change without a name deploys (CloudFormation generates the new name)', async () => {
    const change = onlyChangeOfType(await reviewCdkChange(table('id'), table('orderId')), 'AWS::DynamoDB::Table');
    expect(change.failsToDeploy).toBe(false);
  });
});

describe('renaming a construct renames its children: the pairing follows the references', () => {
  const vpc = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

  it('a renamed rds.DatabaseInstance is paired with its old self, with its secret, subnet group and security group', async () => {
    const instance = (id: string) => (stack: Stack) => {
      new rds.DatabaseInstance(stack, id, {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc: vpc(stack),
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      });
    };
    const report = await reviewCdkChange(instance('Db'), instance('OrdersDb'));
    const [created] = changesOfType(report, 'AWS::RDS::DBInstance').filter((c) => c.action === 'create');
    const [removed] = changesOfType(report, 'AWS::RDS::DBInstance').filter((c) => c.action !== 'create');
    expect(created?.renamedFrom).toBe(removed?.logicalId);
    expect(removed).toMatchObject({ renamedTo: created?.logicalId, blocking: true });
    expect(removed!.blockedBy[0]).toMatchObject({ policy: 'stateful-replacement', detail: expect.stringMatching(/look-alike .*renamed or moved construct/) });
    for (const child of ['AWS::SecretsManager::Secret', 'AWS::RDS::DBSubnetGroup', 'AWS::EC2::SecurityGroup']) {
      const fresh = changesOfType(report, child).find((c) => c.action === 'create');
      expect(fresh?.renamedFrom, `${child} is paired too`).toBeTruthy();
    }
  });

  it('a renamed Aurora cluster with RETAIN is a blocking replacement of its data, not a harmless orphan', async () => {
    const cluster = (id: string) => (stack: Stack) => {
      new rds.DatabaseCluster(stack, id, {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        vpc: vpc(stack),
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        removalPolicy: RemovalPolicy.RETAIN,
      });
    };
    const report = await reviewCdkChange(cluster('Orders'), cluster('OrdersCluster'));
    const removed = changesOfType(report, 'AWS::RDS::DBCluster').find((c) => c.action === 'orphan');
    expect(removed).toMatchObject({ downtime: 'replacement', blocking: true, renamedTo: expect.any(String) });
    expect(removed!.blockedBy.map((b) => b.policy)).toEqual(['stateful-replacement']);
    expect(removed!.advice.join('\n')).toMatch(/overrideLogicalId/);
  });
});

describe('a pure rename reports no control regression', () => {
  it('a bucket renamed with identical properties carries no regression of the controls its old self already failed', async () => {
    // The bucket fails S3.5 (no SSL policy) and others on both sides: a rename changes none of that.
    const bucket = (id: string) => (stack: Stack) => void new s3.Bucket(stack, id, { removalPolicy: RemovalPolicy.DESTROY });
    const report = await reviewCdkChange(bucket('Uploads'), bucket('UserUploads'), 'policy: { severityThreshold: LOW }');
    const created = changesOfType(report, 'AWS::S3::Bucket').find((c) => c.action === 'create');
    expect(created?.renamedFrom).toBeTruthy();
    expect(created!.controls.filter((c) => c.effect === 'regression')).toEqual([]);
    expect(report.summary.regressions).toBe(0);
    expect(report.posture.stillFailing.map((c) => c.controlId)).toContain('S3.5');
    // Still blocked: a rename of a bucket is a replacement of its data.
    expect(report.conclusion).toBe('failure');
  });
});
