/**
 * The check run's conclusion and output for an outcome. The rule: a review that could not be made never passes.
 * `success` when nothing blocks or the blocking changes were acknowledged, `action_required` with an
 * "Acknowledge" button when something blocks, `failure` when the review failed, `neutral` when there is no CDK
 * app, `action_required` (without the button) for a fork that may not be synthesized yet, and `cancelled` when
 * a newer review replaced this one or the pull request was closed.
 */

import { digest } from '../../core/render/digest.js';
import { renderText } from '../../core/render/text.js';
import { shortSha, type ReviewOutcome } from '../outcome.js';
import { reviewAnnotations, type CheckAnnotation } from './annotations.js';
import { acknowledgedBy } from './comment-body.js';
import type { Acknowledgement } from './review-state.js';

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'action_required' | 'cancelled';

export interface CheckResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
  actions: Array<{ label: string; description: string; identifier: string }>;
  /** Goes into the check run's `external_id`, where the Acknowledge handler finds it again. */
  fingerprint: string | null;
}

export const ACKNOWLEDGE_ACTION = { label: 'Acknowledge', description: 'Accept the blocking changes', identifier: 'acknowledge' };
const CLOSED_SUMMARY =
  'The pull request was closed while stackguard reviewed this commit, so the review stopped and nothing was posted on ' +
  'the pull request. If it is reopened, re-run this check (or push a commit) to review it.';
/** GitHub's limit for a check run's `summary` and `text`. */
const OUTPUT_LIMIT = 65_535;

export function checkResult(outcome: ReviewOutcome, ack: Acknowledgement | undefined, whoMayAcknowledge: string): CheckResult {
  const none = { annotations: [], actions: [], fingerprint: null };
  switch (outcome.kind) {
    case 'failed':
      return {
        ...none,
        conclusion: 'failure',
        title: `Review failed: ${outcome.step}`,
        summary: `stackguard could not review this commit, so the check cannot pass.\n\n**Step:** ${outcome.step}\n\n${outcome.message}`,
        text: outcome.details ? fenced(`Log (last lines):\n${outcome.details}`) : undefined,
      };
    case 'no-apps':
      return { ...none, conclusion: 'neutral', title: 'No CDK app', summary: outcome.message };
    case 'fork-waiting':
      return { ...none, conclusion: 'action_required', title: 'Fork pull request not synthesized', summary: outcome.message };
    case 'superseded':
      return { ...none, conclusion: 'cancelled', title: 'Superseded', summary: `A newer review (${shortSha(outcome.byTag)}) replaced this one.` };
    case 'closed':
      // Cancelled, not skipped or neutral: those would count as passed if the pull request is reopened.
      return { ...none, conclusion: 'cancelled', title: 'Pull request closed', summary: CLOSED_SUMMARY };
    case 'reviewed':
      return reviewedResult(outcome, ack, whoMayAcknowledge);
  }
}

function reviewedResult(outcome: Extract<ReviewOutcome, { kind: 'reviewed' }>, ack: Acknowledgement | undefined, whoMayAcknowledge: string): CheckResult {
  const { report, fingerprint } = outcome;
  const d = digest(report);
  const baseline = `Baseline: ${report.baseline.description} (${report.baseline.kind}).`;
  const counts = `${report.summary.changes} change(s) in ${report.summary.stacks} stack(s); ${report.summary.blocking} blocking, ${report.summary.regressions} control regression(s), ${report.summary.improvements} improvement(s).`;
  const notes = outcome.notes.map((note) => `> ${note}`);
  const base = {
    text: fenced(renderText(report)),
    annotations: reviewAnnotations(report),
    fingerprint,
  };
  if (fingerprint === null) {
    return { ...base, conclusion: 'success', title: d.headline, summary: [d.headline, counts, baseline, ...notes].join('\n\n'), actions: [] };
  }
  if (ack) {
    const line = `Acknowledged by ${acknowledgedBy(ack)}; blocking changes fingerprint \`${fingerprint}\`.`;
    return { ...base, conclusion: 'success', title: `Acknowledged: ${d.headline}`, summary: [line, d.headline, counts, baseline, ...notes].join('\n\n'), actions: [] };
  }
  const how = `To merge anyway, ${whoMayAcknowledge} can click **Acknowledge** above or comment \`/stackguard acknowledge\` on the pull request.`;
  return {
    ...base,
    conclusion: 'action_required',
    title: d.headline,
    summary: [d.headline, counts, how, baseline, ...notes].join('\n\n'),
    actions: [ACKNOWLEDGE_ACTION],
  };
}

function fenced(text: string): string {
  const body = text.length > OUTPUT_LIMIT - 200 ? `${text.slice(0, OUTPUT_LIMIT - 300)}\n[…cut to fit GitHub's limit]` : text;
  return `\`\`\`text\n${body.replace(/```/g, "'''")}\n\`\`\``;
}

export function clampTitle(title: string): string {
  return title.length <= 255 ? title : `${title.slice(0, 254)}…`;
}
