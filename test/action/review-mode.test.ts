/**
 * The action's entry point in `mode: review`, run as a runner runs it against the fake GitHub: the head is the
 * checkout, the base its parent commit checked out with `git worktree`; the comment and the check run are written
 * with the workflow's token; the job summary gets the review; the step fails while something blocks, and passes
 * once a maintainer's label acknowledges it.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakeRepo } from '../e2e/fake-github.js';
import { checkout, git } from '../cli/synth-helpers.js';
import { removeTempDirs, writeTree } from '../github/helpers/files.js';
import { shopRepo } from '../github/helpers/repos.js';
import { pullRequestEvent, runStep } from './runner.js';

const TOKEN = 'ghs_workflow_token_0123456789';
let github: FakeGitHub | undefined;

afterEach(async () => {
  await github?.stop();
  github = undefined;
  await removeTempDirs();
});

/** A repository whose second commit makes the shop example's changes; the checkout is at that head. */
async function pullRequestCheckout() {
  const repo = await checkout(shopRepo('base'));
  git(repo.root, 'rm', '-rq', '.');
  await writeTree(repo.root, shopRepo('head'));
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-qm', 'head');
  return { root: repo.root, baseSha: repo.sha, headSha: git(repo.root, 'rev-parse', 'HEAD') };
}

async function runReviewMode(fake: Partial<FakeRepo> = {}) {
  const repo = await pullRequestCheckout();
  github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'master', tarballs: {}, pulls: { 2: { head: repo.headSha, base: repo.baseSha, baseRef: 'master' } }, ...fake }, 0);
  const host = await github.start();
  const event = pullRequestEvent();
  Object.assign(event.pull_request.head, { sha: repo.headSha });
  Object.assign(event.pull_request.base, { sha: repo.baseSha, ref: 'master' });
  event.pull_request.number = event.number = 2;
  const step = await runStep(repo.root, { mode: 'review', token: TOKEN, 'app-dir': '', config: '' }, { event, env: { GITHUB_API_URL: `http://${host}/api/v3` } });
  return { ...step, fake: github, repo };
}

describe('the action entry point, mode review', () => {
  it('reviews head against the base commit, comments and concludes the check with the workflow token, and fails the step', async () => {
    const run = await runReviewMode();
    expect(run.stderr).toContain('action_required');
    expect(run.code).toBe(1);
    const [check] = run.fake.checkRuns;
    expect(check).toMatchObject({ name: 'stackguard', head_sha: run.repo.headSha, status: 'completed', conclusion: 'action_required' });
    expect(check?.output.summary).toContain(`base branch master at ${run.repo.baseSha.slice(0, 7)}`);
    expect(run.fake.comments).toHaveLength(1);
    expect(run.fake.comments[0]?.body).toContain('OrdersQueue');
    expect(run.fake.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
    expect(run.summary).toContain('OrdersQueue');
    expect(run.summary).toContain('**Check:** action_required');
    // The base worktree is gone again.
    expect(git(run.repo.root, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('passes once the acknowledgement label was applied by a maintainer, records it and removes the label', async () => {
    const labelled = { id: 5, event: 'labeled', label: { name: 'stackguard:acknowledged' }, actor: { login: 'maintainer' } };
    const run = await runReviewMode({ roles: { maintainer: 'maintain' }, events: { 2: [labelled] } });
    expect(run.code).toBe(0);
    expect(run.fake.checkRuns[0]).toMatchObject({ conclusion: 'success' });
    expect(run.fake.checkRuns[0]?.output.summary).toContain('Acknowledged by @maintainer');
    expect(run.fake.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/issues/2/labels/stackguard%3Aacknowledged'))).toBe(true);
  });

  it('does not pass on a label applied by someone who may not acknowledge', async () => {
    const labelled = { id: 5, event: 'labeled', label: { name: 'stackguard:acknowledged' }, actor: { login: 'mallory' } };
    const run = await runReviewMode({ roles: { mallory: 'write' }, events: { 2: [labelled] } });
    expect(run.code).toBe(1);
    expect(run.fake.checkRuns[0]).toMatchObject({ conclusion: 'action_required' });
    expect(run.fake.comments.some((c) => String(c.body).includes('@mallory, you cannot acknowledge'))).toBe(true);
  });
});
