import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';
import { SOURCE } from './helpers.js';

describe('config defaults', () => {
  it('an empty file, a comment-only file and an explicit null document all mean the defaults', () => {
    for (const text of ['', '\n\n', '# nothing configured yet\n', '~\n', '---\n']) {
      expect(parseConfig(text, SOURCE), JSON.stringify(text)).toEqual(defaultConfig());
    }
  });

  it('defaults follow the design: stateful replace/delete and HIGH regressions block, orphans warn', () => {
    const config = defaultConfig();
    expect(config.apps).toBeUndefined(); // undefined = auto-detect every cdk.json
    expect(config.baseline).toBe('base-branch');
    expect(config.policy).toEqual({
      blockStatefulReplacement: true,
      blockStatefulDeletion: true,
      blockOrphan: false,
      blockRetainedReplacement: true,
      blockConditionalReplacement: true,
      blockFailsToDeploy: true,
      severityThreshold: 'HIGH',
      statefulTypes: [],
      notStatefulTypes: [],
    });
    expect(config.allow).toEqual([]);
    expect(config.acceptedRisks).toEqual([]);
    expect(config.acknowledge).toEqual({ permission: 'maintain', teams: [] });
    expect(config.synth).toEqual({ timeout: 600, allowForks: false, forkLabel: 'stackguard:synth', workflow: '.github/workflows/stackguard.yml', artifact: 'stackguard' });
    expect(config.aws).toEqual({ roles: {}, securityHub: true });
  });

  it('setting one key of a section keeps the defaults of its siblings', () => {
    const config = parseConfig('policy:\n  blockOrphan: true\nsynth:\n  allowForks: true\n', SOURCE);
    expect(config.policy.blockOrphan).toBe(true);
    expect(config.policy.blockStatefulReplacement).toBe(true);
    expect(config.policy.severityThreshold).toBe('HIGH');
    expect(config.synth).toEqual({ timeout: 600, allowForks: true, forkLabel: 'stackguard:synth', workflow: '.github/workflows/stackguard.yml', artifact: 'stackguard' });
  });

  it('defaultConfig returns a fresh object each time, so a caller cannot change the next one', () => {
    const first = defaultConfig();
    first.policy.statefulTypes.push('AWS::Custom::Thing');
    expect(defaultConfig().policy.statefulTypes).toEqual([]);
  });
});
