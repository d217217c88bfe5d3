/**
 * The stackguard GitHub App: a Probot application function and the queue its reviews run in.
 *
 * Handlers answer the webhook as soon as the check run exists and the review is recorded and queued; the review
 * runs in the queue (src/github/queue.ts). Recorded reviews that no process works on are resumed at start and then
 * on an interval (src/github/durable/). A delivery seen before (same `X-GitHub-Delivery`) is ignored. Every
 * handler error is logged with the delivery id and rethrown to Probot, which answers GitHub with an error status.
 * With Redis, deliveries, locks and the record of work are shared, so several processes act as one.
 */

import type { ApplicationFunction, Context, Probot } from 'probot';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { BaseSideCache } from './baseline/base-side-cache.js';
import type { AwsSource } from './baseline/choose-baseline.js';
import { SeenDeliveries } from './deliveries.js';
import { resumeUnclaimed } from './durable/resume.js';
import { readinessHandler } from './durable/readiness.js';
import { SharedDeliveries, SharedLock } from './durable/shared-coordination.js';
import { MemoryWorkStore, type WorkStore } from './durable/work-store.js';
import type { Octokit } from './github-types.js';
import { onComment, onRequestedAction } from './handlers/acknowledge-events.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { onRerun, RERUN_EVENTS } from './handlers/rerun.js';
import { ReviewScheduler } from './handlers/scheduler.js';
import { onWorkflowRun, WORKFLOW_RUN_EVENTS } from './handlers/workflow-run.js';
import type { HandlerServices } from './handlers/services.js';
import { LockfileInstaller, type DependencyInstaller } from './install/installer.js';
import { KeyedLock } from './keyed-lock.js';
import { ProcessStopping, WorkQueue } from './queue.js';
import { readSettings, type AppSettings } from './settings.js';

export interface StackguardAppOptions {
  /** The App's id: its check runs are told apart from other apps' by it. */
  appId: number;
  /** Signs the state kept in the PR comment (see publish/review-state.ts). */
  stateKey: string;
  settings?: AppSettings;
  installer?: DependencyInstaller;
  /** AWS access (src/aws/): the deployed baseline and Security Hub findings. */
  aws?: AwsSource;
  now?: () => Date;
  /** Logged when the App loads (how it was started, what protects its secrets). */
  startupNotes?: Array<{ level: 'info' | 'warn'; message: string }>;
  /** The record of accepted reviews (durable/); kept in memory when not given. */
  store?: WorkStore;
  /** Redis shared by several App processes: deliveries and locks then hold across them. */
  redis?: Redis;
  /** How often recorded reviews that no process works on are looked for (they always are at start). */
  resumeIntervalMs?: number;
}

export interface StackguardApp {
  app: ApplicationFunction;
  queue: WorkQueue;
  /**
   * Graceful stop: readiness turns false, no new review starts, running ones get `graceMs` to finish; the rest
   * stay recorded for the next start (or another process).
   */
  stop(graceMs: number): Promise<void>;
}

/** Reviews started this many times without concluding are failed instead of started again. */
const MAX_STARTS = 3;

export function createStackguardApp(options: StackguardAppOptions): StackguardApp {
  const settings = options.settings ?? readSettings();
  const now = options.now ?? (() => new Date());
  let log: Logger | undefined;
  const store = options.store ?? new MemoryWorkStore();
  let stopping = false;
  let sweeper: NodeJS.Timeout | undefined;
  const queue = new WorkQueue({
    concurrency: settings.concurrency,
    perGroup: settings.perRepositoryConcurrency,
    log: { error: (details, message) => log?.error(details, message) },
  });

  const app: ApplicationFunction = (probot: Probot, { addHandler }) => {
    const appLog = probot.log.child({ name: 'stackguard' });
    log = appLog;
    const lock = options.redis ? new SharedLock(options.redis) : new KeyedLock();
    const jobServices = {
      settings,
      installer: options.installer ?? new LockfileInstaller({ cacheDir: settings.cacheDir }),
      baseCache: new BaseSideCache(),
      aws: options.aws,
      now,
      auth: async (installationId: number) => (await probot.auth(installationId)) as unknown as Octokit,
      stateKey: options.stateKey,
      lock,
      log,
      store,
      stopping: () => stopping,
    };
    const services: HandlerServices = {
      scheduler: new ReviewScheduler(queue, lock, options.appId, jobServices),
      appId: options.appId,
      stateKey: options.stateKey,
      lock,
      now,
    };
    const deliveries = options.redis ? new SharedDeliveries(options.redis) : new SeenDeliveries();
    const once = <C extends Pick<Context, 'id' | 'name' | 'log'>>(handler: (context: C) => Promise<void>) =>
      async (context: C): Promise<void> => {
        if (!(await deliveries.firstTime(context.id))) {
          context.log.info({ deliveryId: context.id, event: context.name }, 'redelivered webhook ignored');
          return;
        }
        try {
          await handler(context);
        } catch (error) {
          await deliveries.forget(context.id);
          context.log.error({ err: error, deliveryId: context.id, event: context.name }, 'webhook handler failed');
          throw error;
        }
      };

    probot.on([...PULL_REQUEST_EVENTS], once(onPullRequest(services)));
    probot.on([...RERUN_EVENTS], once(onRerun(services)));
    probot.on('check_run.requested_action', once(onRequestedAction(services)));
    probot.on('issue_comment.created', once(onComment(services)));
    probot.on([...WORKFLOW_RUN_EVENTS], once(onWorkflowRun(services, settings)));
    store.onSuperseded((key, byTag) => queue.supersede(key, byTag));
    const readiness = readinessHandler({
      isStopping: () => stopping,
      probe: async () => {
        await store.ping();
        await ((await probot.auth()) as unknown as Octokit).rest.apps.getAuthenticated();
      },
    });
    try {
      addHandler(readiness);
    } catch {
      // Loaded into a Probot without an HTTP server (`probot.load` in tests): there is nothing to answer on.
    }
    const sweep = () =>
      void resumeUnclaimed({ queue, services: jobServices, maxStarts: MAX_STARTS }).catch((error: unknown) => appLog.warn({ err: error }, 'looking for recorded reviews failed'));
    sweep();
    sweeper = setInterval(sweep, options.resumeIntervalMs ?? 60_000);
    sweeper.unref();
    for (const note of options.startupNotes ?? []) appLog[note.level](note.message);
    appLog.info({ concurrency: settings.concurrency, perRepository: settings.perRepositoryConcurrency }, 'stackguard is listening');
  };

  const stop = async (graceMs: number): Promise<void> => {
    stopping = true;
    clearInterval(sweeper);
    queue.pause();
    // Queued reviews are released at once: with Redis another process takes them while these finish.
    queue.dropPending(new ProcessStopping());
    log?.info({ graceMs, queue: queue.size }, 'stopping: running reviews may finish, the rest are kept for the next start');
    await Promise.race([queue.onIdle(), delay(graceMs)]);
    // Aborted reviews stop their synths and leave their check runs in progress, recorded for the next start.
    queue.stopAll(new ProcessStopping());
    await Promise.race([queue.onIdle(), delay(10_000)]);
    await store.close();
  };
  return { app, queue, stop };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
