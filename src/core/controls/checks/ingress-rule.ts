/**
 * Does one security group ingress rule (inline in a SecurityGroup or an AWS::EC2::SecurityGroupIngress) open
 * ports to the whole internet? Understands IpProtocol -1 (all traffic), tcp/udp by name or number, port ranges,
 * FromPort/ToPort -1 or missing (all ports), and both 0.0.0.0/0 and ::/0.
 */

import { asNumber, isIntrinsic } from '../values.js';

export interface PortPolicy {
  /** The rule is open when the range covers one of these ports… */
  ports?: number[];
  /** …or, when this is given instead, any port not in this list. */
  allowedPorts?: number[];
}

export type RuleJudgement = { open: true; text: string } | { open: false } | { open: 'unknown'; text: string };

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const PORT_PROTOCOLS = new Set(['tcp', '6', 'udp', '17']);
const ALL_PROTOCOLS = new Set(['-1', 'all']);

function worldSource(rule: Record<string, unknown>): string | 'unknown' | undefined {
  let unknown = false;
  for (const key of ['CidrIp', 'CidrIpv6']) {
    const value = rule[key];
    if (isIntrinsic(value)) unknown = true;
    else if (typeof value === 'string' && WORLD.has(value)) return value;
  }
  return unknown ? 'unknown' : undefined;
}

function countAllowedIn(from: number, to: number, allowed: readonly number[]): number {
  return new Set(allowed.filter((p) => p >= from && p <= to)).size;
}

export function judgeIngressRule(rule: unknown, policy: PortPolicy): RuleJudgement {
  if (isIntrinsic(rule) || typeof rule !== 'object' || rule === null) {
    return { open: 'unknown', text: 'an ingress rule is an intrinsic stackguard cannot resolve statically' };
  }
  const r = rule as Record<string, unknown>;
  const source = worldSource(r);
  if (source === undefined) return { open: false };
  const rawProtocol = r['IpProtocol'];
  if (isIntrinsic(rawProtocol) || source === 'unknown') {
    return { open: 'unknown', text: 'its source or protocol is an intrinsic stackguard cannot resolve statically' };
  }
  const protocol = String(rawProtocol).toLowerCase();
  let from = 0;
  let to = 65535;
  if (!ALL_PROTOCOLS.has(protocol)) {
    if (!PORT_PROTOCOLS.has(protocol)) return { open: false };
    if (isIntrinsic(r['FromPort']) || isIntrinsic(r['ToPort'])) {
      return { open: 'unknown', text: `it is open to ${source} on ports stackguard cannot resolve statically` };
    }
    const fromPort = asNumber(r['FromPort']);
    const toPort = asNumber(r['ToPort']);
    if (fromPort !== undefined && fromPort >= 0) from = fromPort;
    if (toPort !== undefined && toPort >= 0) to = toPort;
  }
  const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol;
  const what = ALL_PROTOCOLS.has(protocol) ? 'all traffic' : `${name} ${from === to ? from : `${from}-${to}`}`;
  const text = `allows ${what} from ${source}`;
  if (policy.ports) return policy.ports.some((p) => p >= from && p <= to) ? { open: true, text } : { open: false };
  const allowed = policy.allowedPorts ?? [];
  return to - from + 1 > countAllowedIn(from, to, allowed) ? { open: true, text } : { open: false };
}
