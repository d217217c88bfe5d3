/** What the webhook handlers share, and the logger every handler line goes through. */

import type { Context } from 'probot';
import type { Logger } from 'pino';
import type { RepoRef } from '../github-types.js';
import { repoName } from '../github-types.js';
import type { KeyedLock } from '../keyed-lock.js';
import type { ReviewScheduler } from './scheduler.js';

export interface HandlerServices {
  scheduler: ReviewScheduler;
  appId: number;
  stateKey: string;
  /** Serialises writes to a pull request's comment and check runs (shared with the review jobs). */
  lock: KeyedLock;
  now: () => Date;
}

/**
 * Probot's event logger with the delivery id, repository, pull request and SHA added. The event's Octokit logs
 * its requests through it too, so every line a handler causes carries them.
 */
export function eventLogger(context: Pick<Context, 'id' | 'log' | 'octokit'>, repo: RepoRef, pullNumber?: number, sha?: string): Logger {
  const log = context.log.child({ deliveryId: context.id, repo: repoName(repo), pr: pullNumber, sha });
  logThrough(context.octokit, log);
  return log;
}

/** Makes an Octokit (one per event or job, never shared) log its requests and rate-limit warnings through `log`. */
export function logThrough(octokit: object, log: Logger): void {
  (octokit as { log: unknown }).log = log;
}
