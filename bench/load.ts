/**
 * The App under load (issue 9): 200 pull requests across 20 repositories, their `pull_request.opened` webhooks
 * delivered round-robin to two App processes sharing one Redis, against a fake GitHub. Every pull request must end
 * with one check run (the shop example's verdict: action_required) and one comment; the harness fails otherwise.
 * Reports throughput and the p50/p95 time from delivery to the completed check run, and writes
 * bench/out/load.json.
 *
 *   node --import tsx bench/load.ts [--repos 20] [--pulls-per-repo 10]
 *
 * The "CDK app" copies the shop example's committed assembly (test/github/helpers/repos.ts), so the figures are the
 * App's own cost (webhooks, GitHub calls, download, extraction, sandboxed synth process, diff, publish), not
 * aws-cdk-lib's synth time.
 */

import { createServer, request, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startAppProcess, type AppProcess } from '../test/e2e/app-process.js';
import { FakeGitHub } from '../test/e2e/fake-github.js';
import { startRedisServer } from '../test/e2e/redis-server.js';
import { sendWebhook } from '../test/e2e/webhooks.js';
import { githubTarball } from '../test/github/helpers/files.js';
import { pullRequestPayload } from '../test/github/helpers/payloads.js';
import { shopRepo } from '../test/github/helpers/repos.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_ID = 6060;
const SECRET = 'bench-load-secret';
const OWNER = 'bench';
const DELIVERING = 8;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

interface Pull {
  repo: string;
  number: number;
  head: string;
  base: string;
  deliveredAt?: number;
  answerMs?: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repos: { type: 'string', default: '20' }, 'pulls-per-repo': { type: 'string', default: '10' } } });
  const repoCount = Number(values.repos);
  const perRepo = Number(values['pulls-per-repo']);
  const root = path.join(os.tmpdir(), `stackguard-load-${process.pid}`);
  mkdirSync(root, { recursive: true });
  chmodSync(root, 0o777); // the App drops to another user when started as root

  const config = readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8');
  const [headTarball, baseTarball] = await Promise.all([githubTarball(shopRepo('head')), githubTarball(shopRepo('base'))]);
  const pulls: Pull[] = [];
  const fakes = new Map<string, FakeGitHub>();
  const bySha = new Map<string, FakeGitHub>();
  for (let r = 0; r < repoCount; r++) {
    const repo = `infra-${String(r).padStart(2, '0')}`;
    const base = `ba${hex(r, 4)}`.padEnd(40, 'a');
    const repoPulls: Record<number, { head: string; base: string; baseRef: string }> = {};
    const tarballs: Record<string, Buffer> = { [base]: baseTarball };
    for (let n = 1; n <= perRepo; n++) {
      const head = `de${hex(r, 4)}${hex(n, 4)}`.padEnd(40, 'e');
      repoPulls[n] = { head, base, baseRef: 'main' };
      tarballs[head] = headTarball;
      pulls.push({ repo, number: n, head, base });
    }
    const fake = new FakeGitHub({ owner: OWNER, repo, defaultBranch: 'main', config, tarballs, pulls: repoPulls }, APP_ID);
    await fake.start();
    fakes.set(repo, fake);
    for (const sha of Object.keys(tarballs)) bySha.set(sha, fake);
  }
  const front = await startFront(fakes, bySha);
  const redis = await startRedisServer();
  const apps: AppProcess[] = [];
  try {
    for (const name of ['one', 'two']) {
      apps.push(
        await startAppProcess({
          appId: APP_ID,
          secret: SECRET,
          githubHost: front.host,
          env: {
            REDIS_URL: redis.url,
            STACKGUARD_CONCURRENCY: '2',
            STACKGUARD_CONCURRENCY_PER_REPO: '1',
            STACKGUARD_WORK_DIR: path.join(root, name, 'work'),
            STACKGUARD_CACHE_DIR: path.join(root, name, 'cache'),
          },
        }),
      );
    }
    const started = performance.now();
    // A burst, as when a bot opens pull requests everywhere: up to DELIVERING webhooks in flight, round-robin.
    let next = 0;
    const deliverNext = async (): Promise<void> => {
      for (let index = next++; index < pulls.length; index = next++) {
        const pull = pulls[index] as Pull;
        const app = apps[index % apps.length] as AppProcess;
        const payload = pullRequestPayload('opened', { number: pull.number, headSha: pull.head, baseSha: pull.base });
        payload.repository = { ...payload.repository, name: pull.repo, full_name: `${OWNER}/${pull.repo}`, owner: { ...payload.repository.owner, login: OWNER } };
        pull.deliveredAt = Date.now();
        const answer = await sendWebhook(app.url, SECRET, 'pull_request', payload, `load-${pull.repo}-${pull.number}`);
        pull.answerMs = answer.ms;
        if (answer.status !== 200) throw new Error(`delivery of ${pull.repo}#${pull.number} answered ${answer.status}:\n${app.output()}`);
      }
    };
    await Promise.all(Array.from({ length: DELIVERING }, deliverNext));
    const deliveredMs = performance.now() - started;
    const loadBefore = os.loadavg().map((load) => +load.toFixed(1));
    const latencies = await waitForAll(pulls, fakes, apps);
    const totalMs = performance.now() - started;
    check(pulls, fakes);
    const seconds = (values: number[], p: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return +((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) / 1000).toFixed(2);
    };
    const answers = pulls.map((pull) => pull.answerMs ?? NaN);
    const result = {
      pulls: pulls.length,
      webhooksInFlight: DELIVERING,
      repositories: repoCount,
      processes: apps.length,
      concurrencyPerProcess: 2,
      deliveredInSeconds: +(deliveredMs / 1000).toFixed(1),
      totalSeconds: +(totalMs / 1000).toFixed(1),
      reviewsPerMinute: +((pulls.length / totalMs) * 60_000).toFixed(1),
      deliveryToCompletedCheckSeconds: { p50: seconds(latencies, 50), p95: seconds(latencies, 95), max: seconds(latencies, 100) },
      webhookAnswerSeconds: { p50: seconds(answers, 50), p95: seconds(answers, 95), max: seconds(answers, 100) },
      loadAverageDuringDelivery: loadBefore,
      machine: { cpus: os.cpus().length, node: process.version, loadAverageAtEnd: os.loadavg().map((load) => +load.toFixed(1)) },
    };
    await writeFile(path.join(ROOT, 'bench/out/load.json'), `${JSON.stringify(result, null, 2)}\n`).catch(async () => {
      mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
      await writeFile(path.join(ROOT, 'bench/out/load.json'), `${JSON.stringify(result, null, 2)}\n`);
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(apps.map((app) => app.exited));
    await redis.stop();
    await Promise.all([...fakes.values()].map((fake) => fake.stop()));
    await new Promise((resolve) => front.server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  }
}

/** One address for the twenty fakes, as GitHub has one API: routes by repository, archives by SHA. */
async function startFront(fakes: Map<string, FakeGitHub>, bySha: Map<string, FakeGitHub>): Promise<{ server: Server; host: string }> {
  const first = [...fakes.values()][0] as FakeGitHub;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const repo = /^\/api\/v3\/repos\/[^/]+\/([^/]+)/.exec(url)?.[1];
    const sha = /\/codeload\/([0-9a-f]+)/.exec(url)?.[1];
    const target = (repo && fakes.get(repo)) || (sha && bySha.get(sha)) || first;
    const forward = request({ host: '127.0.0.1', port: portOf(target), method: req.method, path: url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function portOf(fake: FakeGitHub): number {
  return ((fake as unknown as { server: Server }).server.address() as AddressInfo).port;
}

async function waitForAll(pulls: Pull[], fakes: Map<string, FakeGitHub>, apps: AppProcess[]): Promise<number[]> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const done = pulls.map((pull) => fakes.get(pull.repo)?.checkRuns.find((run) => run.head_sha === pull.head && run.status === 'completed'));
    if (done.every(Boolean)) return done.map((run, index) => Date.parse(String(run?.completed_at)) - (pulls[index]?.deliveredAt ?? 0));
    if (Date.now() > deadline) throw new Error(`${done.filter(Boolean).length} of ${pulls.length} checks completed in 30 minutes:\n${apps.map((app) => app.output().slice(-3000)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every pull request: one check run with the shop example's verdict, and one comment. */
function check(pulls: Pull[], fakes: Map<string, FakeGitHub>): void {
  const problems: string[] = [];
  for (const pull of pulls) {
    const fake = fakes.get(pull.repo) as FakeGitHub;
    const runs = fake.checkRuns.filter((run) => run.head_sha === pull.head);
    const comments = fake.comments.filter((comment) => comment.issue === pull.number);
    if (runs.length !== 1 || runs[0]?.conclusion !== 'action_required') problems.push(`${pull.repo}#${pull.number}: ${runs.length} check runs, ${runs.map((run) => run.conclusion).join(', ')}`);
    if (comments.length !== 1) problems.push(`${pull.repo}#${pull.number}: ${comments.length} comments`);
  }
  if (problems.length > 0) throw new Error(`wrong results:\n${problems.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
