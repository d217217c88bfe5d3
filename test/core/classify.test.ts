import { describe, expect, it } from 'vitest';
import { changeOf, resource, reviewPair, template } from './builders.js';

describe('replacement comes from the spec (point 1)', () => {
  it('a create-only property replaces a stateful queue, and that blocks', () => {
    // GIVEN a queue whose physical name changes
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'orders' }) });
    const head = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'orders-v2' }) });
    // WHEN reviewed
    const change = changeOf(reviewPair(base, head), 'Queue');
    // THEN it is a blocking stateful replacement, and the reasons say why and what happens to the old one
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', stateful: true, blocking: true });
    expect(change.properties).toMatchObject([{ path: 'QueueName', downtime: 'replacement' }]);
    expect(change.reasons[0]).toBe('QueueName changed: requires replacement');
    expect(change.reasons.join(' ')).toMatch(/old resource is deleted with its data/);
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['stateful-replacement']);
  });

  it('a type change is a replacement', () => {
    const base = template({ Thing: resource('AWS::SNS::Topic') });
    const head = template({ Thing: resource('AWS::SQS::Queue') });
    const change = changeOf(reviewPair(base, head), 'Thing');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement' });
    expect(change.reasons[0]).toMatch(/type changed from AWS::SNS::Topic to AWS::SQS::Queue/);
  });

  it('a conditional ("maybe") replacement with no rule stays a replacement', () => {
    // RDS MultiAZ is "maybe" in the spec; without a rule stackguard must not guess it is harmless.
    const base = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: false }) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: true }) });
    const change = changeOf(reviewPair(base, head), 'Db');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', conditional: true });
    expect(change.properties).toMatchObject([{ path: 'MultiAZ', downtime: 'replacement', conditional: true, values: [{ path: 'MultiAZ', old: 'false', new: 'true' }] }]);
    expect(change.reasons[0]).toMatch(/may be replaced: CloudFormation decides at deploy time/);
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['conditional-replacement']);
    const lenient = changeOf(reviewPair(base, head, { policy: { blockConditionalReplacement: false } }), 'Db');
    expect(lenient.blocking).toBe(false);
    expect(lenient.warnings.join()).toMatch(/Conditional replacement/);
  });

  it('a definite replacement is not marked conditional, even when a conditional property changes with it', () => {
    const base = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: false, DBName: 'a' }) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: true, DBName: 'b' }) });
    const change = changeOf(reviewPair(base, head), 'Db');
    expect(change).toMatchObject({ action: 'replace', conditional: false });
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['stateful-replacement']);
  });
});

describe('behaviour rules (points 2 and 3)', () => {
  it('a rule resolves a conditional replacement into an interruption', () => {
    const rules = [{ type: 'AWS::RDS::DBInstance', path: 'MultiAZ', downtime: 'interruption' as const }];
    const base = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: false }) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { MultiAZ: true }) });
    const change = changeOf(reviewPair(base, head, { rules }), 'Db');
    expect(change).toMatchObject({ action: 'update', downtime: 'interruption', blocking: false });
    expect(change.reasons[0]).toMatch(/conditional replacement/);
  });

  it('an updatable property with no rule is `none`', () => {
    const base = template({ Queue: resource('AWS::SQS::Queue', { MessageRetentionPeriod: 60 }) });
    const head = template({ Queue: resource('AWS::SQS::Queue', { MessageRetentionPeriod: 120 }) });
    expect(changeOf(reviewPair(base, head), 'Queue')).toMatchObject({ action: 'update', downtime: 'none', blocking: false });
  });

  it('the worst property wins', () => {
    const rules = [
      { type: 'AWS::ECS::Service', path: 'TaskDefinition', downtime: 'rolling' as const },
      { type: 'AWS::ECS::Service', path: 'DesiredCount', downtime: 'none' as const },
    ];
    const base = template({ Svc: resource('AWS::ECS::Service', { DesiredCount: 1, TaskDefinition: 'a' }) });
    const head = template({ Svc: resource('AWS::ECS::Service', { DesiredCount: 2, TaskDefinition: 'b' }) });
    const change = changeOf(reviewPair(base, head, { rules }), 'Svc');
    expect(change.downtime).toBe('rolling');
    expect(change.properties).toMatchObject([
      { path: 'DesiredCount', downtime: 'none' },
      { path: 'TaskDefinition', downtime: 'rolling' },
    ]);
  });

  it('a lifecycle rule changes what replacing an immutable resource means', () => {
    const rules = [{ type: 'AWS::Lambda::Version', path: '', downtime: 'atomic' as const, on: 'replace' as const }];
    const base = template({ V: resource('AWS::Lambda::Version', { FunctionName: 'f', Description: 'a' }) });
    const head = template({ V: resource('AWS::Lambda::Version', { FunctionName: 'f', Description: 'b' }) });
    const change = changeOf(reviewPair(base, head, { rules }), 'V');
    expect(change).toMatchObject({ action: 'replace', downtime: 'atomic', blocking: false });
  });
});

describe('stateful resources and removal policies (point 5)', () => {
  it('deleting a bucket blocks; with DeletionPolicy Retain it is an orphan warning', () => {
    const base = template({ B: resource('AWS::S3::Bucket') });
    const deleted = changeOf(reviewPair(base, template({})), 'B');
    expect(deleted).toMatchObject({ action: 'delete', downtime: 'deletion', stateful: true, blocking: true });
    expect(deleted.reasons).toEqual(['DeletionPolicy Delete (default): the resource is deleted with its data']);

    const retained = template({ B: resource('AWS::S3::Bucket', {}, { DeletionPolicy: 'Retain' }) });
    const orphan = changeOf(reviewPair(retained, template({})), 'B');
    expect(orphan).toMatchObject({ action: 'orphan', downtime: 'none', blocking: false });
    expect(orphan.warnings[0]).toMatch(/Orphaned/);
  });

  it('a snapshotted replacement still blocks and says the new database starts empty', () => {
    const attrs = { UpdateReplacePolicy: 'Snapshot', DeletionPolicy: 'Snapshot' };
    const base = template({ Db: resource('AWS::RDS::DBInstance', { DBInstanceIdentifier: 'a' }, attrs) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { DBInstanceIdentifier: 'b' }, attrs) });
    const change = changeOf(reviewPair(base, head), 'Db');
    expect(change.blocking).toBe(true);
    expect(change.reasons.join('\n')).toMatch(/snapshotted, then deleted; the new resource starts empty/);
  });

  it('a retained replacement blocks by default, says what remains, and is a warning when the policy says so', () => {
    // GIVEN a bucket with CDK's default RETAIN policies WHEN its name changes THEN the stack moves to a new bucket.
    for (const kept of ['Retain', 'RetainExceptOnCreate']) {
      const attrs = { UpdateReplacePolicy: kept, DeletionPolicy: kept };
      const base = template({ B: resource('AWS::S3::Bucket', { BucketName: 'a' }, attrs) });
      const head = template({ B: resource('AWS::S3::Bucket', { BucketName: 'b' }, attrs) });
      const byDefault = changeOf(reviewPair(base, head), 'B');
      expect(byDefault).toMatchObject({ action: 'replace', blocking: true });
      expect(byDefault.blockedBy).toEqual([{ policy: 'retained-replacement', detail: expect.stringMatching(/old one is retained outside the stack.*new, empty one/) }]);
      const lenient = changeOf(reviewPair(base, head, { policy: { blockRetainedReplacement: false } }), 'B');
      expect(lenient.blocking).toBe(false);
      expect(lenient.warnings[0]).toMatch(/Retained replacement/);
    }
  });

  it('a snapshotted replacement is a stateful replacement that says the old one is snapshotted', () => {
    const attrs = { UpdateReplacePolicy: 'Snapshot', DeletionPolicy: 'Snapshot' };
    const base = template({ Db: resource('AWS::RDS::DBInstance', { DBName: 'a' }, attrs) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { DBName: 'b' }, attrs) });
    const change = changeOf(reviewPair(base, head), 'Db');
    expect(change.blockedBy).toEqual([{ policy: 'stateful-replacement', detail: expect.stringMatching(/snapshotted, then deleted/) }]);
  });

  it('config can add and remove stateful types', () => {
    const base = template({ T: resource('AWS::SNS::Topic', { TopicName: 'a' }) });
    const head = template({ T: resource('AWS::SNS::Topic', { TopicName: 'b' }) });
    const policy = { isStateful: (type: string, spec: boolean) => spec || type === 'AWS::SNS::Topic' };
    expect(changeOf(reviewPair(base, head, { policy }), 'T')).toMatchObject({ stateful: true, blocking: true });
    expect(changeOf(reviewPair(base, head), 'T')).toMatchObject({ stateful: false, blocking: false });
  });

  it('an allow entry with a reason turns a block into a warning', () => {
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }) });
    const head = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'b' }) });
    const policy = { allowance: () => ({ reason: 'queue is drained before deploy' }) };
    const change = changeOf(reviewPair(base, head, { policy }), 'Queue');
    expect(change.blocking).toBe(false);
    expect(change.warnings).toContain('Expected by `allow` in .github/stackguard.yml: queue is drained before deploy');
  });
});

describe('noise (point 7)', () => {
  it('ignores AWS::CDK::Metadata and metadata-only changes', () => {
    const base = template({
      CDKMetadata: resource('AWS::CDK::Metadata', { Analytics: 'v1' }),
      Q: resource('AWS::SQS::Queue', {}, { Metadata: { 'aws:cdk:path': 'A/Q' } }),
    });
    const head = template({
      CDKMetadata: resource('AWS::CDK::Metadata', { Analytics: 'v2' }),
      Q: resource('AWS::SQS::Queue', {}, { Metadata: { 'aws:cdk:path': 'B/Q' } }),
    });
    const report = reviewPair(base, head);
    expect(report.summary.changes).toBe(0);
    expect(report.stacks[0]!.status).toBe('unchanged');
  });

  it('a new Lambda code asset is an atomic code update, recognised as an asset change', () => {
    const rules = [{ type: 'AWS::Lambda::Function', path: 'Code', downtime: 'atomic' as const }];
    const code = (hash: string) => ({ S3Bucket: 'cdk-assets', S3Key: `${hash}.zip` });
    const base = template({ Fn: resource('AWS::Lambda::Function', { Code: code('a'.repeat(64)), Role: 'r' }) });
    const head = template({ Fn: resource('AWS::Lambda::Function', { Code: code('b'.repeat(64)), Role: 'r' }) });
    const change = changeOf(reviewPair(base, head, { rules }), 'Fn');
    expect(change).toMatchObject({ action: 'update', downtime: 'atomic', blocking: false });
    expect(change.reasons).toContain('Code: new asset (content hash changed), not a configuration change');
  });

  it('a property change on a custom resource is shown with an unknown effect, never dropped', () => {
    const base = template({ Custom: resource('Custom::DbSeeder', { ServiceToken: 'arn', Version: 1 }) });
    const head = template({ Custom: resource('Custom::DbSeeder', { ServiceToken: 'arn', Version: 2 }) });
    const change = changeOf(reviewPair(base, head), 'Custom');
    expect(change.action).toBe('update');
    expect(change.properties).toMatchObject([{ path: 'Version', downtime: 'interruption', effectUnknown: true }]);
    expect(change.reasons[0]).toMatch(/effect unknown/);
  });
});

describe('origins (point 8)', () => {
  it('carries construct path and source location onto the change', () => {
    const base = template({ Q: resource('AWS::SQS::Queue', { QueueName: 'a' }) });
    const head = template({ Q: resource('AWS::SQS::Queue', { QueueName: 'b' }) });
    const origins = { Q: { constructPath: 'App/Orders/Resource', source: { file: 'lib/app.ts', line: 12 } } };
    expect(changeOf(reviewPair(base, head, { origins }), 'Q')).toMatchObject({ constructPath: 'App/Orders/Resource', source: { file: 'lib/app.ts', line: 12 } });
  });
});

describe('stacks', () => {
  it('a stack only in head is all creates; one only in base is removed with a note and no deletions', () => {
    const added = reviewPair(undefined, template({ Q: resource('AWS::SQS::Queue') }));
    expect(added.stacks[0]).toMatchObject({ status: 'added' });
    expect(changeOf(added, 'Q').action).toBe('create');
    const removed = reviewPair(template({ Q: resource('AWS::SQS::Queue') }), undefined);
    expect(removed.stacks[0]).toMatchObject({ status: 'removed', changes: [] });
    expect(removed.stacks[0]!.notes[0]).toMatch(/does not delete a stack by itself/);
    expect(removed.conclusion).toBe('success');
  });
});

describe('conservative where data is at stake (review findings)', () => {
  it('a generated "Some interruptions" fact does not clear a conditional replacement of a database', () => {
    // RDS Engine is "maybe" in the spec; the CloudFormation docs say "Some interruptions" for the usual case, but
    // postgres → mysql creates a new, empty instance.
    const rules = [{ type: 'AWS::RDS::DBInstance', path: 'Engine', downtime: 'interruption' as const, tier: 'reference' as const }];
    const base = template({ Db: resource('AWS::RDS::DBInstance', { Engine: 'postgres' }) });
    const head = template({ Db: resource('AWS::RDS::DBInstance', { Engine: 'mysql' }) });
    const change = changeOf(reviewPair(base, head, { rules }), 'Db');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', blocking: true, conditional: true });
    expect(change.reasons[0]).toMatch(/may be replaced: .*holds data.*usual case/);
  });

  it('dropping UpdateReplacePolicy Retain in the same PR that replaces the resource is not treated as retained', () => {
    const base = template({ B: resource('AWS::S3::Bucket', { BucketName: 'a' }, { UpdateReplacePolicy: 'Retain' }) });
    const head = template({ B: resource('AWS::S3::Bucket', { BucketName: 'b' }) });
    const change = changeOf(reviewPair(base, head), 'B');
    expect(change).toMatchObject({ action: 'replace', blocking: true });
    expect(change.reasons.join('\n')).toMatch(/less protective of the two/);
    expect(changeOf(reviewPair(head, base), 'B').blocking).toBe(true);
  });

  it("CDK's AWS::CloudFormation::CustomResource properties have an unknown effect", () => {
    const base = template({ C: resource('AWS::CloudFormation::CustomResource', { ServiceToken: 'arn', Size: 1 }) });
    const head = template({ C: resource('AWS::CloudFormation::CustomResource', { ServiceToken: 'arn', Size: 2 }) });
    expect(changeOf(reviewPair(base, head), 'C').properties).toMatchObject([{ path: 'Size', downtime: 'interruption', effectUnknown: true }]);
  });

  it("replacing a child whose create-only property names its parent deploys (a Lambda permission's FunctionName)", () => {
    const base = template({ P: resource('AWS::Lambda::Permission', { FunctionName: 'orders', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:a' }) });
    const head = template({ P: resource('AWS::Lambda::Permission', { FunctionName: 'orders', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:b' }) });
    expect(changeOf(reviewPair(base, head), 'P')).toMatchObject({ action: 'replace', failsToDeploy: false, blocking: false });
  });

  it('a type change under the same logical id fails to deploy and blocks', () => {
    const change = changeOf(reviewPair(template({ T: resource('AWS::SNS::Topic') }), template({ T: resource('AWS::SQS::Queue') })), 'T');
    expect(change.reasons.join()).toMatch(/Update of resource type is not permitted/);
    expect(change).toMatchObject({ failsToDeploy: true, blocking: true });
    expect(change.blockedBy.map((b) => b.policy)).toEqual(['stateful-replacement', 'fails-to-deploy']);
  });

  it('a changed Condition says the resource may be deleted', () => {
    const base = template({ Q: resource('AWS::SQS::Queue', {}, { Condition: 'IsProd' }) });
    const head = template({ Q: resource('AWS::SQS::Queue', {}, { Condition: 'IsStaging' }) });
    expect(changeOf(reviewPair(base, head), 'Q').reasons.join()).toMatch(/Condition changed .*CloudFormation deletes the resource/);
  });
});

describe('changes outside Resources (review findings)', () => {
  it('notes changed parameters, conditions, mappings and removed exports, naming what depends on them', () => {
    const base = template(
      { Db: resource('AWS::RDS::DBInstance', { DBInstanceClass: { Ref: 'Size' } }, { Condition: 'IsProd' }), Q: resource('AWS::SQS::Queue', { DelaySeconds: { 'Fn::FindInMap': ['Env', 'prod', 'delay'] } }) },
      {
        Parameters: { Size: { Type: 'String', Default: 'db.t4g.small' } },
        Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } },
        Mappings: { Env: { prod: { delay: 1 } } },
        Outputs: { QueueUrl: { Value: { Ref: 'Q' }, Export: { Name: 'shop-queue' } } },
      },
    );
    const head = structuredClone(base);
    (head.Parameters!.Size as { Default: string }).Default = 'db.r6g.large';
    head.Conditions!.IsProd = { 'Fn::Equals': ['a', 'b'] };
    head.Mappings!.Env = { prod: { delay: 5 } };
    head.Outputs = { QueueUrl: { Value: { Ref: 'Q' } } };
    const report = reviewPair(base, head);
    const notes = report.stacks[0]!.notes.join('\n');
    expect(report.stacks[0]!.status).toBe('changed');
    expect(notes).toMatch(/Parameters changed: Size\..*\(Db\)/);
    expect(notes).toMatch(/Conditions changed: IsProd\..*deletes the resources it gates \(Db\)/);
    expect(notes).toMatch(/Mappings changed: Env\..*\(by Q\)/);
    expect(notes).toMatch(/Export shop-queue \(output QueueUrl\) is removed/);
  });
});
