/**
 * Base-branch sides already synthesized, by repository, base SHA and app folder: pull requests on the same base
 * commit (and every push to one pull request while its base stays put) share one base synth. Kept in the App's
 * memory, not on disk, because the synths of later pull requests run as the same user and could otherwise
 * rewrite a cached baseline to hide their own changes. A failed synth is not cached.
 */

import type { LoadedSide } from '../../sources/load-side.js';

export class BaseSideCache {
  private readonly entries = new Map<string, Promise<LoadedSide>>();

  constructor(private readonly capacity = 50) {}

  get(key: string): Promise<LoadedSide> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, side: Promise<LoadedSide>): void {
    this.entries.set(key, side);
    side.catch(() => {
      if (this.entries.get(key) === side) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
