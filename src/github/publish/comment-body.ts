/**
 * The PR comment: the review as `renderMarkdown` writes it, then the acknowledgement region (who acknowledged
 * which blocking changes and when, or how to acknowledge them), a footer naming the reviewed commit, and the
 * signed state block. For an outcome without a review (a failure, no CDK app, a fork waiting for its label) an
 * existing comment says so instead, keeping the acknowledgement history.
 *
 * The acknowledgement region sits between markers so that an acknowledgement can rewrite it (and the state
 * block) without the report, which the App does not keep after publishing.
 */

import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../core/render/markdown.js';
import { shortSha, type ReviewOutcome } from '../outcome.js';
import { acknowledgementFor, encodeState, type Acknowledgement, type ReviewState } from './review-state.js';

export interface CommentContext {
  sha: string;
  stateKey: string;
  /** From the config: who may acknowledge, in words. */
  whoMayAcknowledge: string;
  checkRunUrl?: string;
  /** Link for a repository-relative source file and line at the reviewed commit. */
  sourceLink?: (file: string, line: number) => string;
}

const ACK_START = '<!-- stackguard:ack -->';
const ACK_END = '<!-- /stackguard:ack -->';
const STATE_BLOCK = /<!-- stackguard:state [A-Za-z0-9_.-]+ -->/;
/** Room kept for the acknowledgement region, footer and state block after the rendered review. */
const RESERVED = 8_000;

/** `state.fingerprint` must be the outcome's (null when it has none). */
export function commentBody(outcome: ReviewOutcome, state: ReviewState, ctx: CommentContext): string {
  const main =
    outcome.kind === 'reviewed'
      ? [
          renderMarkdown(outcome.report, { maxLength: GITHUB_COMMENT_LIMIT - RESERVED, sourceLink: ctx.sourceLink }).trimEnd(),
          ...(outcome.notes.length > 0 ? [outcome.notes.map((note) => `> ${note}`).join('\n')] : []),
        ]
      : [statusLine(outcome, ctx.sha), COMMENT_MARKER];
  const check = ctx.checkRunUrl ? ` · [check run](${ctx.checkRunUrl})` : '';
  return [...main, ackRegion(state, ctx.whoMayAcknowledge), `<sub>Reviewed commit ${ctx.sha}${check}</sub>`, encodeState(state, ctx.stateKey)].join('\n\n') + '\n';
}

/** The same comment with the acknowledgement region and state rewritten for a new state. */
export function withState(body: string, state: ReviewState, ctx: Pick<CommentContext, 'stateKey' | 'whoMayAcknowledge'>): string {
  const region = ackRegion(state, ctx.whoMayAcknowledge);
  const start = body.indexOf(ACK_START);
  const end = body.indexOf(ACK_END);
  const withRegion = start >= 0 && end > start ? body.slice(0, start) + region + body.slice(end + ACK_END.length) : `${body.trimEnd()}\n\n${region}\n`;
  const block = encodeState(state, ctx.stateKey);
  return STATE_BLOCK.test(withRegion) ? withRegion.replace(STATE_BLOCK, block) : `${withRegion.trimEnd()}\n\n${block}\n`;
}

function ackRegion(state: ReviewState, whoMayAcknowledge: string): string {
  const current = acknowledgementFor(state, state.fingerprint);
  const parts: string[] = [];
  if (state.fingerprint !== null && current) {
    parts.push(
      `✅ **Acknowledged** by ${acknowledgedBy(current)}. The check passes while the blocking changes stay the same (fingerprint \`${current.fingerprint}\`, acknowledged at commit ${shortSha(current.sha)}).`,
    );
  } else if (state.fingerprint !== null) {
    parts.push(
      `**To merge anyway:** ${whoMayAcknowledge} can click **Acknowledge** on the stackguard check, or comment \`/stackguard acknowledge\`. The acknowledgement holds for these blocking changes (fingerprint \`${state.fingerprint}\`) and is recorded here.`,
    );
  }
  const earlier = state.acks.filter((ack) => ack !== current);
  if (earlier.length > 0) {
    parts.push(
      [
        `<details><summary>Earlier acknowledgements (${earlier.length})</summary>`,
        '',
        '| By | When | Blocking changes | At commit |',
        '| --- | --- | --- | --- |',
        ...earlier.map((ack) => `| @${ack.by} | ${readableTime(ack.at)} | \`${ack.fingerprint}\` | ${shortSha(ack.sha)} |`),
        '',
        '</details>',
      ].join('\n'),
    );
  }
  return [ACK_START, ...parts, ACK_END].join('\n');
}

function statusLine(outcome: Exclude<ReviewOutcome, { kind: 'reviewed' }>, sha: string): string {
  const commit = shortSha(sha);
  switch (outcome.kind) {
    case 'failed':
      return `**⚠️ stackguard — the review of ${commit} could not be made** (step: ${outcome.step}): ${escape(outcome.message)} The check run has the details.`;
    case 'no-apps':
      return `**⚪ stackguard — ${commit} has no CDK app to review.** ${escape(outcome.message)}`;
    case 'fork-waiting':
      return `**⏸️ stackguard — ${commit} was not synthesized.** ${escape(outcome.message)}`;
    case 'superseded':
      return `**⏩ stackguard — the review of ${commit} was replaced by a newer one (${shortSha(outcome.byTag)}).**`;
    case 'closed':
      // Never posted (publish leaves a closed pull request alone); here so every outcome has a line.
      return `**⏹️ stackguard — the review of ${commit} stopped: the pull request was closed.**`;
  }
}

/** "@mo, who has maintain permission (…), on 2026-03-01 12:34 UTC": who, why they could, and when. */
export function acknowledgedBy(ack: Pick<Acknowledgement, 'by' | 'reason' | 'at'>): string {
  return `@${ack.by}, who ${ack.reason}, on ${readableTime(ack.at)}`;
}

/** `2026-03-01T12:34:56.000Z` → `2026-03-01 12:34 UTC`. */
export function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function escape(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
