/**
 * The work store in Redis (REDIS_URL), shared by every App process. Records live in one hash (field: the pull
 * request), so any process can list and resume them. A claim is a lease key (`SET NX PX`) naming the process;
 * the process renews its leases while it holds the work, so a process that dies loses them within
 * `leaseMs` and another process's sweep (resume.ts) takes the work over. Saving a record also announces it on a
 * channel: the other processes drop or abort their work of that pull request, as a newer push supersedes it.
 */

import type { Redis } from 'ioredis';
import { reviewKey, type AcceptedReview, type WorkStore } from './work-store.js';

const RECORDS = 'stackguard:reviews';
const SUPERSEDED = 'stackguard:superseded';
/** Deletes or renews a key only while it still holds this process's value (a lease it has not lost). */
const DELETE_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const DELETE_RECORD_IF_CHECK =
  "local v = redis.call('hget', KEYS[1], ARGV[1]) if v and cjson.decode(v).check.id == tonumber(ARGV[2]) then return redis.call('hdel', KEYS[1], ARGV[1]) end return 0";
const COUNT_START =
  "local v = redis.call('hget', KEYS[1], ARGV[1]) if not v then return 0 end local r = cjson.decode(v) if r.check.id ~= tonumber(ARGV[2]) then return 0 end " +
  "r.starts = r.starts + 1 redis.call('hset', KEYS[1], ARGV[1], cjson.encode(r)) return r.starts";
const RENEW_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";

export class RedisWorkStore implements WorkStore {
  private readonly held = new Set<string>();
  private readonly renewal: NodeJS.Timeout;
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly log: { warn(details: object, message: string): void },
  ) {
    this.renewal = setInterval(() => void this.renew(), Math.max(100, Math.floor(leaseMs / 3)));
    this.renewal.unref();
  }

  async save(review: AcceptedReview): Promise<void> {
    const key = reviewKey(review);
    await this.redis.hset(RECORDS, key, JSON.stringify(review));
    await this.redis.publish(SUPERSEDED, JSON.stringify({ key, owner: this.owner, tag: review.target.headSha }));
  }

  async get(key: string): Promise<AcceptedReview | undefined> {
    const text = await this.redis.hget(RECORDS, key);
    return text ? (JSON.parse(text) as AcceptedReview) : undefined;
  }

  async list(): Promise<AcceptedReview[]> {
    return Object.values(await this.redis.hgetall(RECORDS)).map((text) => JSON.parse(text) as AcceptedReview);
  }

  async countStart(key: string, checkId: number): Promise<number> {
    return Number(await this.redis.eval(COUNT_START, 1, RECORDS, key, String(checkId)));
  }

  async remove(key: string, checkId: number): Promise<void> {
    await this.release(key, checkId);
    // One script, so that a newer record saved by another process between the read and the delete survives.
    await this.redis.eval(DELETE_RECORD_IF_CHECK, 1, RECORDS, key, String(checkId));
  }

  async claim(key: string, checkId: number): Promise<boolean> {
    const lease = leaseKey(key, checkId);
    if (this.held.has(lease)) return false;
    const taken = await this.redis.set(lease, this.owner, 'PX', this.leaseMs, 'NX');
    if (taken !== 'OK') return false;
    this.held.add(lease);
    return true;
  }

  async release(key: string, checkId: number): Promise<void> {
    const lease = leaseKey(key, checkId);
    if (!this.held.delete(lease)) return;
    await this.redis.eval(DELETE_IF_MINE, 1, lease, this.owner);
  }

  onSuperseded(listener: (key: string, byTag: string) => void): void {
    this.subscriber ??= this.redis.duplicate();
    void this.subscriber.subscribe(SUPERSEDED);
    this.subscriber.on('message', (_channel: string, text: string) => {
      const { key, owner, tag } = JSON.parse(text) as { key: string; owner: string; tag: string };
      if (owner !== this.owner) listener(key, tag);
    });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    await Promise.all([...this.held].map((lease) => this.redis.eval(DELETE_IF_MINE, 1, lease, this.owner)));
    this.held.clear();
    this.subscriber?.disconnect();
  }

  private async renew(): Promise<void> {
    for (const lease of this.held) {
      try {
        const kept = await this.redis.eval(RENEW_IF_MINE, 1, lease, this.owner, String(this.leaseMs));
        // Lost (this process stalled longer than the lease): another process may have taken the work over.
        if (kept === 0) this.log.warn({ lease }, 'a review lease expired before it was renewed');
      } catch (error) {
        this.log.warn({ lease, err: error }, 'renewing a review lease failed');
      }
    }
  }
}

function leaseKey(key: string, checkId: number): string {
  return `stackguard:lease:${key}@${checkId}`;
}
