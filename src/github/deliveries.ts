/**
 * Webhook deliveries already handled, by `X-GitHub-Delivery` id. GitHub redelivers on a timeout or when someone
 * presses "Redeliver"; the second copy must not start a second review. Bounded, oldest forgotten first: after
 * that (or after a restart) the check run found for the SHA is what stops a duplicate.
 */
export class SeenDeliveries {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time an id is offered, false for every later time. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  /** A delivery whose handling failed may be redelivered and must then run again. */
  forget(id: string): void {
    this.seen.delete(id);
  }
}
