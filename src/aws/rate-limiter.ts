/**
 * Spaces requests so at most `perSecond` start in any second. Security Hub's GetFindings allows about 3 requests a
 * second per account and region (with a burst of 6); paging through 300+ findings of a busy account, or several
 * reviews at once in the App, would otherwise be throttled. The SDK's retries handle what slips through.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class RateLimiter {
  private nextSlot = 0;

  constructor(
    readonly perSecond: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Resolves when the caller may send its request. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}

/** GetFindings requests a second, per account and region. */
export const GET_FINDINGS_PER_SECOND = 3;

const shared = new Map<string, RateLimiter>();

/** The process-wide limiter for one account and region, shared by every review and posture run of the process. */
export function getFindingsLimiter(account: string | null, region: string): RateLimiter {
  const key = `${account ?? 'default'}/${region}`;
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new RateLimiter(GET_FINDINGS_PER_SECOND);
    shared.set(key, limiter);
  }
  return limiter;
}
