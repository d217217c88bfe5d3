import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, testApp } from './helpers/app.js';
import { removeTempDirs } from './helpers/files.js';
import { mockReview } from './helpers/flows.js';
import { GitHubMock } from './helpers/github-mock.js';
import { HEAD_SHA, pullRequestPayload } from './helpers/payloads.js';
import { shopRepo } from './helpers/repos.js';

beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});


describe('fork approval label', () => {
  const forkConfig = 'synth:\n  allowForks: true\n';

  it('removes the label and replies when someone who may not acknowledge applies it', async () => {
    const github = new GitHubMock().token().config(forkConfig).permission('drive-by', 'triage').removeLabel('stackguard:synth').createComment(9100);
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('labeled', { fork: true, labels: ['stackguard:synth'], label: 'stackguard:synth', sender: 'drive-by' }));
    await app.queue.onIdle();
    github.assertDone();
    expect(github.lastBody('POST comment on #2').body).toContain("@drive-by, the label `stackguard:synth` lets this fork's code run");
  });

  it('starts a review (with a new check run) when a maintainer applies it', async () => {
    const github = new GitHubMock().token().config(forkConfig, 2).permission('maintainer-mo', 'maintain').createCheckRun(101, HEAD_SHA);
    await mockReview(github, { schedule: false, headTree: shopRepo('head'), baseTree: shopRepo('base'), fork: true, labels: ['stackguard:synth'], config: false, comments: [[]], write: 'create' });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('labeled', { fork: true, labels: ['stackguard:synth'], label: 'stackguard:synth', sender: 'maintainer-mo' }));
    await app.queue.onIdle();
    github.assertDone();
    expect(github.lastBody('PATCH check-run 101').conclusion).toBe('action_required');
  });

  it('removes the label when the fork pushes new commits, so the new code waits for approval', async () => {
    const github = new GitHubMock().token().config(forkConfig, 2).removeLabel('stackguard:synth');
    await mockReview(github, { headTree: null, fork: true, config: false, comments: [[]], write: 'none' });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('synchronize', { fork: true, labels: ['stackguard:synth'] }));
    await app.queue.onIdle();
    github.assertDone();
    expect(github.lastBody('PATCH check-run 101').output.summary).toContain('apply the label `stackguard:synth`');
  });
});
