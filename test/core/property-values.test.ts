import { describe, expect, it } from 'vitest';
import { changedLeaves, MAX_LEAVES } from '../../src/core/property-values.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { renderText } from '../../src/core/render/text.js';
import { MASK } from '../../src/core/secret-values.js';
import { changeOf, resource, reviewPair, template } from '../core/builders.js';

const kms = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] };
const aes = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

describe('old → new values of updated properties', () => {
  // GIVEN the bucket of the issue: encryption from aws:kms to AES256, versioning removed, a public access flag off
  const report = reviewPair(
    template({ B: resource('AWS::S3::Bucket', { BucketEncryption: kms, VersioningConfiguration: { Status: 'Enabled' }, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }) }),
    template({ B: resource('AWS::S3::Bucket', { BucketEncryption: aes, PublicAccessBlockConfiguration: { BlockPublicAcls: false } }) }),
  );
  const bucket = changeOf(report, 'B');

  it('names each changed leaf with both values in the JSON report, booleans with their direction', () => {
    const values = Object.fromEntries(bucket.properties.map((p) => [p.path, p.values]));
    expect(values.BucketEncryption).toEqual([{ path: 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm', old: 'aws:kms', new: 'AES256' }]);
    expect(values.VersioningConfiguration).toEqual([{ path: 'VersioningConfiguration.Status', old: 'Enabled', new: null }]);
    expect(values.PublicAccessBlockConfiguration).toEqual([{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', old: 'true', new: 'false' }]);
  });

  it('shows them in the text and the Markdown output, so no cdk diff is needed beside the review', () => {
    const text = renderText(report);
    expect(text).toContain('~ BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm: aws:kms → AES256');
    expect(text).toContain('~ VersioningConfiguration.Status: Enabled → (none)');
    expect(text).toContain('~ PublicAccessBlockConfiguration.BlockPublicAcls: true → false');
    expect(renderMarkdown(report)).toContain('PublicAccessBlockConfiguration.BlockPublicAcls: `true` → `false`');
  });

  it('masks values under secret-looking keys and values that look random, and says so', () => {
    const env = (value: string) => ({ Variables: { API_TOKEN: value, LOG_LEVEL: 'info' } });
    expect(changedLeaves('Environment', env('abc'), env('def'))).toEqual([{ path: 'Environment.Variables.API_TOKEN', old: MASK, new: MASK, masked: true }]);
    const container = (value: string) => [{ Environment: [{ Name: 'DB_PASSWORD', Value: value }] }];
    expect(changedLeaves('ContainerDefinitions', container('hunter2'), container('hunter3'))[0]).toMatchObject({ old: MASK, new: MASK, masked: true });
    // An AWS-secret-key-like value under an innocent key
    expect(changedLeaves('Description', 'x', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')[0]).toMatchObject({ old: MASK, masked: true });
    // Not secrets: where a secret lives, a TLS policy name, an asset hash, a boolean switch
    expect(changedLeaves('MasterUserSecret', { SecretArn: 'arn:a' }, { SecretArn: 'arn:b' })[0]).toMatchObject({ old: 'arn:a', new: 'arn:b' });
    expect(changedLeaves('SslPolicy', 'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS13-1-3-2021-06')[0]!.masked).toBeUndefined();
    expect(changedLeaves('S3Key', 'a'.repeat(10), '4662186cb0ba851ce617abdfc8d6400e4c16af4c2ff')[0]!.masked).toBeUndefined();
    expect(changedLeaves('ManageMasterUserPassword', true, false)[0]).toEqual({ path: 'ManageMasterUserPassword', old: 'true', new: 'false' });
  });

  it('writes intrinsics in their short form, shortens long values in the middle, and caps the leaves per property', () => {
    expect(changedLeaves('Role', { 'Fn::GetAtt': ['RoleA', 'Arn'] }, { Ref: 'RoleB' })[0]).toMatchObject({ old: '!GetAtt RoleA.Arn', new: '!Ref RoleB' });
    const long = `${'x'.repeat(100)}-end-of-a-long-value`;
    const shown = changedLeaves('Description', 'short', long)[0]!.new!;
    expect(shown.length).toBe(64);
    expect(shown.endsWith('end-of-a-long-value')).toBe(true);

    const many = (v: number) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`K${i}`, v]));
    const wide = reviewPair(template({ F: resource('AWS::Lambda::Function', { Environment: { Variables: many(1) } }) }), template({ F: resource('AWS::Lambda::Function', { Environment: { Variables: many(2) } }) }));
    const property = changeOf(wide, 'F').properties[0]!;
    expect(property.values).toHaveLength(MAX_LEAVES);
    expect(property.valuesOmitted).toBe(12 - MAX_LEAVES);
    expect(renderText(wide)).toContain(`…and ${12 - MAX_LEAVES} more changed values`);
  });

  it('shows a list of scalars that grew as a whole, and a list of objects element by element', () => {
    expect(changedLeaves('Aliases', ['a'], ['a', 'b'])).toEqual([{ path: 'Aliases', old: '["a"]', new: '["a","b"]' }]);
    expect(changedLeaves('Tags', [], [{ Key: 'team', Value: 'shop' }])).toEqual([
      { path: 'Tags[0].Key', old: null, new: 'team' },
      { path: 'Tags[0].Value', old: null, new: 'shop' },
    ]);
  });
});
