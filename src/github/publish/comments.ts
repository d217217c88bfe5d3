/**
 * The App's one comment on a pull request, found again by its hidden marker. Every page of comments is read:
 * on a long discussion the App's comment can sit on any page, and missing it would post a second one.
 */

import { randomUUID } from 'node:crypto';
import { COMMENT_MARKER } from '../../core/render/markdown.js';
import type { Octokit, RepoRef } from '../github-types.js';
import { NO_BLIND_RETRY } from '../octokit.js';
import { createOnce } from './create-once.js';

export interface ReviewComment {
  id: number;
  body: string;
  htmlUrl: string;
}

export function findReviewComment(octokit: Octokit, ref: RepoRef, pullNumber: number): Promise<ReviewComment | undefined> {
  return findBotComment(octokit, ref, pullNumber, COMMENT_MARKER);
}

async function findBotComment(octokit: Octokit, ref: RepoRef, pullNumber: number, marker: string): Promise<ReviewComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: pullNumber, per_page: 100 });
  for await (const { data } of pages) {
    // Only a bot's comment counts: a person quoting the marker in a reply must not take the App's place.
    const found = data.find((comment) => comment.user?.type === 'Bot' && (comment.body ?? '').includes(marker));
    if (found) return { id: found.id, body: found.body ?? '', htmlUrl: found.html_url };
  }
  return undefined;
}

/** Posts a comment once: after a 5xx, the comment is looked for by `marker` before it is posted again. */
async function createCommentOnce(octokit: Octokit, ref: RepoRef, pullNumber: number, body: string, marker: string): Promise<ReviewComment> {
  const create = async () => {
    const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: pullNumber, body, ...NO_BLIND_RETRY });
    return { id: data.id, body, htmlUrl: data.html_url };
  };
  return createOnce(octokit, `a comment on #${pullNumber}`, create, () => findBotComment(octokit, ref, pullNumber, marker));
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
  return createCommentOnce(octokit, ref, pullNumber, body, COMMENT_MARKER);
}

/**
 * A separate, short comment addressed to someone (an acknowledgement that was refused, a fork label removed).
 * It carries a hidden token of its own, so a post that landed despite an error is found and not posted again.
 */
export async function replyOnPullRequest(octokit: Octokit, ref: RepoRef, pullNumber: number, body: string): Promise<void> {
  const marker = `<!-- stackguard:reply ${randomUUID()} -->`;
  await createCommentOnce(octokit, ref, pullNumber, `${body}\n\n${marker}`, marker);
}
