/**
 * Security groups open to the internet (EC2.13, EC2.14, EC2.18, EC2.19). A group is judged with its inline
 * SecurityGroupIngress rules AND every AWS::EC2::SecurityGroupIngress resource in the template that targets it,
 * because CDK writes `connections.allowFrom(...)` as separate resources. An ingress resource whose group is not
 * in the template (imported, or in another stack) is judged on its own.
 */

import { Evidence, type Outcome, outcome } from '../outcome.js';
import type { StackIndex } from '../stack-index.js';
import { asList, lookup, reachable } from '../values.js';
import { judgeIngressRule, type PortPolicy } from './ingress-rule.js';
import type { ResourceCheck } from './index.js';

const GROUP = 'AWS::EC2::SecurityGroup';
const INGRESS = 'AWS::EC2::SecurityGroupIngress';
const GROUP_PATHS = ['GroupId', 'GroupName'];

interface Candidate {
  label: string;
  rule: unknown;
  /** The ingress resource the rule is, when it is a separate resource. */
  resource?: string;
}

function policyOf(params: Readonly<Record<string, unknown>>): PortPolicy {
  const numbers = (value: unknown) => (Array.isArray(value) ? value.filter((p): p is number => typeof p === 'number') : undefined);
  return { ports: numbers(params['ports']), allowedPorts: numbers(params['allowedPorts']) };
}

export function validateOpenPortsParams(params: Readonly<Record<string, unknown>>): string | undefined {
  const isPortList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((p) => Number.isInteger(p) && p >= 0 && p <= 65535);
  const hasPorts = params['ports'] !== undefined;
  const hasAllowed = params['allowedPorts'] !== undefined;
  if (hasPorts === hasAllowed) return 'give exactly one of ports or allowedPorts';
  if (!isPortList(params['ports'] ?? params['allowedPorts'])) return 'ports / allowedPorts must be a non-empty list of port numbers';
  return undefined;
}

function candidatesOf(stack: StackIndex, logicalId: string): Candidate[] | 'unknown' {
  const inline = lookup(stack.properties(logicalId), 'SecurityGroupIngress');
  if (inline.kind === 'unresolvable') return 'unknown';
  const candidates: Candidate[] = inline.kind === 'value' ? asList(inline.value).map((rule, i) => ({ label: `SecurityGroupIngress[${i}]`, rule })) : [];
  const attached = new Set(GROUP_PATHS.flatMap((path) => stack.referrersOf(logicalId, [INGRESS], path)));
  for (const id of attached) candidates.push({ label: id, rule: stack.properties(id), resource: id });
  return candidates;
}

function judge(stack: StackIndex, owner: string, candidates: readonly Candidate[], policy: PortPolicy): Outcome {
  const at = (logicalId: string) => ({ stackName: stack.stackName, logicalId });
  const open = candidates.map((c) => ({ c, j: judgeIngressRule(c.rule, policy) }));
  const failing = open.filter((o) => o.j.open === true);
  const unknown = open.filter((o) => o.j.open === 'unknown');
  const evidenceOf = (list: typeof open) => list.reduce((e, o) => (o.c.resource ? e.add(at(o.c.resource)) : e), Evidence.of(at(owner)));
  const texts = (list: typeof open) => list.map((o) => `${o.c.label}: ${(o.j as { text: string }).text}`);
  if (failing.length > 0) return outcome('fail', texts(failing), evidenceOf(failing));
  if (unknown.length > 0) return outcome('unknown', texts(unknown), evidenceOf(unknown));
  return outcome('pass', [`no ingress rule opens the ports to 0.0.0.0/0 or ::/0 (${candidates.length} checked)`], evidenceOf(open));
}

export const securityGroupOpenPorts: ResourceCheck = ({ stack, logicalId, params }) => {
  const policy = policyOf(params);
  const type = stack.typeOf(logicalId);
  if (type === GROUP) {
    const candidates = candidatesOf(stack, logicalId);
    if (candidates === 'unknown') {
      return outcome('unknown', ['SecurityGroupIngress is an intrinsic stackguard cannot resolve statically'], Evidence.of({ stackName: stack.stackName, logicalId }));
    }
    return judge(stack, logicalId, candidates, policy);
  }
  if (type === INGRESS) {
    const groupValues = GROUP_PATHS.flatMap((path) => reachable(stack.properties(logicalId), path));
    // Judged on its group when the group is in this template, so the finding sits on one resource only.
    if (stack.targetsOf(groupValues, [GROUP], logicalId).length > 0) return null;
    return judge(stack, logicalId, [{ label: logicalId, rule: stack.properties(logicalId) }], policy);
  }
  return null;
};
