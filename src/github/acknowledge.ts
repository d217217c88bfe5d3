/**
 * Acknowledging the blocking changes of a review, from the check run's "Acknowledge" button or the comment
 * `/stackguard acknowledge`. The user's permission is checked against the config of the default branch; someone
 * without it gets a reply saying why. An allowed acknowledgement is recorded in the PR comment (who, when, the
 * fingerprint of the blocking changes they saw, and why they were allowed) and turns the check green. A later
 * push with the same blocking changes finds the record and passes; a push that changes them does not.
 */

import { canAcknowledge } from '../config/index.js';
import { COMMENT_MARKER } from '../core/render/markdown.js';
import { loadRepositoryConfig } from './config-source.js';
import type { Octokit, RepoRef } from './github-types.js';
import type { KeyedLock } from './keyed-lock.js';
import { shortSha } from './outcome.js';
import { lookUpAcknowledger } from './permissions.js';
import { acknowledgeCheckRun } from './publish/acknowledge-check-run.js';
import { findCheckRun, type CheckRunInfo } from './publish/check-runs.js';
import { withState } from './publish/comment-body.js';
import { findReviewComment, replyOnPullRequest, writeReviewComment } from './publish/comments.js';
import { acknowledgementFor, decodeState, emptyState, type Acknowledgement } from './publish/review-state.js';
import { whoMayAcknowledge } from './publish/who-may-acknowledge.js';
import { pullKey } from './review/target.js';

export interface AcknowledgeRequest {
  repo: RepoRef;
  defaultBranch: string;
  pullNumber: number;
  username: string;
  /** The run whose button was clicked; for the comment command, the run of the pull request's head. */
  checkRun?: CheckRunInfo;
}

export interface AcknowledgeServices {
  appId: number;
  stateKey: string;
  lock: KeyedLock;
  now: () => Date;
}

export type AcknowledgeResult = 'recorded' | 'already-recorded' | 'refused' | 'nothing-to-acknowledge';

export async function acknowledge(octokit: Octokit, request: AcknowledgeRequest, services: AcknowledgeServices): Promise<AcknowledgeResult> {
  const { repo, pullNumber, username } = request;
  const reply = (text: string) => replyOnPullRequest(octokit, repo, pullNumber, `@${username}, ${text}`);
  const config = await loadRepositoryConfig(octokit, repo, request.defaultBranch);
  const { acknowledger, notes } = await lookUpAcknowledger(octokit, repo, username, config.acknowledge.teams);
  const decision = canAcknowledge(config, acknowledger);
  if (!decision.allowed) {
    const extra = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    await reply(`you cannot acknowledge the blocking changes: ${decision.reason}${extra}. Who can: ${whoMayAcknowledge(config)}.`);
    return 'refused';
  }

  return services.lock.run(pullKey(repo, pullNumber), async () => {
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    const run = request.checkRun ?? (await findCheckRun(octokit, repo, pull.head.sha, services.appId));
    if (!run || run.status !== 'completed') {
      await reply(`there is no finished stackguard review of ${shortSha(pull.head.sha)} yet; acknowledge once the check has concluded.`);
      return 'nothing-to-acknowledge';
    }
    const fingerprint = run.externalId;
    if (!fingerprint) {
      await reply(`the stackguard check of ${shortSha(run.headSha)} has no blocking changes: there is nothing to acknowledge.`);
      return 'nothing-to-acknowledge';
    }

    const comment = await findReviewComment(octokit, repo, pullNumber);
    const decoded = comment ? decodeState(comment.body, services.stateKey) : undefined;
    const state = decoded?.status === 'valid' ? decoded.state : { ...emptyState(run.headSha), fingerprint };
    const existing = acknowledgementFor(state, fingerprint);
    const ack: Acknowledgement = existing ?? {
      by: username,
      at: services.now().toISOString(),
      fingerprint,
      sha: run.headSha,
      reason: decision.reason,
      permission: acknowledger.role,
    };
    const next = existing ? state : { ...state, acks: [...state.acks, ack] };
    const ctx = { stateKey: services.stateKey, whoMayAcknowledge: whoMayAcknowledge(config) };
    await writeReviewComment(octokit, repo, pullNumber, comment, withState(comment?.body ?? `**stackguard** — acknowledgements of blocking changes\n\n${COMMENT_MARKER}`, next, ctx));

    await acknowledgeCheckRun(octokit, repo, run.id, ack, services.stateKey);
    // The button may sit on an older commit whose blocking changes the head still has: that run passes too.
    if (run.headSha !== pull.head.sha) {
      const headRun = await findCheckRun(octokit, repo, pull.head.sha, services.appId);
      if (headRun && headRun.externalId === fingerprint && headRun.conclusion === 'action_required') {
        await acknowledgeCheckRun(octokit, repo, headRun.id, ack, services.stateKey);
      }
    }
    return existing ? 'already-recorded' : 'recorded';
  });
}
