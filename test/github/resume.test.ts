/**
 * What the App does at start with the reviews it recorded (src/github/durable/resume.ts), against the fake GitHub:
 * an unfinished review is made and concluded, a concluded one is only forgotten, and one that has already been
 * started too often (it may be what kills the App) is failed with a message saying what happened and how to re-run.
 */

import path from 'node:path';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { createStackguardApp } from '../../src/github/app.js';
import { FileWorkStore } from '../../src/github/durable/file-store.js';
import type { AcceptedReview } from '../../src/github/durable/work-store.js';
import { FakeGitHub } from '../e2e/fake-github.js';
import { eventually } from '../e2e/webhooks.js';
import { githubTarball, removeTempDirs, tempDir } from './helpers/files.js';
import { shopRepo } from './helpers/repos.js';
import { testPrivateKey } from './helpers/app.js';

const APP_ID = 5454;
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
let github: FakeGitHub | undefined;

afterEach(async () => {
  await github?.stop();
  await removeTempDirs();
});

async function startWith(records: (checkId: number) => AcceptedReview[], checkStatus: string) {
  github = new FakeGitHub(
    { owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'master', tarballs: { [BASE]: await githubTarball(shopRepo('base')), [HEAD]: await githubTarball(shopRepo('head')) }, pulls: { 2: { head: HEAD, base: BASE, baseRef: 'master' } } },
    APP_ID,
  );
  const host = await github.start();
  // GIVEN the check run a review created before the App stopped, and the record of that review
  const run = { id: 77, name: 'stackguard', head_sha: HEAD, status: checkStatus, conclusion: checkStatus === 'completed' ? 'success' : null, app: { id: APP_ID }, output: { title: 'Reviewing', annotations: [] } };
  github.checkRuns.push(run);
  const root = await tempDir('stackguard-resume-');
  const store = new FileWorkStore(path.join(root, 'state'), 'resume-state-key', { warn: () => undefined });
  for (const record of records(run.id)) await store.save(record);
  // WHEN the App starts
  const app = createStackguardApp({
    appId: APP_ID,
    stateKey: 'resume-state-key',
    store,
    settings: { concurrency: 1, perRepositoryConcurrency: 1, workDir: path.join(root, 'work'), cacheDir: path.join(root, 'cache'), maxDownloadBytes: 2e7, maxExtractedBytes: 5e7, maxEntries: 10_000 },
  });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey(),
    baseUrl: `http://${host}/api/v3`,
    log: pino({ level: 'silent' }),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(app.app);
  return { app, store, run, github };
}

function recorded(checkId: number, starts: number): AcceptedReview {
  return {
    target: { deliveryId: 'before-restart', installationId: 1, repo: { owner: 'Codertocat', repo: 'Hello-World' }, defaultBranch: 'master', pullNumber: 2, headSha: HEAD },
    check: { id: checkId, htmlUrl: null },
    acceptedAt: '2026-03-02T10:00:00.000Z',
    starts,
  };
}

describe('recorded reviews at start', () => {
  it('makes an unfinished review and concludes its check run, with no webhook', async () => {
    const { app, store, run, github: fake } = await startWith((id) => [recorded(id, 1)], 'in_progress');
    await eventually(() => (run.status === 'completed' ? true : undefined), 60_000, 'the resumed review');
    await app.queue.onIdle();
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.comments).toHaveLength(1);
    expect(await store.list()).toEqual([]);
  }, 60_000);

  it('forgets a review whose check run was concluded before the App stopped', async () => {
    const { app, store, run, github: fake } = await startWith((id) => [recorded(id, 1)], 'completed');
    await waitUntil(async () => (await store.list()).length === 0);
    await app.queue.onIdle();
    expect(run).toMatchObject({ conclusion: 'success' });
    expect(fake.requests.filter((request) => request.method !== 'GET' && !request.path.includes('access_tokens'))).toEqual([]);
  });

  it('fails a review started too often, saying what happened and how to run it again', async () => {
    const { app, store, run, github: fake } = await startWith((id) => [recorded(id, 3)], 'in_progress');
    await eventually(() => (run.status === 'completed' ? true : undefined), 30_000, 'the concluded check run');
    await app.queue.onIdle();
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(JSON.stringify(run.output)).toContain('stopped 3 times while reviewing this commit');
    expect(JSON.stringify(run.output)).toContain('Re-run');
    expect(fake.requests.some((request) => request.path.includes('/tarball/'))).toBe(false);
    expect(await store.list()).toEqual([]);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never held');
}
