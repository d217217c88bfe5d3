/**
 * The App in actions mode (`synth.mode: actions`): the repository's workflow synthesizes and uploads the
 * `stackguard synth` output; the App downloads it through the Actions API, checks it and reviews it, running no
 * repository code. Every way it can go wrong fails the check with a message that says what to do.
 */

import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS_CONFIG, ActionsMock, synthArtifact, WORKFLOW, workflowRun, workflowRunPayload } from './helpers/actions.js';
import { deliver, testApp } from './helpers/app.js';
import { removeTempDirs } from './helpers/files.js';
import { readSettings } from '../../src/github/settings.js';
import { GitHubMock } from './helpers/github-mock.js';
import { BASE_SHA, HEAD_SHA, OWNER, pullRequestPayload, REPO } from './helpers/payloads.js';

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});

const BASE_RUN = workflowRun({ id: 7000, headSha: BASE_SHA, event: 'push' });

/** The calls of a workflow_run delivery up to the review: config (handler and job), the waiting check run, the pull request. */
function workflowRunStart(options: { fork?: boolean } = {}): { github: GitHubMock; actions: ActionsMock } {
  const github = new GitHubMock().token().config(ACTIONS_CONFIG, 2).checkRuns(HEAD_SHA, [{ id: 101, status: 'queued' }]).updateCheckRun(101, HEAD_SHA, 2);
  github.pull({ head: HEAD_SHA, base: BASE_SHA, fork: options.fork });
  return { github, actions: new ActionsMock(github) };
}

/** Delivers a completed workflow run to a fresh App, waits for its review, and returns the check run's last update. */
async function deliverRun(github: GitHubMock, payload: object) {
  const app = await testApp();
  await deliver(app, 'workflow_run', payload);
  await app.queue.onIdle();
  github.assertDone();
  return conclusion(github);
}

async function conclusion(github: GitHubMock) {
  return github.lastBody('PATCH check-run 101') as { status: string; conclusion: string; external_id?: string; output: { title: string; summary: string } };
}

describe('actions mode', () => {
  it('leaves the check queued on a pull request until the synth workflow has run', async () => {
    const github = new GitHubMock().token().checkRuns(HEAD_SHA, []).createCheckRun(101, HEAD_SHA).updateCheckRun(101, HEAD_SHA, 2).config(ACTIONS_CONFIG).pull({ head: HEAD_SHA, base: BASE_SHA });
    new ActionsMock(github).runsAt(HEAD_SHA, []);
    const app = await testApp();

    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();

    github.assertDone();
    const last = await conclusion(github);
    expect(last).toMatchObject({ status: 'queued', output: { title: 'Waiting for the synth workflow' } });
    expect(last.output.summary).toContain(`\`${WORKFLOW}\``);
    expect(github.calls.map((c) => c.call)).not.toContain('POST comment on #2');
  });

  it('reviews the head artifact against the base commit\'s push-run artifact when the workflow completes', async () => {
    const { github, actions } = workflowRunStart();
    actions.artifact(7001, await synthArtifact('head', HEAD_SHA)).runsAt(BASE_SHA, [BASE_RUN], 'success').artifact(7000, await synthArtifact('base', BASE_SHA)).pullFiles([{ filename: 'infra/lib/data-stack.ts' }]);
    github.pull({ head: HEAD_SHA, base: BASE_SHA }).comments([[]]).createComment(9001);
    const last = await deliverRun(github, workflowRunPayload());
    expect(last).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(last.output.summary).toContain(`base branch master, workflow run 7000 at ${BASE_SHA.slice(0, 7)}`);
    expect((github.lastBody('POST comment on #2') as { body: string }).body).toContain('OrdersQueue');
  });

  it('reuses the waiting check run of the pull request when the workflow completes', async () => {
    const github = new GitHubMock().token().checkRuns(HEAD_SHA, []).createCheckRun(101, HEAD_SHA).updateCheckRun(101, HEAD_SHA, 4).config(ACTIONS_CONFIG, 3).pull({ head: HEAD_SHA, base: BASE_SHA }, 3);
    const actions = new ActionsMock(github).runsAt(HEAD_SHA, []);
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    expect(await conclusion(github)).toMatchObject({ status: 'queued' });

    github.checkRuns(HEAD_SHA, [{ id: 101, status: 'queued' }]);
    actions.artifact(7001, await synthArtifact('head', HEAD_SHA)).runsAt(BASE_SHA, [BASE_RUN], 'success').artifact(7000, await synthArtifact('base', BASE_SHA)).pullFiles([]);
    github.comments([[]]).createComment(9001);
    await deliver(app, 'workflow_run', workflowRunPayload());
    await app.queue.onIdle();

    github.assertDone();
    expect(github.calls.filter((c) => c.call.startsWith('POST check-run'))).toHaveLength(1);
    expect(await conclusion(github)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
  });

  it('fails with what to do when the base commit has no artifact', async () => {
    const { github, actions } = workflowRunStart();
    actions.artifact(7001, await synthArtifact('head', HEAD_SHA)).runsAt(BASE_SHA, [workflowRun({ id: 7002, headSha: BASE_SHA, event: 'pull_request' })], 'success');
    github.pull({ head: HEAD_SHA, base: BASE_SHA }).comments([[]]);
    const last = await deliverRun(github, workflowRunPayload());
    expect(last).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed: baseline' } });
    expect(last.output.summary).toContain(`No successful push run of \`${WORKFLOW}\` exists for the base commit f95f852`);
    expect(last.output.summary).toContain('then re-run this check');
  });

  it('fails with a link to the run when the synth workflow failed, without downloading anything', async () => {
    const { github } = workflowRunStart();
    github.pull({ head: HEAD_SHA, base: BASE_SHA }).comments([[]]);
    const last = await deliverRun(github, workflowRunPayload({ conclusion: 'failure' }));
    expect(last).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed: workflow' } });
    expect(last.output.summary).toContain(`https://github.com/${OWNER}/${REPO}/actions/runs/7001`);
  });

  it('keeps waiting, saying so, when a fork\'s run waits for a maintainer\'s approval', async () => {
    const { github } = workflowRunStart();
    const last = await deliverRun(github, workflowRunPayload({ conclusion: 'action_required' }));
    expect(last).toMatchObject({ status: 'queued', output: { title: 'Waiting for the synth workflow to be approved' } });
  });

  it.each([
    ['an expired artifact (410)', async (a: ActionsMock) => a.artifact(7001, 410), 'has expired'],
    ['an artifact over the download limit', async (a: ActionsMock) => a.artifact(7001, 0, { size: 30 * 1024 * 1024 }), 'more than the App\'s limit of 20 MB'],
    ['a manifest of another commit', async (a: ActionsMock) => a.artifact(7001, await synthArtifact('head', BASE_SHA)), `says it was synthesized at ${BASE_SHA}`],
    ['a zip with ../ in a path', async (a: ActionsMock) => a.artifact(7001, await dotDotZip()), 'The synth artifact was refused: invalid relative path: ../x.json'],
    ['a zip with a link', async (a: ActionsMock) => a.artifact(7001, await synthArtifact('head', HEAD_SHA, (zip) => zip.addBuffer(Buffer.from('/etc/passwd'), 'infra/x.json', { mode: 0o120777 }))), 'is a link or special file'],
    ['a template changed after synth', async (a: ActionsMock) => a.artifact(7001, await synthArtifact('head', HEAD_SHA, (zip) => zip.addBuffer(Buffer.from('{}'), 'infra/Extra.template.json'))), 'The synth output was refused: infra/Extra.template.json is not listed'],
  ])('fails on %s', async (_name, mock, message) => {
    const { github, actions } = workflowRunStart();
    await mock(actions);
    github.pull({ head: HEAD_SHA, base: BASE_SHA }).comments([[]]);
    const last = await deliverRun(github, workflowRunPayload());
    expect(last.conclusion).toBe('failure');
    expect(last.output.title).toMatch(/^Review failed: (download artifact|read synth output)$/);
    expect(last.output.summary).toContain(message);
  });

  it('finds a fork\'s pull request, which its run does not list, by commit and then by branch', async () => {
    const { github, actions } = workflowRunStart({ fork: true });
    github.api.get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`).query(true).reply(200, []);
    github.api.get(`/repos/${OWNER}/${REPO}/pulls`).query({ state: 'open', head: 'mallory:feature', per_page: '100' }).reply(200, [{ number: 2, head: { sha: HEAD_SHA } }]);
    actions.artifact(7001, await synthArtifact('head', HEAD_SHA)).runsAt(BASE_SHA, [BASE_RUN], 'success').artifact(7000, await synthArtifact('base', BASE_SHA)).pullFiles([]);
    github.pull({ head: HEAD_SHA, base: BASE_SHA, fork: true }).comments([[]]).createComment(9001);
    expect(await deliverRun(github, workflowRunPayload({ fork: true }))).toMatchObject({ status: 'completed', conclusion: 'action_required' });
  });

  it('does not pass a pull request that edits the synth workflow until it is acknowledged, even when nothing else blocks', async () => {
    const { github, actions } = workflowRunStart();
    actions.artifact(7001, await synthArtifact('base', HEAD_SHA)).runsAt(BASE_SHA, [BASE_RUN], 'success').artifact(7000, await synthArtifact('base', BASE_SHA)).pullFiles([{ filename: WORKFLOW, sha: 'c'.repeat(40) }]);
    github.pull({ head: HEAD_SHA, base: BASE_SHA }).comments([[]]);
    const last = await deliverRun(github, workflowRunPayload());
    expect(last.conclusion).toBe('action_required');
    expect(last.external_id).toMatch(/^[0-9a-f]{16}$/);
    expect(last.output.summary).toContain(`This pull request changes \`${WORKFLOW}\``);
  });

  it('is the App-wide default with STACKGUARD_SYNTH_MODE=actions for a repository whose config does not say', async () => {
    expect(readSettings({ STACKGUARD_SYNTH_MODE: 'actions' }).synthMode).toBe('actions');
    expect(readSettings({}).synthMode).toBe('app');
    expect(() => readSettings({ STACKGUARD_SYNTH_MODE: 'runner' })).toThrow('STACKGUARD_SYNTH_MODE must be one of app, actions; got "runner".');

    const github = new GitHubMock().token().checkRuns(HEAD_SHA, []).createCheckRun(101, HEAD_SHA).updateCheckRun(101, HEAD_SHA, 2).config(null).pull({ head: HEAD_SHA, base: BASE_SHA });
    new ActionsMock(github).runsAt(HEAD_SHA, []);
    const app = await testApp({ settings: { synthMode: 'actions' } });
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();

    github.assertDone();
    expect(await conclusion(github)).toMatchObject({ status: 'queued', output: { title: 'Waiting for the synth workflow' } });
  });

  it('ignores runs of other workflows and repositories not in actions mode', async () => {
    const github = new GitHubMock().token().config(ACTIONS_CONFIG).config(null);
    const app = await testApp();

    await deliver(app, 'workflow_run', workflowRunPayload({ path: '.github/workflows/test.yml' }));
    await deliver(app, 'workflow_run', workflowRunPayload());
    await app.queue.onIdle();

    github.assertDone();
    expect(github.calls).toEqual([]);
  });
});

/** A synth artifact with one more entry named `../x.json` (yazl refuses to write such a name, so it is patched in). */
async function dotDotZip(): Promise<Buffer> {
  const zip = await synthArtifact('head', HEAD_SHA, (z) => z.addBuffer(Buffer.from('{}'), 'zz/x.json'));
  return Buffer.from(zip.toString('latin1').split('zz/x.json').join('../x.json'), 'latin1');
}
