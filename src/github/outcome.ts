/**
 * What one review of a pull request at one SHA came to. The job produces it; the publisher turns it into the
 * check run and the comment. Every way a review can end is here, so no path can forget to conclude the check.
 */

import type { ReviewReport } from '../core/report.js';

export type ReviewOutcome =
  /** The review was made. `fingerprint` names the blocking changes (null when nothing blocks). */
  | { kind: 'reviewed'; report: ReviewReport; fingerprint: string | null; notes: string[] }
  /** The repository has no CDK app: nothing to review. */
  | { kind: 'no-apps'; message: string }
  /** A pull request from a fork that may not be synthesized (yet). */
  | { kind: 'fork-waiting'; message: string }
  /** The review could not be made: the step that failed, what happened, and the tail of its log. */
  | { kind: 'failed'; step: string; message: string; details?: string }
  /** A newer push (or a re-run) replaced this review before it finished. */
  | { kind: 'superseded'; byTag: string }
  /** The pull request was closed (or its repository deleted) before the review was published. */
  | { kind: 'closed' };

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
