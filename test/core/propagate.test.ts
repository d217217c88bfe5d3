import { describe, expect, it } from 'vitest';
import { changeOf, resource, reviewPair, template } from './builders.js';

const ROLLING = [{ type: 'AWS::ECS::Service', path: 'TaskDefinition', downtime: 'rolling' as const }];

function taskDefinition(image: string) {
  return resource('AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'web', Image: image }], Family: 'web' });
}

describe('dependency propagation (point 4)', () => {
  it('an ECS service whose task definition is replaced does a rolling deployment, caused by it', () => {
    // GIVEN a service that refers to a task definition whose container image changes
    const service = resource('AWS::ECS::Service', { TaskDefinition: { Ref: 'TaskDef' }, Cluster: 'c' });
    const base = template({ TaskDef: taskDefinition('web:1'), Service: service });
    const head = template({ TaskDef: taskDefinition('web:2'), Service: service });
    // WHEN reviewed
    const report = reviewPair(base, head, { rules: ROLLING });
    // THEN the task definition is replaced, and the unchanged service text still shows a rolling update
    expect(changeOf(report, 'TaskDef')).toMatchObject({ action: 'replace' });
    const svc = changeOf(report, 'Service');
    expect(svc).toMatchObject({ action: 'update', downtime: 'rolling', causedBy: ['TaskDef'] });
    expect(svc.properties).toEqual([{ path: 'TaskDefinition', downtime: 'rolling' }]);
    expect(svc.reasons[0]).toMatch(/^TaskDefinition refers to TaskDef, which is replaced: /);
  });

  it('follows references inside Fn::Sub and reports the property path', () => {
    const fn = resource('AWS::Lambda::Function', { Environment: { Variables: { QUEUE: { 'Fn::Sub': 'https://sqs/${Queue.QueueName}' } } }, Role: 'r' });
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }), Fn: fn });
    const head = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'b' }), Fn: fn });
    const rules = [{ type: 'AWS::Lambda::Function', path: 'Environment', downtime: 'atomic' as const }];
    const change = changeOf(reviewPair(base, head, { rules }), 'Fn');
    expect(change).toMatchObject({ action: 'update', downtime: 'atomic', causedBy: ['Queue'] });
    expect(change.reasons[0]).toMatch(/^Environment\.Variables\.QUEUE refers to Queue/);
  });

  it('a reference into a create-only property cascades the replacement, with its cause', () => {
    // A queue policy's Queues is updatable, but a subscription's Endpoint is create-only: replacing the queue
    // replaces the subscription, and cloudformation-diff does not see the Fn::Sub inside it.
    const sub = resource('AWS::SNS::Subscription', { Protocol: 'sqs', TopicArn: 't', Endpoint: { 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:1:${Queue.QueueName}' } });
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }), Sub: sub });
    const head = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'b' }), Sub: sub });
    const change = changeOf(reviewPair(base, head), 'Sub');
    expect(change).toMatchObject({ action: 'replace', downtime: 'replacement', causedBy: ['Queue'] });
    expect(change.reasons[0]).toMatch(/Endpoint refers to Queue, which is replaced: the new id forces a replacement/);
  });

  it('cascades through several levels (Ref into a create-only property, then onward)', () => {
    const base = template({
      Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }),
      Bucket: resource('AWS::S3::Bucket', { BucketName: { 'Fn::Sub': 'data-${Queue.QueueName}' } }),
      Policy: resource('AWS::S3::BucketPolicy', { Bucket: { Ref: 'Bucket' }, PolicyDocument: {} }),
    });
    const head = structuredClone(base);
    head.Resources!.Queue!.Properties!.QueueName = 'b';
    const report = reviewPair(base, head);
    expect(changeOf(report, 'Bucket')).toMatchObject({ action: 'replace', causedBy: ['Queue'], blocking: true });
    expect(changeOf(report, 'Policy').causedBy).toEqual(['Bucket']);
  });

  it('marks replacements that cloudformation-diff propagated itself with their cause', () => {
    const listener = resource('AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: { Ref: 'Lb' }, Port: 443, Protocol: 'HTTPS' });
    const base = template({ Lb: resource('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: 'a', Scheme: 'internal' }), L: listener });
    const head = template({ Lb: resource('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: 'b', Scheme: 'internal' }), L: listener });
    const change = changeOf(reviewPair(base, head), 'L');
    expect(change).toMatchObject({ action: 'replace', causedBy: ['Lb'] });
  });

  it('does not touch resources that only exist in head', () => {
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }) });
    const head = template({
      Queue: resource('AWS::SQS::Queue', { QueueName: 'b' }),
      NewPolicy: resource('AWS::SQS::QueuePolicy', { Queues: [{ Ref: 'Queue' }], PolicyDocument: {} }),
    });
    expect(changeOf(reviewPair(base, head), 'NewPolicy')).toMatchObject({ action: 'create', causedBy: [] });
  });

  it('warns when a replaced resource feeds an export', () => {
    const base = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'a' }) }, { Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Export: { Name: 'QueueArn' } } } });
    const head = template({ Queue: resource('AWS::SQS::Queue', { QueueName: 'b' }) }, { Outputs: base.Outputs });
    expect(changeOf(reviewPair(base, head), 'Queue').warnings.join()).toMatch(/Export cannot be updated as it is in use/);
  });
});

describe('renames (point 6)', () => {
  it('reports a removed and an added bucket with nearly the same properties as a probable logical-id change', () => {
    const props = { VersioningConfiguration: { Status: 'Enabled' }, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } };
    const base = template({ UploadsBucketA1B2: resource('AWS::S3::Bucket', props) });
    const head = template({ UserUploadsC3D4: resource('AWS::S3::Bucket', props) });
    const report = reviewPair(base, head);
    const added = changeOf(report, 'UserUploadsC3D4');
    const removed = changeOf(report, 'UploadsBucketA1B2');
    expect(added).toMatchObject({ action: 'create', renamedFrom: 'UploadsBucketA1B2' });
    expect(removed).toMatchObject({ action: 'delete', blocking: true });
    expect(removed.advice.join('\n')).toMatch(/overrideLogicalId\('UploadsBucketA1B2'\)/);
    expect(removed.advice.join('\n')).toMatch(/cdk refactor/);
    expect(removed.advice.join('\n')).toMatch(/loses the data/);
  });

  it('does not pair resources of different types or with different properties', () => {
    const base = template({ A: resource('AWS::SQS::Queue', { DelaySeconds: 1, VisibilityTimeout: 30, MessageRetentionPeriod: 60 }) });
    const head = template({
      B: resource('AWS::SQS::Queue', { DelaySeconds: 9, VisibilityTimeout: 300, MessageRetentionPeriod: 600 }),
      C: resource('AWS::SNS::Topic', { DelaySeconds: 1, VisibilityTimeout: 30, MessageRetentionPeriod: 60 }),
    });
    const report = reviewPair(base, head);
    expect(changeOf(report, 'B').renamedFrom).toBeNull();
    expect(changeOf(report, 'C').renamedFrom).toBeNull();
  });
});
