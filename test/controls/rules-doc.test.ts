/**
 * docs/rules.md is generated from the rule files (scripts/generate-rules-doc.ts); this fails when someone changes a
 * rule without regenerating it. The JSON catalogue (`stackguard rules --format json`) lists every rule.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_DOC_PATH, rulesDoc } from '../../scripts/generate-rules-doc.js';
import { renderCatalogue } from '../../src/core/controls/catalogue.js';
import { realRules } from './helpers.js';

describe('the rules catalogue documents', () => {
  it('docs/rules.md is up to date (run: node --import tsx scripts/generate-rules-doc.ts)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(rulesDoc());
  });

  it('markdown lists every rule with its control, severity and SOC 2 sources', () => {
    const markdown = renderCatalogue(realRules(), 'markdown');
    expect(markdown).toContain('| [s3-ssl-only](#s3-ssl-only) | S3.5 | 1.4.0 2.1.2 | MEDIUM | CC6.7 (seed) | AWS::S3::Bucket |');
    for (const rule of realRules()) expect(markdown).toContain(`### ${rule.id}\n`);
  });

  it('json lists every rule with the fields scripts rely on', () => {
    const entries = JSON.parse(renderCatalogue(realRules(), 'json')) as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(realRules().length);
    expect(entries.find((e) => e['id'] === 'cloudtrail-multi-region')).toEqual({
      id: 'cloudtrail-multi-region',
      controlId: 'CloudTrail.1',
      securityHub: 'CloudTrail.1',
      cis: ['1.2.0/2.1', '1.4.0/3.1'],
      title: 'CloudTrail should be enabled and configured with at least one multi-Region trail',
      severity: 'HIGH',
      scope: 'app',
      resourceTypes: ['AWS::CloudTrail::Trail'],
      soc2: [{ criterion: 'CC7.2', source: 'seed' }],
      remediation: expect.stringContaining('isMultiRegionTrail: true'),
      notes: expect.stringContaining('app-wide'),
    });
  });
});
