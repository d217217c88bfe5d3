import { describe, expect, it } from 'vitest';
import { pairStacks, type SideStack } from '../../src/core/pair-stacks.js';
import { changeOf, facts, fakeBehaviours, resource, template } from './builders.js';
import { review } from '../../src/core/review.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';

function stack(stackName: string, resources: Parameters<typeof template>[0], nested: SideStack['nested'] = []): SideStack {
  return { stackName, template: template(resources), origins: {}, nested };
}

describe('pairing stacks by name', () => {
  it('matches by name, adds head-only stacks and keeps base-only stacks as removed', () => {
    const base = [stack('Data', {}), stack('Legacy', {})];
    const head = [stack('Data', {}), stack('New', {})];
    const pairs = pairStacks(base, head);
    expect(pairs.map((p) => [p.stackName, Boolean(p.base), Boolean(p.head)])).toEqual([
      ['Data', true, true],
      ['New', false, true],
      ['Legacy', true, false],
    ]);
  });

  it('reviews nested stacks under their parent, matched by the nested stack resource id', () => {
    const nestedResource = resource('AWS::CloudFormation::Stack', { TemplateURL: 'x' });
    const base = [stack('Service', { Monitoring: nestedResource }, [{ logicalId: 'Monitoring', stack: stack('child', { Topic: resource('AWS::SNS::Topic') }) }])];
    const head = [stack('Service', { Monitoring: nestedResource }, [{ logicalId: 'Monitoring', stack: stack('child', {}) }])];
    const stacks = pairStacks(base, head);
    expect(stacks.map((s) => [s.stackName, s.parentStack])).toEqual([
      ['Service', undefined],
      ['Service/Monitoring', 'Service'],
    ]);
    const report = review({ stacks, baseline: { kind: 'templates', description: 't' }, behaviours: fakeBehaviours([]), facts, policy: DEFAULT_POLICY });
    expect(report.stacks[1]).toMatchObject({ stackName: 'Service/Monitoring', parentStack: 'Service', status: 'changed' });
    expect(changeOf(report, 'Topic')).toMatchObject({ action: 'delete', downtime: 'deletion' });
  });
});

describe('stacks that leave', () => {
  it('a nested stack removed with its parent resource lists its resources as deletions', () => {
    const nestedResource = resource('AWS::CloudFormation::Stack', { TemplateURL: 'x' });
    const child = stack('child', { Table: resource('AWS::DynamoDB::Table', { KeySchema: [] }) });
    const base = [stack('Service', { Search: nestedResource }, [{ logicalId: 'Search', stack: child }])];
    const head = [stack('Service', {})];
    const report = review({ stacks: pairStacks(base, head), baseline: { kind: 'templates', description: 't' }, behaviours: fakeBehaviours([]), facts, policy: DEFAULT_POLICY });
    expect(report.stacks[1]!.notes[0]).toMatch(/deletes every resource in it/);
    expect(changeOf(report, 'Table')).toMatchObject({ action: 'delete', stateful: true, blocking: true });
  });

  it('a CDK Lambda version published under a new logical id is not a rename', () => {
    const version = (hash: string) => ({ [`FnCurrentVersion${hash}`]: resource('AWS::Lambda::Version', { FunctionName: { Ref: 'Fn' } }) });
    const report = review({
      stacks: pairStacks([stack('App', version('1a2b'))], [stack('App', version('3c4d'))]),
      baseline: { kind: 'templates', description: 't' },
      behaviours: fakeBehaviours([]),
      facts,
      policy: DEFAULT_POLICY,
    });
    expect(changeOf(report, 'FnCurrentVersion3c4d').renamedFrom).toBeNull();
    expect(changeOf(report, 'FnCurrentVersion1a2b').advice).toEqual([]);
  });
});

describe('one stack name in several environments', () => {
  it('pairs by environment instead of cross-pairing', () => {
    const at = (region: string, resources: Parameters<typeof template>[0]): SideStack => ({ ...stack('Data', resources), environment: { account: '111111111111', region } });
    const bucket = { B: resource('AWS::S3::Bucket') };
    const base = [at('eu-west-1', bucket), at('us-east-1', bucket)];
    const head = [at('us-east-1', bucket), at('eu-west-1', bucket)];
    const stacks = pairStacks(base, head);
    expect(stacks.map((s) => s.stackName)).toEqual(['Data (111111111111/us-east-1)', 'Data (111111111111/eu-west-1)']);
    const report = review({ stacks, baseline: { kind: 'templates', description: 't' }, behaviours: fakeBehaviours([]), facts, policy: DEFAULT_POLICY });
    expect(report.summary.changes).toBe(0);
  });
});
