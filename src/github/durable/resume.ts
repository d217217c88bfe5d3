/**
 * Resumes recorded reviews that no live process works on: at start (what was queued or running when the App
 * stopped or died) and then on an interval (with Redis: the work of a process that died, once its lease expired).
 * A check run already concluded only loses its record. A review that has already been started `maxStarts` times
 * is not started again (it may be what kills the App): its check run fails with a message saying so and how to
 * re-run it. A resume that fails on the way (GitHub unreachable) is released and tried again on the next sweep;
 * one whose installation or repository is gone is dropped.
 */

import type { WorkQueue } from '../queue.js';
import { concludeWithout } from '../review/review-job.js';
import { ReviewFailure } from '../review/progress.js';
import { durableWork, type DurableServices } from './durable-work.js';
import { reviewKey, type AcceptedReview } from './work-store.js';

export interface ResumeOptions {
  queue: WorkQueue;
  services: DurableServices;
  maxStarts: number;
}

/** One sweep over the store; returns how many reviews it queued again or concluded. */
export async function resumeUnclaimed(options: ResumeOptions): Promise<number> {
  const { store, log } = options.services;
  let handled = 0;
  for (const review of await store.list()) {
    const key = reviewKey(review);
    if (!(await store.claim(key, review.check.id))) continue;
    try {
      await resumeOne(review, options);
      handled++;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 410) {
        // The installation or the repository is gone: no check run is left to conclude.
        log.warn({ err: error, key, checkRunId: review.check.id }, 'recorded review dropped: its repository is no longer reachable');
        await store.remove(key, review.check.id);
      } else {
        log.warn({ err: error, key, checkRunId: review.check.id }, 'could not resume a recorded review; trying again later');
        await store.release(key, review.check.id);
      }
    }
  }
  return handled;
}

async function resumeOne(review: AcceptedReview, options: ResumeOptions): Promise<void> {
  const { store } = options.services;
  const key = reviewKey(review);
  const log = options.services.log.child({ repo: `${review.target.repo.owner}/${review.target.repo.repo}`, pr: review.target.pullNumber, sha: review.target.headSha, checkRunId: review.check.id });
  const services = { ...options.services, log };
  const octokit = await services.auth(review.target.installationId);
  const check = await octokit.rest.checks.get({ ...review.target.repo, check_run_id: review.check.id }).catch((error: { status?: number }) => {
    if (error.status === 404) return undefined;
    throw error;
  });
  if (!check || check.data.status === 'completed') {
    log.info('recorded review already concluded (or its check run is gone)');
    return store.remove(key, review.check.id);
  }
  if (review.starts >= options.maxStarts) {
    const failure = new ReviewFailure(
      'resume',
      `The stackguard App stopped ${review.starts} times while reviewing this commit (a restart, a crash, or the App running out of memory), ` +
        'so it did not try again. Click "Re-run" on this check, or push a new commit, to review it again.',
    );
    await concludeWithout(review.target, review.check, failure, services);
    log.warn({ starts: review.starts }, 'recorded review concluded as failed: started too many times');
    return store.remove(key, review.check.id);
  }
  log.info({ starts: review.starts }, 'resuming a recorded review');
  options.queue.enqueue(durableWork(review, services));
}
