/**
 * Small builders for control-engine tests: a rule written inline (as the YAML would say it), stacks from
 * Resources maps, and the real catalogue's rules by id.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { ControlRule } from '../../src/core/controls/types.js';
import type { CfnResource } from '../../src/core/template.js';
import { loadControlRules } from '../../src/rules/controls/load.js';

let catalogue: ControlRule[] | undefined;

/** The real rules/controls catalogue (loaded once per test file). */
export function realRules(): ControlRule[] {
  catalogue ??= loadControlRules();
  return catalogue;
}

export function realRule(id: string): ControlRule {
  const rule = realRules().find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** A resource-scope rule with a condition, for engine tests that do not need the catalogue. */
export function inlineRule(overrides: Partial<ControlRule> & Pick<ControlRule, 'resourceTypes'>): ControlRule {
  return {
    id: 'test-rule',
    title: 'Test rule',
    severity: 'MEDIUM',
    scope: 'resource',
    soc2: [{ criterion: 'CC6.1', source: 'own', note: 'test' }],
    remediation: 'fix it',
    examples: [],
    ...overrides,
  };
}

export function stack(stackName: string, resources: Record<string, CfnResource>) {
  return { stackName, template: { Resources: resources } };
}

/** A valid rule file's content (as data), to break one field at a time in loader tests. */
export function validRuleData(): Record<string, unknown> {
  return {
    id: 'test-bucket-versioning',
    securityHub: 'S3.14',
    title: 'S3 general purpose buckets should have versioning enabled',
    severity: 'LOW',
    resourceTypes: ['AWS::S3::Bucket'],
    condition: { path: 'VersioningConfiguration.Status', equals: 'Enabled', missing: 'fail' },
    soc2: [{ criterion: 'A1.2', source: 'prowler' }],
    remediation: '`versioned: true` on the s3.Bucket.',
    examples: [
      { name: 'versioned', expect: 'pass', resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } } } },
      { name: 'not versioned', expect: 'fail', resources: { Bucket: { Type: 'AWS::S3::Bucket' } } },
    ],
  };
}

/** Writes rule files (path relative to a fresh folder → content as data or raw text) and returns the folder. */
export function ruleFolder(files: Record<string, Record<string, unknown> | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackguard-controls-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : stringify(content));
  }
  return dir;
}
