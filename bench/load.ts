/**
 * The App under load (issue 9): 200 pull requests across 20 repositories, their webhooks delivered round-robin to
 * two App processes sharing one Redis, against a fake GitHub. Every pull request must end with one check run (the
 * shop example's verdict: action_required) and one comment; the harness fails otherwise. Writes bench/out/load.json.
 *
 *   node --import tsx bench/load.ts [--mode actions|app] [--repos 20] [--pulls-per-repo 10]
 *
 * actions (the default): each repository's config says `synth.mode: actions`. `pull_request.opened` for every pull
 * request first (the check is created queued, waiting for the workflow); once all wait, `workflow_run.completed`
 * for each head commit, whose run's artifact (`stackguard synth` of the shop app, bench/load/artifacts.ts) the fake
 * serves, with the base commit's push run and artifact. Measured: `workflow_run` delivery → completed check.
 * app: the App synthesizes on its own host: `pull_request.opened` only, measured from it to the completed check.
 * The "CDK app" copies the shop example's committed assembly (test/github/helpers/repos.ts), so the figures are the
 * App's own cost, not aws-cdk-lib's synth time.
 */

import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startAppProcess, type AppProcess } from '../test/e2e/app-process.js';
import { FakeGitHub } from '../test/e2e/fake-github.js';
import { startRedisServer } from '../test/e2e/redis-server.js';
import { sendWebhook } from '../test/e2e/webhooks.js';
import { workflowRun, workflowRunPayload } from '../test/github/helpers/actions.js';
import { githubTarball, removeTempDirs } from '../test/github/helpers/files.js';
import { pullRequestPayload } from '../test/github/helpers/payloads.js';
import { shopRepo } from '../test/github/helpers/repos.js';
import { artifactZip, synthSide } from './load/artifacts.js';
import { startFront, type ActionsRuns } from './load/front.js';
import { assertResults, latencies, percentiles, waitForChecks, type Pull } from './load/results.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_ID = 6060;
const SECRET = 'bench-load-secret';
const OWNER = 'bench';
const DELIVERING = 8;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string', default: 'actions' }, repos: { type: 'string', default: '20' }, 'pulls-per-repo': { type: 'string', default: '10' } } });
  if (values.mode !== 'actions' && values.mode !== 'app') throw new Error(`--mode must be actions or app; got "${values.mode}"`);
  const actionsMode = values.mode === 'actions';
  const repoCount = Number(values.repos);
  const perRepo = Number(values['pulls-per-repo']);
  const root = path.join(os.tmpdir(), `stackguard-load-${process.pid}`);
  mkdirSync(root, { recursive: true });
  chmodSync(root, 0o777); // the App drops to another user when started as root

  const shopConfig = readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8');
  const config = actionsMode ? shopConfig.replace(/^synth:\n/m, 'synth:\n  mode: actions\n') : shopConfig;
  const [headTarball, baseTarball] = actionsMode ? [] : await Promise.all([githubTarball(shopRepo('head')), githubTarball(shopRepo('base'))]);
  const [headOutput, baseOutput] = actionsMode ? await Promise.all([synthSide('head'), synthSide('base')]) : [];
  const actions: ActionsRuns = { runs: new Map(), published: new Set() };
  const pulls: Pull[] = [];
  const fakes = new Map<string, FakeGitHub>();
  const bySha = new Map<string, FakeGitHub>();
  let runId = 7000;
  const addRun = async (repo: string, sha: string, event: string, pullNumber?: number) => {
    const run = workflowRun({ id: runId++, headSha: sha, event });
    Object.assign(run, { html_url: `https://github.com/${OWNER}/${repo}/actions/runs/${run.id}`, head_repository: { ...run.head_repository, full_name: `${OWNER}/${repo}` } });
    if (pullNumber) run.pull_requests[0].number = pullNumber;
    actions.runs.set(sha, { repo, run, zip: await artifactZip(event === 'push' ? baseOutput! : headOutput!, sha) });
  };
  for (let r = 0; r < repoCount; r++) {
    const repo = `infra-${String(r).padStart(2, '0')}`;
    const base = `ba${hex(r, 4)}`.padEnd(40, 'a');
    const repoPulls: Record<number, { head: string; base: string; baseRef: string }> = {};
    const tarballs: Record<string, Buffer> = actionsMode ? {} : { [base]: baseTarball! };
    if (actionsMode) await addRun(repo, base, 'push');
    actions.published.add(base); // the default branch's push run finished long ago
    for (let n = 1; n <= perRepo; n++) {
      const head = `de${hex(r, 4)}${hex(n, 4)}`.padEnd(40, 'e');
      repoPulls[n] = { head, base, baseRef: 'main' };
      if (actionsMode) await addRun(repo, head, 'pull_request', n);
      else tarballs[head] = headTarball!;
      pulls.push({ repo, number: n, head, base, answerMs: [] });
    }
    const fake = new FakeGitHub({ owner: OWNER, repo, defaultBranch: 'main', config, tarballs, pulls: repoPulls }, APP_ID);
    await fake.start();
    fakes.set(repo, fake);
    for (const sha of Object.keys(tarballs)) bySha.set(sha, fake);
  }
  const front = await startFront(fakes, bySha, actionsMode ? actions : undefined);
  const redis = await startRedisServer();
  const apps: AppProcess[] = [];
  try {
    for (const name of ['one', 'two']) {
      const env = { REDIS_URL: redis.url, STACKGUARD_CONCURRENCY: '2', STACKGUARD_CONCURRENCY_PER_REPO: '1', STACKGUARD_WORK_DIR: path.join(root, name, 'work'), STACKGUARD_CACHE_DIR: path.join(root, name, 'cache') };
      apps.push(await startAppProcess({ appId: APP_ID, secret: SECRET, githubHost: front.host, env }));
    }
    // A burst, as when a bot opens pull requests everywhere: up to DELIVERING webhooks in flight, round-robin.
    const burst = async (event: string, payloadOf: (pull: Pull) => Payload, before: (pull: Pull) => void = () => undefined) => {
      let next = 0;
      const deliverNext = async (): Promise<void> => {
        for (let index = next++; index < pulls.length; index = next++) {
          const pull = pulls[index] as Pull;
          const app = apps[index % apps.length] as AppProcess;
          const payload = payloadOf(pull);
          payload.repository = { ...payload.repository, name: pull.repo, full_name: `${OWNER}/${pull.repo}`, owner: { ...payload.repository.owner, login: OWNER }, default_branch: 'main' };
          before(pull);
          const answer = await sendWebhook(app.url, SECRET, event, payload, `load-${event}-${pull.repo}-${pull.number}`);
          pull.answerMs.push(answer.ms);
          if (answer.status !== 200) throw new Error(`${event} delivery of ${pull.repo}#${pull.number} answered ${answer.status}:\n${app.output()}`);
        }
      };
      await Promise.all(Array.from({ length: DELIVERING }, deliverNext));
    };
    const opened = (pull: Pull) => pullRequestPayload('opened', { number: pull.number, headSha: pull.head, baseSha: pull.base });
    const stamp = (pull: Pull) => void (pull.deliveredAt = Date.now());
    let waitingSeconds: number | undefined;
    if (actionsMode) {
      const openedAt = performance.now();
      await burst('pull_request', opened);
      await waitForChecks(pulls, fakes, apps, (run) => run.status === 'queued' && run.output?.title === 'Waiting for the synth workflow', 'waiting for the workflow');
      waitingSeconds = +((performance.now() - openedAt) / 1000).toFixed(1);
    }
    const started = performance.now();
    if (actionsMode) await burst('workflow_run', (pull) => ({ ...workflowRunPayload(), workflow_run: actions.runs.get(pull.head)?.run }), (pull) => (stamp(pull), actions.published.add(pull.head)));
    else await burst('pull_request', opened, stamp);
    const deliveredMs = performance.now() - started;
    const loadDuringDelivery = os.loadavg().map((load) => +load.toFixed(1));
    const completed = await waitForChecks(pulls, fakes, apps, (run) => run.status === 'completed', 'completed');
    const totalMs = performance.now() - started;
    assertResults(pulls, fakes);
    const answers = (i: number) => percentiles(pulls.map((pull) => pull.answerMs[i] ?? NaN));
    const result = {
      mode: values.mode,
      measuredFrom: actionsMode ? 'workflow_run delivery' : 'pull_request delivery',
      pulls: pulls.length,
      webhooksInFlight: DELIVERING,
      repositories: repoCount,
      processes: apps.length,
      concurrencyPerProcess: 2,
      ...(actionsMode ? { allWaitingForWorkflowAfterSeconds: waitingSeconds, pullRequestWebhookAnswerSeconds: answers(0) } : {}),
      deliveredInSeconds: +(deliveredMs / 1000).toFixed(1),
      totalSeconds: +(totalMs / 1000).toFixed(1),
      reviewsPerMinute: +((pulls.length / totalMs) * 60_000).toFixed(1),
      deliveryToCompletedCheckSeconds: percentiles(latencies(pulls, completed)),
      webhookAnswerSeconds: answers(actionsMode ? 1 : 0),
      loadAverageDuringDelivery: loadDuringDelivery,
      machine: { cpus: os.cpus().length, node: process.version, loadAverageAtEnd: os.loadavg().map((load) => +load.toFixed(1)) },
    };
    mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
    await writeFile(path.join(ROOT, `bench/out/load${actionsMode ? '' : '-app'}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(apps.map((app) => app.exited));
    await redis.stop();
    await Promise.all([...fakes.values()].map((fake) => fake.stop()));
    await new Promise((resolve) => front.server.close(resolve));
    rmSync(root, { recursive: true, force: true });
    await removeTempDirs();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
