import { describe, expect, it } from 'vitest';
import { createStackguardOctokit } from '../../src/github/octokit.js';
import { deliver, testApp } from './helpers/app.js';
import { FlakyGitHub, useFlakyGitHub } from './helpers/flaky-github.js';
import { BASE_SHA, HEAD_SHA, PR_NUMBER, pullRequestPayload } from './helpers/payloads.js';
import { shopRepo } from './helpers/repos.js';

// Retry and throttling on, as in the App, with every back-off and `retry-after` lasting 0 ms.
const Octokit = createStackguardOctokit({ msPerSecond: 0 });

let github: FlakyGitHub;
useFlakyGitHub((fresh) => (github = fresh));

async function reviewOfShop(state: 'open' | 'closed' = 'open') {
  await github.pull(PR_NUMBER, { head: HEAD_SHA, base: BASE_SHA, state }, { head: shopRepo('head'), base: shopRepo('base') });
  const app = await testApp({ Octokit });
  await deliver(app, 'pull_request', pullRequestPayload('opened'));
  await app.queue.onIdle();
  return app;
}

describe('GitHub fails now and then', () => {
  it('retries 502s and secondary rate limits on every write, and ends with one comment and one check run', async () => {
    // GIVEN every kind of write fails at first: 502s, a 403 and a 429 secondary rate limit with retry-after
    github
      .fail('POST check-run', { status: 502 }, { status: 403, secondaryRateLimit: true, retryAfter: 30 })
      .fail('PATCH check-run', { status: 502 }, { status: 429, secondaryRateLimit: true, retryAfter: 60 }, { status: 503 })
      .fail('POST comment', { status: 502 }, { status: 403, secondaryRateLimit: true, retryAfter: 5 })
      .fail('GET pull', { status: 500 });
    // WHEN a pull request with blocking changes is reviewed
    const app = await reviewOfShop();
    // THEN GitHub holds one comment and one completed check run, concluded on the review
    expect(github.comments.get(PR_NUMBER)).toHaveLength(1);
    expect(github.runs).toHaveLength(1);
    expect(github.runs[0]).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(github.comments.get(PR_NUMBER)?.[0]?.body).toContain('OrdersDb');
    expect(app.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    // AND the rate-limited calls were repeated, as GitHub asked, not dropped
    expect(github.count('POST comment')).toBe(3);
    expect(app.logs.some((line) => String(line.msg).includes('Secondary rate limit on POST'))).toBe(true);
  });

  it('does not post a second comment when the first POST landed but answered 502', async () => {
    github.fail('POST comment', { status: 502, landed: true });
    await reviewOfShop();
    expect(github.comments.get(PR_NUMBER)).toHaveLength(1);
    // The App looked at the comments after the error and found its own instead of posting again.
    expect(github.count('POST comment')).toBe(1);
    expect(github.runs).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'action_required' })]);
  });

  it('does not create a second check run when the first POST landed but answered 502 (twice)', async () => {
    github.fail('POST check-run', { status: 502, landed: true }, { status: 504, landed: true });
    const app = await reviewOfShop();
    // The first create landed; the look-up after it found the run by its external id, and no second POST was sent.
    expect(github.count('POST check-run')).toBe(1);
    expect(github.runs).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'action_required' })]);
    expect(github.comments.get(PR_NUMBER)).toHaveLength(1);
    expect(app.logs.some((line) => String(line.msg).includes('had been created despite the error'))).toBe(true);
  });

  it('gives up after a few 502s and leaves no duplicate behind: the webhook fails, GitHub redelivers', async () => {
    github.fail('POST check-run', { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const app = await testApp({ Octokit });
    await github.pull(PR_NUMBER, { head: HEAD_SHA, base: BASE_SHA, state: 'open' }, { head: shopRepo('head') });
    await expect(deliver(app, 'pull_request', pullRequestPayload('opened'))).rejects.toThrow();
    expect(github.count('POST check-run')).toBe(4);
    expect(github.runs).toEqual([]);
  });
});

describe('a pull request closed during its review', () => {
  it('is not reviewed when it is closed before the review starts; the check run says so and does not pass', async () => {
    const app = await reviewOfShop('closed');
    expect(github.comments.get(PR_NUMBER) ?? []).toEqual([]);
    expect(github.runs).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'cancelled', output: expect.objectContaining({ title: 'Pull request closed' }) })]);
    expect(app.logs.filter((line) => Number(line.level) >= 40)).toEqual([]);
  });

  it('posts nothing when it is closed while the review runs', async () => {
    await github.pull(PR_NUMBER, { head: HEAD_SHA, base: BASE_SHA, state: 'open' }, { head: shopRepo('head'), base: shopRepo('base') });
    const app = await testApp({ Octokit });
    // GIVEN the pull request is closed right after the review read it
    github.after('GET pull', 1, () => Object.assign(github.pulls.get(PR_NUMBER) ?? {}, { state: 'closed' }));
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    // THEN no comment, and the check run is concluded as cancelled, quietly
    expect(github.comments.get(PR_NUMBER) ?? []).toEqual([]);
    expect(github.runs).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'cancelled' })]);
    expect(app.logs.some((line) => line.msg === 'the pull request was closed or deleted during the review; nothing is posted')).toBe(true);
    expect(app.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('ends quietly when the repository is deleted: every call answers 404', async () => {
    const app = await testApp({ Octokit });
    await github.pull(PR_NUMBER, { head: HEAD_SHA, base: BASE_SHA, state: 'open' }, { head: shopRepo('head') });
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    // WHEN the repository disappears after the check run was created
    github.pulls.clear();
    github.runs.splice(0);
    await app.queue.onIdle();
    expect(github.count('POST comment')).toBe(0);
    expect(app.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(app.logs.some((line) => String(line.msg).startsWith('the check run is gone'))).toBe(true);
  });
});
