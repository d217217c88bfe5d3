/**
 * Runs async sections one at a time per key, in arrival order. The App serialises "find or create the check run
 * for this SHA" and every write to a pull request's comment with it, so two webhooks arriving together (a
 * redelivery, `opened` and `ready_for_review` for one commit, a click during a publish) cannot both create.
 * In-process only: the App is meant to run as one replica (docs/deploy.md).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(section);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // Forget the key once nobody queued behind this section, so the map does not grow with every SHA.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
