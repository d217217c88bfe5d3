/**
 * Facts about the shipped catalogue that users and auditors rely on: enough rules, unique ids, every rule with
 * passing and failing examples and sourced SOC 2 mappings, Security Hub's severities (read here straight from the
 * copied data, independently of the loader), and coverage of the seed's finding-to-control table.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultControlDataDir } from '../../src/rules/controls/load.js';
import { realRules } from './helpers.js';

function severitiesFromData(): Map<string, string> {
  const severities = new Map<string, string>();
  for (const file of ['securityhub-controls.tsv', 'securityhub-controls-extra.tsv']) {
    for (const line of readFileSync(join(defaultControlDataDir(), file), 'utf8').split('\n')) {
      if (line.startsWith('#') || !line.trim()) continue;
      const [control, severity] = line.split('\t');
      severities.set(control!, severity!);
    }
  }
  return severities;
}

describe('the control rules catalogue', () => {
  const rules = realRules();

  it('has at least 40 rules with unique ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('gives every rule a passing and a failing example and at least one sourced SOC 2 mapping', () => {
    for (const rule of rules) {
      expect(rule.examples.some((e) => e.expect === 'pass'), rule.id).toBe(true);
      expect(rule.examples.some((e) => e.expect === 'fail'), rule.id).toBe(true);
      expect(rule.soc2.length, rule.id).toBeGreaterThan(0);
      for (const mapping of rule.soc2) expect(['seed', 'prowler', 'steampipe', 'own'], rule.id).toContain(mapping.source);
    }
  });

  it("uses Security Hub's severity for every rule that mirrors a Security Hub control", () => {
    const severities = severitiesFromData();
    for (const rule of rules.filter((r) => r.securityHub)) {
      expect(severities.get(rule.securityHub!), `${rule.id} (${rule.securityHub})`).toBe(rule.severity);
    }
  });

  it("covers every row of the seed's finding-to-control table with its criteria", () => {
    const seedTable: Array<[string, string[]]> = [
      ['IAM.3', ['CC6.1']],
      ['CloudTrail.1', ['CC7.2']],
      ['CloudWatch.2', ['CC7.2', 'CC7.3']],
      ['S3.5', ['CC6.7']],
      ['RDS.3', ['C1.1']],
      ['SecretsManager.1', ['CC6.1']],
      ['IAM.2', ['CC6.3']],
    ];
    for (const [control, criteria] of seedTable) {
      const rule = rules.find((r) => r.securityHub === control);
      expect(rule, control).toBeDefined();
      expect(rule!.soc2.filter((m) => m.source === 'seed').map((m) => m.criterion).sort()).toEqual(criteria);
    }
    const dlq = rules.find((r) => r.id === 'sqs-dead-letter-queue');
    expect(dlq?.soc2.map((m) => m.criterion)).toEqual(['PI1.3']);
  });

  it('has all fourteen CIS CloudWatch alarm controls as app-wide rules', () => {
    const alarms = rules.filter((r) => r.securityHub?.startsWith('CloudWatch.'));
    expect(alarms.map((r) => r.securityHub).sort((a, b) => a!.localeCompare(b!, 'en', { numeric: true }))).toEqual(
      Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`),
    );
    expect(alarms.every((r) => r.scope === 'app')).toBe(true);
  });

  it('evaluates the resource types a SOC 2 reviewer meets first', () => {
    const types = new Set(rules.flatMap((r) => r.resourceTypes));
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::EC2::SecurityGroup',
      'AWS::EC2::SecurityGroupIngress',
      'AWS::EC2::VPC',
      'AWS::EC2::Volume',
      'AWS::EC2::LaunchTemplate',
      'AWS::CloudTrail::Trail',
      'AWS::Logs::MetricFilter',
      'AWS::IAM::User',
      'AWS::IAM::ManagedPolicy',
      'AWS::KMS::Key',
      'AWS::Lambda::Permission',
      'AWS::Lambda::Url',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::DynamoDB::Table',
      'AWS::EFS::FileSystem',
      'AWS::SNS::Topic',
      'AWS::SQS::Queue',
      'AWS::Kinesis::Stream',
      'AWS::SecretsManager::Secret',
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::OpenSearchService::Domain',
      'AWS::Redshift::Cluster',
      'AWS::ApiGateway::Stage',
      'AWS::CloudFront::Distribution',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
  });
});
