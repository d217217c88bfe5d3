/**
 * `workflow_run.completed`, for repositories in actions mode (`synth.mode: actions`): the synth workflow finished
 * for a commit, so each open pull request whose head it is gets reviewed from the run's artifact. A run from a fork
 * lists no pull requests (GitHub leaves `pull_requests` empty for forks), so they are looked up by commit, then by
 * the fork's branch. Runs of other workflows, and push runs (a base commit's artifact), need nothing here.
 */

import type { Context } from 'probot';
import { loadRepositoryConfig } from '../config-source.js';
import { workflowRunRef, type WorkflowRunRef } from '../actions/workflow-runs.js';
import type { Octokit, RepoRef } from '../github-types.js';
import { synthModeOf, type AppSettings } from '../settings.js';
import { installationId } from './pull-request.js';
import { openPullsAt } from './rerun.js';
import { eventLogger, type HandlerServices } from './services.js';

export const WORKFLOW_RUN_EVENTS = ['workflow_run.completed'] as const;

export function onWorkflowRun(services: HandlerServices, settings: Pick<AppSettings, 'synthMode'>) {
  return async (context: Context<(typeof WORKFLOW_RUN_EVENTS)[number]>): Promise<void> => {
    const { payload } = context;
    const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
    const run = workflowRunRef(payload.workflow_run, payload.workflow?.path);
    const log = eventLogger(context, repo, undefined, run.headSha).child({ workflowRun: run.id });
    if (run.event !== 'pull_request') return log.debug({ event: run.event }, 'workflow run not for a pull request');
    const octokit = context.octokit as unknown as Octokit;
    const config = await loadRepositoryConfig(octokit, repo, payload.repository.default_branch);
    if (synthModeOf(config, settings) !== 'actions') return log.debug('repository not in actions mode');
    if (run.path !== config.synth.workflow) return log.debug({ path: run.path }, 'not the synth workflow');

    const listed = payload.workflow_run.pull_requests.filter((pull) => pull?.head.sha === run.headSha).map((pull) => pull!.number);
    const pulls = listed.length > 0 ? listed : await pullsHeadedBy(octokit, repo, run);
    if (pulls.length === 0) return log.info('synth workflow finished for a commit that heads no open pull request');
    for (const pullNumber of pulls) {
      const target = { deliveryId: context.id, installationId: installationId(payload), repo, defaultBranch: payload.repository.default_branch, pullNumber, headSha: run.headSha, workflowRun: run };
      await services.scheduler.scheduleWorkflowReview(octokit, target, log.child({ pr: pullNumber }));
    }
  };
}

/** Open pull requests whose head is the run's commit: by commit, else by the (fork's) branch the run ran on. */
async function pullsHeadedBy(octokit: Octokit, repo: RepoRef, run: WorkflowRunRef): Promise<number[]> {
  const byCommit = await openPullsAt(octokit, repo, run.headSha, []);
  if (byCommit.length > 0 || !run.headRepository || !run.headBranch) return byCommit;
  const owner = run.headRepository.split('/')[0];
  const { data } = await octokit.rest.pulls.list({ ...repo, state: 'open', head: `${owner}:${run.headBranch}`, per_page: 100 });
  return data.filter((pull) => pull.head.sha === run.headSha).map((pull) => pull.number);
}
