/**
 * End to end: the App as a Probot server on 127.0.0.1, a fake GitHub (test/e2e/fake-github.ts) that serves the
 * shop example at two commits (examples/shop/base and examples/shop/head as the PR's base and head), a signed
 * pull_request webhook, and then everything the App does up to the concluded check run, with a real sandboxed
 * synth of both commits and the base-branch baseline. Then a maintainer clicks "Acknowledge".
 *
 * One stand-in: the example apps have no package.json (aws-cdk-lib and tsx come from this repository's
 * node_modules), so instead of `npm ci` the installer links this repository's node_modules into the extracted
 * tree. The real lockfile installer is tested on its own (test/github/installer.test.ts).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStackguardApp, type StackguardApp } from '../../src/github/app.js';
import type { DependencyInstaller } from '../../src/github/install/installer.js';
import { githubTarball, removeTempDirs, tempDir, type Tree } from '../github/helpers/files.js';
import { checkRunPayload, pullRequestPayload } from '../github/helpers/payloads.js';
import { testPrivateKey } from '../github/helpers/app.js';
import { FakeGitHub } from './fake-github.js';
import { eventually, freePort, sendWebhook } from './webhooks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_ID = 5150;
const SECRET = 'e2e-webhook-secret';
const BASE = '1111111111111111111111111111111111111111';
const HEAD = '2222222222222222222222222222222222222222';

/** Stands in for `npm ci`: the example apps resolve aws-cdk-lib and tsx from this repository's node_modules. */
const linkRepositoryNodeModules: DependencyInstaller = {
  async install(request) {
    await symlink(path.join(ROOT, 'node_modules'), path.join(request.root, 'node_modules'), 'dir');
    return [];
  },
};

function exampleTree(side: 'base' | 'head'): Tree {
  const tree: Tree = { 'README.md': '# shop infrastructure\n' };
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else tree[`${prefix}${name}`] = readFileSync(full);
    }
  };
  walk(path.join(ROOT, 'examples/shop', side), 'infra/');
  return tree;
}

describe('the App, end to end', () => {
  let github: FakeGitHub;
  let server: Server;
  let app: StackguardApp;
  let appUrl: string;

  beforeAll(async () => {
    github = new FakeGitHub(
      {
        owner: 'Codertocat',
        repo: 'Hello-World',
        defaultBranch: 'master',
        config: readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8'),
        tarballs: { [BASE]: await githubTarball(exampleTree('base')), [HEAD]: await githubTarball(exampleTree('head')) },
        pulls: { 2: { head: HEAD, base: BASE, baseRef: 'master' } },
        roles: { 'maintainer-mo': 'maintain' },
      },
      APP_ID,
    );
    const host = await github.start();
    const work = await tempDir('stackguard-e2e-');
    app = createStackguardApp({
      appId: APP_ID,
      stateKey: SECRET,
      installer: linkRepositoryNodeModules,
      settings: {
        concurrency: 2,
        perRepositoryConcurrency: 1,
        workDir: path.join(work, 'work'),
        cacheDir: path.join(work, 'cache'),
        maxDownloadBytes: 50 * 1024 * 1024,
        maxExtractedBytes: 200 * 1024 * 1024,
        maxEntries: 10_000,
      },
    });
    const port = await freePort();
    server = new Server({
      host: '127.0.0.1',
      port,
      log: pino({ level: 'warn' }),
      Probot: Probot.defaults({
        appId: APP_ID,
        privateKey: testPrivateKey(),
        secret: SECRET,
        baseUrl: `http://${host}/api/v3`,
        log: pino({ level: 'warn' }),
        Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false } })),
      }),
    });
    await server.load(app.app);
    await server.start();
    appUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server?.stop();
    await github?.stop();
    await removeTempDirs();
  });

  it('reviews a pull request from the webhook to the concluded check run, and an acknowledgement turns it green', async () => {
    // WHEN GitHub delivers pull_request.opened for the shop PR
    const delivered = await sendWebhook(appUrl, SECRET, 'pull_request', pullRequestPayload('opened', { headSha: HEAD, baseSha: BASE }), 'e2e-opened');
    // THEN the webhook is answered well within GitHub's ten seconds, before the review is done
    expect(delivered.status).toBe(200);
    expect(delivered.ms).toBeLessThan(5_000);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]?.status).not.toBe('completed');

    // AND the review concludes: the PR's blocking changes need an acknowledgement
    const run = await eventually(() => github.checkRuns.find((r) => r.status === 'completed'), 50_000, 'the check run to complete');
    expect(run).toMatchObject({ head_sha: HEAD, conclusion: 'action_required', actions: [{ identifier: 'acknowledge' }] });
    expect(run.output.title).toMatch(/^Blocked: 3 changes need a decision/);
    expect(run.output.summary).toContain('Baseline: base branch master at 1111111 (base-branch).');
    expect(run.output.text).toContain('OrdersQueue');
    const annotated = run.output.annotations.map((a: { path: string; annotation_level: string }) => `${a.annotation_level} ${a.path}`);
    expect(annotated).toEqual(expect.arrayContaining(['failure infra/lib/data-stack.ts', 'failure infra/lib/network-stack.ts']));
    expect(github.comments).toHaveLength(1);
    const comment = github.comments[0]?.body as string;
    expect(comment).toContain('<!-- stackguard:review -->');
    expect(comment).toContain('(base-branch)');
    expect(comment).toContain('ImportJobLogs');
    // The App read the config from the default branch and downloaded both commits through the tarball endpoint.
    const paths = github.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining([
      'GET /api/v3/repos/Codertocat/Hello-World/contents/.github%2Fstackguard.yml?ref=master',
      `GET /api/v3/repos/Codertocat/Hello-World/tarball/${HEAD}`,
      `GET /api/v3/repos/Codertocat/Hello-World/tarball/${BASE}`,
    ]));

    // WHEN a maintainer clicks Acknowledge
    const ack = checkRunPayload('requested_action', { id: run.id, headSha: HEAD, externalId: run.external_id, appId: APP_ID, sender: 'maintainer-mo' });
    expect((await sendWebhook(appUrl, SECRET, 'check_run', ack, 'e2e-ack')).status).toBe(200);
    // THEN the check passes and the comment records who acknowledged which blocking changes
    await eventually(() => (github.checkRuns[0]?.conclusion === 'success' ? true : undefined), 10_000, 'the acknowledged check');
    expect(github.checkRuns[0]?.output.title).toMatch(/^Acknowledged: Blocked/);
    expect(github.comments[0]?.body).toContain(`✅ **Acknowledged** by @maintainer-mo, who has maintain permission`);
    expect(github.comments[0]?.body).toContain(`fingerprint \`${run.external_id}\``);
    await app.queue.onIdle();
  }, 60_000);
});
