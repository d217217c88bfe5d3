/**
 * Publishes an outcome: the PR comment (created, updated, or left alone) and the check run's conclusion.
 *
 * The comment belongs to the pull request, not to a commit, so results for an old SHA must never overwrite it:
 * right before writing, the pull request's current head is read from GitHub, and when it has moved on only the
 * old commit's own check run is concluded. The comment is created only for a review with something to say
 * (an infrastructure change); an existing comment is always brought up to date, so it never shows an old review
 * as current. Acknowledgements already given for the same blocking changes carry over.
 *
 * A pull request closed (or gone with its repository) by the time of publishing ends the review quietly: no
 * comment, and the check run, when it still exists, is concluded `cancelled` with "Pull request closed".
 */

import type { StackguardConfig } from '../../config/index.js';
import { defaultConfig } from '../../config/index.js';
import { digest } from '../../core/render/digest.js';
import type { Octokit } from '../github-types.js';
import type { KeyedLock } from '../keyed-lock.js';
import type { ReviewOutcome } from '../outcome.js';
import { pullKey, type ReviewTarget } from '../review/target.js';
import { checkResult, type CheckResult } from './check-output.js';
import { completeCheckRun } from './check-runs.js';
import { commentBody } from './comment-body.js';
import { findReviewComment, writeReviewComment, type ReviewComment } from './comments.js';
import { acknowledgementFor, decodeState, emptyState, type ReviewState } from './review-state.js';
import { whoMayAcknowledge } from './who-may-acknowledge.js';

export interface PublishRequest {
  octokit: Octokit;
  target: ReviewTarget;
  checkRunId: number;
  checkRunUrl?: string;
  outcome: ReviewOutcome;
  /** Undefined when the config could not be read: the defaults word the comment. */
  config: StackguardConfig | undefined;
}

export interface PublishServices {
  stateKey: string;
  now: () => Date;
  lock: KeyedLock;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  /** The repository's web address, for links to source lines at the reviewed commit. */
  htmlBase: string;
}

export async function publishOutcome(request: PublishRequest, services: PublishServices): Promise<CheckResult> {
  const { octokit, target, outcome } = request;
  const who = whoMayAcknowledge(request.config ?? defaultConfig());
  if (outcome.kind === 'superseded' || outcome.kind === 'closed') {
    // Nothing to say on the pull request: the newer review will, or nobody reads it any more.
    return concludeOnly(request, checkResult(outcome, undefined, who), services);
  }
  return services.lock.run(pullKey(target.repo, target.pullNumber), async () => {
    const pull = await currentPull(octokit, target);
    if (pull === undefined || pull.state === 'closed') {
      services.log.info({ outcome: outcome.kind }, 'the pull request was closed or deleted during the review; nothing is posted');
      return concludeOnly(request, checkResult({ kind: 'closed' }, undefined, who), services);
    }
    const current = pull.head.sha === target.headSha;
    const existing = await findReviewComment(octokit, target.repo, target.pullNumber);
    const state = readState(existing, target.headSha, services);
    const fingerprint = outcome.kind === 'reviewed' ? outcome.fingerprint : null;
    const ack = acknowledgementFor(state, fingerprint);
    const result = checkResult(outcome, ack, who);

    let comment = existing;
    if (!current) {
      services.log.info({ head: pull.head.sha }, 'the pull request moved on; only this commit\'s check run is concluded');
    } else if (existing || worthACommentOfItsOwn(outcome)) {
      const next: ReviewState = { ...state, sha: target.headSha, fingerprint };
      const body = commentBody(outcome, next, {
        sha: target.headSha,
        stateKey: services.stateKey,
        whoMayAcknowledge: who,
        checkRunUrl: request.checkRunUrl,
        sourceLink: (file, line) => `${services.htmlBase}/blob/${target.headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`,
      });
      comment = await writeReviewComment(octokit, target.repo, target.pullNumber, existing, body);
    }
    await completeCheckRun(octokit, target.repo, request.checkRunId, result, { now: services.now(), detailsUrl: comment?.htmlUrl ?? pull.html_url });
    return result;
  });
}

async function currentPull(octokit: Octokit, target: ReviewTarget) {
  try {
    return (await octokit.rest.pulls.get({ ...target.repo, pull_number: target.pullNumber })).data;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** Concludes the check run alone; a run deleted with its repository is no error. */
async function concludeOnly(request: PublishRequest, result: CheckResult, services: PublishServices): Promise<CheckResult> {
  try {
    await completeCheckRun(request.octokit, request.target.repo, request.checkRunId, result, { now: services.now() });
  } catch (error) {
    if (!isGone(error)) throw error;
    services.log.info({ checkRunId: request.checkRunId }, 'the check run is gone (repository deleted or transferred)');
  }
  return result;
}

function isGone(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return status === 404 || status === 410;
}

/** A new comment only for a review that found infrastructure changes; "nothing changed" needs no new comment. */
function worthACommentOfItsOwn(outcome: ReviewOutcome): boolean {
  return outcome.kind === 'reviewed' && digest(outcome.report).verdict !== 'no-changes';
}

function readState(comment: ReviewComment | undefined, sha: string, services: PublishServices): ReviewState {
  if (!comment) return emptyState(sha);
  const decoded = decodeState(comment.body, services.stateKey);
  if (decoded.status === 'valid') return decoded.state;
  if (decoded.status === 'invalid') services.log.warn({ commentId: comment.id, reason: decoded.reason }, 'ignoring the state block of the review comment');
  return emptyState(sha);
}
