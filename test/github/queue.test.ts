import { describe, expect, it } from 'vitest';
import { SupersededError, WorkQueue, type QueuedWork } from '../../src/github/queue.js';

const silent = { error: () => undefined };

/** Work that runs until released (or aborted), recording what happened to it. */
function work(key: string, group: string, tag: string, events: string[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const item: QueuedWork = {
    key,
    group,
    tag,
    run: async (signal) => {
      events.push(`start ${tag}`);
      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => {
          events.push(`abort ${tag}: ${(signal.reason as Error).message}`);
          resolve();
        });
        void released.then(resolve);
      });
      events.push(`end ${tag}`);
    },
    dropped: async (reason) => {
      events.push(`dropped ${tag}: ${reason.message}`);
    },
  };
  return { item, release };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('WorkQueue', () => {
  it('runs no more than the concurrency limit at once', async () => {
    // GIVEN a queue of two slots and three pull requests of three repositories
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 2, perGroup: 1, log: silent });
    const jobs = ['a', 'b', 'c'].map((repo) => work(`${repo}#1`, repo, repo, events));
    jobs.forEach((job) => queue.enqueue(job.item));
    await tick();
    // THEN two run and one waits
    expect(events).toEqual(['start a', 'start b']);
    expect(queue.size).toEqual({ running: 2, pending: 1 });
    // WHEN one finishes, the third starts
    jobs[0]?.release();
    await tick();
    expect(events).toEqual(['start a', 'start b', 'end a', 'start c']);
    jobs.slice(1).forEach((job) => job.release());
    await queue.onIdle();
  });

  it('lets a repository whose review hangs hold one slot only, so other repositories keep moving', async () => {
    // GIVEN a hung review in repository "slow" and more work queued there before work of "fast"
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 2, perGroup: 1, log: silent });
    const hung = work('slow#1', 'slow', 'slow-1', events);
    const slowSecond = work('slow#2', 'slow', 'slow-2', events);
    const fast = [1, 2, 3].map((n) => work(`fast#${n}`, 'fast', `fast-${n}`, events));
    queue.enqueue(hung.item);
    queue.enqueue(slowSecond.item);
    fast.forEach((job) => queue.enqueue(job.item));
    // WHEN the fast reviews finish one after another
    for (const job of fast) {
      await tick();
      job.release();
    }
    await tick();
    // THEN all of "fast" ran while "slow" held its one slot, and slow-2 still waits behind slow-1
    expect(events.filter((e) => e.startsWith('end'))).toEqual(['end fast-1', 'end fast-2', 'end fast-3']);
    expect(events).not.toContain('start slow-2');
    hung.release();
    await tick();
    expect(events).toContain('start slow-2');
    slowSecond.release();
    await queue.onIdle();
  });

  it('gives repositories turns instead of serving them in arrival order', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 1, log: silent });
    const jobs = [work('a#1', 'a', 'a1', events), work('a#2', 'a', 'a2', events), work('a#3', 'a', 'a3', events), work('b#1', 'b', 'b1', events)];
    jobs.forEach((job) => queue.enqueue(job.item));
    for (const job of [jobs[0], jobs[3], jobs[1], jobs[2]]) {
      await tick();
      job?.release();
    }
    await queue.onIdle();
    expect(events.filter((e) => e.startsWith('start'))).toEqual(['start a1', 'start b1', 'start a2', 'start a3']);
  });

  it('aborts the running review of a pull request when a newer one arrives, and starts the newer one after it stopped', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 2, perGroup: 2, log: silent });
    const old = work('r#7', 'r', 'sha-old', events);
    const newer = work('r#7', 'r', 'sha-new', events);
    queue.enqueue(old.item);
    await tick();
    queue.enqueue(newer.item);
    expect(queue.activeTags('r#7')).toEqual(['sha-new']);
    await tick();
    expect(events).toEqual(['start sha-old', 'abort sha-old: superseded by sha-new', 'end sha-old', 'start sha-new']);
    newer.release();
    await queue.onIdle();
  });

  it('drops a pending review of a pull request that a newer one replaces', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 1, log: silent });
    const blocker = work('x#1', 'x', 'blocker', events);
    const pendingOld = work('r#7', 'r', 'sha-old', events);
    const pendingNew = work('r#7', 'r', 'sha-new', events);
    queue.enqueue(blocker.item);
    queue.enqueue(pendingOld.item);
    queue.enqueue(pendingNew.item);
    await tick();
    expect(events).toEqual(['start blocker', 'dropped sha-old: superseded by sha-new']);
    blocker.release();
    await tick();
    pendingNew.release();
    await queue.onIdle();
    expect(events).not.toContain('start sha-old');
  });

  it('stops everything on shutdown: running work is aborted with the reason, pending work dropped with it', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 1, log: silent });
    queue.enqueue(work('a#1', 'a', 'a1', events).item);
    queue.enqueue(work('b#1', 'b', 'b1', events).item);
    await tick();
    queue.stopAll(new Error('stopping'));
    await queue.onIdle();
    expect(events[0]).toBe('start a1');
    expect(events.slice(1).sort()).toEqual(['abort a1: stopping', 'dropped b1: stopping', 'end a1']);
    expect(events).not.toContain('start b1');
  });

  it('when paused (the App is stopping), lets running work finish, starts nothing, and is idle once nothing runs', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 1, log: silent });
    const running = work('a#1', 'a', 'a1', events);
    queue.enqueue(running.item);
    queue.enqueue(work('b#1', 'b', 'b1', events).item);
    await tick();
    queue.pause();
    running.release();
    await queue.onIdle();
    expect(events).toEqual(['start a1', 'end a1']);
    expect(queue.size).toEqual({ running: 0, pending: 1 });
  });

  it('drops and aborts the work of a pull request another App process took newer work for', async () => {
    const events: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 2, log: silent });
    queue.enqueue(work('a#1', 'a', 'a1', events).item);
    queue.enqueue(work('a#2', 'a', 'a2', events).item);
    const other = work('b#1', 'b', 'b1', events);
    queue.enqueue(other.item);
    await tick();
    queue.supersede('a#1', 'a1-newer');
    queue.supersede('a#2', 'a2-newer');
    other.release();
    await queue.onIdle();
    expect(events).toEqual(expect.arrayContaining(['abort a1: superseded by a1-newer', 'dropped a2: superseded by a2-newer', 'start b1', 'end b1']));
    expect(events).not.toContain('start a2');
  });

  it('logs a failing review and goes on with the next', async () => {
    const logged: object[] = [];
    const queue = new WorkQueue({ concurrency: 1, perGroup: 1, log: { error: (details) => logged.push(details) } });
    const ran: string[] = [];
    queue.enqueue({ key: 'a', group: 'a', tag: 'a', run: async () => { throw new Error('boom'); } });
    queue.enqueue({ key: 'b', group: 'b', tag: 'b', run: async () => { ran.push('b'); } });
    await queue.onIdle();
    expect(ran).toEqual(['b']);
    expect(logged).toHaveLength(1);
  });

  it('names the superseding SHA in the abort reason', () => {
    expect(new SupersededError('abc').byTag).toBe('abc');
  });
});
