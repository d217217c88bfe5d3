/** What the App reviews: one pull request at one head SHA, and what it needs to know to do so. */

import type { WorkflowRunRef } from '../actions/workflow-runs.js';
import type { Octokit, RepoRef } from '../github-types.js';

export interface ReviewTarget {
  /** The webhook delivery that started the review (`X-GitHub-Delivery`), for the logs. */
  deliveryId: string;
  installationId: number;
  repo: RepoRef;
  /** Where the config is read from. */
  defaultBranch: string;
  pullNumber: number;
  headSha: string;
  /** Actions mode: the completed synth workflow run whose artifact is the head (else it is looked up). */
  workflowRun?: WorkflowRunRef;
}

export interface PullInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The head branch lives in another repository (a fork), or in one that was deleted. */
  fromFork: boolean;
  labels: string[];
  htmlUrl: string;
  /** False once the pull request is closed (or merged). */
  open: boolean;
}

export async function fetchPull(octokit: Octokit, repo: RepoRef, pullNumber: number): Promise<PullInfo> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
  return pullInfo(data);
}

interface PullData {
  number: number;
  html_url: string;
  state?: string;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
  labels: Array<{ name?: string } | string>;
}

export function pullInfo(data: PullData): PullInfo {
  return {
    number: data.number,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    fromFork: data.head.repo === null || data.head.repo.full_name !== data.base.repo.full_name,
    labels: data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
    htmlUrl: data.html_url,
    open: data.state !== 'closed',
  };
}

export function pullKey(repo: RepoRef, pullNumber: number): string {
  return `${repo.owner}/${repo.repo}#${pullNumber}`;
}
