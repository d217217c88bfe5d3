import { describe, expect, it } from 'vitest';
import { shippedControlCatalogue } from '../../src/aws/control-catalogue.js';
import { buildControlCatalogue } from '../../src/core/posture/catalogue.js';
import type { ControlRule } from '../../src/core/controls/types.js';

const rule = (id: string, securityHub: string, criteria: string[], cis?: string[]): ControlRule => ({
  id, securityHub, title: id, severity: 'MEDIUM', resourceTypes: ['AWS::S3::Bucket'], scope: 'resource', remediation: '', examples: [], cis,
  soc2: criteria.map((criterion) => ({ criterion, source: 'own' as const, note: 'test' })),
});

describe('which SOC 2 criteria a Security Hub control maps to', () => {
  const catalogue = buildControlCatalogue([rule('s3-ssl-only', 'S3.5', ['CC6.7'], ['1.4.0/2.1.2']), rule('s3-ssl-only-too', 'S3.5', ['CC6.1'])], {
    seed: new Map([
      ['IAM.3', { criteria: ['CC6.1'], families: [] }],
      ['RDS.11', { criteria: [], families: ['A1'] }],
    ]),
    securityHub: new Map([
      ['ACM.1', { prowler: ['CC6.7'], steampipe: ['CC6.1', 'CC6.2', 'CC6.7'] }],
      ['ACM.2', { prowler: [], steampipe: [] }],
      ['IAM.3', { prowler: ['CC9.9'], steampipe: [] }],
    ]),
  });

  it('the rules catalogue first (every rule of the control), then the seed, then the public mappings', () => {
    expect(catalogue.lookup('S3.5')).toEqual({ controlId: 'S3.5', soc2: ['CC6.1', 'CC6.7'], soc2Source: 'rules', cis: ['1.4.0/2.1.2'] });
    expect(catalogue.lookup('IAM.3')).toMatchObject({ soc2: ['CC6.1'], soc2Source: 'seed' });
    expect(catalogue.lookup('RDS.11')).toMatchObject({ soc2: ['A1.x'], soc2Source: 'seed' });
    expect(catalogue.lookup('ACM.1')).toMatchObject({ soc2: ['CC6.1', 'CC6.2', 'CC6.7'], soc2Source: 'public' });
  });

  it('no mapping is no mapping, not a guess', () => {
    expect(catalogue.lookup('ACM.2')).toEqual({ controlId: 'ACM.2', soc2: [], soc2Source: 'none', cis: [] });
    expect(catalogue.lookup('ECS.1')).toEqual({ controlId: 'ECS.1', soc2: [], soc2Source: 'none', cis: [] });
  });

  it("stackguard's own catalogue maps the seed's controls as the seed does", () => {
    const shipped = shippedControlCatalogue();
    expect(shipped.lookup('S3.5').soc2).toEqual(['CC6.7']);
    expect(shipped.lookup('RDS.3').soc2).toEqual(['C1.1']);
    expect(shipped.lookup('CloudWatch.2').soc2).toEqual(['CC7.2', 'CC7.3']);
  });
});
