/**
 * The fingerprint of a review's blocking changes: what an acknowledgement is an acknowledgement of. It names each
 * blocking change by stack, logical id, type, action and the policy lines that block it, so it stays the same
 * when a later push keeps the same blocking changes (moved source lines, other harmless edits) and changes when a
 * blocking change is added, removed, or blocks for another reason.
 */

import { createHash } from 'node:crypto';
import type { ReviewReport } from '../core/report.js';

/** Null when nothing blocks: there is nothing to acknowledge. */
export function blockingFingerprint(report: ReviewReport): string | null {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    for (const change of stack.changes) {
      if (!change.blocking) continue;
      const causes = change.blockedBy.map((cause) => `${cause.policy}:${cause.detail}`).sort();
      lines.push([stack.stackName, change.logicalId, change.resourceType, change.action, ...causes].join('|'));
    }
  }
  for (const control of report.posture.unattached) {
    if (!control.blocking) continue;
    const causes = control.blockedBy.map((cause) => `${cause.policy}:${cause.detail}`).sort();
    lines.push([control.stackName, control.resource, 'control', control.controlId, ...causes].join('|'));
  }
  if (lines.length === 0) return null;
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
