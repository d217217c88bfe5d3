/**
 * The record of accepted reviews, the same contract for the file store (the App's data volume) and the Redis store
 * (a real redis-server, test/e2e/redis-server.ts), and what only Redis does: leases that a dead process loses,
 * supersession announced to the other processes, deliveries and locks shared between processes.
 */

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileWorkStore } from '../../src/github/durable/file-store.js';
import { RedisWorkStore } from '../../src/github/durable/redis-store.js';
import { SharedDeliveries, SharedLock } from '../../src/github/durable/shared-coordination.js';
import type { AcceptedReview, WorkStore } from '../../src/github/durable/work-store.js';
import { startRedisServer, type RedisServer } from '../e2e/redis-server.js';
import { removeTempDirs, tempDir } from './helpers/files.js';

const quiet = { warn: () => undefined };
const KEY = 'work-store-test-key';

function review(pullNumber: number, checkId: number, headSha = 'a'.repeat(40)): AcceptedReview {
  return {
    target: { deliveryId: `d-${checkId}`, installationId: 1, repo: { owner: 'Codertocat', repo: 'Hello-World' }, defaultBranch: 'master', pullNumber, headSha },
    check: { id: checkId, htmlUrl: null },
    acceptedAt: '2026-03-02T10:00:00.000Z',
    starts: 0,
  };
}

let redisServer: RedisServer;
const clients: Redis[] = [];
const stores: WorkStore[] = [];
function redisClient(): Redis {
  const client = new Redis(redisServer.url);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  redisServer = await startRedisServer();
}, 30_000);

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  clients.forEach((client) => client.disconnect());
  await redisServer?.stop();
  await removeTempDirs();
});

const kinds: Array<[string, () => Promise<WorkStore>]> = [
  ['file', async () => new FileWorkStore(path.join(await tempDir('stackguard-store-'), 'reviews'), KEY, quiet)],
  [
    'Redis',
    async () => {
      const client = redisClient();
      await client.flushall();
      return new RedisWorkStore(client, 'test-process', 30_000, quiet);
    },
  ],
];

describe.each(kinds)('the %s work store', (_kind, make) => {
  it('keeps one record per pull request, the newest replacing the older', async () => {
    const store = await make();
    stores.push(store);
    await store.save(review(2, 100));
    await store.save(review(3, 101));
    await store.save(review(2, 102, 'b'.repeat(40)));
    const listed = await store.list();
    expect(listed.map((r) => r.check.id).sort()).toEqual([101, 102]);
    expect((await store.get('Codertocat/Hello-World#2'))?.target.headSha).toBe('b'.repeat(40));
  });

  it('forgets a concluded review, but never the newer review that replaced it', async () => {
    const store = await make();
    stores.push(store);
    await store.save(review(2, 100));
    await store.save(review(2, 102));
    await store.remove('Codertocat/Hello-World#2', 100);
    expect((await store.get('Codertocat/Hello-World#2'))?.check.id).toBe(102);
    await store.remove('Codertocat/Hello-World#2', 102);
    expect(await store.list()).toEqual([]);
  });

  it('counts the starts of a review, and not of one a newer review replaced', async () => {
    const store = await make();
    stores.push(store);
    await store.save(review(2, 100));
    expect(await store.countStart('Codertocat/Hello-World#2', 100)).toBe(1);
    expect(await store.countStart('Codertocat/Hello-World#2', 100)).toBe(2);
    expect(await store.countStart('Codertocat/Hello-World#2', 99)).toBe(0);
    expect((await store.get('Codertocat/Hello-World#2'))?.starts).toBe(2);
  });

  it('lets one claim win until it is released', async () => {
    const store = await make();
    stores.push(store);
    expect(await store.claim('Codertocat/Hello-World#2', 100)).toBe(true);
    expect(await store.claim('Codertocat/Hello-World#2', 100)).toBe(false);
    await store.release('Codertocat/Hello-World#2', 100);
    expect(await store.claim('Codertocat/Hello-World#2', 100)).toBe(true);
  });
});

describe('the file work store', () => {
  it('writes through a temporary file renamed into place, leaving no temporary file', async () => {
    const dir = path.join(await tempDir('stackguard-store-'), 'reviews');
    const store = new FileWorkStore(dir, KEY, quiet);
    await store.save(review(2, 100));
    await store.countStart('Codertocat/Hello-World#2', 100);
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    const sealed = JSON.parse(await readFile(path.join(dir, names[0] ?? ''), 'utf8')) as { review: string };
    expect(JSON.parse(sealed.review)).toMatchObject({ check: { id: 100 }, starts: 1 });
  });

  it('drops a record forged without the App\'s key (a synth can write the folder)', async () => {
    const dir = path.join(await tempDir('stackguard-store-'), 'reviews');
    const warnings: string[] = [];
    const forger = new FileWorkStore(dir, 'a key the synth made up', quiet);
    await forger.save(review(2, 100));
    const store = new FileWorkStore(dir, KEY, { warn: (_details, message) => void warnings.push(message) });
    expect(await store.list()).toEqual([]);
    expect(warnings).toEqual(['review record with a wrong signature removed']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('drops a record that is not JSON instead of failing every start', async () => {
    const dir = path.join(await tempDir('stackguard-store-'), 'reviews');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'broken.json'), '{"target": ');
    const warnings: string[] = [];
    const store = new FileWorkStore(dir, KEY, { warn: (_details, message) => void warnings.push(message) });
    await store.save(review(2, 100));
    expect((await store.list()).map((r) => r.check.id)).toEqual([100]);
    expect(warnings).toEqual(['unreadable review record removed']);
    expect(await readdir(dir)).toHaveLength(1);
  });
});

describe('the Redis work store across processes', () => {
  it('hands a dead process\'s work to another once its lease expires', async () => {
    const dyingClient = redisClient();
    const dying = new RedisWorkStore(dyingClient, 'dying', 300, quiet);
    const other = new RedisWorkStore(redisClient(), 'other', 300, quiet);
    stores.push(other);
    expect(await dying.claim('o/r#7', 1)).toBe(true);
    expect(await other.claim('o/r#7', 1)).toBe(false);
    // The dying process loses its connection: it can no longer renew, as after a SIGKILL.
    dyingClient.disconnect();
    expect(await waitFor(() => other.claim('o/r#7', 1))).toBe(true);
  });

  it('releases its claims when it closes, so another process need not wait for them to expire', async () => {
    const closing = new RedisWorkStore(redisClient(), 'closing', 60_000, quiet);
    const other = new RedisWorkStore(redisClient(), 'other', 60_000, quiet);
    stores.push(other);
    expect(await closing.claim('o/r#8', 2)).toBe(true);
    expect(await other.claim('o/r#8', 2)).toBe(false);
    await closing.close();
    expect(await other.claim('o/r#8', 2)).toBe(true);
  });

  it('tells the other processes, not itself, that a pull request has newer work', async () => {
    const first = new RedisWorkStore(redisClient(), 'first', 30_000, quiet);
    const second = new RedisWorkStore(redisClient(), 'second', 30_000, quiet);
    stores.push(first, second);
    const heardByFirst: string[] = [];
    const heardBySecond: string[] = [];
    first.onSuperseded((key, tag) => heardByFirst.push(`${key}@${tag}`));
    second.onSuperseded((key, tag) => heardBySecond.push(`${key}@${tag}`));
    await first.ping();
    await second.ping();
    await waitFor(async () => {
      await second.save(review(4, 400, 'c'.repeat(40)));
      return heardByFirst.length > 0;
    });
    expect(heardByFirst[0]).toBe(`Codertocat/Hello-World#4@${'c'.repeat(40)}`);
    expect(heardBySecond).toEqual([]);
  });

  it('sees a delivery once over all processes, and again after a failed handler forgets it', async () => {
    const one = new SharedDeliveries(redisClient());
    const two = new SharedDeliveries(redisClient());
    expect(await one.firstTime('delivery-1')).toBe(true);
    expect(await two.firstTime('delivery-1')).toBe(false);
    await one.forget('delivery-1');
    expect(await two.firstTime('delivery-1')).toBe(true);
  });

  it('runs the sections of one key one at a time over all processes', async () => {
    const locks = [new SharedLock(redisClient()), new SharedLock(redisClient())];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (locks[index % 2] as SharedLock).run('check:o/r@sha', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          order.push(index);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

/** Polls `check` until it resolves true. */
async function waitFor(check: () => Promise<boolean>): Promise<boolean> {
  for (let tries = 0; tries < 400; tries++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}
