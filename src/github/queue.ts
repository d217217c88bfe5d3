/**
 * The in-process work queue of the App. GitHub waits ten seconds for a webhook answer and a review takes minutes,
 * so handlers only enqueue; this runs the reviews with a global concurrency limit and per-repository fairness.
 *
 * Hand-written rather than p-queue or Bottleneck: neither knows "the same pull request again", and that is the
 * queue's main job here. Work with the same key supersedes: newer work replaces pending work of the key and
 * aborts running work of the key (through its AbortSignal), and never starts while the old work still runs.
 * Groups (repositories) take turns, and each may hold only `perGroup` slots, so one repository whose synth
 * hangs until its timeout cannot starve the others.
 */

export interface QueuedWork {
  /** Work with the same key supersedes earlier work of that key (the App uses the pull request). */
  key: string;
  /** The fairness group (the App uses the repository). */
  group: string;
  /** What the caller needs to recognise the work again (the App uses the head SHA). */
  tag: string;
  run(signal: AbortSignal): Promise<void>;
  /** Called when the work is dropped before it started: newer work with its key arrived, or the queue stopped. */
  dropped?(reason: Error): Promise<void>;
}

export interface QueueLogger {
  error(details: object, message: string): void;
}

export interface WorkQueueOptions {
  concurrency: number;
  perGroup: number;
  log: QueueLogger;
}

/** The reason a running review's signal carries when a newer one of the same pull request replaced it. */
export class SupersededError extends Error {
  constructor(readonly byTag: string) {
    super(`superseded by ${byTag}`);
    this.name = 'SupersededError';
  }
}

/**
 * The reason running work's signal carries when the App stops before the work finished: the work is neither
 * published nor forgotten, and the next start (or another process) resumes it (src/github/durable/).
 */
export class ProcessStopping extends Error {
  constructor() {
    super('the App is stopping; the review is kept for its next start');
    this.name = 'ProcessStopping';
  }
}

interface Running {
  work: QueuedWork;
  controller: AbortController;
}

export class WorkQueue {
  private readonly pending = new Map<string, QueuedWork[]>();
  /** When each group was last served (a counter): the least recently served group goes next. */
  private readonly served = new Map<string, number>();
  private turn = 0;
  private readonly running = new Map<string, Running>();
  private readonly runningPerGroup = new Map<string, number>();
  private idleWaiters: Array<() => void> = [];
  private droppingCount = 0;
  private paused = false;

  constructor(private readonly options: WorkQueueOptions) {}

  enqueue(work: QueuedWork): void {
    this.supersede(work.key, work.tag);
    const list = this.pending.get(work.group) ?? [];
    list.push(work);
    this.pending.set(work.group, list);
    this.pump();
  }

  /** Newer work of `key` arrived (here or in another App process): drop what is pending and abort what runs. */
  supersede(key: string, byTag: string): void {
    for (const [group, list] of this.pending) {
      const stale = list.filter((item) => item.key === key);
      if (stale.length === 0) continue;
      const kept = list.filter((item) => item.key !== key);
      if (kept.length > 0) this.pending.set(group, kept);
      else this.pending.delete(group);
      stale.forEach((item) => this.drop(item, new SupersededError(byTag)));
    }
    this.running.get(key)?.controller.abort(new SupersededError(byTag));
    this.notifyIfIdle();
  }

  /** Starts no more work (the App is stopping); pending work waits, and `onIdle` no longer waits for it. */
  pause(): void {
    this.paused = true;
    this.notifyIfIdle();
  }

  /** Tags of the work of a key that is pending or running and not yet superseded. */
  activeTags(key: string): string[] {
    const pending = [...this.pending.values()].flat().filter((work) => work.key === key);
    const running = this.running.get(key);
    const live = running && !running.controller.signal.aborted ? [running.work] : [];
    return [...live, ...pending].map((work) => work.tag);
  }

  get size(): { running: number; pending: number } {
    return { running: this.running.size, pending: [...this.pending.values()].flat().length };
  }

  /** Resolves when nothing is pending (or the queue is paused) and nothing runs (tests and graceful stop wait on it). */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.paused && this.running.size < this.options.concurrency) {
      const next = this.takeNext();
      if (!next) break;
      this.start(next);
    }
    this.notifyIfIdle();
  }

  /** The first startable work of the least recently served group that is under its slot limit. */
  private takeNext(): QueuedWork | undefined {
    let chosen: { group: string; index: number; served: number } | undefined;
    for (const [group, list] of this.pending) {
      if ((this.runningPerGroup.get(group) ?? 0) >= this.options.perGroup) continue;
      const index = list.findIndex((work) => !this.running.has(work.key));
      if (index < 0) continue;
      const served = this.served.get(group) ?? 0;
      // Map order is arrival order, so among equals the group that has waited longest wins.
      if (!chosen || served < chosen.served) chosen = { group, index, served };
    }
    if (!chosen) return undefined;
    const list = this.pending.get(chosen.group) ?? [];
    const [work] = list.splice(chosen.index, 1);
    if (list.length === 0) this.pending.delete(chosen.group);
    this.served.set(chosen.group, ++this.turn);
    return work;
  }

  private start(work: QueuedWork): void {
    const controller = new AbortController();
    this.running.set(work.key, { work, controller });
    this.runningPerGroup.set(work.group, (this.runningPerGroup.get(work.group) ?? 0) + 1);
    work
      .run(controller.signal)
      .catch((error: unknown) => this.options.log.error({ err: error, key: work.key }, 'queued work failed'))
      .finally(() => {
        this.running.delete(work.key);
        const count = (this.runningPerGroup.get(work.group) ?? 1) - 1;
        if (count > 0) this.runningPerGroup.set(work.group, count);
        else this.runningPerGroup.delete(work.group);
        if (count <= 0 && !this.pending.has(work.group)) this.served.delete(work.group);
        this.pump();
      });
  }

  /** Stops everything (the App is shutting down): running work is aborted with `reason`, pending work dropped. */
  stopAll(reason: Error): void {
    this.dropPending(reason);
    this.running.forEach(({ controller }) => controller.abort(reason));
    this.notifyIfIdle();
  }

  /** Drops all pending work with `reason` (a stopping App hands it to the next start or another process). */
  dropPending(reason: Error): void {
    const pending = [...this.pending.values()].flat();
    this.pending.clear();
    pending.forEach((work) => this.drop(work, reason));
  }

  private drop(work: QueuedWork, reason: Error): void {
    this.droppingCount++;
    Promise.resolve()
      .then(() => work.dropped?.(reason))
      .catch((error: unknown) => this.options.log.error({ err: error, key: work.key }, 'dropping superseded work failed'))
      .finally(() => {
        this.droppingCount--;
        this.notifyIfIdle();
      });
  }

  private isIdle(): boolean {
    return this.running.size === 0 && (this.pending.size === 0 || this.paused) && this.droppingCount === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}
