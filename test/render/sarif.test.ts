import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/core/render/sarif.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';
import { reviewPair, resource, template } from '../core/builders.js';

/** The official SARIF 2.1.0 schema, vendored (test/fixtures/sarif/SOURCE.md says from where). */
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// unicodeRegExp off: the schema's `language` pattern has a stray `]`, legal only in a non-unicode JavaScript RegExp.
// Both are CommonJS with an `exports.default`: under Node's ESM the class and function sit on `.default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

interface SarifRule { id: string; properties?: Record<string, unknown> }
interface SarifResult { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; suppressions?: unknown[] }

describe('--format sarif', () => {
  it('writes a SARIF 2.1.0 log of the demo that the official schema accepts', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', 'examples/shop/stackguard.yml', '--format', 'sarif');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does reject a log without the driver's required name.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);

    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('stackguard');
    const rules = driver.rules as SarifRule[];
    const results = log.runs[0].results as SarifResult[];
    // Every result names a rule of the driver; every control rule has a security-severity code scanning can rank.
    for (const result of results) expect(rules.map((r) => r.id)).toContain(result.ruleId);
    for (const rule of rules.filter((r) => !r.id.startsWith('policy/'))) expect(rule.properties?.['security-severity']).toMatch(/^\d+\.\d$/);
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['policy/stateful-replacement', 'policy/stateful-deletion', 'policy/orphan', 'policy/control-regression']));

    // The blocking bastion rule is an error at its source line; the MEDIUM one below the threshold a warning.
    const ssh = results.find((r) => r.ruleId === 'EC2.13')!;
    expect(ssh.level).toBe('error');
    expect(ssh.locations[0]!.physicalLocation.artifactLocation.uri).toBe('examples/shop/head/lib/network-stack.ts');
    expect(ssh.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(results.find((r) => r.ruleId === 'EC2.19')!.level).toBe('warning');
    expect(results.find((r) => r.ruleId === 'policy/stateful-replacement')!.level).toBe('error');
  });

  it('marks an accepted risk as a suppressed note, and places a change without source at the fallback file', () => {
    // GIVEN a bucket change whose S3.8 regression is an accepted risk, with no source location
    const report = reviewPair(template({ B: resource('AWS::S3::Bucket', { BucketName: 'site' }) }), template({ B: resource('AWS::S3::Bucket', { BucketName: 'site', Tags: [{ Key: 'a', Value: 'b' }] }) }));
    const change = report.stacks[0]!.changes[0]!;
    expect(change.source).toBeNull();
    const control = { controlId: 'S3.8', title: 'S3 general purpose buckets should block public access', severity: 'HIGH' as const, effect: 'regression' as const, soc2: ['CC6.1'], resource: 'B' };
    change.controls.push({ ...control, accepted: { rationale: 'Public website bucket, content is public by design', owner: 'web-team', expires: '2028-06-30' } });
    // WHEN it is written as SARIF
    const log = JSON.parse(renderSarif(report, { version: '1.2.3', fallbackFile: '.github/stackguard.yml' }));
    // THEN the regression is a note with an external suppression, located at the fallback file
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const result = (log.runs[0].results as SarifResult[]).find((r) => r.ruleId === 'S3.8')!;
    expect(result.level).toBe('note');
    expect(result.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: expect.stringContaining('web-team') })]);
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.github/stackguard.yml');
    expect(log.runs[0].tool.driver.version).toBe('1.2.3');
  });
});
