/**
 * The stackguard GitHub App: a Probot application function and the queue its reviews run in.
 *
 * Handlers answer the webhook as soon as the check run exists and the review is queued; the review runs in the
 * queue (src/github/queue.ts). A delivery seen before (same `X-GitHub-Delivery`) is ignored. Every handler
 * error is logged with the delivery id and rethrown to Probot, which answers GitHub with an error status.
 */

import type { ApplicationFunction, Context, Probot } from 'probot';
import type { Logger } from 'pino';
import { BaseSideCache } from './baseline/base-side-cache.js';
import type { AwsSource } from './baseline/choose-baseline.js';
import { SeenDeliveries } from './deliveries.js';
import type { Octokit } from './github-types.js';
import { onComment, onRequestedAction } from './handlers/acknowledge-events.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { onRerun, RERUN_EVENTS } from './handlers/rerun.js';
import { ReviewScheduler } from './handlers/scheduler.js';
import { onWorkflowRun, WORKFLOW_RUN_EVENTS } from './handlers/workflow-run.js';
import type { HandlerServices } from './handlers/services.js';
import { LockfileInstaller, type DependencyInstaller } from './install/installer.js';
import { KeyedLock } from './keyed-lock.js';
import { WorkQueue } from './queue.js';
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
}

export interface StackguardApp {
  app: ApplicationFunction;
  queue: WorkQueue;
}

export function createStackguardApp(options: StackguardAppOptions): StackguardApp {
  const settings = options.settings ?? readSettings();
  const now = options.now ?? (() => new Date());
  let log: Logger | undefined;
  const queue = new WorkQueue({
    concurrency: settings.concurrency,
    perGroup: settings.perRepositoryConcurrency,
    log: { error: (details, message) => log?.error(details, message) },
  });

  const app: ApplicationFunction = (probot: Probot) => {
    log = probot.log.child({ name: 'stackguard' });
    const lock = new KeyedLock();
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
    };
    const services: HandlerServices = {
      scheduler: new ReviewScheduler(queue, lock, options.appId, jobServices),
      appId: options.appId,
      stateKey: options.stateKey,
      lock,
      now,
    };
    const deliveries = new SeenDeliveries();
    const once = <C extends Pick<Context, 'id' | 'name' | 'log'>>(handler: (context: C) => Promise<void>) =>
      async (context: C): Promise<void> => {
        if (!deliveries.firstTime(context.id)) {
          context.log.info({ deliveryId: context.id, event: context.name }, 'redelivered webhook ignored');
          return;
        }
        try {
          await handler(context);
        } catch (error) {
          deliveries.forget(context.id);
          context.log.error({ err: error, deliveryId: context.id, event: context.name }, 'webhook handler failed');
          throw error;
        }
      };

    probot.on([...PULL_REQUEST_EVENTS], once(onPullRequest(services)));
    probot.on([...RERUN_EVENTS], once(onRerun(services)));
    probot.on('check_run.requested_action', once(onRequestedAction(services)));
    probot.on('issue_comment.created', once(onComment(services)));
    probot.on([...WORKFLOW_RUN_EVENTS], once(onWorkflowRun(services, settings)));
    for (const note of options.startupNotes ?? []) log[note.level](note.message);
    log.info({ concurrency: settings.concurrency, perRepository: settings.perRepositoryConcurrency }, 'stackguard is listening');
  };
  return { app, queue };
}
