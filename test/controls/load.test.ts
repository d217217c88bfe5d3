/**
 * The loader refuses bad rule files loudly, naming the file, the path inside it and what is wrong, and collects
 * every problem before failing (a silently skipped rule would under-report regressions).
 */

import { describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { loadControlRules } from '../../src/rules/controls/load.js';
import { ruleFolder, validRuleData } from './helpers.js';

/** The problem lines the loader reports for a folder, or [] when it loads. */
function problemsOf(files: Parameters<typeof ruleFolder>[0]): string[] {
  try {
    loadControlRules(ruleFolder(files));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(StackguardInputError);
    return ((error as StackguardInputError).details ?? (error as Error).message).split('\n');
  }
}

function withRule(change: (rule: Record<string, unknown>) => void, path = 's3/test-bucket-versioning.yaml') {
  const rule = validRuleData();
  change(rule);
  return problemsOf({ [path]: rule });
}

describe('loadControlRules', () => {
  it('loads a valid rule file with its defaults and file name', () => {
    const [rule] = loadControlRules(ruleFolder({ 's3/test-bucket-versioning.yaml': validRuleData() }));
    expect(rule).toMatchObject({ id: 'test-bucket-versioning', scope: 'resource', file: 's3/test-bucket-versioning.yaml' });
  });

  it('names the file and path when a value test does not say what a missing property means', () => {
    const problems = withRule((r) => {
      r['condition'] = { path: 'VersioningConfiguration.Status', equals: 'Enabled' };
    });
    expect(problems).toEqual(['s3/test-bucket-versioning.yaml: condition.missing: say what a missing VersioningConfiguration.Status means: missing: pass, fail or unknown']);
  });

  it('rejects a condition with two kinds, an unknown key and an unknown predicate', () => {
    const problems = withRule((r) => {
      r['condition'] = {
        allOf: [
          { path: 'A', equals: 1, in: [1], missing: 'fail' },
          { path: 'B', equal: 1, missing: 'fail' },
          { path: 'C', predicate: 'isLovely', missing: 'fail' },
        ],
      };
    });
    expect(problems).toContain('s3/test-bucket-versioning.yaml: condition.allOf[0]: a condition needs exactly one of allOf, anyOf, referencedBy, notReferencedBy, references, joinedBy, anyResource, equals, notEquals, in, notIn, matches, exists, atLeast, contains, predicate, every, some, none (found equals, in)');
    expect(problems).toContain('s3/test-bucket-versioning.yaml: condition.allOf[1]: Unrecognized key: "equal"');
    expect(problems.some((p) => p.startsWith('s3/test-bucket-versioning.yaml: condition.allOf[2].predicate: unknown predicate isLovely'))).toBe(true);
  });

  it('requires a passing and a failing example', () => {
    const problems = withRule((r) => {
      r['examples'] = [(r['examples'] as unknown[])[0], (r['examples'] as unknown[])[0]];
    });
    expect(problems).toEqual(['s3/test-bucket-versioning.yaml: examples: needs at least one example that expects fail']);
  });

  it('requires an example to name its resource when it holds several of the rule types', () => {
    const problems = withRule((r) => {
      const examples = r['examples'] as Array<Record<string, unknown>>;
      examples[1]!['resources'] = { A: { Type: 'AWS::S3::Bucket' }, B: { Type: 'AWS::S3::Bucket' } };
    });
    expect(problems).toEqual(["s3/test-bucket-versioning.yaml: examples[1]: name the resource the example is about (it has 2 of the rule's types)"]);
  });

  it('rejects a criterion that is not a SOC 2 criterion', () => {
    const problems = withRule((r) => {
      r['soc2'] = [{ criterion: 'A1.2', source: 'prowler' }, { criterion: 'CC12.1', source: 'own', note: 'x' }];
    });
    expect(problems).toEqual(['s3/test-bucket-versioning.yaml: soc2[1].criterion: must be a SOC 2 criterion such as CC6.1, A1.2, C1.1 or PI1.3']);
  });

  it('requires a note on an own SOC 2 mapping', () => {
    const problems = withRule((r) => {
      r['soc2'] = [{ criterion: 'A1.2', source: 'prowler' }, { criterion: 'CC6.1', source: 'own' }];
    });
    expect(problems).toEqual(['s3/test-bucket-versioning.yaml: soc2[1].note: an own mapping needs a note saying why it holds']);
  });

  it('requires the id to match the file name', () => {
    expect(withRule(() => {}, 's3/other-name.yaml')).toEqual(['s3/other-name.yaml: id: test-bucket-versioning must match the file name (other-name)']);
  });

  it('rejects duplicate ids across files', () => {
    const problems = problemsOf({ 'a/test-bucket-versioning.yaml': validRuleData(), 'b/test-bucket-versioning.yaml': validRuleData() });
    expect(problems).toEqual(['b/test-bucket-versioning.yaml: id: test-bucket-versioning is already used in a/test-bucket-versioning.yaml']);
  });

  it("rejects a severity that is not Security Hub's", () => {
    expect(withRule((r) => (r['severity'] = 'HIGH'))).toEqual([
      's3/test-bucket-versioning.yaml: severity: HIGH, but Security Hub rates S3.14 LOW (data/securityhub-controls.tsv)',
    ]);
  });

  it('rejects a Security Hub control that is not in the copied data', () => {
    expect(withRule((r) => (r['securityHub'] = 'S3.99'))).toEqual([
      's3/test-bucket-versioning.yaml: securityHub: S3.99 is not in rules/controls/data/securityhub-controls*.tsv: copy its row (with its source) there first',
    ]);
  });

  it('rejects a mapping its claimed source does not give', () => {
    expect(withRule((r) => (r['soc2'] = [{ criterion: 'CC6.6', source: 'prowler' }]))).toEqual([
      's3/test-bucket-versioning.yaml: soc2[0]: prowler does not map S3.14 to CC6.6 (it gives: A1.2, C1.2, CC7.4, PI1.5)',
    ]);
  });

  it("lets the seed's own mapping win where it speaks", () => {
    const problems = withRule((r) => {
      r['securityHub'] = 'S3.5';
      r['severity'] = 'MEDIUM';
      r['soc2'] = [{ criterion: 'CC6.1', source: 'steampipe' }];
    });
    expect(problems).toEqual([
      's3/test-bucket-versioning.yaml: soc2[0]: the seed maps S3.5 itself (CC6.7), and where it speaks it wins: drop this steampipe mapping',
      's3/test-bucket-versioning.yaml: soc2: the seed maps S3.5 to CC6.7: list it with source: seed',
    ]);
  });

  it('asks why a criterion was chosen when the seed names only its family', () => {
    const problems = withRule((r) => {
      r['securityHub'] = 'RDS.5';
      r['severity'] = 'MEDIUM';
      r['resourceTypes'] = ['AWS::S3::Bucket'];
      r['soc2'] = [{ criterion: 'A1.2', source: 'seed' }, { criterion: 'A1.1', source: 'seed', note: 'capacity' }, { criterion: 'CC7.2', source: 'seed', note: 'no' }];
    });
    expect(problems).toEqual([
      "s3/test-bucket-versioning.yaml: soc2[0].note: the seed names only A1.x for RDS.5: say why A1.2 is the criterion",
      's3/test-bucket-versioning.yaml: soc2[2]: the seed does not map RDS.5 to CC7.2 (it gives: A1.x)',
    ]);
  });

  it('rejects an unknown check and bad check params', () => {
    const unknown = withRule((r) => {
      delete r['condition'];
      r['check'] = { name: 'noSuchCheck' };
    });
    expect(unknown).toEqual(['s3/test-bucket-versioning.yaml: check.name: unknown check noSuchCheck; known: securityGroupOpenPorts']);
    const badParams = withRule((r) => {
      delete r['condition'];
      r['check'] = { name: 'securityGroupOpenPorts', params: { ports: [22], allowedPorts: [443] } };
    });
    expect(badParams).toEqual(['s3/test-bucket-versioning.yaml: check.params: give exactly one of ports or allowedPorts']);
  });

  it('keeps app-wide tests and resource tests apart', () => {
    const inResource = withRule((r) => {
      r['condition'] = { anyResource: { type: 'AWS::CloudTrail::Trail' } };
    });
    expect(inResource).toEqual(['s3/test-bucket-versioning.yaml: condition: anyResource is for app-scope rules']);
    const inApp = withRule((r) => {
      r['scope'] = 'app';
    });
    expect(inApp).toEqual(['s3/test-bucket-versioning.yaml: condition: in app scope, look at resources through anyResource first']);
  });

  it('reports every bad file, including YAML that does not parse', () => {
    const problems = problemsOf({
      's3/test-bucket-versioning.yaml': { ...validRuleData(), severity: 'SEVERE' },
      'rds/broken.yaml': 'id: broken\ntitle: [unclosed\n',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rds\/broken\.yaml: \(file\): not valid YAML: /);
    expect(problems[1]).toMatch(/^s3\/test-bucket-versioning\.yaml: severity: Invalid option/);
  });

  it('refuses a folder without rule files', () => {
    expect(() => loadControlRules(ruleFolder({ 'README.md': 'nothing here' }))).toThrow('No control rule files (*.yaml)');
  });
});
