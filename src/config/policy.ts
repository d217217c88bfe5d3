/**
 * Pure answers to the policy questions the verdict and the App ask of the config. No file system, no clock:
 * "today" is passed in, so expiry is testable and the whole review stays reproducible.
 */

import type { AllowanceQuery, RiskQuery } from '../core/policy.js';
import { SEVERITIES, type Action, type Severity } from '../core/report.js';
import { matchesGlob } from './glob.js';
import type { AcceptedRisk } from './schema/accepted-risk.js';
import { ALLOWABLE_ACTIONS, type AllowableAction, type AllowEntry } from './schema/allow.js';
import type { StackguardConfig } from './schema.js';

export type { AllowanceQuery };

/**
 * The first `allow` entry that covers this change, if any. Only replace, delete and orphan can be allowed;
 * every matcher an entry names must match (case-sensitively, as CloudFormation names are).
 */
export function findAllowance(config: Pick<StackguardConfig, 'allow'>, query: AllowanceQuery): AllowEntry | undefined {
  const action = query.action;
  if (!isAllowable(action)) return undefined;
  return config.allow.find(
    (entry) =>
      entry.actions.includes(action) &&
      matchesIfSet(entry.stack, query.stackName) &&
      matchesIfSet(entry.logicalId, query.logicalId) &&
      matchesIfSet(entry.type, query.resourceType),
  );
}

/**
 * `controlId` is the Security Hub id (`S3.5`), `ruleId` the stackguard rule when known, and `logicalId` the
 * resource the control is evaluated on (`ControlImpact.resource`), not necessarily the changed one.
 */
export type AcceptedRiskQuery = RiskQuery;

export interface AcceptedRiskMatch {
  entry: AcceptedRisk;
  /** True when the entry's `expires` day has passed: it no longer accepts the risk, and the review says so. */
  expired: boolean;
}

/**
 * The accepted risk covering this regression. A current entry wins over an expired one, so renewing an entry
 * by adding a new one below the old works; when only expired entries match, the first is returned with
 * `expired: true` so the caller can say the acceptance lapsed. Control ids match regardless of case.
 */
export function findAcceptedRisk(
  config: Pick<StackguardConfig, 'acceptedRisks'>,
  query: AcceptedRiskQuery,
  today: Date,
): AcceptedRiskMatch | undefined {
  const matches = config.acceptedRisks.filter(
    (entry) =>
      (entry.control === undefined ||
        matchesGlob(entry.control, query.controlId, { ignoreCase: true }) ||
        (query.ruleId !== undefined && matchesGlob(entry.control, query.ruleId, { ignoreCase: true }))) &&
      matchesIfSet(entry.resource, query.logicalId) &&
      matchesIfSet(entry.stack, query.stackName),
  );
  const current = matches.find((entry) => !isAcceptedRiskExpired(entry, today));
  if (current) return { entry: current, expired: false };
  const lapsed = matches[0];
  return lapsed && { entry: lapsed, expired: true };
}

/** An entry holds through its `expires` day (UTC) and has expired from the next day on. */
export function isAcceptedRiskExpired(entry: Pick<AcceptedRisk, 'expires'>, today: Date): boolean {
  return today.toISOString().slice(0, 10) > entry.expires;
}

/**
 * Whether a resource type is stateful once the config has had its say: `notStatefulTypes` removes it,
 * `statefulTypes` adds it (the schema refuses a type in both), otherwise the spec's (or a rule's) answer stands.
 */
export function isStatefulByConfig(
  config: Pick<StackguardConfig, 'policy'>,
  resourceType: string,
  specStateful: boolean,
): boolean {
  if (config.policy.notStatefulTypes.includes(resourceType)) return false;
  if (config.policy.statefulTypes.includes(resourceType)) return true;
  return specStateful;
}

/** Whether a control regression of this severity blocks under `policy.severityThreshold`. */
export function severityBlocks(config: Pick<StackguardConfig, 'policy'>, severity: Severity): boolean {
  const threshold = config.policy.severityThreshold;
  if (threshold === 'none') return false;
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

function isAllowable(action: Action): action is AllowableAction {
  return (ALLOWABLE_ACTIONS as readonly string[]).includes(action);
}

function matchesIfSet(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || matchesGlob(pattern, value);
}
