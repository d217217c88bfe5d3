/**
 * The review's `findings` section: which open Security Hub findings this PR resolves, and which it leaves open on
 * the resources it changes. A finding is resolved when a rule predicts its control passes after the change on the
 * resource the finding is on, where it failed before (an `improvement` in the review); an account-level finding
 * (CloudTrail.1, the CIS CloudWatch alarms) is resolved by an app-wide improvement of the same control.
 */

import { APP_SCOPE } from '../controls/results.js';
import { severityRank } from '../downtime.js';
import type { ControlImpact, FindingRef, FindingsSection, ReviewReport, StackReport } from '../report.js';
import { isAccountFinding, resourceOfFinding } from './resource-match.js';
import { isOpenFinding, type FindingsOutcome, type SecurityHubFinding, type StackResources } from './types.js';

export function findingsSection(report: ReviewReport, outcome: FindingsOutcome): FindingsSection {
  if (!outcome.consulted) return { consulted: false, reason: outcome.reason, resolved: [], leftOpen: [], openOnChangedStacks: 0 };

  const open = outcome.findings.filter(isOpenFinding);
  const indexByStack = new Map(outcome.stacks.map((s) => [s.stackName, s]));
  const resolved: FindingRef[] = [];
  const leftOpen: FindingRef[] = [];
  let openOnChangedStacks = 0;

  for (const stack of report.stacks) {
    const index = indexByStack.get(stack.stackName);
    if (stack.status === 'unchanged' || !index) continue;
    const improved = improvementsIn(stack, report);
    const touched = touchedResources(stack);
    for (const finding of open) {
      const resource = resourceOfFinding(finding, index);
      if (!resource) continue;
      openOnChangedStacks++;
      const ref = toRef(finding, stack.stackName, resource.logicalId);
      if (improved.has(`${resource.logicalId}\u0000${finding.controlId}`)) resolved.push(ref);
      else if (touched.has(resource.logicalId)) leftOpen.push(ref);
    }
  }
  const accountResolved = accountFindingsResolved(report, open, outcome.stacks);
  resolved.push(...accountResolved);

  return {
    consulted: true,
    reason: outcome.source,
    resolved: resolved.sort(worstFirst),
    leftOpen: leftOpen.sort(worstFirst),
    openOnChangedStacks: openOnChangedStacks + accountResolved.length,
  };
}

/** "logicalId\0controlId" of every improvement on a resource of this stack. */
function improvementsIn(stack: StackReport, report: ReviewReport): Set<string> {
  const keys = new Set<string>();
  const add = (control: ControlImpact) => {
    if (control.effect === 'improvement') keys.add(`${control.resource}\u0000${control.controlId}`);
  };
  for (const change of stack.changes) change.controls.forEach(add);
  for (const control of report.posture.unattached) if (control.stackName === stack.stackName) add(control);
  return keys;
}

/** Resources the PR changes in this stack, and the resources its control changes are evaluated on. */
function touchedResources(stack: StackReport): Set<string> {
  const ids = new Set<string>();
  for (const change of stack.changes) {
    ids.add(change.logicalId);
    for (const control of change.controls) ids.add(control.resource);
  }
  return ids;
}

/** Account-level findings whose control an app-wide rule now passes, in an account the review's stacks are in. */
function accountFindingsResolved(report: ReviewReport, open: SecurityHubFinding[], stacks: StackResources[]): FindingRef[] {
  const accounts = new Set(stacks.map((s) => `${s.account ?? '*'}/${s.region}`));
  const appImprovements = report.stacks.flatMap((stack) =>
    stack.changes.flatMap((change) =>
      change.controls.filter((c) => c.effect === 'improvement' && c.resource === APP_SCOPE).map((control) => ({ stack, change, control })),
    ),
  );
  const refs: FindingRef[] = [];
  for (const finding of open) {
    if (!isAccountFinding(finding)) continue;
    if (!accounts.has(`${finding.account}/${finding.region}`) && !accounts.has(`*/${finding.region}`)) continue;
    const cause = appImprovements.find((i) => i.control.controlId === finding.controlId);
    // The finding is on the account; the resource named is the change that makes the control pass.
    if (cause) refs.push(toRef(finding, cause.stack.stackName, cause.change.logicalId));
  }
  return refs;
}

function toRef(finding: SecurityHubFinding, stackName: string, resource: string): FindingRef {
  return {
    findingId: finding.id,
    controlId: finding.controlId,
    title: finding.title,
    severity: finding.severity,
    soc2: finding.soc2,
    stackName,
    resource,
    resourceId: finding.resourceId,
  };
}

function worstFirst(a: FindingRef, b: FindingRef): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.controlId.localeCompare(b.controlId, 'en', { numeric: true }) ||
    `${a.stackName}/${a.resource}`.localeCompare(`${b.stackName}/${b.resource}`)
  );
}
