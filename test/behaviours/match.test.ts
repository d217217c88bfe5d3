import { describe, expect, it } from 'vitest';
import { buildBehaviourIndex, createBehaviourLookup, matchLifecycle, matchUpdate } from '../../src/core/behaviours/index.js';
import { lifecycleRule, updateRule } from './rule-builders.js';

const TYPE = 'AWS::Test::Thing';
const empty = { Properties: {} };

function winner(rules: Parameters<typeof buildBehaviourIndex>[0], path: string, head = empty, base = empty) {
  return matchUpdate(buildBehaviourIndex(rules), TYPE, path, head, base)?.ruleId;
}

describe('matchUpdate: which paths a rule covers', () => {
  const rules = [updateRule('config', ['Config.Inner'])];

  it('matches the rule path itself and anything below it', () => {
    expect(winner(rules, 'Config.Inner')).toBe('config');
    expect(winner(rules, 'Config.Inner.Leaf')).toBe('config');
  });

  it('does not match a sibling or a path that merely shares a prefix', () => {
    expect(winner(rules, 'Config.Other')).toBeUndefined();
    expect(winner(rules, 'Config.InnerMost')).toBeUndefined();
  });

  it('matches a coarser change only when the values under the rule path differ', () => {
    const base = { Properties: { Config: { Inner: 'a', Other: 1 } } };
    expect(winner(rules, 'Config', { Properties: { Config: { Inner: 'b' } } }, base)).toBe('config');
    expect(winner(rules, 'Config', { Properties: { Config: { Inner: 'a' } } }, base)).toBeUndefined();
  });

  it('looks through lists when comparing values under the rule path', () => {
    const listRules = [updateRule('protocol', ['Listeners.Protocol'])];
    const base = { Properties: { Listeners: [{ Protocol: 'HTTP', Port: 80 }] } };
    const added = { Properties: { Listeners: [{ Protocol: 'HTTP', Port: 80 }, { Protocol: 'HTTPS', Port: 443 }] } };
    const samePorts = { Properties: { Listeners: [{ Protocol: 'HTTP', Port: 80 }, { Protocol: 'HTTP', Port: 81 }] } };
    expect(winner(listRules, 'Listeners', added, base)).toBe('protocol');
    expect(winner(listRules, 'Listeners', samePorts, base)).toBe('protocol'); // two values where there was one
    expect(winner(listRules, 'Listeners', base, base)).toBeUndefined();
  });

  it('honours except, with "*"', () => {
    const anyRules = [updateRule('any', ['*'], { except: ['Tags', 'Config.Comment'] })];
    expect(winner(anyRules, 'Code.S3Key')).toBe('any');
    expect(winner(anyRules, 'Tags.Value')).toBeUndefined();
    expect(winner(anyRules, 'Config.Comment')).toBeUndefined();
    expect(winner(anyRules, 'Config.Enabled')).toBe('any');
  });

  it('only considers rules of the resource type and rules for every type', () => {
    const index = buildBehaviourIndex([updateRule('other', ['X'], { resourceType: 'AWS::Other::Thing' }), updateRule('all', ['X'], { resourceType: '*' })]);
    expect(matchUpdate(index, TYPE, 'X', empty, empty)?.ruleId).toBe('all');
    expect(matchUpdate(index, 'AWS::Other::Thing', 'X', empty, empty)?.ruleId).toBe('other');
  });
});

describe('matchUpdate: precedence', () => {
  it('prefers the most specific path over a worse downtime, and "*" least', () => {
    const rules = [
      updateRule('any', ['*'], { downtime: 'interruption' }),
      updateRule('coarse', ['Config'], { downtime: 'rolling' }),
      updateRule('fine', ['Config.Inner'], { downtime: 'none' }),
    ];
    expect(winner(rules, 'Config.Inner')).toBe('fine');
    expect(winner(rules, 'Config.Other')).toBe('coarse');
    expect(winner(rules, 'Elsewhere')).toBe('any');
  });

  it('ranks a coarser change by its own depth, so finer rules tie and the worst downtime wins', () => {
    const rules = [updateRule('inner-a', ['Config.A'], { downtime: 'atomic' }), updateRule('inner-b', ['Config.B'], { downtime: 'interruption' })];
    const base = { Properties: { Config: { A: 1, B: 1 } } };
    const head = { Properties: { Config: { A: 2, B: 2 } } };
    expect(winner(rules, 'Config', head, base)).toBe('inner-b');
  });

  it('prefers a rule for the type over a rule for every type on the same path', () => {
    const rules = [updateRule('every', ['Tags'], { resourceType: '*', downtime: 'none' }), updateRule('typed', ['Tags'], { tier: 'reference', downtime: 'interruption' })];
    expect(winner(rules, 'Tags')).toBe('typed');
  });

  it('prefers a service rule over a reference rule on the same path, even with a milder downtime', () => {
    const rules = [updateRule('reference', ['Subnets'], { tier: 'reference', downtime: 'interruption' }), updateRule('service', ['Subnets'], { downtime: 'atomic' })];
    expect(winner(rules, 'Subnets')).toBe('service');
  });

  it('prefers a rule whose conditions hold, and ignores one whose conditions do not', () => {
    const rules = [
      updateRule('plain', ['LaunchTemplate'], { downtime: 'none' }),
      updateRule('rolling', ['LaunchTemplate'], { downtime: 'rolling', when: [{ path: 'UpdatePolicy.AutoScalingRollingUpdate', exists: true }] }),
    ];
    const withPolicy = { Properties: {}, UpdatePolicy: { AutoScalingRollingUpdate: {} } };
    expect(winner(rules, 'LaunchTemplate', withPolicy)).toBe('rolling');
    expect(winner(rules, 'LaunchTemplate', empty)).toBe('plain');
  });

  it('evaluates equals and in leniently, and exists: false', () => {
    const rules = [
      updateRule('zero', ['Count'], { when: [{ path: 'Properties.Count', equals: 0 }], downtime: 'interruption' }),
      updateRule('listed', ['Mode'], { when: [{ path: 'Properties.Mode', in: ['a', 'b'] }] }),
      updateRule('absent', ['Mode'], { when: [{ path: 'Properties.Lock', exists: false }], downtime: 'rolling' }),
    ];
    expect(winner(rules, 'Count', { Properties: { Count: '0' } })).toBe('zero');
    expect(winner(rules, 'Count', { Properties: { Count: 1 } })).toBeUndefined();
    expect(winner(rules, 'Mode', { Properties: { Mode: 'b', Lock: true } })).toBe('listed');
    expect(winner(rules, 'Mode', { Properties: { Mode: 'c' } })).toBe('absent');
  });

  it('breaks remaining ties by the worse downtime, then by the rule read first', () => {
    expect(winner([updateRule('mild', ['X'], { downtime: 'atomic' }), updateRule('worse', ['X'], { downtime: 'rolling' })], 'X')).toBe('worse');
    expect(winner([updateRule('first', ['X']), updateRule('second', ['X'])], 'X')).toBe('first');
  });

  it('returns the matched path, downtime, reason and source', () => {
    const match = matchUpdate(buildBehaviourIndex([updateRule('r', ['X'], { downtime: 'rolling' })]), TYPE, 'X.Y', empty, empty);
    expect(match).toEqual({ ruleId: 'r', downtime: 'rolling', reason: 'reason of r', source: 'test', tier: 'service', path: 'X.Y', failsToDeploy: false });
  });
});

describe('matchLifecycle', () => {
  const index = buildBehaviourIndex([
    lifecycleRule('replaced', 'replace', { downtime: 'none' }),
    lifecycleRule('replaced-when-flagged', 'replace', { downtime: 'atomic', when: [{ path: 'Properties.Flag', equals: true }] }),
    lifecycleRule('deleted', 'delete', { downtime: 'none' }),
    updateRule('update', ['*']),
  ]);

  it('finds replace and delete rules separately from update rules', () => {
    expect(matchLifecycle(index, TYPE, 'replace', empty)?.ruleId).toBe('replaced');
    expect(matchLifecycle(index, TYPE, 'delete', empty)).toEqual({ ruleId: 'deleted', downtime: 'none', reason: 'reason of deleted', source: 'test', tier: 'service', path: '', failsToDeploy: false });
    expect(matchLifecycle(index, 'AWS::Other::Thing', 'replace', empty)).toBeUndefined();
  });

  it('evaluates conditions on the resource it is given', () => {
    expect(matchLifecycle(index, TYPE, 'replace', { Properties: { Flag: 'true' } })?.ruleId).toBe('replaced-when-flagged');
  });
});

describe('createBehaviourLookup', () => {
  it('binds the index for the classifier', () => {
    const lookup = createBehaviourLookup(buildBehaviourIndex([updateRule('r', ['X'], { downtime: 'rolling' }), lifecycleRule('gone', 'delete')]));
    const thing = { Type: TYPE, Properties: {} };
    expect(lookup.changedPaths('X', { A: 1 }, { A: 2 })).toEqual(['X.A']);
    expect(lookup.matchUpdate(TYPE, 'X.A', thing, thing)?.ruleId).toBe('r');
    expect(lookup.matchLifecycle(TYPE, 'delete', thing)?.ruleId).toBe('gone');
  });
});
