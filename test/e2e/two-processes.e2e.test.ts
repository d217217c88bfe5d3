/**
 * Two App instances sharing one real Redis (redis-server.ts) behave as one App: webhooks are delivered to them
 * round-robin, including a duplicate delivery, a second event for a commit already being reviewed, a newer push
 * while the older commit's synth runs on the other instance, and an acknowledgement. For each head SHA there is
 * exactly one check run and, for each pull request, one comment. Each instance is its own Probot with its own
 * Redis connection, queue and in-process locks, as two processes would have; only Redis and GitHub are shared.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStackguardApp, type StackguardApp } from '../../src/github/app.js';
import { RedisWorkStore } from '../../src/github/durable/redis-store.js';
import { githubTarball } from '../github/helpers/files.js';
import { issueCommentPayload, pullRequestPayload } from '../github/helpers/payloads.js';
import { shopRepo } from '../github/helpers/repos.js';
import { testPrivateKey } from '../github/helpers/app.js';
import { FakeGitHub } from './fake-github.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { eventually } from './webhooks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_ID = 5353;
const GATED = readFileSync(path.join(ROOT, 'test/fixtures/github/gated-copy.mjs'), 'utf8');
const PUSHED = 21;
const OTHERS = [22, 23, 24, 25, 26];
const sha = (pull: number, version: 'base' | 'head' | 'push') => `${{ base: 'ba', head: 'de', push: 'fe' }[version]}${String(pull).padStart(2, '0').repeat(19)}`;

interface Instance {
  name: string;
  probot: Probot;
  app: StackguardApp;
  redis: Redis;
}

describe('two App processes sharing Redis', () => {
  let redisServer: RedisServer;
  let github: FakeGitHub;
  let root: string;
  const instances: Instance[] = [];
  let deliveries = 0;

  async function instance(name: string, host: string): Promise<Instance> {
    const redis = new Redis(redisServer.url);
    const log = pino({ level: 'warn' });
    const app = createStackguardApp({
      appId: APP_ID,
      stateKey: 'two-processes-state-key',
      store: new RedisWorkStore(redis, name, 30_000, log),
      redis,
      settings: {
        concurrency: 2,
        perRepositoryConcurrency: 2,
        workDir: path.join(root, name, 'work'),
        cacheDir: path.join(root, name, 'cache'),
        maxDownloadBytes: 20 * 1024 * 1024,
        maxExtractedBytes: 50 * 1024 * 1024,
        maxEntries: 10_000,
      },
    });
    const probot = new Probot({
      appId: APP_ID,
      privateKey: testPrivateKey(),
      baseUrl: `http://${host}/api/v3`,
      log,
      Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    await probot.load(app.app);
    return { name, probot, app, redis };
  }

  /** Delivers to the next instance in turn (or the given one); the same `id` is a redelivery. */
  function deliver(name: string, payload: object, options: { id?: string; to?: Instance } = {}): Promise<void> {
    const to = options.to ?? instances[deliveries % instances.length];
    deliveries++;
    if (!to) throw new Error('no instance');
    return to.probot.receive({ id: options.id ?? `two-${deliveries}`, name, payload } as Parameters<Probot['receive']>[0]);
  }

  const runsAt = (headSha: string) => github.checkRuns.filter((run) => run.head_sha === headSha);
  const commentsOn = (pull: number) => github.comments.filter((comment) => comment.issue === pull);
  const gate = () => path.join(root, 'gate');

  beforeAll(async () => {
    redisServer = await startRedisServer();
    root = path.join(os.tmpdir(), `stackguard-two-e2e-${process.pid}`);
    mkdirSync(gate(), { recursive: true });
    const pulls: Record<number, { head: string; base: string; baseRef: string }> = {};
    const tarballs: Record<string, Buffer> = {};
    for (const pull of [PUSHED, ...OTHERS]) {
      pulls[pull] = { head: sha(pull, 'head'), base: sha(pull, 'base'), baseRef: 'master' };
      tarballs[sha(pull, 'base')] = await githubTarball(shopRepo('base'));
      tarballs[sha(pull, 'head')] = await githubTarball(shopRepo('head'));
    }
    // The pushed pull request's first commit synthesizes only when the test opens the gate (it never does).
    tarballs[sha(PUSHED, 'head')] = await githubTarball({ ...shopRepo('head'), 'infra/cdk.json': { app: 'node gated-copy.mjs' }, 'infra/gated-copy.mjs': GATED, 'infra/gate.json': { gate: gate() } });
    tarballs[sha(PUSHED, 'push')] = await githubTarball(shopRepo('head'));
    const config = readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8');
    github = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'master', config, tarballs, pulls, roles: { 'maintainer-mo': 'maintain' } }, APP_ID);
    const host = await github.start();
    instances.push(await instance('one', host), await instance('two', host));
  }, 60_000);

  afterAll(async () => {
    if (existsSync(gate())) writeFileSync(path.join(gate(), 'open'), '');
    for (const { app, redis } of instances) {
      await app.stop(0);
      redis.disconnect();
    }
    await github?.stop();
    await redisServer?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives each head SHA one check run and each pull request one comment, wherever the deliveries land', async () => {
    // GIVEN a review running on one instance, its synth held at the gate
    const [one, two] = instances as [Instance, Instance];
    await deliver('pull_request', pullRequestPayload('opened', { number: PUSHED, headSha: sha(PUSHED, 'head'), baseSha: sha(PUSHED, 'base') }), { to: one });
    await eventually(() => (readdirSync(gate()).some((name) => name.startsWith('started-')) ? true : undefined), 60_000, 'the held synth to start');

    // WHEN, all at once and spread over both instances: each other pull request is opened, the same delivery is
    // redelivered, and a second event arrives for the same commit; and a newer commit is pushed to the held one
    const pulls = (github as unknown as { repo: { pulls: Record<number, { head: string }> } }).repo.pulls;
    const pushedTo = pulls[PUSHED];
    if (pushedTo) pushedTo.head = sha(PUSHED, 'push');
    await Promise.all([
      ...OTHERS.flatMap((pull) => {
        const opened = pullRequestPayload('opened', { number: pull, headSha: sha(pull, 'head'), baseSha: sha(pull, 'base') });
        const reopened = pullRequestPayload('reopened', { number: pull, headSha: sha(pull, 'head'), baseSha: sha(pull, 'base') });
        return [deliver('pull_request', opened, { id: `opened-${pull}` }), deliver('pull_request', opened, { id: `opened-${pull}` }), deliver('pull_request', reopened)];
      }),
      deliver('pull_request', pullRequestPayload('synchronize', { number: PUSHED, headSha: sha(PUSHED, 'push'), baseSha: sha(PUSHED, 'base') }), { to: two }),
    ]);

    // THEN every commit ends with one concluded check run
    const heads = [...OTHERS.map((pull) => sha(pull, 'head')), sha(PUSHED, 'head'), sha(PUSHED, 'push')];
    await eventually(() => (heads.every((head) => runsAt(head).some((run) => run.status === 'completed')) ? true : undefined), 120_000, 'every check run to complete');
    await Promise.all(instances.map(({ app }) => app.queue.onIdle()));
    for (const head of heads) expect(runsAt(head), head).toHaveLength(1);
    for (const pull of OTHERS) expect(runsAt(sha(pull, 'head'))[0]).toMatchObject({ conclusion: 'action_required' });
    // AND the held review was superseded by the push the other instance took, which was reviewed
    expect(runsAt(sha(PUSHED, 'head'))[0]).toMatchObject({ conclusion: 'cancelled', output: { title: 'Superseded' } });
    expect(runsAt(sha(PUSHED, 'push'))[0]).toMatchObject({ conclusion: 'action_required' });
    // AND each pull request has one comment
    for (const pull of [PUSHED, ...OTHERS]) expect(commentsOn(pull), `comments on #${pull}`).toHaveLength(1);
    // AND no accepted work is left recorded
    expect(await one.redis.hgetall('stackguard:reviews')).toEqual({});

    // WHEN a maintainer acknowledges on one instance, then a late redelivery of the push reaches the other
    const pull = OTHERS[0] ?? 0;
    await deliver('issue_comment', issueCommentPayload('/stackguard acknowledge', { user: 'maintainer-mo', number: pull }), { to: two });
    await deliver('pull_request', pullRequestPayload('opened', { number: pull, headSha: sha(pull, 'head'), baseSha: sha(pull, 'base') }), { id: `opened-${pull}`, to: one });
    // THEN the check passes, and nothing is reviewed or commented twice
    expect(runsAt(sha(pull, 'head'))).toMatchObject([{ conclusion: 'success' }]);
    expect(commentsOn(pull)).toHaveLength(1);
    expect(commentsOn(pull)[0]?.body).toContain('Acknowledged** by @maintainer-mo');
  }, 180_000);
});
