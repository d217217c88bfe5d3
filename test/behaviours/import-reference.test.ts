import { describe, expect, it } from 'vitest';
import { buildReferenceRules, parseTsv, renderReferenceFile } from '../../scripts/import-cfn-update-behaviours.js';
import { buildBehaviourIndex } from '../../src/core/behaviours/index.js';
import { parseBehaviourFile } from '../../src/rules/behaviours/load.js';
import { runExample } from './run-example.js';

const TSV = [
  '# Source: AWS CloudFormation User Guide, resource and property reference pages ("Update requires" lines),',
  '# repository awsdocs/aws-cloudformation-user-guide at commit 6c68a17a (19 Sep 2023), licensed CC BY-SA 4.0.',
  'resource\tAWS::RDS::DBInstance\tDBInstanceClass\tSome interruptions',
  'property-type\tAWS::EC2::Instance\tUserData\tSome interruptions',
  'property-type\tAWS::AutoScaling::AutoScalingGroup InstancesDistribution\tOnDemandBaseCapacity\tSome interruptions',
  'property-type\tAWS::ElasticLoadBalancing::LoadBalancer Listeners\tProtocol\tSome interruptions',
  'resource\tAWS::EC2::Volume\tEncrypted\tUpdates are not supported',
  'property-type\tAWS::Example::Gone Thing\tField\tSome interruptions',
  'resource\tAWS::Lightsail::Disk\tSizeInGb\tUpdates are not supported',
].join('\n');

describe('import-cfn-update-behaviours', () => {
  const { header, rows } = parseTsv(TSV);
  const imported = buildReferenceRules(rows);
  const byId = new Map(imported.rules.map((rule) => [rule.id, rule]));

  it('keeps the TSV header for attribution', () => {
    expect(header[1]).toContain('commit 6c68a17a');
  });

  it('keeps top-level rows as they are', () => {
    expect(byId.get('cfn-rds-dbinstance-dbinstanceclass')).toMatchObject({ resourceType: 'AWS::RDS::DBInstance', properties: ['DBInstanceClass'], downtime: 'interruption' });
    expect(byId.get('cfn-ec2-instance-userdata')).toMatchObject({ properties: ['UserData'] });
  });

  it('resolves property types to dotted paths from the resource Properties', () => {
    expect(byId.get('cfn-autoscaling-autoscalinggroup-instancesdistribution-ondemandbasecapacity')?.properties).toEqual([
      'MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity',
    ]);
    expect(byId.get('cfn-elasticloadbalancing-loadbalancer-listeners-protocol')?.properties).toEqual(['Listeners.Protocol']);
  });

  it('says why an unsupported update is downtime', () => {
    expect(byId.get('cfn-ec2-volume-encrypted')?.reason).toContain('fails and rolls back');
  });

  it('lists rows it cannot resolve and rows the spec marks create-only instead of dropping them', () => {
    expect(imported.unresolved).toEqual(['property-type\tAWS::Example::Gone Thing\tField\tSome interruptions']);
    expect(imported.superseded).toEqual(['resource\tAWS::Lightsail::Disk\tSizeInGb\tUpdates are not supported']);
    const text = renderReferenceFile({ header, ...imported });
    expect(text).toContain('AWS::Example::Gone Thing | Field');
    expect(text).toContain('AWS::Lightsail::Disk | SizeInGb');
    expect(text).toContain('CC BY-SA 4.0');
  });

  it('renders a valid rules file whose examples hold', () => {
    const rules = parseBehaviourFile(renderReferenceFile({ header, ...imported }), 'cloudformation-reference.yml');
    expect(rules.every((rule) => rule.tier === 'reference')).toBe(true);
    const index = buildBehaviourIndex(rules);
    for (const rule of rules) {
      for (const example of rule.examples) {
        const outcome = runExample(index, rule, example);
        expect([outcome.downtime, outcome.deciders]).toEqual([example.expect.downtime, [rule.id]]);
      }
    }
  });

  it('rejects a row it does not understand', () => {
    expect(() => parseTsv('resource\tAWS::X::Y\tProp\tNo interruption')).toThrow(/Unexpected TSV row/);
  });
});
