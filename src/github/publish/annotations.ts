/**
 * Check-run annotations: one on the source line of each blocking change (level failure) and of each other
 * control regression (level warning), from the report's `source` (the first frame of user code in the resource's
 * creation stack). Deletions and orphans are left out: their source line is in the base commit's file, and an
 * annotation is drawn on the head commit, where that line may hold something else or not exist.
 */

import type { ChangeReport, ReviewReport } from '../../core/report.js';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/** GitHub takes at most 50 annotations per request; more are sent in further updates of the check run. */
export const ANNOTATIONS_PER_REQUEST = 50;
const MAX_MESSAGE = 60_000;
const MAX_TITLE = 250;

export function reviewAnnotations(report: ReviewReport): CheckAnnotation[] {
  const annotations: CheckAnnotation[] = [];
  for (const stack of report.stacks) {
    for (const change of stack.changes) {
      if (change.source === null || change.action === 'delete' || change.action === 'orphan') continue;
      const regressions = change.controls.filter((c) => c.effect === 'regression' && !c.accepted);
      if (!change.blocking && regressions.length === 0) continue;
      annotations.push({
        path: change.source.file,
        start_line: change.source.line,
        end_line: change.source.line,
        annotation_level: change.blocking ? 'failure' : 'warning',
        title: truncate(`${change.blocking ? 'Blocking: ' : ''}${change.action} of ${stack.stackName}/${change.logicalId} (${change.resourceType})`, MAX_TITLE),
        message: truncate(messageFor(change, regressions), MAX_MESSAGE),
      });
    }
  }
  return annotations;
}

function messageFor(change: ChangeReport, regressions: ChangeReport['controls']): string {
  const lines = [
    `Downtime: ${change.downtime}${change.stateful ? ' (stateful resource)' : ''}.`,
    ...change.blockedBy.map((cause) => `Blocks: ${cause.detail}`),
    ...regressions.map((c) => `Control regression ${c.controlId} (${c.severity}) on ${c.resource}: ${c.title}`),
    ...change.reasons,
    ...change.advice.map((advice) => `What to do: ${advice}`),
  ];
  return lines.join('\n');
}

export function inPages<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size));
  return pages;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
