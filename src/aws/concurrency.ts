/**
 * Runs an async function over items with at most `limit` in flight, keeping the order of results. Hand-written (a
 * dozen lines) rather than adding p-limit: 70 stacks read one by one are slow, all at once are throttled.
 */

export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
