import { readdirSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStackguardOctokit } from '../../src/github/octokit.js';
import { deliver, testApp } from './helpers/app.js';
import { githubTarball, removeTempDirs } from './helpers/files.js';
import { mockReview } from './helpers/flows.js';
import { GitHubMock } from './helpers/github-mock.js';
import { BASE_SHA, checkRunPayload, checkSuitePayload, HEAD_SHA, pullRequestPayload } from './helpers/payloads.js';
import { commandRepo, shopRepo } from './helpers/repos.js';
import { APP_ID } from './helpers/app.js';

beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});

/** Pids of live `node` processes whose command line contains `token` (not the shells that started them). */
function processesWith(token: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return commandLine.startsWith('node\0') && commandLine.includes(token) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('duplicates', () => {
  it('ignores a redelivered webhook (same X-GitHub-Delivery): one check run, one review', async () => {
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: { 'README.md': 'x' }, comments: [[]], write: 'none' });
    const app = await testApp();
    const payload = pullRequestPayload('opened');
    await deliver(app, 'pull_request', payload, 'delivery-redelivered');
    await deliver(app, 'pull_request', payload, 'delivery-redelivered');
    await app.queue.onIdle();
    github.assertDone();
    expect(github.calls.filter((c) => c.call.startsWith('POST check-run'))).toHaveLength(1);
    expect(app.logs.some((line) => line.msg === 'redelivered webhook ignored' && line.deliveryId === 'delivery-redelivered')).toBe(true);
  });

  it('makes one check run and one comment for two events about the same commit, while queued and after', async () => {
    // GIVEN opened and ready_for_review for one commit arrive together, and reopened arrives after the review
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: shopRepo('head'), baseTree: shopRepo('base'), comments: [[]], write: 'create' });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await deliver(app, 'pull_request', pullRequestPayload('ready_for_review'));
    await app.queue.onIdle();
    github.checkRuns(HEAD_SHA, [{ id: 101, status: 'completed', conclusion: 'action_required', externalId: 'abc' }]);
    await deliver(app, 'pull_request', pullRequestPayload('reopened'));
    await app.queue.onIdle();
    // THEN one check run and one comment were created
    github.assertDone();
    expect(github.calls.filter((c) => c.call.startsWith('POST'))).toEqual([
      expect.objectContaining({ call: 'POST check-run (101)' }),
      expect.objectContaining({ call: 'POST comment on #2' }),
    ]);
  });

  it('picks up a check run left in progress (the App restarted mid-review) instead of creating another', async () => {
    const github = new GitHubMock().token().checkRuns(HEAD_SHA, [{ id: 77, status: 'in_progress' }]);
    await mockReview(github, { checkRunId: 77, schedule: false, headTree: { 'README.md': 'x' }, comments: [[]], write: 'none' });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('synchronize'));
    await app.queue.onIdle();
    github.assertDone();
    expect(github.calls.map((c) => c.call)).not.toContain('POST check-run (77)');
  });
});

describe('a newer push supersedes', () => {
  it('stops the running synth of the older commit, cancels its check, and only the newer commit writes the comment', async () => {
    // GIVEN a review of commit 1 whose head and base synths hang
    const token = `stackguard-hang-${process.pid}-${Date.now()}`;
    const hang = commandRepo(`node -e "setInterval(() => {}, 1000)" ${token}`);
    const first = 'a'.repeat(40);
    const firstBase = 'c'.repeat(40);
    const github = new GitHubMock().token();
    github.checkRuns(first, []).createCheckRun(201, first).updateCheckRun(201, first, 2).config(null).pull({ head: first, base: firstBase });
    github.tarball(first, await githubTarball(hang)).tarball(firstBase, await githubTarball(hang));
    // AND the review of commit 2, which will follow
    await mockReview(github, { checkRunId: 202, head: HEAD_SHA, base: BASE_SHA, headTree: shopRepo('head'), baseTree: shopRepo('base'), comments: [[]], write: 'create' });
    const app = await testApp();

    await deliver(app, 'pull_request', pullRequestPayload('opened', { headSha: first, baseSha: firstBase }));
    await waitUntil(() => processesWith(token).length === 2, 20_000);
    const started = Date.now();
    // WHEN commit 2 is pushed
    await deliver(app, 'pull_request', pullRequestPayload('synchronize'));
    await app.queue.onIdle();

    // THEN the hung synths were stopped at once (not at the ten-minute timeout), the old check was cancelled,
    // and the comment was written once, for commit 2
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(processesWith(token)).toEqual([]);
    github.assertDone();
    const patches201 = github.calls.filter((c) => c.call === 'PATCH check-run 201');
    expect(patches201.at(-1)?.body).toMatchObject({ conclusion: 'cancelled', output: { title: 'Superseded' } });
    expect(github.calls.filter((c) => c.call.startsWith('POST comment'))).toHaveLength(1);
    expect(github.calls.filter((c) => c.call === 'PATCH check-run 202').at(-1)?.body).toMatchObject({ conclusion: 'action_required' });
  });
});

describe('re-runs', () => {
  it('reviews again with a new check run when someone re-runs the check', async () => {
    const github = new GitHubMock().token();
    await mockReview(github, { checkRunId: 301, schedule: false, headTree: { 'README.md': 'x' }, comments: [[]], write: 'none' });
    github.createCheckRun(301, HEAD_SHA);
    const app = await testApp();
    await deliver(app, 'check_run', checkRunPayload('rerequested', { id: 101, appId: APP_ID }));
    await app.queue.onIdle();
    github.assertDone();
  });

  it('ignores a re-run of another app\'s check', async () => {
    const app = await testApp();
    await deliver(app, 'check_run', checkRunPayload('rerequested', { id: 5, appId: 999 }));
    await app.queue.onIdle();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('re-runs a fork\'s check suite, finding its pull request by commit', async () => {
    const github = new GitHubMock().token();
    const suite = checkSuitePayload();
    suite.check_suite.pull_requests = [];
    github.api.get(`/repos/Codertocat/Hello-World/commits/${HEAD_SHA}/pulls`).query(true).reply(200, [
      { number: 2, state: 'open', head: { sha: HEAD_SHA }, base: { repo: { full_name: 'Codertocat/Hello-World' } } },
      { number: 3, state: 'closed', head: { sha: HEAD_SHA }, base: { repo: { full_name: 'Codertocat/Hello-World' } } },
    ]);
    github.createCheckRun(302, HEAD_SHA);
    await mockReview(github, { checkRunId: 302, schedule: false, headTree: null, fork: true, comments: [[]], write: 'none' });
    const app = await testApp();
    await deliver(app, 'check_suite', suite);
    await app.queue.onIdle();
    github.assertDone();
  });
});

describe('GitHub rate limits', () => {
  it('waits out a secondary rate limit and goes on (Probot\'s throttling, with stackguard\'s retry policy)', async () => {
    const github = new GitHubMock().token();
    github.api
      .get(`/repos/Codertocat/Hello-World/commits/${HEAD_SHA}/check-runs`)
      .query(true)
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
    await mockReview(github, { headTree: null, fork: true, comments: [[]], write: 'none' });
    const app = await testApp({ Octokit: createStackguardOctokit({ msPerSecond: 10 }) });
    await deliver(app, 'pull_request', pullRequestPayload('opened', { fork: true }));
    await app.queue.onIdle();
    github.assertDone();
    expect(app.logs.some((line) => String(line.msg).includes('Secondary rate limit'))).toBe(true);
  });

  it('waits for the primary rate limit to reset and goes on', async () => {
    const github = new GitHubMock().token();
    github.api
      .get(`/repos/Codertocat/Hello-World/commits/${HEAD_SHA}/check-runs`)
      .query(true)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) });
    await mockReview(github, { headTree: null, fork: true, comments: [[]], write: 'none' });
    const app = await testApp({ Octokit: createStackguardOctokit({ msPerSecond: 10 }) });
    await deliver(app, 'pull_request', pullRequestPayload('opened', { fork: true }));
    await app.queue.onIdle();
    github.assertDone();
  });
});

describe('logging', () => {
  it('puts the delivery id, repository, pull request and SHA on every line about a review', async () => {
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: commandRepo('node -e "process.exit(2)"'), baseTree: commandRepo('node -e "process.exit(2)"'), comments: [[]], write: 'none' });
    const app = await testApp();
    const id = await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    // Every line but Probot's own start-up and "Webhook received" lines.
    const reviewLines = app.logs.filter((line) => !['stackguard is listening', 'Webhook received'].includes(String(line.msg)));
    expect(reviewLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['review queued', 'review started', 'review failed', 'review published']));
    expect(reviewLines.filter((line) => String(line.msg).startsWith('GitHub request')).length).toBeGreaterThan(5);
    for (const line of reviewLines) {
      expect(line, String(line.msg)).toMatchObject({ deliveryId: id, repo: 'Codertocat/Hello-World', pr: 2, sha: HEAD_SHA });
    }
  });
});

describe('re-running an old commit', () => {
  it('does not supersede the review of the pull request’s newer head', async () => {
    const app = await testApp();
    const attempted: string[] = [];
    const record = (request: { path?: string }) => attempted.push(request.path ?? '?');
    nock.emitter.on('no match', record);
    try {
      // GIVEN a check run on an old commit whose pull request has moved on to a newer head
      await deliver(app, 'check_run', checkRunPayload('rerequested', { id: 101, appId: APP_ID, headSha: 'a'.repeat(40), pullHeadSha: HEAD_SHA }));
      await app.queue.onIdle();
    } finally {
      nock.emitter.removeListener('no match', record);
    }
    // THEN nothing is scheduled: the App does not even ask GitHub for a token
    expect(attempted).toEqual([]);
  });
});
