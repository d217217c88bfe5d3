/**
 * What every renderer says first: the verdict in one line, and the lists a reviewer acts on. Markdown and text
 * format the same digest, so the PR comment and the terminal never disagree.
 */

import { downtimeRank } from '../downtime.js';
import type { ChangeReport, ControlImpact, Posture, ReviewReport, StackReport } from '../report.js';

export interface LocatedChange {
  stack: StackReport;
  change: ChangeReport;
}

export interface LocatedControl {
  stack: StackReport;
  change: ChangeReport;
  control: ControlImpact;
}

export interface Digest {
  verdict: 'blocked' | 'clear' | 'no-changes';
  headline: string;
  blocking: LocatedChange[];
  /** Control changes with no resource change to sit on (a removed trail in another stack, for instance). */
  unattached: Posture['unattached'];
  /** Changes that do not block but roll, restart or replace during the deploy: rolling or worse, worst first. */
  deploy: LocatedChange[];
  /** Non-blocking changes with warnings not already said elsewhere (control regressions are in the controls list). */
  warnings: LocatedChange[];
  regressions: LocatedControl[];
  improvements: LocatedControl[];
  worst: LocatedChange | undefined;
}

const POLICY_PHRASES: Record<string, [string, string]> = {
  'stateful-replacement': ['stateful replacement', 'stateful replacements'],
  'stateful-deletion': ['stateful deletion', 'stateful deletions'],
  'retained-replacement': ['retained replacement', 'retained replacements'],
  orphan: ['orphaned resource', 'orphaned resources'],
  'control-regression': ['change with a control regression', 'changes with control regressions'],
};

export function digest(report: ReviewReport): Digest {
  const all = report.stacks.flatMap((stack) => stack.changes.map((change) => ({ stack, change })));
  const blocking = all.filter((c) => c.change.blocking);
  const warnings = all.filter((c) => !c.change.blocking && ownWarnings(c.change).length > 0);
  const deploy = all
    .filter((c) => !c.change.blocking && downtimeRank(c.change.downtime) >= downtimeRank('rolling'))
    .sort((a, b) => downtimeRank(b.change.downtime) - downtimeRank(a.change.downtime));
  const controls = all.flatMap(({ stack, change }) => change.controls.map((control) => ({ stack, change, control })));
  const regressions = controls.filter((c) => c.control.effect === 'regression');
  const improvements = controls.filter((c) => c.control.effect === 'improvement');
  const worst = all.reduce<LocatedChange | undefined>(
    (acc, c) => (acc === undefined || downtimeRank(c.change.downtime) > downtimeRank(acc.change.downtime) ? c : acc),
    undefined,
  );
  const removedStacks = report.stacks.filter((s) => s.status === 'removed').length;
  const unattached = report.posture.unattached;
  const unattachedBlocking = unattached.filter((c) => c.blocking);

  let verdict: Digest['verdict'];
  let headline: string;
  if (blocking.length + unattachedBlocking.length > 0) {
    verdict = 'blocked';
    const causes = [blockingCauses(blocking), unattachedBlocking.length > 0 ? plural(unattachedBlocking.length, 'control regression without a resource change', 'control regressions without a resource change') : '']
      .filter(Boolean)
      .join(', ');
    headline = `Blocked: ${plural(blocking.length + unattachedBlocking.length, 'change needs', 'changes need')} a decision (${causes}).`;
  } else if (all.length === 0 && removedStacks === 0 && unattached.length === 0) {
    verdict = 'no-changes';
    headline = 'No infrastructure changes.';
  } else {
    verdict = 'clear';
    const worstText = worst ? `worst downtime: ${worst.change.downtime} (${name(worst)})` : 'no resource changes';
    const extra = [
      warnings.length > 0 ? plural(warnings.length, 'warning', 'warnings') : '',
      removedStacks > 0 ? plural(removedStacks, 'stack removed from the app', 'stacks removed from the app') : '',
    ].filter(Boolean);
    headline = `Nothing blocks: ${plural(all.length, 'change', 'changes')}, ${worstText}${extra.length ? `; ${extra.join(', ')}` : ''}.`;
  }
  return { verdict, headline, blocking, unattached, deploy, warnings, regressions, improvements, worst };
}

function blockingCauses(blocking: LocatedChange[]): string {
  const counts = new Map<string, number>();
  // Counted per change: a security group that regresses two controls is one change to decide on.
  for (const { change } of blocking) {
    for (const policy of new Set(change.blockedBy.map((cause) => cause.policy))) counts.set(policy, (counts.get(policy) ?? 0) + 1);
  }
  return [...counts]
    .map(([policy, n]) => {
      const [one, many] = POLICY_PHRASES[policy] ?? [policy, policy];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/**
 * The warnings of a change that no other list says: a regression below the threshold or under an accepted risk is
 * already a row of the controls list (with its acceptance), so its warning would only repeat it.
 */
export function ownWarnings(change: ChangeReport): string[] {
  return change.warnings.filter(
    (warning) =>
      !change.controls.some(
        (c) =>
          warning.startsWith(`${c.controlId} (${c.severity}) regresses on ${c.resource}: below the blocking threshold`) ||
          (c.accepted !== undefined && warning.startsWith(`${c.controlId} regression on ${c.resource} is an accepted risk`)),
      ),
  );
}

/** The reason that explains a change's downtime: the first one about a property at that downtime, else the first. */
export function mainReason(change: ChangeReport): string | undefined {
  const worst = change.properties.filter((p) => p.downtime === change.downtime).map((p) => p.path);
  return change.reasons.find((r) => worst.some((path) => r.startsWith(`${path} `) || r.startsWith(`${path}.`))) ?? change.reasons[0];
}

/** "Stack/LogicalId", the name reviewers see in every list. */
export function name({ stack, change }: LocatedChange): string {
  return `${stack.stackName}/${change.logicalId}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
