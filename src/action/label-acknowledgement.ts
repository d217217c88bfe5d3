/**
 * Acknowledging in review mode, where no App receives button clicks or comments: a maintainer applies the label
 * (input `acknowledge-label`) and the workflow re-runs on `labeled`. The labeller is read from the pull request's
 * events (a label says nothing about who applied it) and checked with the same rule as the App's acknowledgement
 * (src/github/acknowledge.ts records it in the comment, bound to the fingerprint of the blocking changes). The label
 * is then removed, so blocking changes that a later push brings need a new one.
 */

import { acknowledge, type AcknowledgeResult } from '../github/acknowledge.js';
import type { Octokit, RepoRef } from '../github/github-types.js';
import type { CheckRunInfo } from '../github/publish/check-runs.js';
import { KeyedLock } from '../github/keyed-lock.js';

export interface LabelRequest {
  repo: RepoRef;
  defaultBranch: string;
  pullNumber: number;
  label: string;
  checkRun: CheckRunInfo;
  stateKey: string;
  now: Date;
}

export async function acknowledgeByLabel(octokit: Octokit, request: LabelRequest): Promise<AcknowledgeResult | 'no-label'> {
  const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...request.repo, issue_number: request.pullNumber, per_page: 100 });
  const labelled = events.filter((event) => event.event === 'labeled' && (event as { label?: { name?: string } }).label?.name === request.label).at(-1);
  const unlabelled = events.filter((event) => event.event === 'unlabeled' && (event as { label?: { name?: string } }).label?.name === request.label).at(-1);
  if (!labelled?.actor || (unlabelled && unlabelled.id > labelled.id)) return 'no-label';
  const result = await acknowledge(
    octokit,
    { repo: request.repo, defaultBranch: request.defaultBranch, pullNumber: request.pullNumber, username: labelled.actor.login, checkRun: request.checkRun },
    { appId: 0, stateKey: request.stateKey, lock: new KeyedLock(), now: () => request.now },
  );
  try {
    await octokit.rest.issues.removeLabel({ ...request.repo, issue_number: request.pullNumber, name: request.label });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  return result;
}
