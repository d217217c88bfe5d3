/**
 * The interceptors of one whole review, from webhook to published outcome, so each test states only what is
 * special about its scenario.
 */

import { githubTarball, type Tree } from './files.js';
import type { GitHubMock } from './github-mock.js';
import { BASE_SHA, HEAD_SHA } from './payloads.js';

export interface ReviewScenario {
  checkRunId?: number;
  head?: string;
  base?: string;
  /** The head tree, or null when the review must stop before downloading (fork, config error). */
  headTree: Tree | null;
  /** The base tree, or null when the base is not downloaded. */
  baseTree?: Tree | null;
  /** The config file (null: none; false: the test mocks it itself). */
  config?: string | null | false;
  /** Existing comments, page by page; undefined when the review does not get as far as the comment. */
  comments?: object[][];
  write?: 'create' | 'update' | 'none';
  commentId?: number;
  /** The PR's head when the review publishes (a newer push moved it). */
  headAtPublish?: string;
  /** PATCHes of the check run: started, completed, plus one per extra page of annotations. */
  checkRunUpdates?: number;
  fork?: boolean;
  labels?: string[];
  /** The webhook handler finds no check run and creates one (default), or the test sets that up itself. */
  schedule?: boolean;
  /** The review reads the pull request before it starts (false when it fails earlier, at the config). */
  readsPull?: boolean;
}

export async function mockReview(github: GitHubMock, scenario: ReviewScenario): Promise<void> {
  const id = scenario.checkRunId ?? 101;
  const head = scenario.head ?? HEAD_SHA;
  const base = scenario.base ?? BASE_SHA;
  const pull = { head, base, fork: scenario.fork, labels: scenario.labels };
  if (scenario.schedule !== false) github.checkRuns(head, []).createCheckRun(id, head);
  github.updateCheckRun(id, head, scenario.checkRunUpdates ?? 2);
  if (scenario.config !== false) github.config(scenario.config ?? null);
  if (scenario.readsPull !== false) github.pull(pull);
  if (scenario.headTree) github.tarball(head, await githubTarball(scenario.headTree));
  if (scenario.baseTree) github.tarball(base, await githubTarball(scenario.baseTree));
  if (scenario.comments) {
    github.pull({ ...pull, head: scenario.headAtPublish ?? head });
    github.comments(scenario.comments);
  }
  if (scenario.write === 'create') github.createComment(scenario.commentId ?? 9001);
  if (scenario.write === 'update') github.updateComment(scenario.commentId ?? 9001);
}
