/**
 * What GitHub holds about the pull requests merged in a period: the pull requests themselves, their changed
 * files, stackguard's check runs on the merged head commit, and stackguard's comment. Every list is read page by
 * page; nothing here judges what it reads (src/evidence/assess-pull.ts does).
 */

import type { Octokit, RepoRef } from '../github/github-types.js';
import { CHECK_NAME } from '../github/publish/check-runs.js';
import { findReviewComment, type ReviewComment } from '../github/publish/comments.js';

export interface Period {
  since: Date;
  until: Date;
}

export interface MergedPull {
  number: number;
  title: string;
  url: string;
  author: string | null;
  mergedAt: string;
  headSha: string;
  mergeCommitSha: string | null;
}

export interface CheckRunFacts {
  id: number;
  url: string | null;
  appId: number | null;
  appSlug: string | null;
  headSha: string;
  status: string;
  conclusion: string | null;
  completedAt: string | null;
  externalId: string;
  summary: string;
}

export interface PullFacts {
  pull: MergedPull;
  mergedBy: string | null;
  files: string[];
  runs: CheckRunFacts[];
  comment: ReviewComment | undefined;
}

/**
 * Closed pull requests into `branch`, most recently updated first, merged within the period. A pull request
 * merged at or after `since` was last updated no earlier than that, so the listing stops at the first page
 * whose pull requests were all last updated before `since`.
 */
export async function listMergedPulls(octokit: Octokit, repo: RepoRef, branch: string, period: Period): Promise<MergedPull[]> {
  const merged: MergedPull[] = [];
  const params = { ...repo, state: 'closed' as const, base: branch, sort: 'updated' as const, direction: 'desc' as const, per_page: 100 };
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, params)) {
    for (const pull of data) {
      if (!pull.merged_at) continue;
      const mergedAt = new Date(pull.merged_at);
      if (mergedAt < period.since || mergedAt >= period.until) continue;
      merged.push({
        number: pull.number,
        title: pull.title,
        url: pull.html_url,
        author: pull.user?.login ?? null,
        mergedAt: mergedAt.toISOString(),
        headSha: pull.head.sha,
        mergeCommitSha: pull.merge_commit_sha ?? null,
      });
    }
    if (data.every((pull) => new Date(pull.updated_at) < period.since)) break;
  }
  return merged.sort((a, b) => a.mergedAt.localeCompare(b.mergedAt) || a.number - b.number);
}

export async function readPullFacts(octokit: Octokit, repo: RepoRef, pull: MergedPull): Promise<PullFacts> {
  // The list of pull requests leaves out who merged; the single pull request has it.
  const { data: full } = await octokit.rest.pulls.get({ ...repo, pull_number: pull.number });
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pull.number, per_page: 100 });
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref: pull.headSha, check_name: CHECK_NAME, filter: 'all', per_page: 100 });
  const comment = await findReviewComment(octokit, repo, pull.number);
  return {
    pull,
    mergedBy: full.merged_by?.login ?? null,
    // A renamed file changes both places.
    files: files.flatMap((file) => (file.previous_filename ? [file.filename, file.previous_filename] : [file.filename])),
    runs: runs
      .filter((run) => run.head_sha === pull.headSha)
      .map((run) => ({
        id: run.id,
        url: run.html_url ?? null,
        appId: run.app?.id ?? null,
        appSlug: run.app?.slug ?? null,
        headSha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion ?? null,
        completedAt: run.completed_at ?? null,
        externalId: run.external_id ?? '',
        summary: run.output.summary ?? '',
      })),
    comment,
  };
}
