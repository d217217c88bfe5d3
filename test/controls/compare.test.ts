/**
 * Base/head comparison on the real rules: what is a regression, an improvement, posture, or nothing, and the
 * evidence the lead uses to put a finding on the change that caused it.
 */

import { describe, expect, it } from 'vitest';
import { compareControls } from '../../src/core/controls/compare.js';
import { evaluateApp } from '../../src/core/controls/evaluate.js';
import { type ControlEvaluation, evidenceLocations } from '../../src/core/controls/results.js';
import type { ControlRule } from '../../src/core/controls/types.js';
import type { CfnResource } from '../../src/core/template.js';
import { inlineRule, realRule, stack } from './helpers.js';

type Side = Record<string, Record<string, CfnResource>>;

function compare(rules: ControlRule[], base: Side, head: Side) {
  const evaluate = (side: Side) => evaluateApp(rules, Object.entries(side).map(([name, resources]) => stack(name, resources)));
  return compareControls(evaluate(base), evaluate(head));
}

const versioned: CfnResource = { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } };
const unversioned: CfnResource = { Type: 'AWS::S3::Bucket' };
const summary = (e: ControlEvaluation | undefined) => e && { resource: e.resource, status: e.status };

describe('compareControls', () => {
  const versioning = [realRule('s3-versioning')];

  it('reports a regression when a passing resource fails on the head side', () => {
    const { deltas, stillFailing } = compare(versioning, { Site: { Bucket: versioned } }, { Site: { Bucket: unversioned } });
    expect(deltas.map((d) => [d.effect, summary(d.base), summary(d.head)])).toEqual([
      ['regression', { resource: 'Bucket', status: 'pass' }, { resource: 'Bucket', status: 'fail' }],
    ]);
    expect(stillFailing).toEqual([]);
  });

  it('reports an improvement when a failing resource passes on the head side', () => {
    const { deltas } = compare(versioning, { Site: { Bucket: unversioned } }, { Site: { Bucket: versioned } });
    expect(deltas.map((d) => [d.effect, d.head?.controlId, d.head?.soc2])).toEqual([['improvement', 'S3.14', ['A1.2', 'C1.2', 'CC7.4', 'PI1.5']]]);
  });

  it('reports a new failing resource as a regression with no base side', () => {
    const { deltas } = compare(versioning, { Site: { Bucket: versioned } }, { Site: { Bucket: versioned, Uploads: unversioned }, NewStack: { Logs: unversioned } });
    expect(deltas.map((d) => [d.effect, d.base, d.head?.stackName, d.head?.resource])).toEqual([
      ['regression', undefined, 'Site', 'Uploads'],
      ['regression', undefined, 'NewStack', 'Logs'],
    ]);
  });

  it('reports nothing for a removed resource, and counts failing-on-both-sides as posture', () => {
    const { deltas, stillFailing } = compare(versioning, { Site: { Old: unversioned, Kept: unversioned } }, { Site: { Kept: unversioned } });
    expect(deltas).toEqual([]);
    expect(stillFailing.map((e) => e.resource)).toEqual(['Kept']);
  });

  it('never calls an unresolvable value a regression, and lists it as unknown', () => {
    const fromParameter: CfnResource = { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: { Ref: 'VersioningParam' } } } };
    const { deltas, unknown } = compare(versioning, { Site: { Bucket: versioned } }, { Site: { Bucket: fromParameter } });
    expect(deltas).toEqual([]);
    expect(unknown.map((e) => e.resource)).toEqual(['Bucket']);
  });

  it('attributes a cross-resource regression: deleting the bucket policy regresses S3.5 on the bucket', () => {
    const bucket: CfnResource = { Type: 'AWS::S3::Bucket' };
    const policy: CfnResource = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Bucket' },
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    };
    const { deltas } = compare([realRule('s3-ssl-only')], { Site: { Bucket: bucket, BucketPolicy: policy } }, { Site: { Bucket: bucket } });
    expect(deltas).toHaveLength(1);
    const [delta] = deltas;
    expect(delta).toMatchObject({ effect: 'regression', head: { controlId: 'S3.5', resource: 'Bucket', soc2: ['CC6.7'] } });
    expect(delta?.base?.evidence).toEqual(['Bucket', 'BucketPolicy']);
    expect(delta?.head?.evidence).toEqual(['Bucket']);
  });

  it('regresses the app-wide CloudTrail.1 when the only multi-Region trail is removed, wherever it lived', () => {
    const trail: CfnResource = { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, IsMultiRegionTrail: true, S3BucketName: 'audit' } };
    const rules = [realRule('cloudtrail-multi-region')];
    const { deltas } = compare(rules, { Audit: { Trail: trail }, App: { Bucket: versioned } }, { Audit: {}, App: { Bucket: versioned } });
    expect(deltas.map((d) => [d.effect, d.head?.controlId, d.head?.resource, d.head?.scope])).toEqual([['regression', 'CloudTrail.1', '(app)', 'app']]);
    expect(evidenceLocations(deltas[0]!.base!)).toEqual([{ stackName: 'Audit', logicalId: 'Trail' }]);
    expect(deltas[0]!.base!.evidence).toEqual(['Audit/Trail']);

    const moved = compare(rules, { Audit: { Trail: trail } }, { Audit: {}, Security: { OrgTrail: trail } });
    expect(moved.deltas).toEqual([]);
  });

  it('surfaces rules that threw on either side without turning them into deltas', () => {
    const broken = inlineRule({ id: 'broken', resourceTypes: ['AWS::S3::Bucket'], check: { name: 'noSuchCheck', params: {} } });
    const { deltas, errors } = compare([broken], { Site: { Bucket: versioned } }, { Site: { Bucket: unversioned } });
    expect(deltas).toEqual([]);
    expect(errors.map((e) => [e.side, e.evaluation.ruleId, e.evaluation.status])).toEqual([
      ['base', 'broken', 'error'],
      ['head', 'broken', 'error'],
    ]);
  });
});
