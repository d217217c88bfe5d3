/**
 * Built-in check functions, cdk-nag style: a rule whose logic does not fit the condition language names one of
 * these (`check: { name: securityGroupOpenPorts, params: { ports: [22] } }`). Each is a small pure function of
 * the stack index and the resource; it returns null when the resource is judged elsewhere.
 */

import type { Outcome } from '../outcome.js';
import type { StackIndex } from '../stack-index.js';
import { securityGroupOpenPorts, validateOpenPortsParams } from './security-group-open-ports.js';

export interface CheckInput {
  stack: StackIndex;
  logicalId: string;
  params: Readonly<Record<string, unknown>>;
}

/** The outcome for the resource, or null when this resource is not the one the check judges. */
export type ResourceCheck = (input: CheckInput) => Outcome | null;

export interface CheckDefinition {
  run: ResourceCheck;
  /** A problem with the rule's params, caught when the rules load rather than on every evaluation. */
  validate: (params: Readonly<Record<string, unknown>>) => string | undefined;
}

export const CHECKS: Readonly<Record<string, CheckDefinition>> = {
  securityGroupOpenPorts: { run: securityGroupOpenPorts, validate: validateOpenPortsParams },
};
