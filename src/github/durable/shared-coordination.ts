/**
 * What lets App processes sharing one Redis act as one, besides the work store: webhook deliveries seen by any
 * process, and locks that hold across processes (a check run created once per SHA, one comment per pull request).
 *
 * Hand-written over ioredis rather than a lock library (redlock): one Redis, sections of a few GitHub calls, and
 * the single-instance `SET NX PX` + compare-and-delete pattern Redis documents is all that is needed.
 */

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KeyedLock } from '../keyed-lock.js';

const DELETE_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const RENEW_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
/** GitHub redelivers within days at most; after that the check run found for the SHA stops a duplicate. */
const DELIVERY_TTL_SECONDS = 3 * 24 * 3600;

export class SharedDeliveries {
  constructor(private readonly redis: Redis) {}

  async firstTime(id: string): Promise<boolean> {
    return (await this.redis.set(`stackguard:delivery:${id}`, '1', 'EX', DELIVERY_TTL_SECONDS, 'NX')) === 'OK';
  }

  async forget(id: string): Promise<void> {
    await this.redis.del(`stackguard:delivery:${id}`);
  }
}

/**
 * The in-process lock (arrival order within the process) around a Redis lock (exclusion between processes).
 * The holder renews it while its section runs (GitHub's rate limits can stretch a section); a holder that dies
 * frees it after `ttlMs`.
 */
export class SharedLock extends KeyedLock {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs = 30_000,
  ) {
    super();
  }

  override run<T>(key: string, section: () => Promise<T>): Promise<T> {
    return super.run(key, async () => {
      const name = `stackguard:lock:${key}`;
      const token = randomUUID();
      for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
        if ((await this.redis.set(name, token, 'PX', this.ttlMs, 'NX')) === 'OK') break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const renewal = setInterval(() => void this.redis.eval(RENEW_IF_MINE, 1, name, token, String(this.ttlMs)).catch(() => undefined), this.ttlMs / 3);
      try {
        return await section();
      } finally {
        clearInterval(renewal);
        await this.redis.eval(DELETE_IF_MINE, 1, name, token);
      }
    });
  }
}
