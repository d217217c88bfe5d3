/**
 * Accepted work, kept in the work store until its check run is concluded. The review itself is the queue's work
 * (review/review-job.ts); this wraps it so that the record is forgotten only once the review published, and kept
 * (released for a later start or another process) when the App stops before that or the publish failed.
 */

import type { Logger } from 'pino';
import { ProcessStopping, type QueuedWork, type WorkQueue } from '../queue.js';
import { reviewWork, type JobServices } from '../review/review-job.js';
import { reviewKey, type AcceptedReview, type WorkStore } from './work-store.js';

export interface DurableServices extends JobServices {
  store: WorkStore;
}

/** Records the review, claims it for this process and queues it (unless another process's sweep claimed it first). */
export async function acceptReview(review: AcceptedReview, queue: WorkQueue, services: DurableServices): Promise<void> {
  await services.store.save(review);
  if (await services.store.claim(reviewKey(review), review.check.id)) queue.enqueue(durableWork(review, services));
}

/** The queue's work for a recorded review this process has claimed. */
export function durableWork(review: AcceptedReview, services: DurableServices): QueuedWork {
  const { store } = services;
  const key = reviewKey(review);
  const checkId = review.check.id;
  const work = reviewWork(review.target, review.check, services);
  const keep = (log: Logger, why: string) => {
    log.info({ checkRunId: checkId }, why);
    return store.release(key, checkId);
  };
  return {
    ...work,
    run: async (signal) => {
      await store.countStart(key, checkId);
      try {
        await work.run(signal);
      } catch (error) {
        if (error instanceof ProcessStopping) return keep(services.log, 'the App stopped during the review; kept for its next start');
        await keep(services.log, 'the review failed before it concluded its check run; kept to be retried');
        throw error;
      }
      await store.remove(key, checkId);
    },
    dropped: async (reason) => {
      if (reason instanceof ProcessStopping) return keep(services.log, 'the App stopped before the review started; kept for its next start');
      await work.dropped?.(reason);
      await store.remove(key, checkId);
    },
  };
}
