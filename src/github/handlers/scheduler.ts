/**
 * Turns a webhook into recorded, queued work, once per commit. A review of the commit already recorded (by this
 * process or, with Redis, another) is left to run. Otherwise the `stackguard` check run of the head SHA is looked
 * up, so a redelivered webhook, or `opened` and `ready_for_review` for the same commit, finds the run the first one
 * created instead of creating another. A run still queued or in progress that no record covers is picked up again.
 * A re-run someone asked for gets a new run.
 */

import type { Logger } from 'pino';
import type { Octokit } from '../github-types.js';
import { repoName } from '../github-types.js';
import type { KeyedLock } from '../keyed-lock.js';
import { createCheckRun, findCheckRun } from '../publish/check-runs.js';
import type { WorkQueue } from '../queue.js';
import { acceptReview, type DurableServices } from '../durable/durable-work.js';
import { pullKey, type ReviewTarget } from '../review/target.js';

export type ScheduleResult = 'queued' | 'already-queued' | 'already-reviewed';

export interface ScheduleRequest {
  target: ReviewTarget;
  /** Someone asked for a re-run (or approved a fork): a new check run even when the commit has one. */
  fresh: boolean;
  pullHtmlUrl?: string;
}

export class ReviewScheduler {
  constructor(
    private readonly queue: WorkQueue,
    private readonly lock: KeyedLock,
    private readonly appId: number,
    private readonly services: DurableServices,
  ) {}

  async schedule(octokit: Octokit, request: ScheduleRequest, log: Logger): Promise<ScheduleResult> {
    const { target, fresh } = request;
    return this.lock.run(`check:${repoName(target.repo)}@${target.headSha}`, async () => {
      const key = pullKey(target.repo, target.pullNumber);
      if (!fresh && (this.queue.activeTags(key).includes(target.headSha) || (await this.services.store.get(key))?.target.headSha === target.headSha)) {
        log.info('a review of this commit is already queued or running');
        return 'already-queued';
      }
      let check = fresh ? undefined : await findCheckRun(octokit, target.repo, target.headSha, this.appId);
      if (check?.status === 'completed') {
        log.info({ checkRunId: check.id, conclusion: check.conclusion }, 'this commit was already reviewed');
        return 'already-reviewed';
      }
      if (check) log.info({ checkRunId: check.id }, 'resuming the unfinished check run of this commit');
      check ??= await createCheckRun(octokit, target.repo, target.headSha, request.pullHtmlUrl);
      const review = { target, check: { id: check.id, htmlUrl: check.htmlUrl }, acceptedAt: new Date().toISOString(), starts: 0 };
      await acceptReview(review, this.queue, this.services);
      log.info({ checkRunId: check.id, queue: this.queue.size }, 'review queued');
      return 'queued';
    });
  }

  /**
   * Actions mode: the synth workflow finished for the head, so its review replaces whatever waits for it. The
   * commit's unfinished check run (queued, waiting for the workflow) is reused; when this process is still working
   * on the commit, or its check already concluded (a re-run workflow), the review gets a new check run and the
   * older work ends as superseded.
   */
  async scheduleWorkflowReview(octokit: Octokit, target: ReviewTarget, log: Logger): Promise<ScheduleResult> {
    return this.lock.run(`check:${repoName(target.repo)}@${target.headSha}`, async (): Promise<ScheduleResult> => {
      const key = pullKey(target.repo, target.pullNumber);
      // Working on this commit here, or (with Redis) in another process: its check run is not reused, or the
      // supersede announcement of the new record would cancel the run this review then publishes on.
      const active = this.queue.activeTags(key).includes(target.headSha) || (await this.services.store.get(key))?.target.headSha === target.headSha;
      const existing = active ? undefined : await findCheckRun(octokit, target.repo, target.headSha, this.appId);
      const check = existing && existing.status !== 'completed' ? existing : await createCheckRun(octokit, target.repo, target.headSha, undefined);
      const review = { target, check: { id: check.id, htmlUrl: check.htmlUrl }, acceptedAt: new Date().toISOString(), starts: 0 };
      await acceptReview(review, this.queue, this.services);
      log.info({ checkRunId: check.id, workflowRun: target.workflowRun?.id, queue: this.queue.size }, 'review of the synth artifact queued');
      return 'queued';
    });
  }
}
