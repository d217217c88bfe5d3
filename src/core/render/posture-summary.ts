/**
 * "Already failing before this PR", made readable: grouped by SOC 2 criterion (each control under the first
 * criterion it maps to, so no control is listed twice), worst severity first, capped with "and N more". Controls
 * that an account fails together, such as the CIS CloudWatch alarm set (CloudWatch.1–14, one metric filter and
 * alarm each on the CloudTrail log group), are one item: they have one fix.
 */

import { severityRank } from '../downtime.js';
import type { Posture, Severity } from '../report.js';

type Failing = Posture['stillFailing'][number];

export interface PostureItem {
  /** "CloudTrail.1" or "CIS CloudWatch alarm set (CloudWatch.1–14)". */
  label: string;
  severity: Severity;
  /** Controls in the item: 1, or the size of the set. */
  controls: number;
  resources: number;
}

export interface PostureGroup {
  criterion: string;
  worst: Severity;
  items: PostureItem[];
  /** Items beyond the cap. */
  more: number;
}

/** Control sets failing together because they are one account-wide configuration. */
const CONTROL_SETS = [{ name: 'CIS CloudWatch alarm set', prefix: 'CloudWatch.', numbers: range(1, 14) }];
const NO_CRITERION = 'no SOC 2 criterion';

export function postureGroups(stillFailing: Failing[], maxGroups = 6, maxItems = 6): { groups: PostureGroup[]; moreGroups: number; controls: number } {
  const byCriterion = new Map<string, Failing[]>();
  for (const control of stillFailing) {
    const criterion = control.soc2[0] ?? NO_CRITERION;
    byCriterion.set(criterion, [...(byCriterion.get(criterion) ?? []), control]);
  }
  const groups = [...byCriterion].map(([criterion, controls]) => {
    const items = itemsOf(controls).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.controls - a.controls);
    return { criterion, worst: items[0]!.severity, items: items.slice(0, maxItems), more: Math.max(0, items.length - maxItems), size: controls.length };
  });
  groups.sort((a, b) => severityRank(b.worst) - severityRank(a.worst) || b.size - a.size || a.criterion.localeCompare(b.criterion));
  return {
    groups: groups.slice(0, maxGroups).map(({ size: _size, ...group }) => group),
    moreGroups: Math.max(0, groups.length - maxGroups),
    controls: stillFailing.length,
  };
}

function itemsOf(controls: Failing[]): PostureItem[] {
  const items: PostureItem[] = [];
  let rest = controls;
  for (const set of CONTROL_SETS) {
    const members = rest.filter((c) => set.numbers.some((n) => c.controlId === `${set.prefix}${n}`));
    // One or two alarms missing are worth naming one by one; most of the set missing is one finding.
    if (members.length < 3) continue;
    rest = rest.filter((c) => !members.includes(c));
    const numbers = members.map((c) => Number(c.controlId.slice(set.prefix.length)));
    items.push({
      label: `${set.name} (${set.prefix}${ranges(numbers)})`,
      severity: members.reduce<Severity>((w, c) => (severityRank(c.severity) > severityRank(w) ? c.severity : w), 'INFORMATIONAL'),
      controls: members.length,
      resources: Math.max(...members.map((c) => c.resources)),
    });
  }
  return [...items, ...rest.map((c) => ({ label: c.controlId, severity: c.severity, controls: 1, resources: c.resources }))];
}

/** [1,2,3,5,7,8] → "1–3, 5, 7–8". */
export function ranges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(', ');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** "CloudTrail.1 (HIGH, 1 resource)" / "CIS CloudWatch alarm set (CloudWatch.1–14): 14 controls, LOW". */
export function postureItemText(item: PostureItem): string {
  const resources = `${item.resources} ${item.resources === 1 ? 'resource' : 'resources'}`;
  return item.controls > 1 ? `${item.label}: ${item.controls} controls, ${item.severity}` : `${item.label} (${item.severity}, ${resources})`;
}
