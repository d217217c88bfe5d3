import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../src/aws/concurrency.js';
import { RateLimiter } from '../../src/aws/rate-limiter.js';

describe('the GetFindings rate limiter', () => {
  it('spaces requests that start together to three a second, and lets one through at once after a pause', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(3, { now: () => now, sleep: async (ms) => void waits.push(Math.round(ms)) });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([333, 667, 1000]);
    now = 5000;
    await limiter.acquire();
    expect(waits).toHaveLength(3);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of results and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 10, 20, 5, 15], 2, async (ms, index) => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return index;
    });
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});
