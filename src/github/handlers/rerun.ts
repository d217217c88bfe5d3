/**
 * `check_run.rerequested` and `check_suite.rerequested`: someone pressed "Re-run". Each open pull request whose
 * head is the commit gets a new review with a new check run. A fork's pull request is not listed in the
 * payload (GitHub leaves `pull_requests` empty for forks), so the pull requests are looked up by commit.
 */

import type { Context } from 'probot';
import type { Octokit, RepoRef } from '../github-types.js';
import { CHECK_NAME } from '../publish/check-runs.js';
import { installationId } from './pull-request.js';
import { eventLogger, type HandlerServices } from './services.js';

export const RERUN_EVENTS = ['check_run.rerequested', 'check_suite.rerequested'] as const;

export function onRerun(services: HandlerServices) {
  return async (context: Context<(typeof RERUN_EVENTS)[number]>): Promise<void> => {
    const { payload } = context;
    const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
    const subject = 'check_run' in payload ? payload.check_run : payload.check_suite;
    const headSha = subject.head_sha;
    const log = eventLogger(context, repo, undefined, headSha);
    if ('check_run' in payload && (payload.check_run.name !== CHECK_NAME || payload.check_run.app?.id !== services.appId)) return;
    const octokit = context.octokit as unknown as Octokit;
    // Only pull requests whose head is still this commit: re-running an old commit's check must not supersede
    // (and cancel) the review of a newer head.
    const listed = subject.pull_requests.filter((pull) => pull.head.sha === headSha).map((pull) => pull.number);
    const pulls = listed.length > 0 || subject.pull_requests.length === 0 ? await openPullsAt(octokit, repo, headSha, listed) : [];
    if (pulls.length === 0) return log.info('re-run asked for a commit that heads no open pull request');
    for (const pullNumber of pulls) {
      await services.scheduler.schedule(
        octokit,
        {
          target: { deliveryId: context.id, installationId: installationId(payload), repo, defaultBranch: payload.repository.default_branch, pullNumber, headSha },
          fresh: true,
        },
        log.child({ pr: pullNumber }),
      );
    }
  };
}

/** Open pull requests of this repository whose head is `sha`. */
export async function openPullsAt(octokit: Octokit, repo: RepoRef, sha: string, listed: number[]): Promise<number[]> {
  if (listed.length > 0) return listed;
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
  return data
    .filter((pull) => pull.state === 'open' && pull.head.sha === sha && pull.base.repo.full_name === `${repo.owner}/${repo.repo}`)
    .map((pull) => pull.number);
}
