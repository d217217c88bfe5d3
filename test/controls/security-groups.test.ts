/**
 * Security groups open to the internet: the ingress-rule reading (protocols, ranges, IPv6) and the check that
 * judges a group with its inline rules and its separate AWS::EC2::SecurityGroupIngress resources.
 */

import { describe, expect, it } from 'vitest';
import { judgeIngressRule } from '../../src/core/controls/checks/ingress-rule.js';
import { evaluateApp } from '../../src/core/controls/evaluate.js';
import { realRule, stack } from './helpers.js';

const ssh = { ports: [22] };

describe('judgeIngressRule', () => {
  it.each([
    ['tcp 22 from 0.0.0.0/0', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }, true],
    ['all traffic (-1) from ::/0', { IpProtocol: '-1', CidrIpv6: '::/0' }, true],
    ['protocol number 6 with string ports', { IpProtocol: '6', FromPort: '20', ToPort: '30', CidrIp: '0.0.0.0/0' }, true],
    ['udp covering 22', { IpProtocol: 'udp', FromPort: 0, ToPort: 100, CidrIp: '0.0.0.0/0' }, true],
    ['tcp without ports (all ports)', { IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }, true],
    ['a range that stops below 22', { IpProtocol: 'tcp', FromPort: 0, ToPort: 21, CidrIp: '0.0.0.0/0' }, false],
    ['icmp from anywhere', { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }, false],
    ['tcp 22 from a private range', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }, false],
    ['tcp 22 from a security group', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'sg-1' }, false],
  ])('%s', (_name, rule, open) => {
    expect(judgeIngressRule(rule, ssh).open).toBe(open);
  });

  it('cannot judge a source or port range stackguard cannot resolve', () => {
    expect(judgeIngressRule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { Ref: 'Cidr' } }, ssh).open).toBe('unknown');
    expect(judgeIngressRule({ IpProtocol: 'tcp', FromPort: { Ref: 'Port' }, ToPort: 22, CidrIp: '0.0.0.0/0' }, ssh).open).toBe('unknown');
    expect(judgeIngressRule({ 'Fn::If': ['Open', {}, {}] }, ssh).open).toBe('unknown');
  });

  it('with allowed ports, opens on anything else and on ranges that reach past them', () => {
    const web = { allowedPorts: [80, 443] };
    expect(judgeIngressRule({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, web).open).toBe(false);
    expect(judgeIngressRule({ IpProtocol: 'tcp', FromPort: 80, ToPort: 443, CidrIp: '0.0.0.0/0' }, web)).toEqual({ open: true, text: 'allows tcp 80-443 from 0.0.0.0/0' });
    expect(judgeIngressRule({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, web)).toEqual({ open: true, text: 'allows all traffic from 0.0.0.0/0' });
  });
});

describe('securityGroupOpenPorts', () => {
  const rule = realRule('ec2-sg-ssh-open');

  it('judges a separate ingress resource on its group, not twice', () => {
    const evaluations = evaluateApp([rule], [
      stack('App', {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } },
        SshFromWorld: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' } },
      }),
    ]);
    expect(evaluations.map((e) => [e.resource, e.status, e.message, e.evidence])).toEqual([
      ['Sg', 'fail', 'SshFromWorld: allows tcp 22 from 0.0.0.0/0', ['Sg', 'SshFromWorld']],
    ]);
  });

  it('lists every ingress resource it checked as evidence of a pass, so removing one is attributable', () => {
    const [evaluation] = evaluateApp([rule], [
      stack('App', {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app' } },
        FromVpc: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/16' } },
      }),
    ]);
    expect(evaluation).toMatchObject({ status: 'pass', evidence: ['Sg', 'FromVpc'] });
  });

  it('cannot judge a group whose inline rules are an intrinsic', () => {
    const [evaluation] = evaluateApp([rule], [
      stack('App', { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: { 'Fn::If': ['Open', [], []] } } } }),
    ]);
    expect(evaluation?.status).toBe('unknown');
  });
});
