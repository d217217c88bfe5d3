/**
 * The App's one comment on a pull request, found again by its hidden marker. Every page of comments is read:
 * on a long discussion the App's comment can sit on any page, and missing it would post a second one.
 */

import { COMMENT_MARKER } from '../../core/render/markdown.js';
import type { Octokit, RepoRef } from '../github-types.js';

export interface ReviewComment {
  id: number;
  body: string;
  htmlUrl: string;
}

export async function findReviewComment(octokit: Octokit, ref: RepoRef, pullNumber: number): Promise<ReviewComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: pullNumber, per_page: 100 });
  for await (const { data } of pages) {
    // Only a bot's comment counts: a person quoting the marker in a reply must not take the App's place.
    const found = data.find((comment) => comment.user?.type === 'Bot' && (comment.body ?? '').includes(COMMENT_MARKER));
    if (found) return { id: found.id, body: found.body ?? '', htmlUrl: found.html_url };
  }
  return undefined;
}

export async function writeReviewComment(
  octokit: Octokit,
  ref: RepoRef,
  pullNumber: number,
  existing: ReviewComment | undefined,
  body: string,
): Promise<ReviewComment> {
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ ...ref, comment_id: existing.id, body });
    return { id: data.id, body, htmlUrl: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: pullNumber, body });
  return { id: data.id, body, htmlUrl: data.html_url };
}

/** A separate, short comment addressed to someone (an acknowledgement that was refused, a fork label removed). */
export async function replyOnPullRequest(octokit: Octokit, ref: RepoRef, pullNumber: number, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...ref, issue_number: pullNumber, body });
}
