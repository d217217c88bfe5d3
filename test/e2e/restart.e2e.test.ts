/**
 * Reviews survive the App's death and its graceful stop. The App runs as a child process (app-process.ts) against
 * the fake GitHub; the pull request's CDK app (test/fixtures/github/gated-copy.mjs) waits, mid-synth, for a file
 * the test creates, so the test kills or stops the App while the synth runs, without guessing at timings.
 */

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubTarball } from '../github/helpers/files.js';
import { pullRequestPayload } from '../github/helpers/payloads.js';
import { shopRepo } from '../github/helpers/repos.js';
import { startAppProcess, type AppProcess } from './app-process.js';
import { FakeGitHub } from './fake-github.js';
import { eventually, sendWebhook } from './webhooks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_ID = 5252;
const SECRET = 'restart-e2e-secret';
const GATED = readFileSync(path.join(ROOT, 'test/fixtures/github/gated-copy.mjs'), 'utf8');
/** One pull request per test, each with its own commits and its own gate. */
const CASES = { killed: 11, graceful: 12, inSynth: 13, outOfGrace: 14 } as const;
const sha = (pull: number, side: 'base' | 'head') => String(pull).padStart(2, '0').repeat(20).replace(/^../, side === 'base' ? 'ba' : 'de');

describe('reviews survive a restart and a graceful stop', () => {
  let github: FakeGitHub;
  let host: string;
  let root: string;
  const apps: AppProcess[] = [];

  const gateOf = (pull: number) => path.join(root, `gate-${pull}`);
  const started = (pull: number) => readdirSync(gateOf(pull)).filter((name) => name.startsWith('started-'));
  const runsOf = (pull: number) => github.checkRuns.filter((run) => run.head_sha === sha(pull, 'head'));
  const commentsOf = (pull: number) => github.comments.filter((comment) => comment.issue === pull);
  const records = () => (existsSync(path.join(root, 'state/reviews')) ? readdirSync(path.join(root, 'state/reviews')) : []);

  async function gatedTree(pull: number, side: 'base' | 'head'): Promise<Buffer> {
    const tree = shopRepo(side);
    return githubTarball({ ...tree, 'infra/cdk.json': { app: 'node gated-copy.mjs' }, 'infra/gated-copy.mjs': GATED, 'infra/gate.json': { gate: gateOf(pull) } });
  }

  async function start(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startAppProcess({
      appId: APP_ID,
      secret: SECRET,
      githubHost: host,
      env: { STACKGUARD_WORK_DIR: path.join(root, 'work'), STACKGUARD_CACHE_DIR: path.join(root, 'cache'), STACKGUARD_STATE_DIR: path.join(root, 'state'), ...env },
    });
    apps.push(app);
    return app;
  }

  /** Delivers the pull request once and waits until its synths run (blocked at the gate). */
  async function deliverAndWaitForSynth(app: AppProcess, pull: number): Promise<void> {
    const payload = pullRequestPayload('opened', { number: pull, headSha: sha(pull, 'head'), baseSha: sha(pull, 'base') });
    expect((await sendWebhook(app.url, SECRET, 'pull_request', payload, `restart-e2e-${pull}`)).status, app.output()).toBe(200);
    await eventually(() => (started(pull).length >= 2 ? true : undefined), 60_000, `the synths of #${pull} to start:\n${app.output()}`);
  }

  /** Delivers the pull request once and waits until the App downloads its head, which the fake GitHub holds. */
  async function deliverAndHoldDownload(app: AppProcess, pull: number): Promise<() => void> {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let downloading = false;
    github.beforeAnswer = (_method, url) => {
      if (!url.endsWith(`/tarball/${sha(pull, 'head')}`)) return;
      downloading = true;
      return held;
    };
    const payload = pullRequestPayload('opened', { number: pull, headSha: sha(pull, 'head'), baseSha: sha(pull, 'base') });
    expect((await sendWebhook(app.url, SECRET, 'pull_request', payload, `restart-e2e-${pull}`)).status, app.output()).toBe(200);
    await eventually(() => (downloading ? true : undefined), 60_000, `the download:\n${app.output()}`);
    return () => {
      github.beforeAnswer = () => undefined;
      release();
    };
  }

  /** The restarted App synthesizes again (new synth processes), concludes the one check run, comments once. */
  async function expectResumedAndConcluded(app: AppProcess, pull: number, synthsBefore: string[]): Promise<void> {
    const fresh = () => started(pull).filter((name) => !synthsBefore.includes(name));
    await eventually(() => (fresh().length >= 2 ? true : undefined), 60_000, `the resumed synths:\n${app.output()}`);
    writeFileSync(path.join(gateOf(pull), 'open'), '');
    const run = await eventually(() => runsOf(pull).find((r) => r.status === 'completed'), 60_000, `the check run to complete:\n${app.output()}`);
    expect(runsOf(pull)).toHaveLength(1);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run.output.title).toMatch(/^Blocked: 3 changes need a decision/);
    await eventually(() => (commentsOf(pull).length > 0 ? true : undefined), 10_000, 'the comment');
    expect(commentsOf(pull)).toHaveLength(1);
    expect(commentsOf(pull)[0]?.body).toContain('OrdersQueue');
    await eventually(() => (records().length === 0 ? true : undefined), 10_000, `the record to be removed: ${records().join(', ')}`);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  }

  beforeAll(async () => {
    root = path.join(os.tmpdir(), `stackguard-restart-e2e-${process.pid}`);
    const pulls: Record<number, { head: string; base: string; baseRef: string }> = {};
    const tarballs: Record<string, Buffer> = {};
    for (const pull of Object.values(CASES)) {
      // The synth runs as another user when the test runs as root: it must see and write the gate.
      // The App writes its state, work and cache folders under the root as that user too.
      mkdirSync(gateOf(pull), { recursive: true });
      chmodSync(root, 0o777);
      chmodSync(gateOf(pull), 0o777);
      pulls[pull] = { head: sha(pull, 'head'), base: sha(pull, 'base'), baseRef: 'master' };
      tarballs[sha(pull, 'head')] = await gatedTree(pull, 'head');
      tarballs[sha(pull, 'base')] = await gatedTree(pull, 'base');
    }
    const config = readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8');
    github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'master', config, tarballs, pulls }, APP_ID);
    host = await github.start();
  }, 60_000);

  afterAll(async () => {
    // Synths of a killed App outlive it; opening every gate lets them finish and exit on their own.
    for (const pull of Object.values(CASES)) if (existsSync(gateOf(pull))) writeFileSync(path.join(gateOf(pull), 'open'), '');
    for (const app of apps) app.child.kill('SIGKILL');
    await Promise.all(apps.map((app) => app.exited));
    await github?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('finishes a review interrupted by SIGKILL after the App starts again, with no new webhook', async () => {
    const pull = CASES.killed;
    // GIVEN an App reviewing a pull request, its synths running
    const first = await start();
    await deliverAndWaitForSynth(first, pull);
    const before = started(pull);
    // WHEN the App is killed (an OOM kill, a node drain) and started again, and no webhook arrives
    first.child.kill('SIGKILL');
    await first.exited;
    expect(runsOf(pull).map((run) => run.status)).toEqual(['in_progress']);
    const second = await start();
    // THEN the new process synthesizes the commit again on its own, concludes the same check run with the
    // review's verdict, writes one comment, and forgets the finished work
    await expectResumedAndConcluded(second, pull, before);
  }, 180_000);

  it('on SIGTERM turns unready, lets a running review finish within the grace period, then exits', async () => {
    const pull = CASES.graceful;
    writeFileSync(path.join(gateOf(pull), 'open'), '');
    const app = await start({ STACKGUARD_STOP_GRACE_SECONDS: '120' });
    expect((await fetch(`${app.url}/ready`)).status).toBe(200);
    // GIVEN a review in the middle of downloading the pull request (the fake GitHub holds the download)
    const release = await deliverAndHoldDownload(app, pull);
    // WHEN the App is asked to stop
    app.child.kill('SIGTERM');
    // THEN a load balancer sees it unready at once, while the liveness check still answers
    const ready = await waitForStatus(`${app.url}/ready`, 503).catch((error: Error) => {
      throw new Error(`${error.message}\n${app.output()}`);
    });
    expect(await ready.text()).toBe('stopping');
    expect((await fetch(`${app.url}/ping`)).status).toBe(200);
    // AND the running review finishes and is published before the App exits
    release();
    expect(await app.exited).toBe(0);
    expect(runsOf(pull)).toMatchObject([{ status: 'completed', conclusion: 'action_required' }]);
    expect(commentsOf(pull)).toHaveLength(1);
    expect(records()).toEqual([]);
  }, 180_000);

  it('on SIGTERM lets a review in its synth finish within the grace period, then exits', async () => {
    const pull = CASES.inSynth;
    const app = await start({ STACKGUARD_STOP_GRACE_SECONDS: '120' });
    await deliverAndWaitForSynth(app, pull);
    // WHEN the App is asked to stop while the synth runs
    app.child.kill('SIGTERM');
    await waitForStatus(`${app.url}/ready`, 503).catch((error: Error) => {
      throw new Error(`${error.message}\n${app.output()}`);
    });
    // THEN the synth is not stopped: once it can go on, the review concludes and is published before the exit
    writeFileSync(path.join(gateOf(pull), 'open'), '');
    expect(await app.exited).toBe(0);
    expect(runsOf(pull)).toMatchObject([{ status: 'completed', conclusion: 'action_required' }]);
    expect(commentsOf(pull)).toHaveLength(1);
    expect(records()).toEqual([]);
  }, 180_000);

  it('when the grace period ends, stops the reviews still running and leaves them for the next start', async () => {
    const pull = CASES.outOfGrace;
    writeFileSync(path.join(gateOf(pull), 'open'), '');
    const app = await start({ STACKGUARD_STOP_GRACE_SECONDS: '0' });
    // GIVEN a review in the middle of downloading the pull request (the fake GitHub holds the download)
    const release = await deliverAndHoldDownload(app, pull);
    // WHEN the App is stopped with no grace period
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    // THEN the check stays in progress and the review stays recorded
    expect(runsOf(pull)).toMatchObject([{ status: 'in_progress' }]);
    expect(records()).toHaveLength(1);
    // AND the next start finishes it
    release();
    const next = await start();
    await eventually(() => runsOf(pull).find((r) => r.status === 'completed'), 60_000, `the check run to complete:\n${next.output()}`);
    expect(runsOf(pull)).toMatchObject([{ conclusion: 'action_required' }]);
    expect(commentsOf(pull)).toHaveLength(1);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 180_000);
});

/** Polls `url` until it answers `status` (the App handles the signal asynchronously). */
async function waitForStatus(url: string, status: number): Promise<Response> {
  for (let tries = 0; ; tries++) {
    const response = await fetch(url);
    if (response.status === status) return response;
    await response.text();
    if (tries > 200) throw new Error(`${url} never answered ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
