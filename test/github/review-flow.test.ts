import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, testApp } from './helpers/app.js';
import { githubTarball, removeTempDirs } from './helpers/files.js';
import { comment, GitHubMock } from './helpers/github-mock.js';
import { mockReview } from './helpers/flows.js';
import { BASE_SHA, HEAD_SHA, pullRequestPayload } from './helpers/payloads.js';
import { commandRepo, shopRepo } from './helpers/repos.js';

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});

describe('a pull request is opened', () => {
  it('answers the webhook at once, reviews in the queue, comments, and asks for an acknowledgement of the blocking changes', async () => {
    // GIVEN a repository without config whose PR makes the shop example's changes
    const github = new GitHubMock()
      .token()
      .checkRuns(HEAD_SHA, [])
      .createCheckRun(101, HEAD_SHA)
      .updateCheckRun(101, HEAD_SHA, 2)
      .config(null)
      .pull({ head: HEAD_SHA, base: BASE_SHA }, 2)
      .tarball(HEAD_SHA, await githubTarball(shopRepo('head')))
      .tarball(BASE_SHA, await githubTarball(shopRepo('base')))
      .comments([[]])
      .createComment(9001);
    const app = await testApp();

    // WHEN GitHub delivers pull_request.opened
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    // THEN the handler returned with the check run created and the review queued, not done
    expect(github.calls.map((c) => c.call)).toEqual(['GET check-runs of ec26c3e', 'POST check-run (101)']);
    expect(app.queue.size.running + app.queue.size.pending).toBe(1);

    await app.queue.onIdle();
    github.assertDone();
    expect(github.calls.map((c) => c.call)).toEqual([
      'GET check-runs of ec26c3e',
      'POST check-run (101)',
      'PATCH check-run 101',
      'POST comment on #2',
      'PATCH check-run 101',
    ]);
    const [, created, started, commented, completed] = github.calls;
    expect(created?.body).toMatchObject({ name: 'stackguard', head_sha: HEAD_SHA, status: 'queued' });
    expect(started?.body).toMatchObject({ status: 'in_progress', started_at: '2026-03-02T10:00:00.000Z' });
    expect(completed?.body).toMatchObject({
      status: 'completed',
      conclusion: 'action_required',
      actions: [{ label: 'Acknowledge', identifier: 'acknowledge' }],
      details_url: 'https://github.com/Codertocat/Hello-World/pull/2#issuecomment-9001',
    });
    const body = (commented?.body as { body: string }).body;
    expect(body).toContain('<!-- stackguard:review -->');
    expect(body).toContain('Baseline: base branch master at f95f852 (base-branch)');
    expect(body).toContain('OrdersQueue');
    expect(body).toContain('**To merge anyway:**');
    expect(withoutRenderedReview(github.calls)).toMatchSnapshot();
  });
});

/**
 * The calls with the parts that src/core/render writes (the review in the comment, the check run's text)
 * replaced by a placeholder: the snapshot pins what the App sends, and the renderers have their own tests.
 */
function withoutRenderedReview(calls: GitHubMock['calls']): unknown {
  return calls.map(({ call, body }) => {
    if (!body || typeof body !== 'object') return { call, body };
    const copy = structuredClone(body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (typeof copy.body === 'string') copy.body = copy.body.replace(/^[\s\S]*<!-- stackguard:review -->/, '[renderMarkdown output]\n<!-- stackguard:review -->');
    if (copy.output && typeof copy.output.text === 'string') copy.output.text = '[renderText output]';
    // A fresh token per created check run (src/github/publish/check-runs.ts).
    if (typeof copy.external_id === 'string') copy.external_id = copy.external_id.replace(/^created:.*$/, 'created:[token]');
    if (copy.output?.annotations) copy.output.annotations = copy.output.annotations.map((a: { message: string }) => ({ ...a, message: '[annotation message]' }));
    return { call, body: copy };
  });
}


async function reviewOpened(scenario: Parameters<typeof mockReview>[1], app?: Awaited<ReturnType<typeof testApp>>) {
  const github = new GitHubMock().token();
  await mockReview(github, scenario);
  const running = app ?? (await testApp());
  await deliver(running, 'pull_request', pullRequestPayload('opened', { fork: scenario.fork, labels: scenario.labels }));
  await running.queue.onIdle();
  github.assertDone();
  return { github, app: running };
}

describe('what the pull request shows', () => {
  it('creates no comment when a push changes no infrastructure, and says "no changes" in the check', async () => {
    const { github } = await reviewOpened({ headTree: shopRepo('base'), baseTree: shopRepo('base'), comments: [[]], write: 'none' });
    expect(github.calls.map((c) => c.call)).not.toContain('POST comment on #2');
    expect(github.lastBody('PATCH check-run 101')).toMatchObject({ conclusion: 'success', output: { title: 'No infrastructure changes.' } });
  });

  it('updates its existing comment, found on the second page, to say a new push changes no infrastructure', async () => {
    // GIVEN the App's comment from an earlier review sits on page 2 of the discussion, after a person's quote of it
    const chatter = Array.from({ length: 100 }, (_, i) => comment(i + 1, `comment ${i}`, 'User'));
    chatter[5] = comment(6, 'quoting the bot: <!-- stackguard:review -->', 'User');
    const { github } = await reviewOpened({
      headTree: shopRepo('base'),
      baseTree: shopRepo('base'),
      comments: [chatter, [comment(9001, '**⛔ stackguard — Blocked** <!-- stackguard:review -->')]],
      write: 'update',
    });
    const body = github.lastBody('PATCH comment 9001').body as string;
    expect(body).toContain('No infrastructure changes.');
    expect(github.calls.map((c) => c.call)).not.toContain('POST comment on #2');
  });

  it('fails the check, naming the step and showing the log tail, when the synth fails; no comment is created', async () => {
    const { github } = await reviewOpened({
      // It fails after a moment, so the base has been downloaded by then.
      headTree: commandRepo(`node -e "console.log('synth output line'); setTimeout(() => { console.error('Error: Cannot find module aws-cdk-lib'); process.exit(3); }, 300)"`),
      baseTree: shopRepo('base'),
      comments: [[]],
      write: 'none',
    });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed: synth (head)' } });
    expect(completed.output.summary).toContain('exited with code 3');
    expect(completed.output.text).toContain('synth output line');
    expect(completed.output.text).toContain('Error: Cannot find module aws-cdk-lib');
    // The App's folders are not shown.
    expect(JSON.stringify(completed)).not.toContain('stackguard-app-');
  });

  it('fails the check when the synth runs past the config\'s timeout, and says so', async () => {
    const { github } = await reviewOpened({
      // Head and base both hang; whichever reaches the one-second timeout first fails the review.
      headTree: commandRepo('node -e "setInterval(() => {}, 1000)"'),
      baseTree: commandRepo('node -e "setInterval(() => {}, 1000)"'),
      config: 'synth:\n  timeout: 1\n',
      comments: [[]],
      write: 'none',
    });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'failure', output: { title: expect.stringMatching(/^Review failed: synth \((head|base)\)$/) } });
    // The synth gets what is left of the budget after the install: "took longer than 1.0s" or "0.9s".
    expect(completed.output.summary).toMatch(/took longer than [\d.]+s; it was stopped/);
  });

  it('fails the check with the table of problems when the config on the default branch is invalid', async () => {
    const { github } = await reviewOpened({ headTree: null, config: 'policy:\n  severityThreshold: high\nbogus: 1\n', comments: [[]], write: 'none', readsPull: false });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed.conclusion).toBe('failure');
    expect(completed.output.title).toBe('Review failed: config');
    expect(completed.output.text).toContain('policy.severityThreshold');
    expect(completed.output.text).toContain('bogus');
  });

  it('concludes neutral when the repository has no CDK app', async () => {
    const none = { 'README.md': 'no infrastructure here' };
    const { github } = await reviewOpened({ headTree: none, baseTree: none, comments: [[]], write: 'none' });
    expect(github.lastBody('PATCH check-run 101')).toMatchObject({ conclusion: 'neutral', output: { title: 'No CDK app' } });
  });

  it('fails, rather than passing as "no CDK app", when the pull request removes the base commit\'s app', async () => {
    const { github } = await reviewOpened({ headTree: { 'README.md': 'the app is gone' }, baseTree: shopRepo('base'), comments: [[]], write: 'none' });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed: find apps' } });
    expect(completed.output.summary).toMatch(/removes or hides every cdk\.json/);
  });

  it('reviews the apps the config lists, and fails when a listed app is missing', async () => {
    const { github } = await reviewOpened({ headTree: shopRepo('head', 'services/shop'), config: 'apps: [infra]\n', comments: [[]], write: 'none' });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed: find apps' } });
    expect(completed.output.summary).toContain('infra/cdk.json does not exist');
  });

  it('does not synthesize a pull request from a fork unless the config allows forks', async () => {
    const { github } = await reviewOpened({ headTree: null, fork: true, comments: [[]], write: 'none' });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'action_required', output: { title: 'Fork pull request not synthesized' } });
    expect(completed.output.summary).toContain('synth.allowForks');
    expect(completed.actions).toEqual([]);
  });

  it('waits for the approval label on a fork when the config allows forks', async () => {
    const { github } = await reviewOpened({ headTree: null, fork: true, config: 'synth:\n  allowForks: true\n', comments: [[]], write: 'none' });
    expect(github.lastBody('PATCH check-run 101').output.summary).toContain('apply the label `stackguard:synth`');
  });

  it('never writes the comment for a commit the pull request has moved past, but still concludes that commit\'s check', async () => {
    const newer = 'b'.repeat(40);
    const { github } = await reviewOpened({ headTree: shopRepo('head'), baseTree: shopRepo('base'), comments: [[]], write: 'none', headAtPublish: newer });
    expect(github.calls.map((c) => c.call)).toEqual(['GET check-runs of ec26c3e', 'POST check-run (101)', 'PATCH check-run 101', 'PATCH check-run 101']);
    expect(github.lastBody('PATCH check-run 101').conclusion).toBe('action_required');
  });
});
