/**
 * One queued review: from the check run created by the webhook handler to the published outcome. Whatever
 * happens in between (an invalid config, a failed install or synth, a timeout, an unexpected error) ends in a
 * concluded check run: a review that cannot be made fails, it never passes and never stays "in progress".
 */

import type { Logger } from 'pino';
import type { StackguardConfig } from '../../config/index.js';
import type { Octokit } from '../github-types.js';
import { repoName } from '../github-types.js';
import type { KeyedLock } from '../keyed-lock.js';
import { loadRepositoryConfig } from '../config-source.js';
import type { ReviewOutcome } from '../outcome.js';
import { logThrough } from '../handlers/services.js';
import { startCheckRun, waitCheckRun } from '../publish/check-runs.js';
import { publishOutcome } from '../publish/publish.js';
import { ProcessStopping, SupersededError, type QueuedWork } from '../queue.js';
import { stopProcessesUnder } from '../workspace/stop-processes.js';
import { synthModeOf } from '../settings.js';
import { Workspace } from '../workspace/workspace.js';
import { makeActionsReview, type WaitingForWorkflow } from './actions-review.js';
import { makeReview, type ReviewServices } from './make-review.js';
import { ReviewFailure, ReviewProgress } from './progress.js';
import { fetchPull, pullKey, type ReviewTarget } from './target.js';

export interface JobServices extends ReviewServices {
  auth: (installationId: number) => Promise<Octokit>;
  stateKey: string;
  lock: KeyedLock;
  log: Logger;
  /** True once the App is stopping: a review that fails then may have failed because of it (durable/). */
  stopping?: () => boolean;
}

export interface ScheduledCheck {
  id: number;
  htmlUrl: string | null;
}

export function reviewWork(target: ReviewTarget, check: ScheduledCheck, services: JobServices): QueuedWork {
  const log = jobLogger(services.log, target);
  return {
    key: pullKey(target.repo, target.pullNumber),
    group: repoName(target.repo),
    tag: target.headSha,
    run: (signal) => runReview(target, check, { ...services, log }, signal),
    dropped: async (reason) => {
      log.info({ reason: reason.message }, 'dropped before it started');
      await concludeWithout(target, check, reason, { ...services, log });
    },
  };
}

/** Concludes the check run without a review: superseded, or failed with the error's step and message. */
export async function concludeWithout(target: ReviewTarget, check: ScheduledCheck, reason: Error, services: JobServices): Promise<void> {
  const octokit = await services.auth(target.installationId);
  logThrough(octokit, services.log);
  await publish(octokit, target, check, outcomeOf(reason, services.settings.workDir), undefined, services);
}

/** Every line a review logs carries the delivery, repository, pull request and SHA. */
function jobLogger(log: Logger, target: ReviewTarget): Logger {
  return log.child({ deliveryId: target.deliveryId, repo: repoName(target.repo), pr: target.pullNumber, sha: target.headSha });
}

async function runReview(target: ReviewTarget, check: ScheduledCheck, services: JobServices, signal: AbortSignal): Promise<void> {
  const { log } = services;
  const started = Date.now();
  log.info('review started');
  const octokit = await services.auth(target.installationId);
  logThrough(octokit, log);
  const progress = new ReviewProgress(signal);
  let config: StackguardConfig | undefined;
  let outcome: ReviewOutcome | WaitingForWorkflow;
  let workspace: Workspace | undefined;
  const onAbort = () => workspace && stopProcessesUnder(workspace.dir);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    progress.enter('start');
    await startCheckRun(octokit, target.repo, check.id, services.now());
    workspace = await Workspace.create(services.settings.workDir, `${target.repo.repo}-${target.pullNumber}`);
    progress.enter('config');
    config = await loadRepositoryConfig(octokit, target.repo, target.defaultBranch);
    progress.enter('pull request');
    const pull = await fetchPull(octokit, target.repo, target.pullNumber);
    const request = { octokit, repo: target.repo, pull, config, workspace, progress };
    const actionsMode = synthModeOf(config, services.settings) === 'actions';
    outcome = !pull.open
      ? { kind: 'closed' }
      : pull.headSha !== target.headSha
        ? { kind: 'superseded', byTag: pull.headSha }
        : actionsMode
          ? await makeActionsReview(request, services, target.workflowRun)
          : await makeReview(request, services);
  } catch (error) {
    outcome = outcomeOf(progress.failure(error), workspace?.dir ?? services.settings.workDir);
    if (outcome.kind === 'failed') log.warn({ step: outcome.step, err: error }, 'review failed');
  } finally {
    signal.removeEventListener('abort', onAbort);
    await workspace?.dispose();
  }
  // The App is stopping: the check run stays in progress and the next start resumes the review (durable/).
  // A review that failed while the App stops is kept too: the failure may come from the stop itself (a step cut
  // short when the grace period ended), and the next start makes the review again and concludes it either way.
  if (signal.reason instanceof ProcessStopping || (outcome.kind === 'failed' && services.stopping?.())) throw new ProcessStopping();
  if (outcome.kind === 'waiting') {
    await waitCheckRun(octokit, target.repo, check.id, outcome);
    return log.info('waiting for the synth workflow');
  }
  const result = await publish(octokit, target, check, outcome, config, services);
  log.info({ conclusion: result.conclusion, outcome: outcome.kind, ms: Date.now() - started }, 'review published');
}

function publish(octokit: Octokit, target: ReviewTarget, check: ScheduledCheck, outcome: ReviewOutcome, config: StackguardConfig | undefined, services: JobServices) {
  return publishOutcome(
    { octokit, target, checkRunId: check.id, checkRunUrl: check.htmlUrl ?? undefined, outcome, config },
    { stateKey: services.stateKey, now: services.now, lock: services.lock, log: services.log, htmlBase: `${htmlBase(octokit)}/${target.repo.owner}/${target.repo.repo}` },
  );
}

function outcomeOf(error: Error, workDir: string): ReviewOutcome {
  if (error instanceof SupersededError) return { kind: 'superseded', byTag: error.byTag };
  const failure = error instanceof ReviewFailure ? error : new ReviewFailure('review', error.message);
  // The App's folders mean nothing to the reader and say more than needed about the machine.
  const redact = (text: string) =>
    [`${workDir}/head/`, `${workDir}/base/`, `${workDir}/`].reduce((out, prefix) => out.split(prefix).join(''), text).split(workDir).join('<workspace>');
  return { kind: 'failed', step: failure.step, message: redact(failure.message), ...(failure.details ? { details: redact(failure.details) } : {}) };
}

/** github.com for api.github.com; the Enterprise host for `https://host/api/v3`. */
function htmlBase(octokit: Octokit): string {
  const api = String(octokit.request.endpoint.DEFAULTS.baseUrl);
  return api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3\/?$/, '');
}
