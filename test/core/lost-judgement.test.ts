import { expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { review } from '../../src/core/review.js';
import { loadRuleSets } from '../../src/pipeline/rule-sets.js';
import { changeOf, facts, resource, template } from './builders.js';

const { behaviours, controls } = loadRuleSets();

function run(base: ReturnType<typeof template>, head: ReturnType<typeof template>) {
  return review({ stacks: [{ stackName: 'App', base, head }], baseline: { kind: 'templates', description: 't' }, behaviours, facts, policy: DEFAULT_POLICY, controls });
}

const BLOCK_ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

it('a new bucket without Block Public Access settings is not a regression (S3 blocks public access by default)', () => {
  const report = run(template({}), template({ Bucket: resource('AWS::S3::Bucket') }));
  expect(changeOf(report, 'Bucket').controls.map((c) => c.controlId)).not.toContain('S3.8');
});

it('removing the settings from an existing bucket asks the reviewer to check S3.8 by hand', () => {
  const report = run(
    template({ Bucket: resource('AWS::S3::Bucket', { PublicAccessBlockConfiguration: BLOCK_ALL }) }),
    template({ Bucket: resource('AWS::S3::Bucket') }),
  );
  expect(changeOf(report, 'Bucket').warnings.join('\n')).toMatch(/S3\.8 \(HIGH\) passed before and can no longer be judged statically on Bucket.*check it by hand/);
});

it('turning a setting off explicitly is a blocking HIGH regression', () => {
  const report = run(
    template({ Bucket: resource('AWS::S3::Bucket', { PublicAccessBlockConfiguration: BLOCK_ALL }) }),
    template({ Bucket: resource('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { ...BLOCK_ALL, BlockPublicPolicy: false } }) }),
  );
  expect(changeOf(report, 'Bucket')).toMatchObject({ blocking: true, controls: [expect.objectContaining({ controlId: 'S3.8', effect: 'regression' })] });
});

it('a new launch template version rolls an Auto Scaling group with a rolling update policy (propagated through LatestVersionNumber)', () => {
  const lt = (ami: string) => resource('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { ImageId: ami, InstanceType: 't3.small' } });
  const asg = resource(
    'AWS::AutoScaling::AutoScalingGroup',
    { MinSize: '1', MaxSize: '3', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } } },
    { UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 1 } } },
  );
  const report = run(template({ Lt: lt('ami-1'), Asg: asg }), template({ Lt: lt('ami-2'), Asg: asg }));
  expect(changeOf(report, 'Lt')).toMatchObject({ action: 'update' });
  const group = changeOf(report, 'Asg');
  expect(group).toMatchObject({ action: 'update', downtime: 'rolling', causedBy: ['Lt'] });
  expect(group.reasons[0]).toMatch(/^LaunchTemplate\.Version reads Lt\.LatestVersionNumber, which changes with Lt's update/);
});
