import type { ProbotOctokit } from 'probot';

/** The installation-authenticated client Probot hands to handlers (with throttling, retry and pagination). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** A repository the App acts in. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function repoName(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}
