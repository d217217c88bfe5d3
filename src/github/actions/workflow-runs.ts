/**
 * Finding the synth workflow's runs: the run of a pull request's head commit (when the App learns of the pull
 * request after its workflow finished, or restarts), and the trusted run of the base commit whose artifact is the
 * baseline. Runs are told apart by their workflow file's path, never by name: a name is whatever the file says.
 */

import type { Octokit, RepoRef } from '../github-types.js';

export interface WorkflowRunRef {
  id: number;
  headSha: string;
  status: string | null;
  conclusion: string | null;
  htmlUrl: string;
  /** The workflow file, `.github/workflows/x.yml` (GitHub may add `@ref`, which is dropped). */
  path: string;
  event: string;
  headBranch: string | null;
  /** The repository the run's code came from: a fork for a fork's pull request. */
  headRepository: string | null;
}

interface RunData {
  id: number;
  head_sha: string;
  status: string | null;
  conclusion: string | null;
  html_url: string;
  path?: string;
  event: string;
  head_branch: string | null;
  head_repository?: { full_name: string } | null;
}

export function workflowRunRef(run: RunData, fallbackPath = ''): WorkflowRunRef {
  return {
    id: run.id,
    headSha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url,
    path: (run.path ?? fallbackPath).replace(/@.*$/, ''),
    event: run.event,
    headBranch: run.head_branch,
    headRepository: run.head_repository?.full_name ?? null,
  };
}

/** The newest run of `workflow` for `sha`, finished or not; undefined when it has not started. */
export async function latestRunAt(octokit: Octokit, repo: RepoRef, sha: string, workflow: string): Promise<WorkflowRunRef | undefined> {
  const runs = await runsAt(octokit, repo, sha, workflow);
  return runs[0];
}

/** Events whose runs use the workflow file as committed in the repository itself, not as a pull request changed it. */
const TRUSTED_EVENTS = new Set(['push', 'workflow_dispatch', 'schedule', 'merge_group']);

/** The newest successful run of `workflow` at the base commit started by a push (or by hand) in the repository itself. */
export async function trustedRunAt(octokit: Octokit, repo: RepoRef, sha: string, workflow: string): Promise<WorkflowRunRef | undefined> {
  const runs = await runsAt(octokit, repo, sha, workflow, 'success');
  return runs.find((run) => TRUSTED_EVENTS.has(run.event) && run.headRepository === `${repo.owner}/${repo.repo}`);
}

async function runsAt(octokit: Octokit, repo: RepoRef, sha: string, workflow: string, status?: 'success'): Promise<WorkflowRunRef[]> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, head_sha: sha, per_page: 100, ...(status ? { status } : {}) });
  // GitHub lists the newest run first.
  return data.workflow_runs.map((run) => workflowRunRef(run)).filter((run) => run.path === workflow && run.headSha === sha);
}
