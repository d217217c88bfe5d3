import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { defaultBehaviourRulesDir, loadBehaviourRules, parseBehaviourFile } from '../../src/rules/behaviours/load.js';

const VALID_RULE = `
  - id: thing-update
    resourceType: AWS::Test::Thing
    properties: [Config]
    downtime: atomic
    reason: Switches in one step.
    examples:
      - name: config changes
        base: { Properties: { Config: a } }
        head: { Properties: { Config: b } }
        expect: { downtime: atomic }
`;

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function failure(text: string): StackguardInputError {
  const error = thrownBy(() => parseBehaviourFile(text, 'broken.yml'));
  if (error instanceof StackguardInputError) return error;
  throw error;
}

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackguard-rules-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadBehaviourRules on the repository rules', () => {
  it('resolves the default folder relative to the module and reads every file in it', () => {
    const dir = defaultBehaviourRulesDir();
    expect(existsSync(join(dir, 'cloudformation-reference.yml'))).toBe(true);
    const files = readdirSync(dir).filter((name) => name.endsWith('.yml'));
    const rules = loadBehaviourRules();
    expect(new Set(rules.map((rule) => rule.file))).toEqual(new Set(files));
  });

  it('gives every rule a unique id and a source', () => {
    const rules = loadBehaviourRules();
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    expect(rules.every((rule) => rule.source.length > 0)).toBe(true);
  });
});

describe('parseBehaviourFile', () => {
  it('fills defaults: on update, empty except and when, the file source and tier', () => {
    const [rule] = parseBehaviourFile(`source: docs page\nbehaviours:${VALID_RULE}`, 'thing.yml');
    expect(rule).toMatchObject({ on: 'update', except: [], when: [], source: 'docs page', tier: 'service', file: 'thing.yml' });
  });

  it('accepts a single when condition and a rule-level source', () => {
    const text = `source: docs\nbehaviours:${VALID_RULE}    source: own judgement\n    when: { path: UpdatePolicy.X, exists: true }\n`;
    const [rule] = parseBehaviourFile(text, 'thing.yml');
    expect(rule?.when).toEqual([{ path: 'UpdatePolicy.X', exists: true }]);
    expect(rule?.source).toBe('own judgement');
  });

  it('names the file, the rule and the path of each problem', () => {
    const text = `source: docs\nbehaviours:${VALID_RULE.replace('downtime: atomic\n', 'downtime: brief\n')}`;
    const error = failure(text);
    expect(error.message).toBe('Invalid downtime rules file broken.yml');
    expect(error.details).toContain('behaviours[0] (thing-update).downtime:');
  });

  it('rejects a missing source, misspelt keys and a rule without examples', () => {
    expect(failure(`behaviours:${VALID_RULE}`).details).toContain('source:');
    expect(failure(`source: d\nbehaviours:${VALID_RULE.replace('properties:', 'propertes:')}`).details).toMatch(/propertes/);
    const noExamples = VALID_RULE.slice(0, VALID_RULE.indexOf('    examples:')) + '    examples: []\n';
    expect(failure(`source: d\nbehaviours:${noExamples}`).details).toContain('every rule needs at least one example');
  });

  it('rejects properties on a replace rule and an update rule without properties', () => {
    const replace = VALID_RULE.replace('properties: [Config]', 'on: replace\n    properties: [Config]');
    expect(failure(`source: d\nbehaviours:${replace}`).details).toContain('only update rules have properties');
    const noProps = VALID_RULE.replace('    properties: [Config]\n', '');
    expect(failure(`source: d\nbehaviours:${noProps}`).details).toContain('an update rule needs properties');
  });

  it('rejects bad ids, paths, conditions and example sides', () => {
    expect(failure(`source: d\nbehaviours:${VALID_RULE.replace('thing-update', 'Thing_Update')}`).details).toContain('kebab-case');
    expect(failure(`source: d\nbehaviours:${VALID_RULE.replace('[Config]', '[Config..X]')}`).details).toContain('dotted property path');
    const twoTests = `${VALID_RULE}    when: { path: Properties.A, exists: true, equals: 1 }\n`;
    expect(failure(`source: d\nbehaviours:${twoTests}`).details).toContain('exactly one of exists, equals, in');
    const noHead = VALID_RULE.replace('        head: { Properties: { Config: b } }\n', '');
    expect(failure(`source: d\nbehaviours:${noHead}`).details).toContain('examples[0].head: an example of an update rule needs head');
  });

  it('requires a resourceType on examples of a rule for every type', () => {
    const anyType = VALID_RULE.replace('AWS::Test::Thing', '"*"');
    expect(failure(`source: d\nbehaviours:${anyType}`).details).toContain('needs a resourceType');
  });

  it('reports invalid YAML with the file name', () => {
    const error = failure('source: [unclosed');
    expect(error.message).toBe('Invalid downtime rules file broken.yml: not valid YAML');
  });
});

describe('loadBehaviourRules on a folder', () => {
  it('rejects an id used twice, naming both files', () => {
    const text = `source: d\nbehaviours:${VALID_RULE}`;
    const dir = folder({ 'a.yml': text, 'b.yml': text });
    const error = thrownBy(() => loadBehaviourRules(dir));
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as StackguardInputError).details).toContain('b.yml: id thing-update is already used in a.yml');
  });

  it('rejects an example naming a rule that does not exist', () => {
    const text = `source: d\nbehaviours:${VALID_RULE.replace('expect: { downtime: atomic }', 'expect: { downtime: atomic, rule: no-such-rule }')}`;
    expect(() => loadBehaviourRules(folder({ 'a.yml': text }))).toThrow(/Invalid downtime rules/);
  });

  it('fails on a folder without rules and on a missing folder', () => {
    expect(() => loadBehaviourRules(folder({ 'README.md': '# nothing' }))).toThrow(/No downtime rules/);
    expect(() => loadBehaviourRules(join(tmpdir(), 'stackguard-no-such-folder'))).toThrow(/Cannot read the downtime rules folder/);
  });
});
