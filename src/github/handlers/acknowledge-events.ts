/**
 * The two ways to acknowledge: the check run's "Acknowledge" button (`check_run.requested_action`) and the PR
 * comment `/stackguard acknowledge` (`issue_comment.created`). Both end in acknowledge.ts.
 */

import type { Context } from 'probot';
import { acknowledge } from '../acknowledge.js';
import type { Octokit, RepoRef } from '../github-types.js';
import { ACKNOWLEDGE_ACTION } from '../publish/check-output.js';
import { CHECK_NAME } from '../publish/check-runs.js';
import { openPullsAt } from './rerun.js';
import { eventLogger, type HandlerServices } from './services.js';

/** `/stackguard acknowledge` at the start of a line, as its own word. */
export const ACKNOWLEDGE_COMMAND = /^\s*\/stackguard\s+acknowledge\b/im;

export function onRequestedAction(services: HandlerServices) {
  return async (context: Context<'check_run.requested_action'>): Promise<void> => {
    const { payload } = context;
    const run = payload.check_run;
    if (run.name !== CHECK_NAME || run.app?.id !== services.appId || payload.requested_action?.identifier !== ACKNOWLEDGE_ACTION.identifier) return;
    const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
    const listed = run.pull_requests.map((pull) => pull.number);
    const log = eventLogger(context, repo, listed[0], run.head_sha);
    const octokit = context.octokit as unknown as Octokit;
    const [pullNumber] = await openPullsAt(octokit, repo, run.head_sha, listed);
    if (pullNumber === undefined) return log.info('acknowledge clicked on a commit that heads no open pull request');
    const result = await acknowledge(
      octokit,
      {
        repo,
        defaultBranch: payload.repository.default_branch,
        pullNumber,
        username: payload.sender.login,
        checkRun: { id: run.id, headSha: run.head_sha, status: run.status, conclusion: run.conclusion, externalId: run.external_id ?? '', htmlUrl: run.html_url },
      },
      services,
    );
    log.info({ user: payload.sender.login, result }, 'acknowledge button');
  };
}

export function onComment(services: HandlerServices) {
  return async (context: Context<'issue_comment.created'>): Promise<void> => {
    const { payload } = context;
    if (!payload.issue.pull_request || payload.comment.user?.type === 'Bot' || !ACKNOWLEDGE_COMMAND.test(payload.comment.body)) return;
    const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
    const log = eventLogger(context, repo, payload.issue.number);
    const username = payload.comment.user?.login ?? payload.sender.login;
    const result = await acknowledge(
      context.octokit as unknown as Octokit,
      { repo, defaultBranch: payload.repository.default_branch, pullNumber: payload.issue.number, username },
      services,
    );
    log.info({ user: username, result }, 'acknowledge command');
  };
}
