import { describe, expect, it } from 'vitest';
import { changedPaths } from '../../src/core/behaviours/index.js';

describe('changedPaths', () => {
  it('returns nothing for equal values, with CloudFormation scalar leniency', () => {
    expect(changedPaths('Port', 80, '80')).toEqual([]);
    expect(changedPaths('Enabled', true, 'true')).toEqual([]);
    expect(changedPaths('Config', { A: [1, { B: 'x' }] }, { A: ['1', { B: 'x' }] })).toEqual([]);
  });

  it('treats an empty string as different from zero', () => {
    expect(changedPaths('Count', 0, '')).toEqual(['Count']);
  });

  it('names a changed scalar by the property name', () => {
    expect(changedPaths('DBInstanceClass', 'db.r6g.large', 'db.r6g.xlarge')).toEqual(['DBInstanceClass']);
  });

  it('descends into objects and names the changed leaves', () => {
    const before = { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: ['a'] } };
    const after = { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED', Subnets: ['a'] } };
    expect(changedPaths('NetworkConfiguration', before, after)).toEqual(['NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp']);
  });

  it('drops array indices and compares same-length lists element by element', () => {
    const before = [{ Name: 'web', Image: 'api:1' }, { Name: 'sidecar', Image: 'envoy:1' }];
    const after = [{ Name: 'web', Image: 'api:2' }, { Name: 'sidecar', Image: 'envoy:2' }];
    expect(changedPaths('ContainerDefinitions', before, after)).toEqual(['ContainerDefinitions.Image']);
  });

  it('stops at a list that grew or shrank', () => {
    // GIVEN an environment variable added to a container
    const before = [{ Name: 'web', Environment: [{ Name: 'A', Value: '1' }] }];
    const after = [{ Name: 'web', Environment: [{ Name: 'A', Value: '1' }, { Name: 'B', Value: '2' }] }];
    // THEN the change is reported at the list
    expect(changedPaths('ContainerDefinitions', before, after)).toEqual(['ContainerDefinitions.Environment']);
  });

  it('treats intrinsic functions as leaves', () => {
    expect(changedPaths('TaskDefinition', { Ref: 'V1' }, { Ref: 'V2' })).toEqual(['TaskDefinition']);
    expect(changedPaths('Role', { 'Fn::GetAtt': ['A', 'Arn'] }, { 'Fn::GetAtt': ['B', 'Arn'] })).toEqual(['Role']);
  });

  it('names the leaves of an object that was added or removed', () => {
    expect(changedPaths('DeploymentConfiguration', undefined, { MinimumHealthyPercent: 50, MaximumPercent: 200 })).toEqual([
      'DeploymentConfiguration.MinimumHealthyPercent',
      'DeploymentConfiguration.MaximumPercent',
    ]);
    expect(changedPaths('Logging', { Bucket: 'b' }, undefined)).toEqual(['Logging.Bucket']);
  });

  it('reports a type change at the path', () => {
    expect(changedPaths('Value', 'literal', { Ref: 'Param' })).toEqual(['Value']);
    expect(changedPaths('Value', { A: 1 }, ['A'])).toEqual(['Value']);
  });

  it('reports each changed path once', () => {
    const before = [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }];
    const after = [{ Key: 'a', Value: '3' }, { Key: 'b', Value: '4' }];
    expect(changedPaths('Tags', before, after)).toEqual(['Tags.Value']);
  });
});
